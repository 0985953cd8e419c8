import request from 'supertest';
import { z } from 'zod';
import type { Express } from 'express';
import { BusUnavailableError, EventRejectedError } from '@blog/events';
import { HttpError, Readiness, createBaseApp, finishApp, parseOr400, requireJson, type Logger } from '@blog/service-kit';

/** A logger that records what the error handler reports. */
function recordingLogger() {
  const logger = { error: jest.fn(), warn: jest.fn(), info: jest.fn() };
  return { logger, asLogger: logger as unknown as Logger };
}

/** An app whose `/throw` throws whatever the test gives it, from an async handler. */
function appThrowing(error: () => unknown, logger: Logger): Express {
  const app = createBaseApp({ readiness: new Readiness(), bodyLimit: '1kb' });
  app.get('/throw', async () => {
    await Promise.resolve();
    throw error();
  });
  app.post('/echo', requireJson, (req, res) => {
    const body = parseOr400(z.object({ name: z.string() }), req.body);
    res.status(201).json(body);
  });
  return finishApp(app, logger);
}

describe('errorHandler', () => {
  test('errorHandler, when it refuses a request with a 4xx, logs one info line with the status and the reason', async () => {
    // Arrange
    const { logger, asLogger } = recordingLogger();
    const app = appThrowing(() => HttpError.notFound('post p1 does not exist'), asLogger);

    // Act
    await request(app).get('/throw');

    // Assert
    expect(logger.info).toHaveBeenCalledWith(expect.objectContaining({ status: 404, err: 'post p1 does not exist', path: '/throw' }), 'request refused');
    expect(logger.error).not.toHaveBeenCalled();
  });

  test('errorHandler, when a handler throws an HttpError, answers its status with its errors', async () => {
    // Arrange
    const { asLogger } = recordingLogger();
    const app = appThrowing(() => HttpError.badRequest([{ message: 'title must not be empty', field: 'title' }]), asLogger);

    // Act
    const response = await request(app).get('/throw');

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'title must not be empty', field: 'title' }] });
  });

  test('errorHandler, when a handler throws an unknown error, answers 500 without its message and logs it with its stack', async () => {
    // Arrange
    const { logger, asLogger } = recordingLogger();
    const app = appThrowing(() => new Error('password=hunter2 leaked from the store'), asLogger);

    // Act
    const response = await request(app).get('/throw');

    // Assert
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ errors: [{ message: 'internal error' }] });
    expect(response.text).not.toContain('hunter2');
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), 'unexpected error');
  });

  test('errorHandler, when an unknown error carries status 400 but is not marked for the client, answers 500 and not 400', async () => {
    // Arrange
    const { asLogger } = recordingLogger();
    const app = appThrowing(() => Object.assign(new Error('validation library blew up'), { status: 400 }), asLogger);

    // Act
    const response = await request(app).get('/throw');

    // Assert
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ errors: [{ message: 'internal error' }] });
  });

  test('errorHandler, when a schema error escapes a handler unconverted, answers 500 and not 400', async () => {
    // Arrange
    const { asLogger } = recordingLogger();
    const app = appThrowing(() => z.object({ a: z.string() }).safeParse({}).error, asLogger);

    // Act
    const response = await request(app).get('/throw');

    // Assert
    expect(response.status).toBe(500);
  });

  test('errorHandler, when the bus refuses one of our own events, answers 500 because the service sent something wrong', async () => {
    // Arrange
    const { asLogger } = recordingLogger();
    const app = appThrowing(() => new EventRejectedError('event bus refused PostCreated with 400', 400, { errors: [] }), asLogger);

    // Act
    const response = await request(app).get('/throw');

    // Assert
    expect(response.status).toBe(500);
  });

  test('errorHandler, when the bus is unavailable, answers 503 with the reason and logs a warning', async () => {
    // Arrange
    const { logger, asLogger } = recordingLogger();
    const app = appThrowing(() => new BusUnavailableError('event bus at http://bus unavailable'), asLogger);

    // Act
    const response = await request(app).get('/throw');

    // Assert
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ errors: [{ message: 'event bus at http://bus unavailable' }] });
    expect(logger.warn).toHaveBeenCalled();
  });

  test('errorHandler, when an HttpError is a 503, logs it as a warning', async () => {
    // Arrange
    const { logger, asLogger } = recordingLogger();
    const app = appThrowing(() => HttpError.unavailable('not ready'), asLogger);

    // Act
    const response = await request(app).get('/throw');

    // Assert
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ errors: [{ message: 'not ready' }] });
    expect(logger.warn).toHaveBeenCalled();
  });

  test('errorHandler, when the body is malformed JSON, answers 400 in the house format', async () => {
    // Arrange
    const app = appThrowing(() => undefined, recordingLogger().asLogger);

    // Act
    const response = await request(app).post('/echo').set('content-type', 'application/json').send('{"name": ');

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'request body is not valid JSON' }] });
  });

  test('errorHandler, when the body is over the limit, answers 413 naming the limit', async () => {
    // Arrange
    const app = appThrowing(() => undefined, recordingLogger().asLogger);

    // Act
    const response = await request(app).post('/echo').send({ name: 'x'.repeat(2000) });

    // Assert
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ errors: [{ message: 'request body is larger than the limit of 1024 bytes' }] });
  });

  test('errorHandler, when the JSON body declares a charset the parser does not support, answers 415', async () => {
    // Arrange
    const app = appThrowing(() => undefined, recordingLogger().asLogger);

    // Act
    const response = await request(app).post('/echo').set('content-type', 'application/json; charset=latin1').send('{"name":"x"}');

    // Assert
    expect(response.status).toBe(415);
    expect(response.body.errors).toEqual([{ message: expect.stringContaining('charset') }]);
  });
});

describe('notFoundHandler', () => {
  test('notFoundHandler, when no route matches, answers 404 naming the method and path', async () => {
    // Arrange
    const app = appThrowing(() => undefined, recordingLogger().asLogger);

    // Act
    const response = await request(app).delete('/nowhere');

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ errors: [{ message: 'no route for DELETE /nowhere' }] });
  });
});

describe('HttpError', () => {
  test('HttpError, when built with fields, says every field in its message for the logs', () => {
    // Arrange
    const errors = [{ message: 'must not be empty', field: 'title' }, { message: 'body must be an object' }];

    // Act
    const error = HttpError.badRequest(errors);

    // Assert
    expect(error.status).toBe(400);
    expect(error.message).toBe('title: must not be empty; body must be an object');
  });
});
