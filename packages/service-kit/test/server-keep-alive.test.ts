import http from 'node:http';
import net from 'node:net';
import express from 'express';
import { Readiness, createLogger, serve, type RunningServer } from '@blog/service-kit';

/*
 * Clients and proxies keep connections alive (fetch does, ingress-nginx
 * does). A drain must not depend on the client closing its connection.
 */

const logger = createLogger('test', 'silent');
const DRAIN_TIMEOUT_MS = 1500;

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function startSlowServer() {
  const arrived = deferred();
  const release = deferred();
  const app = express();
  app.get('/slow', async (_req, res) => {
    arrived.resolve();
    await release.promise;
    res.json({ finished: true });
  });
  // Answers synchronously, as /healthz and /readyz do.
  app.get('/fast', (_req, res) => {
    res.json({ fast: true });
  });
  const readiness = new Readiness();
  readiness.markReady();
  const running = await serve({ app, port: 0, logger, readiness, exitOnShutdown: false, drainTimeoutMs: DRAIN_TIMEOUT_MS });
  return { running, arrived, release };
}

/** Reads from a raw socket until `count` complete responses (headers + Content-Length body) arrived. */
function collectResponses(socket: net.Socket, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const responses: string[] = [];
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`socket closed after ${responses.length} of ${count} responses`)));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        const headerEnd = buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(buffer.slice(0, headerEnd))?.[1] ?? 0);
        if (buffer.length < headerEnd + 4 + length) return;
        responses.push(buffer.slice(0, headerEnd + 4 + length));
        buffer = buffer.slice(headerEnd + 4 + length);
        if (responses.length === count) resolve(responses);
      }
    });
  });
}

describe('serve with keep-alive clients', () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.shutdown();
    running = undefined;
  });

  test('serve, when a request on a kept-alive connection is in flight at shutdown, drains once it finishes and resolves true', async () => {
    // Arrange
    const server = await startSlowServer();
    running = server.running;
    const agent = new http.Agent({ keepAlive: true });
    const answer = new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: running!.port, path: '/slow', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject);
    });
    await server.arrived.promise;

    // Act
    const drained = running.shutdown('SIGTERM');
    server.release.resolve();

    // Assert
    await expect(answer).resolves.toBe(200);
    // false here means the idle kept-alive connection held the server open until the drain deadline.
    await expect(drained).resolves.toBe(true);
    agent.destroy();
  });

  test('serve, when a request arrives on a kept-alive connection after shutdown began, answers it with connection: close and drains', async () => {
    // Arrange
    const server = await startSlowServer();
    running = server.running;
    const socket = net.connect(running.port, '127.0.0.1');
    const responses = collectResponses(socket, 2);
    socket.write('GET /slow HTTP/1.1\r\nHost: test\r\n\r\n');
    await server.arrived.promise;

    // Act
    const drained = running.shutdown('SIGTERM');
    socket.write('GET /fast HTTP/1.1\r\nHost: test\r\n\r\n');
    server.release.resolve();

    // Assert
    const [slow, fast] = await responses;
    expect(slow).toMatch(/^HTTP\/1\.1 200/);
    expect(fast).toMatch(/^HTTP\/1\.1 200/);
    expect(fast).toMatch(/\r\nconnection: close\r\n/i);
    await expect(drained).resolves.toBe(true);
    socket.destroy();
  });
});
