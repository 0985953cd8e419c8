import type http from 'node:http';
import { EventType, tailEvents, type StoredEvent, type TailHandle } from '@blog/events';
import { startLocalServer, waitFor, type LocalServer } from './local-server';

function postCreated(seq: number): StoredEvent {
  return { id: `e${seq}`, seq, occurredAt: '2026-01-01T00:00:00.000Z', type: EventType.PostCreated, data: { id: `p${seq}`, title: `Post ${seq}` } };
}
const frame = (event: StoredEvent) => `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`;
const position = (seq: number) => `event: position\ndata: {"seq":${seq}}\n\n`;

/** What the fake bus does on its n-th stream connection: write frames, then end the stream or keep it open. */
type Script = { frames: string; then: 'end' | 'stay open' | 'cut the connection' } | { status: number };

async function startStreamServer(scripts: Script[]): Promise<LocalServer> {
  return startLocalServer((_req, res: http.ServerResponse, index) => {
    const script = scripts[Math.min(index, scripts.length - 1)]!;
    if ('status' in script) {
      res.writeHead(script.status).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(script.frames, () => {
      if (script.then === 'end') res.end();
      // A crash of the bus: no end of the chunked body, just a dead socket.
      if (script.then === 'cut the connection') res.socket?.destroy();
    });
  });
}

const afterOf = (server: LocalServer, index: number) => new URL(server.requests[index]!.url, server.baseUrl).searchParams.get('after');

describe('tailEvents', () => {
  let server: LocalServer | undefined;
  let tail: TailHandle | undefined;
  afterEach(async () => {
    await tail?.close();
    await server?.close();
    tail = undefined;
    server = undefined;
  });

  test('tailEvents, when started, asks for the stream after the given seq and with the given types', async () => {
    // Arrange
    server = await startStreamServer([{ frames: '', then: 'stay open' }]);
    const connected = jest.fn();

    // Act
    tail = tailEvents({ baseUrl: server.baseUrl, after: 7, types: [EventType.PostCreated, EventType.CommentCreated], onEvent: () => undefined, onConnect: connected });
    await waitFor(() => connected.mock.calls.length === 1, 3000, 'the connection');

    // Assert
    const url = new URL(server.requests[0]!.url, server.baseUrl);
    expect(url.pathname).toBe('/events/stream');
    expect(Object.fromEntries(url.searchParams)).toEqual({ after: '7', types: 'PostCreated,CommentCreated' });
    expect(server.requests[0]!.headers.accept).toBe('text/event-stream');
    expect(connected).toHaveBeenCalledWith(7);
  });

  test('tailEvents, when events arrive, delivers them in order and ignores keep-alive comments', async () => {
    // Arrange
    server = await startStreamServer([{ frames: frame(postCreated(1)) + ': keep-alive\n\n' + frame(postCreated(2)), then: 'stay open' }]);
    const delivered: number[] = [];

    // Act
    tail = tailEvents({ baseUrl: server.baseUrl, after: 0, onEvent: (event) => void delivered.push(event.seq) });
    await waitFor(() => delivered.length === 2, 3000, 'two events');

    // Assert
    expect(delivered).toEqual([1, 2]);
    expect(tail.lastSeq).toBe(2);
  });

  test('tailEvents, when the bus drops the stream, reconnects from the last seq it delivered', async () => {
    // Arrange
    server = await startStreamServer([
      { frames: frame(postCreated(1)) + frame(postCreated(2)), then: 'end' },
      { frames: frame(postCreated(3)), then: 'stay open' },
    ]);
    const delivered: number[] = [];
    const disconnected = jest.fn();

    // Act
    tail = tailEvents({ baseUrl: server.baseUrl, after: 0, onEvent: (event) => void delivered.push(event.seq), onDisconnect: disconnected });
    await waitFor(() => delivered.length === 3, 3000, 'three events');

    // Assert
    expect(delivered).toEqual([1, 2, 3]);
    expect(afterOf(server, 1)).toBe('2');
    expect(disconnected).toHaveBeenCalledWith(expect.objectContaining({ message: 'event stream ended' }), expect.any(Number));
  });

  test('tailEvents, when the connection is cut mid-stream, reconnects from the last seq it delivered', async () => {
    // Arrange
    server = await startStreamServer([
      { frames: frame(postCreated(1)) + frame(postCreated(2)), then: 'cut the connection' },
      { frames: frame(postCreated(3)), then: 'stay open' },
    ]);
    const delivered: number[] = [];

    // Act
    tail = tailEvents({ baseUrl: server.baseUrl, after: 0, onEvent: (event) => void delivered.push(event.seq) });
    await waitFor(() => delivered.length === 3, 3000, 'three events');

    // Assert
    expect(delivered).toEqual([1, 2, 3]);
    expect(afterOf(server, 1)).toBe('2');
  });

  test('tailEvents, when the bus sends a position, reports it and reconnects from it', async () => {
    // Arrange
    server = await startStreamServer([
      { frames: frame(postCreated(1)) + position(5), then: 'end' },
      { frames: '', then: 'stay open' },
    ]);
    const positions: number[] = [];

    // Act
    tail = tailEvents({ baseUrl: server.baseUrl, after: 0, onEvent: () => undefined, onPosition: (seq) => void positions.push(seq) });
    await waitFor(() => server!.requests.length === 2, 3000, 'the reconnection');

    // Assert
    expect(positions).toEqual([5]);
    expect(tail.lastSeq).toBe(5);
    expect(afterOf(server, 1)).toBe('5');
  });

  test('tailEvents, when a position is behind what was delivered, ignores it', async () => {
    // Arrange
    server = await startStreamServer([{ frames: frame(postCreated(4)) + position(3), then: 'stay open' }]);
    const positions: number[] = [];
    const delivered: number[] = [];

    // Act
    tail = tailEvents({ baseUrl: server.baseUrl, after: 0, onEvent: (e) => void delivered.push(e.seq), onPosition: (seq) => void positions.push(seq) });
    await waitFor(() => delivered.length === 1, 3000, 'the event');

    // Assert
    expect(positions).toEqual([]);
    expect(tail.lastSeq).toBe(4);
  });

  test('tailEvents, when a reconnected stream repeats events already delivered, delivers each once', async () => {
    // Arrange
    server = await startStreamServer([
      { frames: frame(postCreated(1)) + frame(postCreated(2)), then: 'end' },
      { frames: frame(postCreated(2)) + frame(postCreated(3)), then: 'stay open' },
    ]);
    const delivered: number[] = [];

    // Act
    tail = tailEvents({ baseUrl: server.baseUrl, after: 0, onEvent: (event) => void delivered.push(event.seq) });
    await waitFor(() => delivered.includes(3), 3000, 'event 3');

    // Assert
    expect(delivered).toEqual([1, 2, 3]);
  });

  test('tailEvents, when handling an event fails, reconnects and delivers that event again', async () => {
    // Arrange
    server = await startStreamServer([{ frames: frame(postCreated(1)) + frame(postCreated(2)), then: 'stay open' }]);
    const applied: number[] = [];
    let failuresLeft = 1;
    const onEvent = (event: StoredEvent) => {
      if (event.seq === 2 && failuresLeft-- > 0) throw new Error('store busy');
      applied.push(event.seq);
    };

    // Act
    tail = tailEvents({ baseUrl: server.baseUrl, after: 0, onEvent });
    await waitFor(() => applied.includes(2), 3000, 'event 2 applied');

    // Assert
    expect(applied).toEqual([1, 2]);
    expect(afterOf(server, 1)).toBe('1');
  });

  test('tailEvents, when the bus answers an error status, reports the disconnection and tries again', async () => {
    // Arrange
    server = await startStreamServer([{ status: 503 }, { frames: frame(postCreated(1)), then: 'stay open' }]);
    const delivered: number[] = [];
    const disconnected = jest.fn();

    // Act
    tail = tailEvents({ baseUrl: server.baseUrl, after: 0, onEvent: (e) => void delivered.push(e.seq), onDisconnect: disconnected });
    await waitFor(() => delivered.length === 1, 3000, 'the event after the retry');

    // Assert
    expect(disconnected).toHaveBeenCalledWith(expect.objectContaining({ message: 'event stream answered 503' }), 100);
    expect(afterOf(server, 1)).toBe('0');
  });

  test('tailEvents, when closed, stops following and does not reconnect', async () => {
    // Arrange
    server = await startStreamServer([{ frames: frame(postCreated(1)), then: 'stay open' }]);
    const delivered: number[] = [];
    const disconnected = jest.fn();
    tail = tailEvents({ baseUrl: server.baseUrl, after: 0, onEvent: (e) => void delivered.push(e.seq), onDisconnect: disconnected });
    await waitFor(() => delivered.length === 1, 3000, 'the event');

    // Act
    await tail.close();

    // Assert
    expect(server.requests).toHaveLength(1);
    expect(disconnected).not.toHaveBeenCalled();
  });
});
