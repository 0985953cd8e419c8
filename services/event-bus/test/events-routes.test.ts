import request from 'supertest';
import { commentCreated, postCreated, startTestBus, tempDataDir, type TestBus } from './helpers';

describe('event bus HTTP API', () => {
  let bus: TestBus;
  beforeEach(async () => {
    bus = await startTestBus(tempDataDir());
  });
  afterEach(async () => {
    await bus.stop();
  });

  it('POST /events, with a valid event, answers 201 with its id, seq and occurredAt', async () => {
    const response = await request(bus.app).post('/events').send(postCreated('p1'));

    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.any(String), seq: 1, type: 'PostCreated', data: { id: 'p1', title: 'title p1' }, occurredAt: expect.any(String) });
  });

  it('POST /events, with an id already in the log, answers 200 with the stored event', async () => {
    const first = await request(bus.app).post('/events').send({ id: 'same', ...postCreated('p1') });

    const again = await request(bus.app).post('/events').send({ id: 'same', ...postCreated('p1') });

    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it.each([
    ['an unknown type', { type: 'PostDeleted', data: { id: 'p1' } }, 'type'],
    ['no type', { data: { id: 'p1', title: 't' } }, 'type'],
    ['a payload missing a field', { type: 'PostCreated', data: { id: 'p1' } }, 'data.title'],
    ['a payload of the wrong type', { type: 'PostCreated', data: { id: 'p1', title: 5 } }, 'data.title'],
    ['an empty title', { type: 'PostCreated', data: { id: 'p1', title: '  ' } }, 'data.title'],
    ['a comment status other than pending', { type: 'CommentCreated', data: { id: 'c1', postId: 'p1', content: 'x', status: 'approved' } }, 'data.status'],
    ['an id with spaces', { id: 'not ok', ...postCreated('p1') }, 'id'],
  ])('POST /events, with %s, answers 400 naming the field', async (_case, body, field) => {
    const response = await request(bus.app).post('/events').send(body);

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String) })]));
    expect(bus.log.headSeq).toBe(0);
  });

  it('POST /events, with an array, appends every event in order in one go and answers them', async () => {
    const response = await request(bus.app).post('/events').send([postCreated('p1'), commentCreated('c1', 'p1'), postCreated('p2')]);

    expect(response.status).toBe(201);
    expect(response.body.map((e: { seq: number; type: string }) => [e.seq, e.type])).toEqual([
      [1, 'PostCreated'],
      [2, 'CommentCreated'],
      [3, 'PostCreated'],
    ]);
  });

  it('POST /events, with an array holding one invalid event, answers 400 naming it and stores none', async () => {
    const response = await request(bus.app).post('/events').send([postCreated('p1'), { type: 'PostCreated', data: { id: 'p2' } }]);

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: '1.data.title' })]);
    expect(bus.log.headSeq).toBe(0);
  });

  it('POST /events, with an empty array, answers 400', async () => {
    const response = await request(bus.app).post('/events').send([]);

    expect(response.status).toBe(400);
  });

  it('POST /events, with a JSON string instead of an object, answers 400', async () => {
    const response = await request(bus.app).post('/events').set('content-type', 'application/json').send('"PostCreated"');

    expect(response.status).toBe(400);
  });

  it('POST /events, with malformed JSON, answers 400', async () => {
    const response = await request(bus.app).post('/events').set('content-type', 'application/json').send('{"type":');

    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toMatch(/not valid JSON/);
  });

  it('POST /events, with a body that is not JSON, answers 415', async () => {
    const response = await request(bus.app).post('/events').set('content-type', 'text/plain').send('PostCreated');

    expect(response.status).toBe(415);
  });

  it('POST /events, with a body over the limit, answers 413', async () => {
    const response = await request(bus.app).post('/events').send({ type: 'PostCreated', data: { id: 'p1', title: 'x'.repeat(2_200_000) } });

    expect(response.status).toBe(413);
    expect(response.body.errors[0].message).toMatch(/larger than the limit/);
  });

  it('POST /events, with JSON in a charset other than UTF-8, answers 415 naming the charset', async () => {
    const response = await request(bus.app).post('/events').set('content-type', 'application/json; charset=latin1').send(JSON.stringify(postCreated('p1')));

    expect(response.status).toBe(415);
    expect(response.body.errors[0].message).toBe('unsupported charset "LATIN1"');
  });

  it('POST /events, with a Content-Type that only looks like JSON, answers 415 and stores nothing', async () => {
    const response = await request(bus.app).post('/events').set('content-type', 'json').send(JSON.stringify(postCreated('p1')));

    expect(response.status).toBe(415);
    expect(bus.log.headSeq).toBe(0);
  });

  it.each(['/events/', '/EVENTS', '/events?source=test'])('POST %s, as Express would match it, publishes like POST /events', async (path) => {
    const response = await request(bus.app).post(path).send(postCreated('p1'));

    expect(response.status).toBe(201);
    expect(bus.log.headSeq).toBe(1);
  });

  it('POST /events/stream, a path that only starts like the publish route, answers 404', async () => {
    const response = await request(bus.app).post('/events/stream').send(postCreated('p1'));

    expect(response.status).toBe(404);
    expect(bus.log.headSeq).toBe(0);
  });

  it('GET /events, without parameters, answers every event oldest first', async () => {
    for (let i = 1; i <= 3; i++) await request(bus.app).post('/events').send(postCreated(`p${i}`));

    const response = await request(bus.app).get('/events');

    expect(response.status).toBe(200);
    expect(response.body.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
  });

  it('GET /events, with after, limit and types, answers that page', async () => {
    for (let i = 1; i <= 6; i++) await request(bus.app).post('/events').send(i % 2 ? postCreated(`p${i}`) : commentCreated(`c${i}`));

    const response = await request(bus.app).get('/events?after=1&limit=2&types=CommentCreated');

    expect(response.body.map((e: { seq: number }) => e.seq)).toEqual([2, 4]);
  });

  it.each([['after=-1'], ['after=abc'], ['limit=0'], ['types=Nope']])('GET /events, with %s, answers 400', async (query) => {
    const response = await request(bus.app).get(`/events?${query}`);

    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toEqual(expect.any(String));
  });

  it('GET /events/head, after two events, answers seq 2', async () => {
    await request(bus.app).post('/events').send(postCreated('p1'));
    await request(bus.app).post('/events').send(postCreated('p2'));

    const response = await request(bus.app).get('/events/head');

    expect(response.body).toEqual({ seq: 2 });
  });

  it('GET /readyz, once the log is open, answers 200 with the head', async () => {
    const response = await request(bus.app).get('/readyz');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready', head: 0 });
  });

  it('an unknown route answers 404 in the house format', async () => {
    const response = await request(bus.app).delete('/events');

    expect(response.status).toBe(404);
    expect(response.body.errors[0].message).toMatch(/no route/);
  });
});
