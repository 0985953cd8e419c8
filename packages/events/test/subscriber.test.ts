import { EventType, declareSubscription, type EventBusClient, type Subscription } from '@blog/events';

const subscription: Subscription = { url: 'http://moderation:4003/events', types: [EventType.CommentCreated] };
const silentLogger = { info: () => undefined, warn: () => undefined };

function busThatFails(times: number) {
  const calls: Array<{ name: string; subscription: Subscription }> = [];
  let failuresLeft = times;
  const bus = {
    subscribe: async (name: string, declared: Subscription) => {
      calls.push({ name, subscription: declared });
      if (failuresLeft-- > 0) throw new Error('connect ECONNREFUSED');
    },
  } as unknown as EventBusClient;
  return { bus, calls };
}

describe('declareSubscription', () => {
  test('declareSubscription, when the bus accepts at once, declares the subscription once', async () => {
    // Arrange
    const { bus, calls } = busThatFails(0);

    // Act
    await declareSubscription(bus, 'moderation', subscription, silentLogger);

    // Assert
    expect(calls).toEqual([{ name: 'moderation', subscription }]);
  });

  test('declareSubscription, when the bus is not up yet, retries until it accepts', async () => {
    // Arrange
    const { bus, calls } = busThatFails(1);
    const logger = { info: jest.fn(), warn: jest.fn() };

    // Act
    await declareSubscription(bus, 'moderation', subscription, logger);

    // Assert
    expect(calls).toHaveLength(2);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(expect.objectContaining({ subscription: 'moderation' }), 'subscription declared');
  });

  test('declareSubscription, when aborted while the bus is down, rejects instead of retrying forever', async () => {
    // Arrange
    const { bus, calls } = busThatFails(Number.POSITIVE_INFINITY);
    const controller = new AbortController();

    // Act
    const declaring = declareSubscription(bus, 'moderation', subscription, silentLogger, controller.signal);
    controller.abort();

    // Assert
    await expect(declaring).rejects.toThrow();
    expect(calls).toHaveLength(1);
  });
});
