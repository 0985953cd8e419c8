import request from 'supertest';
import { EventBusClient } from '@blog/events';
import { commentCreated, eventually, postCreated, startSubscriber, startTestBus, tempDataDir } from './helpers';

describe('subscriptions (push delivery)', () => {
  it('a subscription, with events before and after it is declared, receives every matching event once in seq order', async () => {
    // Arrange
    const bus = await startTestBus(tempDataDir());
    const client = new EventBusClient({ baseUrl: bus.url });
    const subscriber = await startSubscriber();
    await client.publish(commentCreated('c1'));
    await client.publish(postCreated('p1'));
    // Act
    await client.subscribe('moderation', { url: subscriber.url, types: ['CommentCreated'] });
    for (let i = 2; i <= 20; i++) await client.publish(commentCreated(`c${i}`));
    // Assert
    await eventually(() => subscriber.received.length === 20, '20 pushes');
    expect(subscriber.received.map((e) => e.data.id)).toEqual(Array.from({ length: 20 }, (_, i) => `c${i + 1}`));
    expect(subscriber.received.every((e, i, all) => i === 0 || e.seq > all[i - 1]!.seq)).toBe(true);
    await bus.stop();
    await subscriber.close();
  });

  it('a push, while the subscriber is down, is retried until it comes up, and nothing is lost', async () => {
    const bus = await startTestBus(tempDataDir());
    const client = new EventBusClient({ baseUrl: bus.url });
    const first = await startSubscriber();
    const port = first.port;
    await first.close();
    await client.subscribe('comments', { url: `http://127.0.0.1:${port}/events`, types: ['CommentCreated'] });
    for (let i = 1; i <= 3; i++) await client.publish(commentCreated(`c${i}`));
    await eventually(async () => (await request(bus.app).get('/subscriptions/comments')).body.failures >= 2, 'failed retries');

    const revived = await startSubscriber(() => 200, port);

    await eventually(() => revived.received.length === 3, 'delivery after the subscriber came back');
    expect(revived.received.map((e) => e.data.id)).toEqual(['c1', 'c2', 'c3']);
    const status = (await request(bus.app).get('/subscriptions/comments')).body;
    expect(status).toMatchObject({ cursor: 3, lag: 0, failures: 0 });
    await bus.stop();
    await revived.close();
  });

  it('a push answered 5xx, is retried with the same event until a 2xx', async () => {
    const bus = await startTestBus(tempDataDir());
    const client = new EventBusClient({ baseUrl: bus.url });
    let attempts = 0;
    const subscriber = await startSubscriber(() => (++attempts < 3 ? 503 : 200));
    await client.subscribe('flaky', { url: subscriber.url, types: ['CommentCreated'] });

    await client.publish(commentCreated('c1'));

    await eventually(() => subscriber.received.length === 1, 'the third attempt');
    expect(attempts).toBe(3);
    await bus.stop();
    await subscriber.close();
  });

  it('the cursor, after a bus restart, survives: delivery resumes after the last acknowledged event', async () => {
    const dir = tempDataDir();
    const bus = await startTestBus(dir);
    const client = new EventBusClient({ baseUrl: bus.url });
    const subscriber = await startSubscriber();
    await client.subscribe('moderation', { url: subscriber.url, types: ['CommentCreated'] });
    await client.publish(commentCreated('c1'));
    await client.publish(commentCreated('c2'));
    await eventually(() => subscriber.received.length === 2, 'first two');
    await bus.stop();

    const restarted = await startTestBus(dir);
    await new EventBusClient({ baseUrl: restarted.url }).publish(commentCreated('c3'));

    await eventually(() => subscriber.received.length === 3, 'the event after the restart');
    expect(subscriber.received.map((e) => e.data.id)).toEqual(['c1', 'c2', 'c3']);
    expect((await request(restarted.app).get('/subscriptions/moderation')).body.cursor).toBe(3);
    await restarted.stop();
    await subscriber.close();
  });

  it('an event the subscriber refuses with 400 is parked, shown in GET /subscriptions, and delivery goes on', async () => {
    const bus = await startTestBus(tempDataDir());
    const client = new EventBusClient({ baseUrl: bus.url });
    const subscriber = await startSubscriber(([event]) => (event!.data.id === 'c2' ? 400 : 200));
    await client.subscribe('comments', { url: subscriber.url, types: ['CommentCreated'] });

    for (let i = 1; i <= 3; i++) await client.publish(commentCreated(`c${i}`));

    await eventually(() => subscriber.received.length === 2, 'the two accepted events');
    const response = await request(bus.app).get('/subscriptions');
    expect(response.body).toEqual([
      expect.objectContaining({
        name: 'comments',
        cursor: 3,
        lag: 0,
        parked: [expect.objectContaining({ seq: 2, status: 400, reason: expect.stringContaining('refused') })],
      }),
    ]);
    expect(subscriber.received.map((e) => e.data.id)).toEqual(['c1', 'c3']);
    await bus.stop();
    await subscriber.close();
  });

  it('a subscription with batchSize, when events pile up, receives JSON arrays of at most that many, in order, each event once', async () => {
    const bus = await startTestBus(tempDataDir());
    const client = new EventBusClient({ baseUrl: bus.url });
    const subscriber = await startSubscriber();
    await client.publishMany(Array.from({ length: 25 }, (_, i) => commentCreated(`c${i + 1}`)));

    await client.subscribe('batched', { url: subscriber.url, types: ['CommentCreated'], batchSize: 10 });

    await eventually(() => subscriber.received.length === 25, 'all 25 events');
    expect(subscriber.bodies.every((body) => Array.isArray(body) && body.length <= 10)).toBe(true);
    expect(subscriber.received.map((e) => e.data.id)).toEqual(Array.from({ length: 25 }, (_, i) => `c${i + 1}`));
    await bus.stop();
    await subscriber.close();
  });

  it('a refused batch is split: only the event the subscriber refuses is parked', async () => {
    const bus = await startTestBus(tempDataDir());
    const client = new EventBusClient({ baseUrl: bus.url });
    const subscriber = await startSubscriber((events) => (events.some((e) => e.data.id === 'c3') ? 400 : 200));
    await client.publishMany(Array.from({ length: 5 }, (_, i) => commentCreated(`c${i + 1}`)));

    await client.subscribe('batched', { url: subscriber.url, types: ['CommentCreated'], batchSize: 5 });

    await eventually(() => subscriber.received.length === 4, 'the four good events');
    expect(subscriber.received.map((e) => e.data.id)).toEqual(['c1', 'c2', 'c4', 'c5']);
    const status = (await request(bus.app).get('/subscriptions/batched')).body;
    expect(status).toMatchObject({ cursor: 5, lag: 0, batchSize: 5, parked: [expect.objectContaining({ seq: 3, status: 400 })] });
    await bus.stop();
    await subscriber.close();
  });

  it('GET /subscriptions, while a subscriber is down, shows the lag', async () => {
    const bus = await startTestBus(tempDataDir());
    const client = new EventBusClient({ baseUrl: bus.url });
    await client.subscribe('gone', { url: 'http://127.0.0.1:9/events', types: ['PostCreated'] });

    for (let i = 1; i <= 4; i++) await client.publish(postCreated(`p${i}`));

    const status = (await request(bus.app).get('/subscriptions/gone')).body;
    expect(status).toMatchObject({ cursor: 0, lag: 4 });
    await bus.stop();
  });

  it('PUT /subscriptions/:name, declared again (another replica starting), keeps the cursor and answers 200', async () => {
    const bus = await startTestBus(tempDataDir());
    const client = new EventBusClient({ baseUrl: bus.url });
    const subscriber = await startSubscriber();
    const first = await request(bus.app).put('/subscriptions/moderation').send({ url: subscriber.url, types: ['CommentCreated'] });
    await client.publish(commentCreated('c1'));
    await eventually(() => subscriber.received.length === 1, 'first push');

    const again = await request(bus.app).put('/subscriptions/moderation').send({ url: subscriber.url, types: ['CommentCreated'] });
    await client.publish(commentCreated('c2'));
    await eventually(() => subscriber.received.length === 2, 'second push');

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.cursor).toBe(1);
    expect(subscriber.received.map((e) => e.data.id)).toEqual(['c1', 'c2']);
    await bus.stop();
    await subscriber.close();
  });

  it.each([
    ['a name with upper case', '/subscriptions/Moderation', { url: 'http://x/events', types: ['CommentCreated'] }],
    ['no url', '/subscriptions/moderation', { types: ['CommentCreated'] }],
    ['a url that is not http', '/subscriptions/moderation', { url: 'ftp://x/events', types: ['CommentCreated'] }],
    ['no types', '/subscriptions/moderation', { url: 'http://x/events', types: [] }],
    ['an unknown type', '/subscriptions/moderation', { url: 'http://x/events', types: ['Nope'] }],
    ['a batchSize of 0', '/subscriptions/moderation', { url: 'http://x/events', types: ['CommentCreated'], batchSize: 0 }],
  ])('PUT /subscriptions/:name, with %s, answers 400', async (_case, path, body) => {
    const bus = await startTestBus(tempDataDir());

    const response = await request(bus.app).put(path).send(body);

    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toEqual(expect.any(String));
    expect((await request(bus.app).get('/subscriptions')).body).toEqual([]);
    await bus.stop();
  });

  it('GET /subscriptions/:name, for an unknown name, answers 404', async () => {
    const bus = await startTestBus(tempDataDir());

    const response = await request(bus.app).get('/subscriptions/nobody');

    expect(response.status).toBe(404);
    await bus.stop();
  });
});
