import { EventBusClient, type StoredEvent } from '@blog/events';
import { commentCreated, eventually, postCreated, startTestBus, tempDataDir } from './helpers';

describe('GET /events/stream (the live tail)', () => {
  it('a tail from a seq, with history and live appends, receives every later event once, in order', async () => {
    // Arrange
    const bus = await startTestBus(tempDataDir());
    const client = new EventBusClient({ baseUrl: bus.url });
    for (let i = 1; i <= 3; i++) await client.publish(postCreated(`p${i}`));
    const seen: StoredEvent[] = [];
    // Act
    const tail = client.tail({ after: 1, onEvent: (event) => void seen.push(event) });
    await eventually(() => seen.length === 2, 'history');
    await client.publish(postCreated('p4'));
    await eventually(() => seen.length === 3, 'the live event');
    // Assert
    expect(seen.map((e) => e.seq)).toEqual([2, 3, 4]);
    await tail.close();
    await bus.stop();
  });

  it('a tail filtered by type, when other types are appended, hears the position and no other event', async () => {
    const bus = await startTestBus(tempDataDir());
    const client = new EventBusClient({ baseUrl: bus.url });
    const seen: StoredEvent[] = [];
    const positions: number[] = [];
    const tail = client.tail({ after: 0, types: ['CommentCreated'], onEvent: (e) => void seen.push(e), onPosition: (seq) => void positions.push(seq) });

    await client.publish(postCreated('p1'));
    await client.publish(commentCreated('c1'));
    await client.publish(postCreated('p2'));
    await eventually(() => tail.lastSeq === 3, 'position 3');

    expect(seen.map((e) => e.type)).toEqual(['CommentCreated']);
    expect(positions).toContain(3);
    await tail.close();
    await bus.stop();
  });

  it('a tail, when the bus restarts on the same data, reconnects and resumes after its last event', async () => {
    const dir = tempDataDir();
    const bus = await startTestBus(dir);
    const port = bus.server.port;
    const client = new EventBusClient({ baseUrl: bus.url });
    const seen: number[] = [];
    const tail = client.tail({ after: 0, onEvent: (e) => void seen.push(e.seq), maxBackoffMs: 100 });
    await client.publish(postCreated('p1'));
    await eventually(() => seen.length === 1, 'first event');

    await bus.stop();
    const restarted = await startTestBus(dir, { port });
    await client.publish(postCreated('p2'));
    await eventually(() => seen.length === 2, 'event after the restart');

    expect(seen).toEqual([1, 2]);
    await tail.close();
    await restarted.stop();
  });

  it('the stream, when the bus shuts down, is closed so the bus can drain', async () => {
    const bus = await startTestBus(tempDataDir());
    const client = new EventBusClient({ baseUrl: bus.url });
    const tail = client.tail({ after: 0, onEvent: () => undefined });
    await eventually(() => bus.streams.size === 1, 'stream open');

    const drained = await bus.server.shutdown();

    expect(drained).toBe(true);
    expect(bus.streams.size).toBe(0);
    await tail.close();
  });
});
