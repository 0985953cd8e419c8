import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { serve, type RunningServer } from '@blog/service-kit';
import { createBus } from '../src/bus';

export const silentLogger = pino({ level: 'silent' });

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bus-test-'));
}

export type TestBus = ReturnType<typeof createBus> & { url: string; server: RunningServer; stop(): Promise<void> };

/** A real bus on a real SQLite file, listening on a free port. */
export async function startTestBus(dataDir: string, options: { port?: number; maxBackoffMs?: number } = {}): Promise<TestBus> {
  const bus = createBus(
    { DATA_DIR: dataDir, BODY_LIMIT: '16kb', EVENTS_BODY_LIMIT: '2mb', PUSH_TIMEOUT_MS: 2000, PUSH_MAX_BACKOFF_MS: options.maxBackoffMs ?? 200 },
    silentLogger,
  );
  const server = await serve({
    app: bus.app,
    port: options.port ?? 0,
    logger: silentLogger,
    readiness: bus.readiness,
    streams: bus.streams,
    onShutdown: bus.close,
    exitOnShutdown: false,
    drainTimeoutMs: 2000,
  });
  return Object.assign(bus, { url: `http://127.0.0.1:${server.port}`, server, stop: async () => void (await server.shutdown()) });
}

export interface ReceivedPush {
  seq: number;
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/**
 * A subscriber endpoint: `respond` sees each push (its events, one or a
 * batch) and picks the status; the events of accepted pushes are recorded
 * in `received`, and every body as sent in `bodies`.
 */
export async function startSubscriber(respond: (events: ReceivedPush[]) => number = () => 200, port = 0) {
  const received: ReceivedPush[] = [];
  const bodies: unknown[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const parsed = JSON.parse(body) as ReceivedPush | ReceivedPush[];
      const events = Array.isArray(parsed) ? parsed : [parsed];
      const status = respond(events);
      if (status < 300) {
        bodies.push(parsed);
        received.push(...events);
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status < 300 ? { ok: true } : { errors: [{ message: 'refused' }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const boundPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${boundPort}/events`,
    port: boundPort,
    received,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { eventually } from '../../../test-support/eventually';

export const postCreated = (id: string, title = `title ${id}`) => ({ type: 'PostCreated' as const, data: { id, title } });
export const commentCreated = (id: string, postId = 'p1', content = `comment ${id}`) => ({
  type: 'CommentCreated' as const,
  data: { id, postId, content, status: 'pending' as const },
});
