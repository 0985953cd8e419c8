import { BusUnavailableError, EventType, Projection, type StoredEvent } from '@blog/events';
import { FakeLog, postCreated, silentLogger } from './fake-log';

function commentCreated(seq: number): StoredEvent {
  return {
    id: `e${seq}`,
    seq,
    occurredAt: '2026-01-01T00:00:00.000Z',
    type: EventType.CommentCreated,
    data: { id: `c${seq}`, postId: 'p1', content: 'hi', status: 'pending' },
  };
}

describe('Projection', () => {
  const projections: Projection[] = [];
  const start = (log: FakeLog, options: { pageSize?: number; types?: EventType[]; apply?: (event: StoredEvent) => void; logger?: typeof silentLogger } = {}) => {
    const applied: number[] = [];
    const projection = new Projection({
      bus: log.client(),
      types: options.types ?? [EventType.PostCreated],
      apply: options.apply ?? ((event) => void applied.push(event.seq)),
      logger: options.logger ?? silentLogger,
      pageSize: options.pageSize,
    });
    projections.push(projection);
    return { projection, applied };
  };
  afterEach(async () => {
    await Promise.all(projections.splice(0).map((p) => p.stop()));
  });

  test('Projection, when the log holds more than a page, rebuilds page by page and applies every event in order', async () => {
    // Arrange
    const log = new FakeLog();
    log.events = [1, 2, 3, 4, 5].map((seq) => postCreated(seq));

    // Act
    const { projection, applied } = start(log, { pageSize: 2 });
    await projection.caughtUp;

    // Assert
    expect(applied).toEqual([1, 2, 3, 4, 5]);
    expect(log.readPageCalls.map((call) => call.after)).toEqual([0, 2, 4]);
    expect(log.readPageCalls.every((call) => call.limit === 2)).toBe(true);
    expect(projection.lastSeq).toBe(5);
  });

  test('Projection, when a page is exactly full, reads one more page to be sure it reached the end', async () => {
    // Arrange
    const log = new FakeLog();
    log.events = [1, 2, 3, 4].map((seq) => postCreated(seq));

    // Act
    const { projection, applied } = start(log, { pageSize: 2 });
    await projection.caughtUp;

    // Assert
    expect(applied).toEqual([1, 2, 3, 4]);
    expect(log.readPageCalls.map((call) => call.after)).toEqual([0, 2, 4]);
  });

  test('Projection, when rebuilt, asks only for its own event types', async () => {
    // Arrange
    const log = new FakeLog();
    log.events = [postCreated(1), commentCreated(2)];

    // Act
    const { projection, applied } = start(log, { types: [EventType.CommentCreated] });
    await projection.caughtUp;

    // Assert
    expect(log.readPageCalls[0]!.types).toEqual([EventType.CommentCreated]);
    expect(applied).toEqual([2]);
  });

  test('Projection, when its types end before the head of the log, counts itself caught up to the head', async () => {
    // Arrange
    const log = new FakeLog();
    log.events = [postCreated(1), commentCreated(2), commentCreated(3)];

    // Act
    const { projection } = start(log, { types: [EventType.PostCreated] });
    await projection.caughtUp;

    // Assert
    expect(projection.lastSeq).toBe(3);
    await expect(projection.waitForSeq(3, 10)).resolves.toBe(true);
  });

  test('Projection, when rebuilt, follows the tail from where the rebuild stopped, with its types', async () => {
    // Arrange
    const log = new FakeLog();
    log.events = [postCreated(1), postCreated(2)];

    // Act
    const { projection } = start(log);
    await projection.caughtUp;

    // Assert
    expect(log.tailOptions).toHaveLength(1);
    expect(log.tail.after).toBe(2);
    expect(log.tail.types).toEqual([EventType.PostCreated]);
  });

  test('Projection, when the bus cannot be read at first, retries until it rebuilds', async () => {
    // Arrange
    const log = new FakeLog();
    log.events = [postCreated(1)];
    log.failNextReads = 1;
    const logger = { info: jest.fn(), warn: jest.fn() };

    // Act
    const { projection, applied } = start(log, { logger });
    await projection.caughtUp;

    // Assert
    expect(applied).toEqual([1]);
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ retryInMs: 200 }), expect.any(String));
  });

  test('Projection, when the tail brings events, applies the new ones and skips any already applied', async () => {
    // Arrange
    const log = new FakeLog();
    log.events = [postCreated(1), postCreated(2)];
    const { projection, applied } = start(log);
    await projection.caughtUp;

    // Act
    await log.tail.onEvent(postCreated(2));
    await log.tail.onEvent(postCreated(3));
    await log.tail.onEvent(postCreated(3));

    // Assert
    expect(applied).toEqual([1, 2, 3]);
    expect(projection.lastSeq).toBe(3);
  });

  test('Projection.waitForSeq, when the seq was already applied, resolves true at once', async () => {
    // Arrange
    const log = new FakeLog();
    log.events = [postCreated(1)];
    const { projection } = start(log);
    await projection.caughtUp;

    // Act
    const seen = await projection.waitForSeq(1, 0);

    // Assert
    expect(seen).toBe(true);
  });

  test('Projection.waitForSeq, when the tail later delivers that seq, resolves true', async () => {
    // Arrange
    const log = new FakeLog();
    const { projection } = start(log);
    await projection.caughtUp;
    const waiting = projection.waitForSeq(2, 5000);

    // Act
    await log.tail.onEvent(postCreated(1));
    await log.tail.onEvent(postCreated(2));

    // Assert
    await expect(waiting).resolves.toBe(true);
  });

  test('Projection.waitForSeq, when the tail reports a position past that seq, resolves true', async () => {
    // Arrange
    const log = new FakeLog();
    const { projection } = start(log);
    await projection.caughtUp;
    const waiting = projection.waitForSeq(4, 5000);

    // Act
    log.tail.onPosition!(6);

    // Assert
    await expect(waiting).resolves.toBe(true);
    expect(projection.lastSeq).toBe(6);
  });

  test('Projection.waitForSeq, when the seq never arrives, resolves false after the timeout', async () => {
    // Arrange
    const log = new FakeLog();
    const { projection } = start(log);
    await projection.caughtUp;

    // Act
    const seen = await projection.waitForSeq(9, 20);

    // Assert
    expect(seen).toBe(false);
  });

  test('Projection.catchUpWithLog, when the log head arrives through the tail in time, resolves true', async () => {
    // Arrange
    const log = new FakeLog();
    log.events = [postCreated(1)];
    const { projection, applied } = start(log);
    await projection.caughtUp;
    log.events.push(postCreated(2));

    // Act
    const catchingUp = projection.catchUpWithLog(5000);
    await new Promise((resolve) => setImmediate(resolve));
    await log.tail.onEvent(postCreated(2));

    // Assert
    await expect(catchingUp).resolves.toBe(true);
    expect(applied).toEqual([1, 2]);
  });

  test('Projection.catchUpWithLog, when the head does not arrive in time, resolves false', async () => {
    // Arrange
    const log = new FakeLog();
    const { projection } = start(log);
    await projection.caughtUp;
    log.events.push(postCreated(1));

    // Act
    const caughtUp = await projection.catchUpWithLog(20);

    // Assert
    expect(caughtUp).toBe(false);
  });

  test('Projection.catchUpWithLog, when the bus cannot say where its head is, fails with the bus error', async () => {
    // Arrange
    const log = new FakeLog();
    const { projection } = start(log);
    await projection.caughtUp;
    log.headFailure = new BusUnavailableError('event bus unreachable');

    // Act
    const catchingUp = projection.catchUpWithLog(100);

    // Assert
    await expect(catchingUp).rejects.toBeInstanceOf(BusUnavailableError);
  });

  test('Projection.stop, when the projection follows the tail, closes the tail', async () => {
    // Arrange
    const log = new FakeLog();
    const { projection } = start(log);
    await projection.caughtUp;

    // Act
    await projection.stop();

    // Assert
    expect(log.tailsClosed).toBe(1);
  });
});
