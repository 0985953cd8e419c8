import request from 'supertest';
import { BusUnavailableError, EntityId, EventRejectedError, EventType, limits } from '@blog/events';
import { Readiness, createLogger } from '@blog/service-kit';
import { createApp } from '../src/app';
import { PostStore } from '../src/post-store';
import { FakeBus } from '../../../test-support/fake-bus';

function setup(options: { bodyLimit?: string } = {}) {
  const store = new PostStore();
  const bus = new FakeBus();
  const readiness = new Readiness();
  readiness.markReady();
  const app = createApp({ store, bus, readiness, logger: createLogger('posts-test', 'silent'), bodyLimit: options.bodyLimit });
  return { app, store, bus, readiness };
}

describe.each(['/posts/create', '/posts'])('POST %s', (route) => {
  test(`POST ${route}, when the title is valid, answers 201 with the new post's id and title`, async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post(route).send({ title: 'First post' });

    // Assert
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.any(String), title: 'First post' });
    expect(EntityId.safeParse(response.body.id).success).toBe(true);
  });

  test(`POST ${route}, when the title is valid, publishes PostCreated with the same id and title`, async () => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post(route).send({ title: 'First post' });

    // Assert
    expect(bus.published).toEqual([{ type: EventType.PostCreated, data: { id: response.body.id, title: 'First post' } }]);
  });

  test(`POST ${route}, when the title has surrounding spaces, stores and answers it trimmed`, async () => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post(route).send({ title: '  Spaced out  ' });

    // Assert
    expect(response.status).toBe(201);
    expect(response.body.title).toBe('Spaced out');
    expect(bus.published[0]!.data).toMatchObject({ title: 'Spaced out' });
  });

  test(`POST ${route}, when the post was created, lets the author see it in GET /posts at once`, async () => {
    // Arrange
    const { app } = setup();

    // Act
    const created = await request(app).post(route).send({ title: 'Visible' });
    const listed = await request(app).get('/posts');

    // Assert
    expect(listed.body).toEqual({ [created.body.id]: { id: created.body.id, title: 'Visible' } });
  });

  test(`POST ${route}, when two posts are created, gives them different ids`, async () => {
    // Arrange
    const { app } = setup();

    // Act
    const first = await request(app).post(route).send({ title: 'One' });
    const second = await request(app).post(route).send({ title: 'Two' });

    // Assert
    expect(first.body.id).not.toBe(second.body.id);
  });

  test.each([
    ['the title is missing', {}, 'title is required'],
    ['the title is empty', { title: '' }, 'title must not be empty'],
    ['the title is whitespace only', { title: '   \t ' }, 'title must not be empty'],
    ['the title is a number', { title: 42 }, 'title must be a string'],
    ['the title is null', { title: null }, 'title must be a string'],
    ['the title is an object', { title: { text: 'x' } }, 'title must be a string'],
    ['the title is too long', { title: 'x'.repeat(limits.titleLength + 1) }, `title must be at most ${limits.titleLength} characters`],
  ])(`POST ${route}, when %s, answers 400 naming the field and publishes nothing`, async (_case, body, message) => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post(route).send(body);

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message, field: 'title' }] });
    expect(bus.published).toEqual([]);
  });

  test(`POST ${route}, when the title is exactly at the limit, answers 201`, async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post(route).send({ title: 'x'.repeat(limits.titleLength) });

    // Assert
    expect(response.status).toBe(201);
  });

  test(`POST ${route}, when the body is malformed JSON, answers 400`, async () => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post(route).set('content-type', 'application/json').send('{"title": "unclosed');

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'request body is not valid JSON' }] });
    expect(bus.published).toEqual([]);
  });

  test(`POST ${route}, when the body is a JSON array, answers 400`, async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post(route).send([{ title: 'x' }]);

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'request body must be a JSON object' }] });
  });

  test(`POST ${route}, when the body is not JSON, answers 415`, async () => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post(route).set('content-type', 'text/plain').send('title=x');

    // Assert
    expect(response.status).toBe(415);
    expect(response.body).toEqual({ errors: [{ message: expect.stringContaining('application/json') }] });
    expect(bus.published).toEqual([]);
  });

  test(`POST ${route}, when there is no body at all, answers 415`, async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post(route);

    // Assert
    expect(response.status).toBe(415);
    expect(response.body.errors).toHaveLength(1);
  });

  test(`POST ${route}, when the body is over the limit, answers 413`, async () => {
    // Arrange
    const { app, bus } = setup({ bodyLimit: '1kb' });

    // Act
    const response = await request(app).post(route).send({ title: 'x'.repeat(2048) });

    // Assert
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ errors: [{ message: expect.stringContaining('1024') }] });
    expect(bus.published).toEqual([]);
  });

  test(`POST ${route}, when the body is over the default limit, answers 413`, async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post(route).send({ title: 'x'.repeat(20 * 1024) });

    // Assert
    expect(response.status).toBe(413);
  });

  test(`POST ${route}, when the bus is unavailable, answers 503 and does not acknowledge the post`, async () => {
    // Arrange
    const { app, bus } = setup();
    bus.failWith = new BusUnavailableError('event bus at http://localhost:4005 unavailable');

    // Act
    const response = await request(app).post(route).send({ title: 'Lost?' });
    const listed = await request(app).get('/posts');

    // Assert
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ errors: [{ message: 'event bus at http://localhost:4005 unavailable' }] });
    expect(listed.body).toEqual({});
  });

  test(`POST ${route}, when the bus is slow but accepts, answers 201 once it has`, async () => {
    // Arrange
    const { app, bus } = setup();
    bus.delayMs = 50;

    // Act
    const response = await request(app).post(route).send({ title: 'Slow' });

    // Assert
    expect(response.status).toBe(201);
    expect(bus.published).toHaveLength(1);
  });

  test(`POST ${route}, when the bus refuses the event as invalid, answers 500 and does not store the post`, async () => {
    // Arrange
    const { app, bus } = setup();
    bus.failWith = new EventRejectedError('event bus refused PostCreated with 400', 400, {});

    // Act
    const response = await request(app).post(route).send({ title: 'Refused' });
    const listed = await request(app).get('/posts');

    // Assert
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ errors: [{ message: 'internal error' }] });
    expect(listed.body).toEqual({});
  });
});

describe('GET /posts', () => {
  test('GET /posts, when there are no posts, answers 200 with an empty object', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).get('/posts');

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
  });

  test('GET /posts, when posts came from the log, answers them keyed by id', async () => {
    // Arrange
    const { app, store } = setup();
    store.apply({ id: 'e1', seq: 1, occurredAt: 'now', type: EventType.PostCreated, data: { id: 'p1', title: 'One' } });
    store.apply({ id: 'e2', seq: 2, occurredAt: 'now', type: EventType.PostCreated, data: { id: 'p2', title: 'Two' } });

    // Act
    const response = await request(app).get('/posts');

    // Assert
    expect(response.body).toEqual({ p1: { id: 'p1', title: 'One' }, p2: { id: 'p2', title: 'Two' } });
  });
});

describe('posts app edges', () => {
  test.each([
    ['GET', '/posts/create'],
    ['PUT', '/posts'],
    ['GET', '/nothing-here'],
  ])('%s %s, when no route serves it, answers 404 in the house format', async (method, path) => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app)[method.toLowerCase() as 'get' | 'put'](path);

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ errors: [{ message: `no route for ${method} ${path}` }] });
  });

  test('GET /readyz, when the projection has not caught up, answers 503', async () => {
    // Arrange
    const { app, readiness } = setup();
    readiness.markNotReady('starting');

    // Act
    const response = await request(app).get('/readyz');

    // Assert
    expect(response.status).toBe(503);
  });

  test('GET /healthz, when the app runs, answers 200', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).get('/healthz');

    // Assert
    expect(response.status).toBe(200);
  });
});
