import { EventType, Projection } from '@blog/events';
import { FakeLog, postCreated, silentLogger } from './fake-log';

/*
 * A service that gets SIGTERM while its projection is still rebuilding
 * (a slow or big log) calls stop() before the tail exists. The rebuild must
 * not open the tail afterwards: nothing would ever close it.
 */
describe('Projection.stop during the rebuild', () => {
  test('Projection.stop, when called while the rebuild is still reading the log, keeps the tail from being opened', async () => {
    // Arrange
    const log = new FakeLog();
    log.events = [postCreated(1)];
    let openTheGate!: () => void;
    log.headGate = new Promise<void>((resolve) => (openTheGate = resolve));
    const projection = new Projection({ bus: log.client(), types: [EventType.PostCreated], apply: () => undefined, logger: silentLogger });

    // Act
    const stopped = projection.stop();
    openTheGate();
    await stopped;
    await projection.caughtUp;

    // Assert
    expect(log.tailOptions).toHaveLength(0);
  });
});
