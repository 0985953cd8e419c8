import { BusUnavailableError, EventBusClient, EventRejectedError, EventType, type StoredEvent } from '@blog/events';
import { sendJson, startLocalServer, type LocalServer } from './local-server';

const postCreated = { type: EventType.PostCreated, data: { id: 'p1', title: 'Hello' } } as const;
const stored = (body: string): StoredEvent => ({ ...(JSON.parse(body) as StoredEvent), seq: 1, occurredAt: '2026-01-01T00:00:00.000Z' });

describe('EventBusClient.publish', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('EventBusClient.publish, when the bus accepts the event, resolves with the stored event', async () => {
    // Arrange
    server = await startLocalServer((req, res) => sendJson(res, 201, stored(req.body)));
    const client = new EventBusClient({ baseUrl: server.baseUrl });

    // Act
    const result = await client.publish(postCreated);

    // Assert
    expect(result).toMatchObject({ type: 'PostCreated', data: { id: 'p1', title: 'Hello' }, seq: 1 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/events' });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
  });

  test('EventBusClient.publish, when no id is given, sends a fresh id with the type and data', async () => {
    // Arrange
    server = await startLocalServer((req, res) => sendJson(res, 201, stored(req.body)));
    const client = new EventBusClient({ baseUrl: server.baseUrl });

    // Act
    await client.publish(postCreated);
    await client.publish(postCreated);

    // Assert
    const [first, second] = server.requests.map((r) => JSON.parse(r.body) as { id: string });
    expect(first).toEqual({ id: expect.any(String), type: 'PostCreated', data: { id: 'p1', title: 'Hello' } });
    expect(first!.id).not.toBe(second!.id);
  });

  test('EventBusClient.publish, when the publisher gives an id, sends that id', async () => {
    // Arrange
    server = await startLocalServer((req, res) => sendJson(res, 201, stored(req.body)));
    const client = new EventBusClient({ baseUrl: `${server.baseUrl}/` });

    // Act
    await client.publish({ ...postCreated, id: 'evt-1:moderated' });

    // Assert
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({ id: 'evt-1:moderated' });
    expect(server.requests[0]!.url).toBe('/events');
  });

  test('EventBusClient.publish, when the bus answers 5xx twice, retries with the same id until it is stored', async () => {
    // Arrange
    server = await startLocalServer((req, res, index) => {
      if (index < 2) sendJson(res, 503, { errors: [{ message: 'busy' }] });
      else sendJson(res, 201, stored(req.body));
    });
    const client = new EventBusClient({ baseUrl: server.baseUrl, publishDeadlineMs: 3000 });

    // Act
    const result = await client.publish(postCreated);

    // Assert
    expect(result.seq).toBe(1);
    const ids = server.requests.map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
  });

  test('EventBusClient.publish, when the connection drops before an answer, retries with the same id', async () => {
    // Arrange
    server = await startLocalServer((req, res, index) => {
      if (index === 0) res.socket?.destroy();
      else sendJson(res, 201, stored(req.body));
    });
    const client = new EventBusClient({ baseUrl: server.baseUrl, publishDeadlineMs: 3000 });

    // Act
    await client.publish(postCreated);

    // Assert
    const ids = server.requests.map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  test('EventBusClient.publish, when the bus keeps answering 5xx past the deadline, fails with BusUnavailableError', async () => {
    // Arrange
    server = await startLocalServer((_req, res) => sendJson(res, 500, { errors: [{ message: 'disk full' }] }));
    const client = new EventBusClient({ baseUrl: server.baseUrl, publishDeadlineMs: 300 });

    // Act
    const publishing = client.publish(postCreated);

    // Assert
    await expect(publishing).rejects.toBeInstanceOf(BusUnavailableError);
    await expect(publishing).rejects.toMatchObject({ status: 503, message: expect.stringContaining('500') });
    expect(server.requests.length).toBeGreaterThan(1);
  });

  test('EventBusClient.publish, when nothing listens at the bus address, fails with BusUnavailableError', async () => {
    // Arrange
    const closed = await startLocalServer(() => undefined);
    await closed.close();
    const client = new EventBusClient({ baseUrl: closed.baseUrl, publishDeadlineMs: 200 });

    // Act
    const publishing = client.publish(postCreated);

    // Assert
    await expect(publishing).rejects.toBeInstanceOf(BusUnavailableError);
  });

  test('EventBusClient.publish, when the bus never answers, fails with BusUnavailableError at the deadline', async () => {
    // Arrange
    server = await startLocalServer(() => undefined);
    const client = new EventBusClient({ baseUrl: server.baseUrl, publishDeadlineMs: 200 });

    // Act
    const publishing = client.publish(postCreated);

    // Assert
    await expect(publishing).rejects.toBeInstanceOf(BusUnavailableError);
  });

  test('EventBusClient.publish, when the bus refuses the event with 4xx, fails with EventRejectedError at once', async () => {
    // Arrange
    const refusal = { errors: [{ message: 'data.title must not be empty', field: 'data.title' }] };
    server = await startLocalServer((_req, res) => sendJson(res, 400, refusal));
    const client = new EventBusClient({ baseUrl: server.baseUrl, publishDeadlineMs: 3000 });

    // Act
    const publishing = client.publish(postCreated);

    // Assert
    await expect(publishing).rejects.toBeInstanceOf(EventRejectedError);
    await expect(publishing).rejects.toMatchObject({ status: 400, body: refusal });
    expect(server.requests).toHaveLength(1);
  });
});

describe('EventBusClient.publishMany', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const commentModerated = (id: string) => ({
    id,
    type: EventType.CommentModerated,
    data: { id: 'c1', postId: 'p1', content: 'x', status: 'approved' as const },
  });

  test('EventBusClient.publishMany, when given several events, posts them as one array in order, giving an id to those without', async () => {
    // Arrange
    server = await startLocalServer((req, res) => sendJson(res, 201, (JSON.parse(req.body) as object[]).map((e, i) => ({ ...e, seq: i + 1 }))));
    const client = new EventBusClient({ baseUrl: server.baseUrl });

    // Act
    const stored = await client.publishMany([commentModerated('evt-1:moderated'), postCreated]);

    // Assert
    expect(server.requests).toHaveLength(1);
    const sent = JSON.parse(server.requests[0]!.body) as Array<{ id: string; type: string }>;
    expect(sent.map((e) => e.type)).toEqual(['CommentModerated', 'PostCreated']);
    expect(sent[0]!.id).toBe('evt-1:moderated');
    expect(sent[1]!.id).toEqual(expect.any(String));
    expect(stored).toHaveLength(2);
  });

  test('EventBusClient.publishMany, when the bus answers 5xx first, retries the same batch with the same ids', async () => {
    // Arrange
    server = await startLocalServer((req, res, index) => {
      if (index === 0) sendJson(res, 503, {});
      else sendJson(res, 201, JSON.parse(req.body));
    });
    const client = new EventBusClient({ baseUrl: server.baseUrl, publishDeadlineMs: 3000 });

    // Act
    await client.publishMany([postCreated, postCreated]);

    // Assert
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.body).toBe(server.requests[0]!.body);
  });

  test('EventBusClient.publishMany, when the bus refuses the batch, fails with EventRejectedError', async () => {
    // Arrange
    server = await startLocalServer((_req, res) => sendJson(res, 400, { errors: [{ message: '0.data.title must not be empty' }] }));
    const client = new EventBusClient({ baseUrl: server.baseUrl });

    // Act
    const publishing = client.publishMany([postCreated]);

    // Assert
    await expect(publishing).rejects.toBeInstanceOf(EventRejectedError);
  });
});

describe('EventBusClient reads and subscriptions', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('EventBusClient.readPage, when asked for a page of some types, sends after, limit and types and returns the events', async () => {
    // Arrange
    const events = [{ id: 'e3', seq: 3, occurredAt: 'now', ...postCreated }];
    server = await startLocalServer((_req, res) => sendJson(res, 200, events));
    const client = new EventBusClient({ baseUrl: server.baseUrl });

    // Act
    const page = await client.readPage(2, 100, [EventType.PostCreated, EventType.CommentCreated]);

    // Assert
    expect(page).toEqual(events);
    const url = new URL(server.requests[0]!.url, server.baseUrl);
    expect(url.pathname).toBe('/events');
    expect(Object.fromEntries(url.searchParams)).toEqual({ after: '2', limit: '100', types: 'PostCreated,CommentCreated' });
  });

  test('EventBusClient.headSeq, when the bus answers, returns the seq of the newest event', async () => {
    // Arrange
    server = await startLocalServer((_req, res) => sendJson(res, 200, { seq: 41 }));
    const client = new EventBusClient({ baseUrl: server.baseUrl });

    // Act
    const head = await client.headSeq();

    // Assert
    expect(head).toBe(41);
    expect(server.requests[0]!.url).toBe('/events/head');
  });

  test('EventBusClient.subscribe, when called, puts the subscription under its encoded name', async () => {
    // Arrange
    server = await startLocalServer((_req, res) => sendJson(res, 200, {}));
    const client = new EventBusClient({ baseUrl: server.baseUrl });

    // Act
    await client.subscribe('comments v2', { url: 'http://comments:4001/events', types: [EventType.CommentModerated] });

    // Assert
    expect(server.requests[0]).toMatchObject({ method: 'PUT', url: '/subscriptions/comments%20v2' });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ url: 'http://comments:4001/events', types: ['CommentModerated'] });
  });

  test('EventBusClient reads, when the bus answers 5xx, fail with BusUnavailableError', async () => {
    // Arrange
    server = await startLocalServer((_req, res) => sendJson(res, 503, { errors: [] }));
    const client = new EventBusClient({ baseUrl: server.baseUrl });

    // Act
    const reading = client.headSeq();

    // Assert
    await expect(reading).rejects.toBeInstanceOf(BusUnavailableError);
  });

  test('EventBusClient reads, when the bus answers 4xx, fail with EventRejectedError carrying the answer', async () => {
    // Arrange
    server = await startLocalServer((_req, res) => sendJson(res, 400, { errors: [{ message: 'after must be 0 or more' }] }));
    const client = new EventBusClient({ baseUrl: server.baseUrl });

    // Act
    const reading = client.readPage(-1, 10);

    // Assert
    await expect(reading).rejects.toBeInstanceOf(EventRejectedError);
    await expect(reading).rejects.toMatchObject({ status: 400, body: { errors: [{ message: 'after must be 0 or more' }] } });
  });

  test('EventBusClient reads, when nothing listens, fail with BusUnavailableError', async () => {
    // Arrange
    const closed = await startLocalServer(() => undefined);
    await closed.close();
    const client = new EventBusClient({ baseUrl: closed.baseUrl });

    // Act
    const reading = client.readPage(0, 10);

    // Assert
    await expect(reading).rejects.toBeInstanceOf(BusUnavailableError);
  });
});
