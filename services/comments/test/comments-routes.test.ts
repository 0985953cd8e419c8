import request from 'supertest';
import { BusUnavailableError, EventType, limits } from '@blog/events';
import { Readiness, createLogger } from '@blog/service-kit';
import { createApp } from '../src/app';
import { CommentStore } from '../src/comment-store';
import type { CatchUp } from '../src/routes/create-comment-route';
import { postCreated } from '../../../test-support/events';
import { FakeBus } from '../../../test-support/fake-bus';

const POST_LOOKUP_WAIT_MS = 1234;

/** `catchUp` is given the store, so a fake catch-up can fold events into it as the real projection would. */
function setup(options: { catchUp?: (store: CommentStore) => CatchUp; bodyLimit?: string; knownPosts?: string[] } = {}) {
  const store = new CommentStore();
  (options.knownPosts ?? ['p1']).forEach((postId, index) => store.apply(postCreated(index + 1, postId)));
  const bus = new FakeBus();
  const readiness = new Readiness();
  readiness.markReady();
  const catchUp = jest.fn(options.catchUp?.(store) ?? (async () => true));
  const app = createApp({
    store,
    bus,
    catchUp,
    readiness,
    logger: createLogger('comments-test', 'silent'),
    postLookupWaitMs: POST_LOOKUP_WAIT_MS,
    bodyLimit: options.bodyLimit,
  });
  return { app, store, bus, catchUp, readiness };
}

describe('POST /posts/:id/comments', () => {
  test('POST /posts/:id/comments, when the post exists and the content is valid, answers 201 with the post\'s comments', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post('/posts/p1/comments').send({ content: 'Nice post' });

    // Assert
    expect(response.status).toBe(201);
    expect(response.body).toEqual([{ id: expect.any(String), content: 'Nice post', status: 'pending' }]);
  });

  test('POST /posts/:id/comments, when a second comment is added, answers every comment of that post in order', async () => {
    // Arrange
    const { app } = setup({ knownPosts: ['p1', 'p2'] });
    await request(app).post('/posts/p1/comments').send({ content: 'First' });
    await request(app).post('/posts/p2/comments').send({ content: 'Elsewhere' });

    // Act
    const response = await request(app).post('/posts/p1/comments').send({ content: 'Second' });

    // Assert
    expect(response.status).toBe(201);
    expect(response.body.map((c: { content: string }) => c.content)).toEqual(['First', 'Second']);
  });

  test('POST /posts/:id/comments, when the comment is accepted, publishes CommentCreated with the post id and status pending', async () => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post('/posts/p1/comments').send({ content: '  Trimmed  ' });

    // Assert
    expect(bus.published).toEqual([
      { type: EventType.CommentCreated, data: { id: response.body[0].id, content: 'Trimmed', postId: 'p1', status: 'pending' } },
    ]);
  });

  test('POST /posts/:id/comments, when the post is known, does not wait for the log', async () => {
    // Arrange
    const { app, catchUp } = setup();

    // Act
    await request(app).post('/posts/p1/comments').send({ content: 'Quick' });

    // Assert
    expect(catchUp).not.toHaveBeenCalled();
  });

  test('POST /posts/:id/comments, when the post is still unknown after catching up with the log, answers 404 and publishes nothing', async () => {
    // Arrange
    const { app, bus, catchUp } = setup({ catchUp: () => async () => true });

    // Act
    const response = await request(app).post('/posts/nope/comments').send({ content: 'Into the void' });

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ errors: [{ message: 'post nope does not exist' }] });
    expect(catchUp).toHaveBeenCalledWith(POST_LOOKUP_WAIT_MS);
    expect(bus.published).toEqual([]);
  });

  test('POST /posts/:id/comments, when the post arrives from the log during the wait, answers 201 rather than a false 404', async () => {
    // Arrange
    const { app } = setup({
      catchUp: (store) => async () => {
        // Another replica created the post a moment ago; the tail brings it during the wait.
        await new Promise((resolve) => setImmediate(resolve));
        store.apply(postCreated(9, 'fresh'));
        return true;
      },
    });

    // Act
    const response = await request(app).post('/posts/fresh/comments').send({ content: 'Just in time' });

    // Assert
    expect(response.status).toBe(201);
    expect(response.body).toEqual([{ id: expect.any(String), content: 'Just in time', status: 'pending' }]);
  });

  test('POST /posts/:id/comments, when the log could not be read up to its head in time, answers 503 rather than 404', async () => {
    // Arrange
    const { app, bus } = setup({ catchUp: () => async () => false });

    // Act
    const response = await request(app).post('/posts/maybe/comments').send({ content: 'Hello?' });

    // Assert
    expect(response.status).toBe(503);
    expect(response.body.errors).toEqual([{ message: expect.any(String) }]);
    expect(bus.published).toEqual([]);
  });

  test('POST /posts/:id/comments, when the bus cannot tell where the log ends, answers 503', async () => {
    // Arrange
    const { app } = setup({
      catchUp: () => async () => {
        throw new BusUnavailableError('event bus at http://localhost:4005 unreachable');
      },
    });

    // Act
    const response = await request(app).post('/posts/maybe/comments').send({ content: 'Hello?' });

    // Assert
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ errors: [{ message: 'event bus at http://localhost:4005 unreachable' }] });
  });

  test('POST /posts/:id/comments, when the bus is unavailable, answers 503 and does not acknowledge the comment', async () => {
    // Arrange
    const { app, bus } = setup();
    bus.failWith = new BusUnavailableError('event bus at http://localhost:4005 unavailable');

    // Act
    const response = await request(app).post('/posts/p1/comments').send({ content: 'Lost?' });
    const listed = await request(app).get('/posts/p1/comments');

    // Assert
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ errors: [{ message: 'event bus at http://localhost:4005 unavailable' }] });
    expect(listed.body).toEqual([]);
  });

  test('POST /posts/:id/comments, when the bus is slow but accepts, answers 201 once it has', async () => {
    // Arrange
    const { app, bus } = setup();
    bus.delayMs = 50;

    // Act
    const response = await request(app).post('/posts/p1/comments').send({ content: 'Patience' });

    // Assert
    expect(response.status).toBe(201);
    expect(bus.published).toHaveLength(1);
  });

  test.each([
    ['the content is missing', {}, 'content is required'],
    ['the content is empty', { content: '' }, 'content must not be empty'],
    ['the content is whitespace only', { content: ' \n\t ' }, 'content must not be empty'],
    ['the content is a number', { content: 7 }, 'content must be a string'],
    ['the content is a list', { content: ['a'] }, 'content must be a string'],
    ['the content is null', { content: null }, 'content must be a string'],
    ['the content is too long', { content: 'x'.repeat(limits.contentLength + 1) }, `content must be at most ${limits.contentLength} characters`],
  ])('POST /posts/:id/comments, when %s, answers 400 naming the field and publishes nothing', async (_case, body, message) => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post('/posts/p1/comments').send(body);

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message, field: 'content' }] });
    expect(bus.published).toEqual([]);
  });

  test('POST /posts/:id/comments, when the content is exactly at the limit, answers 201', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post('/posts/p1/comments').send({ content: 'x'.repeat(limits.contentLength) });

    // Assert
    expect(response.status).toBe(201);
  });

  test.each([
    ['contains characters an id never has', '/posts/bad%20id!/comments'],
    ['is longer than any id', `/posts/${'a'.repeat(limits.idLength + 1)}/comments`],
    ['contains a colon', '/posts/a:b/comments'],
  ])('POST /posts/:id/comments, when the post id %s, answers 400 naming the id', async (_case, path) => {
    // Arrange
    const { app, bus, catchUp } = setup();

    // Act
    const response = await request(app).post(path).send({ content: 'Hi' });

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: expect.stringMatching(/^id /), field: 'id' }] });
    expect(catchUp).not.toHaveBeenCalled();
    expect(bus.published).toEqual([]);
  });

  test('POST /posts/:id/comments, when the body is malformed JSON, answers 400', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post('/posts/p1/comments').set('content-type', 'application/json').send('{content:');

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'request body is not valid JSON' }] });
  });

  test('POST /posts/:id/comments, when the body is a JSON array, answers 400', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post('/posts/p1/comments').send([{ content: 'x' }]);

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'request body must be a JSON object' }] });
  });

  test('POST /posts/:id/comments, when the body is not JSON, answers 415', async () => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post('/posts/p1/comments').type('form').send('content=hi');

    // Assert
    expect(response.status).toBe(415);
    expect(response.body).toEqual({ errors: [{ message: expect.stringContaining('application/json') }] });
    expect(bus.published).toEqual([]);
  });

  test('POST /posts/:id/comments, when the body is over the limit, answers 413', async () => {
    // Arrange
    const { app, bus } = setup({ bodyLimit: '1kb' });

    // Act
    const response = await request(app).post('/posts/p1/comments').send({ content: 'x'.repeat(2048) });

    // Assert
    expect(response.status).toBe(413);
    expect(response.body.errors).toEqual([{ message: expect.stringContaining('limit') }]);
    expect(bus.published).toEqual([]);
  });
});

describe('GET /posts/:id/comments', () => {
  test('GET /posts/:id/comments, when the post has comments, answers 200 with them as {id, content, status}', async () => {
    // Arrange
    const { app } = setup();
    const created = await request(app).post('/posts/p1/comments').send({ content: 'Listed' });

    // Act
    const response = await request(app).get('/posts/p1/comments');

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual([{ id: created.body[0].id, content: 'Listed', status: 'pending' }]);
  });

  test('GET /posts/:id/comments, when the post has no comments or is unknown, answers 200 with an empty array', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const known = await request(app).get('/posts/p1/comments');
    const unknown = await request(app).get('/posts/unknown/comments');

    // Assert
    expect([known.status, known.body]).toEqual([200, []]);
    expect([unknown.status, unknown.body]).toEqual([200, []]);
  });

  test('GET /posts/:id/comments, when the post id is invalid, answers 400 naming the id', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).get('/posts/not%20valid/comments');

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ message: expect.any(String), field: 'id' }]);
  });
});

describe('comments app edges', () => {
  test.each([
    ['GET', '/posts'],
    ['DELETE', '/posts/p1/comments'],
    ['GET', '/posts/p1/comments/c1'],
  ])('%s %s, when no route serves it, answers 404 in the house format', async (method, path) => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app)[method.toLowerCase() as 'get' | 'delete'](path);

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ errors: [{ message: `no route for ${method} ${path}` }] });
  });
});
