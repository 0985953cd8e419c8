import request from 'supertest';
import { BusUnavailableError, EventType } from '@blog/events';
import { Readiness, createLogger } from '@blog/service-kit';
import { createApp } from '../src/app';
import { CommentStore } from '../src/comment-store';
import { commentCreated, commentModerated, postCreated } from '../../../test-support/events';
import { FakeBus } from '../../../test-support/fake-bus';

function setup(options: { ready?: boolean } = {}) {
  const bus = new FakeBus();
  const readiness = new Readiness();
  if (options.ready ?? true) readiness.markReady();
  const app = createApp({
    store: new CommentStore(),
    bus,
    catchUp: async () => true,
    readiness,
    logger: createLogger('comments-test', 'silent'),
  });
  return { app, bus };
}

describe('POST /events (comments)', () => {
  test.each(['approved', 'rejected'] as const)(
    'POST /events, when CommentModerated %s is pushed, publishes CommentUpdated with the decision and an id derived from the event',
    async (status) => {
      // Arrange
      const { app, bus } = setup();
      const decision = commentModerated(12, 'p1', 'c1', status, 'About oranges');

      // Act
      const response = await request(app).post('/events').send(decision);

      // Assert
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ received: 1 });
      expect(bus.published).toEqual([
        { id: 'e12:updated', type: EventType.CommentUpdated, data: { id: 'c1', postId: 'p1', status, content: 'About oranges' } },
      ]);
    },
  );

  test('POST /events, when the same CommentModerated is pushed twice, publishes the same event id both times so the bus stores it once', async () => {
    // Arrange
    const { app, bus } = setup();
    const decision = commentModerated(12, 'p1', 'c1', 'approved');

    // Act
    await request(app).post('/events').send(decision);
    await request(app).post('/events').send(decision);

    // Assert
    expect(bus.published.map((event) => event.id)).toEqual(['e12:updated', 'e12:updated']);
  });

  test.each([
    ['PostCreated', postCreated(1, 'p1')],
    ['CommentCreated', commentCreated(2, 'p1', 'c1')],
  ])('POST /events, when a valid %s is pushed, acknowledges it without reacting', async (_type, event) => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post('/events').send(event);

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: 1 });
    expect(bus.published).toEqual([]);
  });

  test.each([
    ['an unknown type', { ...commentModerated(3, 'p1', 'c1', 'approved'), type: 'CommentDeleted' }],
    ['no seq', { ...commentModerated(3, 'p1', 'c1', 'approved'), seq: undefined }],
    ['no event id', { ...commentModerated(3, 'p1', 'c1', 'approved'), id: undefined }],
    ['a pending moderation', { ...commentModerated(3, 'p1', 'c1', 'approved'), data: { id: 'c1', postId: 'p1', content: 'x', status: 'pending' } }],
    ['no data', { id: 'e3', seq: 3, occurredAt: 'now', type: 'CommentModerated' }],
    ['an empty content', commentModerated(3, 'p1', 'c1', 'approved', '')],
  ])('POST /events, when the pushed event has %s, answers 400 so the bus parks it', async (_case, event) => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post('/events').send(event);

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.errors.length).toBeGreaterThan(0);
    expect(response.body.errors[0]).toEqual(expect.objectContaining({ message: expect.any(String) }));
    expect(bus.published).toEqual([]);
  });

  test('POST /events, when a batch of events is pushed, publishes every CommentUpdated in order in one request', async () => {
    // Arrange
    const { app, bus } = setup();
    const push = [commentModerated(12, 'p1', 'c1', 'approved'), postCreated(13, 'p2'), commentModerated(14, 'p1', 'c2', 'rejected', 'orange')];

    // Act
    const response = await request(app).post('/events').send(push);

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: 3 });
    expect(bus.batches).toEqual([
      [
        { id: 'e12:updated', type: EventType.CommentUpdated, data: { id: 'c1', postId: 'p1', status: 'approved', content: 'Nice post' } },
        { id: 'e14:updated', type: EventType.CommentUpdated, data: { id: 'c2', postId: 'p1', status: 'rejected', content: 'orange' } },
      ],
    ]);
  });

  test('POST /events, when a batch holds no decision, publishes nothing', async () => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post('/events').send([postCreated(1, 'p1'), commentCreated(2, 'p1', 'c1')]);

    // Assert
    expect(response.status).toBe(200);
    expect(bus.batches).toEqual([]);
  });

  test('POST /events, when one event of a batch is invalid, answers 400 and publishes nothing for the batch', async () => {
    // Arrange
    const { app, bus } = setup();
    const push = [commentModerated(12, 'p1', 'c1', 'approved'), { ...commentModerated(13, 'p1', 'c2', 'approved'), seq: -1 }];

    // Act
    const response = await request(app).post('/events').send(push);

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toEqual(expect.objectContaining({ field: expect.stringMatching(/^1\.seq/) }));
    expect(bus.published).toEqual([]);
  });

  test('POST /events, when the batch is empty, answers 400', async () => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post('/events').send([]);

    // Assert
    expect(response.status).toBe(400);
    expect(bus.published).toEqual([]);
  });

  test('POST /events, when the body is malformed JSON, answers 400', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post('/events').set('content-type', 'application/json').send('{"type":');

    // Assert
    expect(response.status).toBe(400);
  });

  test('POST /events, when the body is not JSON, answers 415', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post('/events').set('content-type', 'text/plain').send('CommentModerated');

    // Assert
    expect(response.status).toBe(415);
  });

  test('POST /events, when the service is not ready yet, answers 503 so the bus retries later', async () => {
    // Arrange
    const { app, bus } = setup({ ready: false });

    // Act
    const response = await request(app).post('/events').send(commentModerated(4, 'p1', 'c1', 'approved'));

    // Assert
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ errors: [{ message: 'not ready to handle events yet' }] });
    expect(bus.published).toEqual([]);
  });

  test('POST /events, when the bus is unavailable for the reaction, answers 503 so the bus retries the push', async () => {
    // Arrange
    const { app, bus } = setup();
    bus.failWith = new BusUnavailableError('event bus unavailable');

    // Act
    const response = await request(app).post('/events').send(commentModerated(4, 'p1', 'c1', 'approved'));

    // Assert
    expect(response.status).toBe(503);
  });
});
