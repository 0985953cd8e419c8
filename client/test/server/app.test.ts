/** @jest-environment node */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createLogger, Readiness, serve, type RunningServer } from '@blog/service-kit';
import { createApp } from '../../server/app';
import { OpenProxiedResponses } from '../../server/open-responses';
import { compileRoutingTable, loadRoutingTable } from '../../server/routing-table';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream';

const logger = createLogger('client-test', 'silent');
const router = compileRoutingTable(loadRoutingTable());

describe('client server', () => {
  let staticDir: string;
  let posts: FakeUpstream;
  let comments: FakeUpstream;
  let query: FakeUpstream;
  let streamWrites: (frame: string) => void = () => undefined;

  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-dist-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.mkdirSync(path.join(staticDir, 'assets'));
    fs.writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log("app")');
    posts = await startFakeUpstream('posts');
    comments = await startFakeUpstream('comments');
    query = await startFakeUpstream('query', (req, res) => {
      if (req.url !== '/posts/stream') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ service: 'query', url: req.url }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('event: snapshot\ndata: {}\n\n');
      streamWrites = (frame) => res.write(frame);
    });
  });

  afterAll(async () => {
    await Promise.all([posts.close(), comments.close(), query.close()]);
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    for (const upstream of [posts, comments, query]) upstream.seen.length = 0;
  });

  function app(openResponses?: OpenProxiedResponses) {
    const readiness = new Readiness();
    readiness.markReady();
    return createApp({
      router,
      upstreams: { posts: posts.url, comments: comments.url, query: query.url },
      staticDir,
      logger,
      readiness,
      openResponses,
    });
  }

  it('POST /posts/create, when proxied, reaches posts with its method, path, body and headers', async () => {
    // Arrange, Act
    const response = await request(app()).post('/posts/create').set('content-type', 'application/json').send({ title: 'Hi' });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ service: 'posts', method: 'POST', url: '/posts/create' });
    expect(posts.seen[0]).toMatchObject({ body: '{"title":"Hi"}', headers: { 'content-type': 'application/json' } });
  });

  it('POST /posts/:id/comments, when proxied, reaches comments with the path and query string unchanged', async () => {
    // Arrange, Act
    const response = await request(app()).post('/posts/p1/comments?x=1').send({ content: 'yo' });

    // Assert
    expect(response.body).toMatchObject({ service: 'comments', url: '/posts/p1/comments?x=1', body: '{"content":"yo"}' });
  });

  it('GET /posts, when proxied, reaches query', async () => {
    // Arrange, Act
    const response = await request(app()).get('/posts');

    // Assert
    expect(response.body).toEqual({ service: 'query', url: '/posts' });
    expect(posts.seen.length + comments.seen.length).toBe(0);
  });

  it('POST /events, on the public origin, answers 404 and reaches no service', async () => {
    // Arrange, Act
    const response = await request(app()).post('/events').send({ type: 'PostCreated', data: { id: 'x', title: 'forged' } });

    // Assert
    expect(response.status).toBe(404);
    expect(response.body.errors[0].message).toMatch(/no route for POST \/events/);
    expect(posts.seen.length + comments.seen.length + query.seen.length).toBe(0);
  });

  it('GET of an app URL, when no file has that name, answers index.html', async () => {
    // Arrange, Act
    const response = await request(app()).get('/some/page');

    // Assert
    expect(response.status).toBe(200);
    expect(response.text).toContain('<div id="root">');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('GET of a hashed asset, when it exists, is served to be cached for good', async () => {
    // Arrange, Act
    const response = await request(app()).get('/assets/app-1234.js');

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toMatch(/immutable/);
  });

  it('GET of a missing file, when it has an extension, answers 404 rather than the page', async () => {
    // Arrange, Act
    const response = await request(app()).get('/assets/missing.js');

    // Assert
    expect(response.status).toBe(404);
  });

  it('GET /healthz and /readyz, on the client server, answer 200', async () => {
    // Arrange
    const server = app();

    // Act
    const [health, ready] = await Promise.all([request(server).get('/healthz'), request(server).get('/readyz')]);

    // Assert
    expect([health.status, ready.status]).toEqual([200, 200]);
  });

  it('a route, when its service is down, answers 502 in the API error shape', async () => {
    // Arrange
    const down = await startFakeUpstream('gone');
    await down.close();
    const readiness = new Readiness();
    const server = createApp({ router, upstreams: { posts: down.url, comments: comments.url, query: query.url }, staticDir, logger, readiness });

    // Act
    const response = await request(server).post('/posts/create').send({ title: 'Hi' });

    // Assert
    expect(response.status).toBe(502);
    expect(response.body.errors[0].message).toMatch(/posts service is not reachable/);
  });

  it('createApp, when the table names a service without a URL, refuses to start', () => {
    // Arrange, Act
    const create = () => createApp({ router, upstreams: { posts: posts.url }, staticDir, logger, readiness: new Readiness() });

    // Assert
    expect(create).toThrow(/comments, query/);
  });

  describe('the event stream', () => {
    let running: RunningServer;
    let openResponses: OpenProxiedResponses;

    beforeEach(async () => {
      running = await serve({
        app: app((openResponses = new OpenProxiedResponses())),
        port: 0,
        logger,
        readiness: new Readiness(),
        streams: openResponses,
        exitOnShutdown: false,
      });
    });

    afterEach(async () => {
      await running.shutdown('test end');
    });

    function openStream(): Promise<{ response: http.IncomingMessage; nextChunk(): Promise<string> }> {
      return new Promise((resolve, reject) => {
        const req = http.get({ port: running.port, host: '127.0.0.1', path: '/posts/stream' }, (response) => {
          response.setEncoding('utf8');
          const chunks: string[] = [];
          const waiting: ((chunk: string) => void)[] = [];
          response.on('data', (chunk: string) => {
            const next = waiting.shift();
            if (next) next(chunk);
            else chunks.push(chunk);
          });
          resolve({
            response,
            nextChunk: () => {
              const ready = chunks.shift();
              return ready !== undefined ? Promise.resolve(ready) : new Promise((r) => waiting.push(r));
            },
          });
        });
        req.on('error', reject);
      });
    }

    it('GET /posts/stream, when query writes a message, passes each one through as it comes', async () => {
      // Arrange
      const { response, nextChunk } = await openStream();
      const snapshot = await nextChunk();

      // Act
      streamWrites('event: post\ndata: {"id":"p1"}\n\n');
      const post = await nextChunk();

      // Assert
      expect(response.headers['content-type']).toBe('text/event-stream');
      expect(snapshot).toBe('event: snapshot\ndata: {}\n\n');
      expect(post).toBe('event: post\ndata: {"id":"p1"}\n\n');
      expect(openResponses.size).toBe(1);
      response.destroy();
    });

    it('shutdown, when a browser holds the stream open, ends it and drains at once', async () => {
      // Arrange
      const { response, nextChunk } = await openStream();
      await nextChunk();
      const ended = new Promise<void>((resolve) => response.on('close', () => resolve()));
      const started = Date.now();

      // Act
      const drained = await running.shutdown('SIGTERM');
      await ended;

      // Assert
      expect(drained).toBe(true);
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });
});
