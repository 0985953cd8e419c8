import request from 'supertest';
import { BusUnavailableError, EventType, type StoredEvent } from '@blog/events';
import { Readiness, createLogger } from '@blog/service-kit';
import { createApp } from '../src/app';
import { FakeBus } from '../../../test-support/fake-bus';

const at = '2026-01-01T00:00:00.000Z';
const commentCreated = (seq: number, commentId: string, content: string): StoredEvent => ({
  id: `evt-${seq}`,
  seq,
  occurredAt: at,
  type: EventType.CommentCreated,
  data: { id: commentId, postId: 'p1', content, status: 'pending' },
});
const postCreated = (seq: number): StoredEvent => ({ id: `evt-${seq}`, seq, occurredAt: at, type: EventType.PostCreated, data: { id: 'p1', title: 'T' } });

function setup(options: { ready?: boolean; bodyLimit?: string } = {}) {
  const bus = new FakeBus();
  const readiness = new Readiness();
  if (options.ready ?? true) readiness.markReady();
  const app = createApp({ bus, readiness, logger: createLogger('moderation-test', 'silent'), bodyLimit: options.bodyLimit });
  return { app, bus, readiness };
}

describe('POST /events (moderation)', () => {
  test('POST /events, when a comment without orange is pushed, publishes CommentModerated approved with the id `${event.id}:moderated`', async () => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post('/events').send(commentCreated(5, 'c1', 'Lovely apples'));

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: 1 });
    expect(bus.published).toEqual([
      { id: 'evt-5:moderated', type: EventType.CommentModerated, data: { id: 'c1', postId: 'p1', content: 'Lovely apples', status: 'approved' } },
    ]);
  });

  test.each(['orange', 'ORANGE juice', 'I love OrAnGeS'])('POST /events, when the pushed comment says %p, publishes CommentModerated rejected', async (content) => {
    // Arrange
    const { app, bus } = setup();

    // Act
    await request(app).post('/events').send(commentCreated(6, 'c2', content));

    // Assert
    expect(bus.published).toEqual([{ id: 'evt-6:moderated', type: EventType.CommentModerated, data: { id: 'c2', postId: 'p1', content, status: 'rejected' } }]);
  });

  test('POST /events, when the same CommentCreated is pushed twice, publishes the same decision id both times so the bus stores it once', async () => {
    // Arrange
    const { app, bus } = setup();
    const event = commentCreated(7, 'c3', 'again');

    // Act
    await request(app).post('/events').send(event);
    await request(app).post('/events').send(event);

    // Assert
    expect(bus.published.map((e) => e.id)).toEqual(['evt-7:moderated', 'evt-7:moderated']);
    expect(bus.published[0]).toEqual(bus.published[1]);
  });

  test('POST /events, when a batch is pushed, moderates every comment in order in one publish and skips other types', async () => {
    // Arrange
    const { app, bus } = setup();
    const push = [commentCreated(8, 'c4', 'fine'), postCreated(9), commentCreated(10, 'c5', 'Orange!')];

    // Act
    const response = await request(app).post('/events').send(push);

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: 3 });
    expect(bus.batches).toHaveLength(1);
    expect(bus.batches[0]!.map((e) => [e.id, (e.data as { status: string }).status])).toEqual([
      ['evt-8:moderated', 'approved'],
      ['evt-10:moderated', 'rejected'],
    ]);
  });

  test('POST /events, when an event that is not a comment is pushed, acknowledges it and publishes nothing', async () => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post('/events').send(postCreated(11));

    // Assert
    expect(response.status).toBe(200);
    expect(bus.published).toEqual([]);
  });

  test.each([
    ['an unknown type', { ...commentCreated(1, 'c1', 'x'), type: 'CommentLiked' }],
    ['no seq', { ...commentCreated(1, 'c1', 'x'), seq: undefined }],
    ['a seq that is not a number', { ...commentCreated(1, 'c1', 'x'), seq: 'one' }],
    ['an event id with spaces', { ...commentCreated(1, 'c1', 'x'), id: 'evt 1' }],
    ['an empty content', commentCreated(1, 'c1', '')],
    ['a content over the limit', commentCreated(1, 'c1', 'x'.repeat(1001))],
    ['a comment that is already approved', { ...commentCreated(1, 'c1', 'x'), data: { id: 'c1', postId: 'p1', content: 'x', status: 'approved' } }],
    ['no data', { id: 'evt-1', seq: 1, occurredAt: at, type: 'CommentCreated' }],
  ])('POST /events, when the pushed event has %s, answers 400 so the bus parks it', async (_case, event) => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post('/events').send(event);

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]));
    expect(bus.published).toEqual([]);
  });

  test('POST /events, when the body is malformed JSON, answers 400', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post('/events').set('content-type', 'application/json').send('{"type":"CommentCreated",');

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'request body is not valid JSON' }] });
  });

  test('POST /events, when the body is not JSON, answers 415', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post('/events').set('content-type', 'text/plain').send('CommentCreated');

    // Assert
    expect(response.status).toBe(415);
  });

  test('POST /events, when the service is not ready yet, answers 503 so the bus retries later', async () => {
    // Arrange
    const { app, bus } = setup({ ready: false });

    // Act
    const response = await request(app).post('/events').send(commentCreated(12, 'c6', 'hello'));

    // Assert
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ errors: [{ message: 'not ready to handle events yet' }] });
    expect(bus.published).toEqual([]);
  });

  test('POST /events, when the bus is unavailable for the decision, answers 503 so the bus retries the push', async () => {
    // Arrange
    const { app, bus } = setup();
    bus.failWith = new BusUnavailableError('event bus unavailable');

    // Act
    const response = await request(app).post('/events').send(commentCreated(13, 'c7', 'hello'));

    // Assert
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ errors: [{ message: 'event bus unavailable' }] });
  });
});

describe('moderation app edges', () => {
  test.each([
    ['GET', '/events'],
    ['POST', '/posts'],
    ['GET', '/'],
  ])('%s %s, when no route serves it, answers 404 in the house format', async (method, path) => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app)[method.toLowerCase() as 'get' | 'post'](path);

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ errors: [{ message: `no route for ${method} ${path}` }] });
  });

  test('GET /readyz, when the subscription is not declared yet, answers 503, and 200 once it is', async () => {
    // Arrange
    const { app, readiness } = setup({ ready: false });

    // Act
    const before = await request(app).get('/readyz');
    readiness.markReady();
    const after = await request(app).get('/readyz');

    // Assert
    expect(before.status).toBe(503);
    expect(after.status).toBe(200);
  });
});
