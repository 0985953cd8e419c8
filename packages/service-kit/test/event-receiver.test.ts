import pino from 'pino';
import request from 'supertest';
import { z } from 'zod';
import { BusUnavailableError } from '@blog/events';
import { Readiness, createBaseApp, createLogger, eventReceiver, finishApp } from '@blog/service-kit';

const Ping = z.object({ id: z.string(), n: z.number().int() });
type Ping = z.infer<typeof Ping>;

function setup(options: { ready?: boolean; handle?: (events: Ping[]) => Promise<void>; maxBatch?: number; isPermanent?: (error: unknown) => boolean } = {}) {
  const readiness = new Readiness();
  if (options.ready ?? true) readiness.markReady();
  const handled: Ping[][] = [];
  const handle = options.handle ?? (async (events: Ping[]) => void handled.push(events));
  const app = createBaseApp({ readiness, bodyLimit: '1kb', eventsBodyLimit: '64kb' });
  app.use(eventReceiver({ schema: Ping, readiness, handle, maxBatch: options.maxBatch, isPermanent: options.isPermanent }));
  app.post('/other', (_req, res) => void res.sendStatus(204));
  return { app: finishApp(app, createLogger('test', 'silent')), handled, readiness };
}

describe('eventReceiver', () => {
  test('eventReceiver, with a logger, writes one line per event handled', async () => {
    // Arrange
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const readiness = new Readiness();
    readiness.markReady();
    const app = createBaseApp({ readiness });
    app.use(eventReceiver({ schema: Ping, readiness, handle: async () => undefined, logger, describe: (ping) => ({ pingId: ping.id }) }));

    // Act
    await request(finishApp(app, logger)).post('/events').send([{ id: 'a', n: 1 }, { id: 'b', n: 2 }]);

    // Assert
    expect(lines.filter((line) => line.msg === 'event handled').map((line) => line.pingId)).toEqual(['a', 'b']);
  });

  test('eventReceiver, when the handler fails in a way retrying cannot fix, answers 422 so the bus parks the push', async () => {
    // Arrange
    const { app } = setup({
      handle: async () => {
        throw new RangeError('refused by the bus');
      },
      isPermanent: (error) => error instanceof RangeError,
    });

    // Act
    const response = await request(app).post('/events').send({ id: 'a', n: 1 });

    // Assert
    expect(response.status).toBe(422);
    expect(response.body.errors[0].message).toMatch(/refused by the bus/);
  });

  test('eventReceiver, when the handler fails in a way that is not permanent, answers 500 so the bus retries', async () => {
    // Arrange
    const { app } = setup({
      handle: async () => {
        throw new TypeError('a bug');
      },
      isPermanent: (error) => error instanceof RangeError,
    });

    // Act
    const response = await request(app).post('/events').send({ id: 'a', n: 1 });

    // Assert
    expect(response.status).toBe(500);
  });

  test('eventReceiver, when one event is pushed as an object, hands it over as a batch of one and answers 200', async () => {
    // Arrange
    const { app, handled } = setup();

    // Act
    const response = await request(app).post('/events').send({ id: 'a', n: 1 });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: 1 });
    expect(handled).toEqual([[{ id: 'a', n: 1 }]]);
  });

  test('eventReceiver, when an array of events is pushed, hands them over in order in one call', async () => {
    // Arrange
    const { app, handled } = setup();

    // Act
    const response = await request(app).post('/events').send([{ id: 'a', n: 1 }, { id: 'b', n: 2 }]);

    // Assert
    expect(response.body).toEqual({ received: 2 });
    expect(handled).toEqual([[{ id: 'a', n: 1 }, { id: 'b', n: 2 }]]);
  });

  test('eventReceiver, when an event is invalid, answers 400 naming it and handles nothing', async () => {
    // Arrange
    const { app, handled } = setup();

    // Act
    const response = await request(app).post('/events').send({ id: 'a', n: 'one' });

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'n' })]);
    expect(handled).toEqual([]);
  });

  test('eventReceiver, when one event of a batch is invalid, answers 400 naming its position and handles none of them', async () => {
    // Arrange
    const { app, handled } = setup();

    // Act
    const response = await request(app).post('/events').send([{ id: 'a', n: 1 }, { id: 'b' }]);

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ message: '1.n is required', field: '1.n' }]);
    expect(handled).toEqual([]);
  });

  test('eventReceiver, when the batch is empty, answers 400', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post('/events').send([]);

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ message: 'must hold at least one event' }]);
  });

  test('eventReceiver, when the batch is larger than allowed, answers 400', async () => {
    // Arrange
    const { app, handled } = setup({ maxBatch: 2 });

    // Act
    const response = await request(app).post('/events').send([{ id: 'a', n: 1 }, { id: 'b', n: 2 }, { id: 'c', n: 3 }]);

    // Assert
    expect(response.status).toBe(400);
    expect(handled).toEqual([]);
  });

  test('eventReceiver, when the body is not JSON, answers 415', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post('/events').set('content-type', 'text/plain').send('ping');

    // Assert
    expect(response.status).toBe(415);
  });

  test('eventReceiver, when the JSON is neither an object nor an array, answers 400', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post('/events').set('content-type', 'application/json').send('"ping"');

    // Assert
    expect(response.status).toBe(400);
  });

  test('eventReceiver, when the service is not ready, answers 503 and handles nothing', async () => {
    // Arrange
    const { app, handled } = setup({ ready: false });

    // Act
    const response = await request(app).post('/events').send({ id: 'a', n: 1 });

    // Assert
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ errors: [{ message: 'not ready to handle events yet' }] });
    expect(handled).toEqual([]);
  });

  test('eventReceiver, when handling fails because the bus is down, answers 503 so the push is retried', async () => {
    // Arrange
    const { app } = setup({
      handle: async () => {
        throw new BusUnavailableError('event bus unavailable');
      },
    });

    // Act
    const response = await request(app).post('/events').send({ id: 'a', n: 1 });

    // Assert
    expect(response.status).toBe(503);
  });

  test('eventReceiver, when handling fails unexpectedly, answers 500 and not 400, so the push is retried rather than parked', async () => {
    // Arrange
    const { app } = setup({
      handle: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });

    // Act
    const response = await request(app).post('/events').send({ id: 'a', n: 1 });

    // Assert
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ errors: [{ message: 'internal error' }] });
  });
});

describe('createBaseApp body limits', () => {
  test('createBaseApp, when a batch of events is larger than the body limit but within the events limit, accepts it on POST /events', async () => {
    // Arrange
    const { app, handled } = setup();
    const batch = Array.from({ length: 100 }, (_, n) => ({ id: `event-${n}`, n }));

    // Act
    const response = await request(app).post('/events').send(batch);

    // Assert
    expect(JSON.stringify(batch).length).toBeGreaterThan(1024);
    expect(response.status).toBe(200);
    expect(handled[0]).toHaveLength(100);
  });

  test('createBaseApp, when another route gets a body over the body limit, answers 413', async () => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).post('/other').send({ text: 'x'.repeat(2048) });

    // Assert
    expect(response.status).toBe(413);
  });

  test('createBaseApp, when POST /events gets a body over the events limit, answers 413', async () => {
    // Arrange
    const { app, handled } = setup();

    // Act
    const response = await request(app).post('/events').send({ id: 'x'.repeat(70 * 1024), n: 1 });

    // Assert
    expect(response.status).toBe(413);
    expect(handled).toEqual([]);
  });
});
