import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { HttpError, Readiness, createBaseApp, finishApp, withDirectPostRoutes, type DirectPostRoute, type Logger } from '@blog/service-kit';

/** A logger that records what sendError reports. */
function recordingLogger() {
  const logger = { error: jest.fn(), warn: jest.fn(), info: jest.fn() };
  return { logger, asLogger: logger as unknown as Logger };
}

/**
 * An Express app answering `GET /items/:id` and `POST /other`, with one
 * direct route `POST /items/:id/notes` in front that echoes what it got,
 * or throws what the test asks for.
 */
function setup(options: { allowArray?: boolean; throwing?: () => unknown } = {}) {
  const { logger, asLogger } = recordingLogger();
  const app = createBaseApp({ readiness: new Readiness() });
  app.get('/items/:id', (req, res) => void res.json({ from: 'express', id: req.params.id }));
  app.post('/other', (_req, res) => void res.status(202).json({ from: 'express' }));
  const notes: DirectPostRoute = {
    path: '/items/:id/notes',
    bodyLimit: '1kb',
    ...(options.allowArray && { allowArray: true }),
    handle: async (params, body) => {
      if (options.throwing) throw options.throwing();
      return { status: 201, json: JSON.stringify({ from: 'direct', params, body }) };
    },
  };
  return { app: withDirectPostRoutes(finishApp(app, asLogger), [notes], asLogger), logger };
}

describe('withDirectPostRoutes', () => {
  it('a POST on a direct route, when the body is a JSON object, reaches the handler with the decoded path parameters', async () => {
    // Arrange
    const { app } = setup();
    // Act
    const response = await request(app).post('/items/a%20b/notes').send({ text: 'hi' });
    // Assert
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body).toEqual({ from: 'direct', params: { id: 'a b' }, body: { text: 'hi' } });
  });

  it.each(['/ITEMS/x/notes', '/items/x/notes/', '/items/x/notes?draft=1'])('POST %s, as Express would match it, takes the direct route', async (path) => {
    const { app } = setup();

    const response = await request(app).post(path).send({ text: 'hi' });

    expect(response.body.from).toBe('direct');
  });

  it('other methods and other paths, when requested, go to the Express app', async () => {
    const { app } = setup();

    const get = await request(app).get('/items/x');
    const post = await request(app).post('/other').send({});
    const deeper = await request(app).post('/items/x/notes/old').send({});

    expect(get.body).toEqual({ from: 'express', id: 'x' });
    expect(post.status).toBe(202);
    expect(deeper.status).toBe(404);
  });

  it.each([
    ['no Content-Type', undefined, '{"text":"hi"}', 415, 'request body must be JSON (Content-Type: application/json)'],
    ['text/plain', 'text/plain', 'hi', 415, 'request body must be JSON (Content-Type: application/json)'],
    ['a charset other than UTF-8', 'application/json; charset=latin1', '{"text":"hi"}', 415, 'unsupported charset "LATIN1"'],
    ['malformed JSON', 'application/json', '{"text":', 400, 'request body is not valid JSON'],
    ['a JSON string', 'application/json', '"hi"', 400, 'request body must be a JSON object'],
    ['a JSON array where only objects are allowed', 'application/json', '[{"text":"hi"}]', 400, 'request body must be a JSON object'],
    ['a body over the limit', 'application/json', JSON.stringify({ text: 'x'.repeat(2000) }), 413, 'request body is larger than the limit of 1024 bytes'],
  ])('a POST with %s, when refused, answers with the status and message every route gives', async (_name, contentType, body, status, message) => {
    const { app, logger } = setup();

    const call = request(app).post('/items/x/notes');
    const response = await (contentType ? call.set('content-type', contentType) : call).send(body);

    expect(response.status).toBe(status);
    expect(response.body).toEqual({ errors: [{ message }] });
    expect(logger.info).toHaveBeenCalledWith(expect.objectContaining({ method: 'POST', path: '/items/x/notes', status }), 'request refused');
  });

  it('a POST with an array, when the route allows arrays, reaches the handler', async () => {
    const { app } = setup({ allowArray: true });

    const response = await request(app).post('/items/x/notes').send([{ text: 'a' }]);

    expect(response.body.body).toEqual([{ text: 'a' }]);
  });

  it('a POST whose path parameter is not valid percent-encoding, when it arrives, answers 400', async () => {
    const { app } = setup();

    const response = await request(app).post('/items/%E0%A4%A/notes').send({ text: 'hi' });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'request path is not valid percent-encoding' }] });
  });

  it('a handler, when it throws an HttpError, answers its status; anything else is a 500 logged with the error', async () => {
    const refused = setup({ throwing: () => HttpError.notFound('no such item') });
    const broken = setup({ throwing: () => new Error('disk on fire') });

    const notFound = await request(refused.app).post('/items/x/notes').send({});
    const failed = await request(broken.app).post('/items/x/notes').send({});

    expect(notFound.status).toBe(404);
    expect(notFound.body).toEqual({ errors: [{ message: 'no such item' }] });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ errors: [{ message: 'internal error' }] });
    expect(broken.logger.error).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error), path: '/items/x/notes' }), 'unexpected error');
  });

  it('a body over the limit, when the client is still sending it, is read to the end before the 413, so the client gets the answer and not EPIPE', async () => {
    // Arrange: a real server, and a client that sends 20 MB
    const { app } = setup();
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const body = Buffer.alloc(20 * 1024 * 1024, 'x');
    try {
      // Act: a connection that closes after this request (as curl's and the hostile-input test's do), so the
      // server ends it right after answering; the outcome is settled once the body went out or failed to
      const outcome = await new Promise<{ status?: number; error?: string }>((resolve) => {
        let status: number | undefined;
        const req = http.request(
          { port, host: '127.0.0.1', method: 'POST', path: '/items/x/notes', agent: false, headers: { 'content-type': 'application/json', 'content-length': body.length } },
          (res) => {
            status = res.statusCode;
            res.resume();
          },
        );
        req.on('error', (error) => resolve({ status, error: error.message }));
        req.on('close', () => resolve({ status }));
        req.end(body);
      });
      // Assert
      expect(outcome).toEqual({ status: 413 });
    } finally {
      server.close();
    }
  });
});
