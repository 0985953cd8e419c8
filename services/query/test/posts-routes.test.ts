import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import request from 'supertest';
import { Readiness, SseStreams, createLogger } from '@blog/service-kit';
import { createApp } from '../src/app';
import { PostViewStore } from '../src/post-view';
import { commentCreated, commentUpdated, postCreated } from '../../../test-support/events';

function setup(options: { ready?: boolean; lastSeq?: number } = {}) {
  const store = new PostViewStore();
  const streams = new SseStreams();
  const readiness = new Readiness();
  if (options.ready ?? true) readiness.markReady();
  const app = createApp({ store, streams, readiness, logger: createLogger('query-test', 'silent'), lastSeq: () => options.lastSeq ?? 0 });
  return { app, store, streams, readiness };
}

/** Waits until `condition` holds, checking often, failing after `timeoutMs`. */
async function waitFor(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Reads an SSE response message by message. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const messages: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => messages.push(message) });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let ended = false;
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // The test aborted the request.
    }
    ended = true;
  })();
  let next = 0;
  return {
    get ended() {
      return ended;
    },
    async nextMessage(): Promise<EventSourceMessage> {
      await waitFor(() => messages.length > next || ended, 'the next SSE message');
      if (messages.length <= next) throw new Error('the stream ended');
      return messages[next++]!;
    },
  };
}

describe('GET /posts (query)', () => {
  test('GET /posts, when there are no posts, answers 200 with an empty object', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).get('/posts');

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
  });

  test('GET /posts, when posts have comments, answers {[postId]: {id, title, comments: [{id, content, status}]}}', async () => {
    // Arrange
    const { app, store } = setup();
    store.apply(postCreated(1, 'p1', 'First'));
    store.apply(commentCreated(2, 'p1', 'c1', 'Approved one'));
    store.apply(commentCreated(3, 'p1', 'c2', 'orange'));
    store.apply(commentUpdated(4, 'p1', 'c1', 'approved', 'Approved one'));
    store.apply(commentUpdated(5, 'p1', 'c2', 'rejected', 'orange'));
    store.apply(postCreated(6, 'p2', 'Second'));

    // Act
    const response = await request(app).get('/posts');

    // Assert
    expect(response.body).toEqual({
      p1: {
        id: 'p1',
        title: 'First',
        comments: [
          { id: 'c1', content: 'Approved one', status: 'approved' },
          { id: 'c2', content: 'orange', status: 'rejected' },
        ],
      },
      p2: { id: 'p2', title: 'Second', comments: [] },
    });
  });

  test('GET /readyz, when ready, answers 200 with the projection position and the post count', async () => {
    // Arrange
    const { app, store } = setup({ lastSeq: 17 });
    store.apply(postCreated(1, 'p1'));

    // Act
    const response = await request(app).get('/readyz');

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready', lastSeq: 17, posts: 1 });
  });

  test('GET /readyz, when the projection has not caught up, answers 503', async () => {
    // Arrange
    const { app } = setup({ ready: false });

    // Act
    const response = await request(app).get('/readyz');

    // Assert
    expect(response.status).toBe(503);
  });

  test.each([
    ['POST', '/posts'],
    ['POST', '/posts/create'],
    ['GET', '/posts/p1/comments'],
  ])('%s %s, when sent to query, answers 404 because query only reads', async (method, path) => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app)[method.toLowerCase() as 'get' | 'post'](path);

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ errors: [{ message: `no route for ${method} ${path}` }] });
  });
});

describe('GET /posts/stream', () => {
  let server: http.Server | undefined;
  let abort: AbortController | undefined;
  afterEach(async () => {
    abort?.abort();
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
    }
    server = undefined;
  });

  async function openStream(app: http.RequestListener) {
    server = http.createServer(app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/posts/stream`, { signal: abort.signal });
    return { response, reader: sseReader(response.body!) };
  }

  test('GET /posts/stream, when a client connects, answers an event stream whose first message is a snapshot of every post', async () => {
    // Arrange
    const { app, store } = setup();
    store.apply(postCreated(1, 'p1', 'Already here'));

    // Act
    const { response, reader } = await openStream(app);
    const first = await reader.nextMessage();

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(first.event).toBe('snapshot');
    expect(JSON.parse(first.data)).toEqual({ p1: { id: 'p1', title: 'Already here', comments: [] } });
  });

  test('GET /posts/stream, when posts and comments change after the snapshot, sends one post message with the whole post per change', async () => {
    // Arrange
    const { app, store } = setup();
    const { reader } = await openStream(app);
    await reader.nextMessage();

    // Act
    store.apply(postCreated(1, 'p1', 'Live'));
    store.apply(commentCreated(2, 'p1', 'c1', 'First!'));
    store.apply(commentUpdated(3, 'p1', 'c1', 'approved', 'First!'));
    const messages = [await reader.nextMessage(), await reader.nextMessage(), await reader.nextMessage()];

    // Assert
    expect(messages.map((m) => m.event)).toEqual(['post', 'post', 'post']);
    expect(messages.map((m) => JSON.parse(m.data))).toEqual([
      { id: 'p1', title: 'Live', comments: [] },
      { id: 'p1', title: 'Live', comments: [{ id: 'c1', content: 'First!', status: 'pending' }] },
      { id: 'p1', title: 'Live', comments: [{ id: 'c1', content: 'First!', status: 'approved' }] },
    ]);
  });

  test('GET /posts/stream, when an event changes nothing, sends nothing for it', async () => {
    // Arrange
    const { app, store } = setup();
    store.apply(postCreated(1, 'p1', 'Once'));
    const { reader } = await openStream(app);
    await reader.nextMessage();

    // Act
    store.apply(postCreated(1, 'p1', 'Once'));
    store.apply(postCreated(2, 'p2', 'Next'));
    const next = await reader.nextMessage();

    // Assert
    expect(JSON.parse(next.data)).toEqual({ id: 'p2', title: 'Next', comments: [] });
  });

  test('GET /posts/stream, when the client goes away, stops listening to the store and forgets the stream', async () => {
    // Arrange
    const { app, store, streams } = setup();
    const { reader } = await openStream(app);
    await reader.nextMessage();
    expect(store.listenerCount('changed')).toBe(1);
    expect(streams.size).toBe(1);

    // Act
    abort!.abort();

    // Assert
    await waitFor(() => store.listenerCount('changed') === 0 && streams.size === 0, 'the stream to be released');
  });

  test('GET /posts/stream, when the server closes its streams at shutdown, ends the response', async () => {
    // Arrange
    const { app, streams, store } = setup();
    const { reader } = await openStream(app);
    await reader.nextMessage();

    // Act
    streams.closeAll();

    // Assert
    await waitFor(() => reader.ended, 'the end of the stream');
    expect(streams.size).toBe(0);
    await waitFor(() => store.listenerCount('changed') === 0, 'the store listener to be removed');
  });
});
