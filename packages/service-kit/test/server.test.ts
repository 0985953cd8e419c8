import http from 'node:http';
import net from 'node:net';
import express, { type Express } from 'express';
import { Readiness, SseStreams, createLogger, serve, type RunningServer } from '@blog/service-kit';

const logger = createLogger('test', 'silent');

/** A promise with its resolve exposed, so a test decides when a slow request finishes. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

interface RawAnswer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** A GET through `agent` (a fresh connection when omitted) that reports socket errors instead of retrying. */
function get(port: number, path: string, agent: http.Agent | false = false): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    });
    req.on('error', reject);
  });
}

/** An app whose `/slow` answers only when the test releases it. */
function slowApp() {
  const arrived = deferred();
  const release = deferred();
  const app = express();
  app.get('/slow', async (_req, res) => {
    arrived.resolve();
    await release.promise;
    res.json({ finished: true });
  });
  app.get('/fast', (_req, res) => {
    res.json({ fast: true });
  });
  return { app, arrived, release };
}

function readyReadiness(): Readiness {
  const readiness = new Readiness();
  readiness.markReady();
  return readiness;
}

describe('serve', () => {
  const started: RunningServer[] = [];
  const start = async (
    app: Express,
    extra: { readiness?: Readiness; streams?: SseStreams; onShutdown?: () => Promise<void> | void; drainTimeoutMs?: number } = {},
  ) => {
    const running = await serve({
      app,
      port: 0,
      logger,
      readiness: extra.readiness ?? readyReadiness(),
      streams: extra.streams,
      onShutdown: extra.onShutdown,
      exitOnShutdown: false,
      // Short, so that a drain that never completes fails the test quickly.
      drainTimeoutMs: extra.drainTimeoutMs ?? 1500,
    });
    started.push(running);
    return running;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((running) => running.shutdown()));
  });

  test('serve, when started on port 0, listens on a free port and reports it', async () => {
    // Arrange
    const { app } = slowApp();

    // Act
    const running = await start(app);

    // Assert
    expect(running.port).toBeGreaterThan(0);
    await expect(get(running.port, '/fast')).resolves.toMatchObject({ status: 200, body: '{"fast":true}' });
  });

  test('serve, when shutdown begins during a slow request, lets it finish, refuses new connections and resolves true', async () => {
    // Arrange
    const { app, arrived, release } = slowApp();
    const readiness = readyReadiness();
    const running = await start(app, { readiness });
    const slowAnswer = get(running.port, '/slow');
    await arrived.promise;

    // Act
    const drained = running.shutdown('SIGTERM');
    const refused = get(running.port, '/fast');
    await expect(refused).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    release.resolve();

    // Assert
    await expect(slowAnswer).resolves.toMatchObject({ status: 200, body: '{"finished":true}' });
    await expect(drained).resolves.toBe(true);
    expect(readiness.isReady).toBe(false);
  });

  test('serve, when shutdown begins, turns readiness to draining before the server closes', async () => {
    // Arrange
    const { app, arrived, release } = slowApp();
    const readiness = readyReadiness();
    const running = await start(app, { readiness });
    const slowAnswer = get(running.port, '/slow');
    await arrived.promise;

    // Act
    const drained = running.shutdown();

    // Assert
    expect(readiness.status).toBe('shutting down');
    release.resolve();
    await slowAnswer;
    await drained;
  });

  test('serve, when shutdown is called twice, runs it once and both calls get the same result', async () => {
    // Arrange
    const onShutdown = jest.fn();
    const running = await start(express(), { onShutdown });

    // Act
    const results = await Promise.all([running.shutdown('SIGTERM'), running.shutdown('SIGINT')]);

    // Assert
    expect(results).toEqual([true, true]);
    expect(onShutdown).toHaveBeenCalledTimes(1);
  });

  test('serve, when shutting down, releases the service resources only after the last request finished', async () => {
    // Arrange
    const order: string[] = [];
    const arrived = deferred();
    const release = deferred();
    const app = express();
    app.get('/slow', async (_req, res) => {
      res.on('finish', () => order.push('request finished'));
      arrived.resolve();
      await release.promise;
      res.json({ finished: true });
    });
    const running = await start(app, { onShutdown: () => void order.push('resources released') });
    const slowAnswer = get(running.port, '/slow');
    await arrived.promise;

    // Act
    const drained = running.shutdown();
    release.resolve();
    await Promise.all([slowAnswer, drained]);

    // Assert
    expect(order).toEqual(['request finished', 'resources released']);
  });

  test('serve, when releasing the resources fails, resolves false', async () => {
    // Arrange
    const running = await start(express(), {
      onShutdown: () => {
        throw new Error('store would not close');
      },
    });

    // Act
    const drained = await running.shutdown();

    // Assert
    expect(drained).toBe(false);
  });

  test('serve, when a request never finishes, gives up at the drain deadline and resolves false', async () => {
    // Arrange
    const { app, arrived } = slowApp();
    const running = await start(app, { drainTimeoutMs: 200 });
    const neverAnswered = get(running.port, '/slow');
    neverAnswered.catch(() => undefined);
    await arrived.promise;

    // Act
    const drained = await running.shutdown();

    // Assert
    expect(drained).toBe(false);
    await expect(neverAnswered).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  test('serve, when Server-Sent Events streams are open at shutdown, ends them and still drains', async () => {
    // Arrange
    const streams = new SseStreams();
    const app = express();
    app.get('/stream', (req, res) => {
      streams.open(req, res);
      res.write('data: hello\n\n');
    });
    const running = await start(app, { streams });
    const response = await fetch(`http://127.0.0.1:${running.port}/stream`);
    const reader = response.body!.getReader();
    await reader.read();
    expect(streams.size).toBe(1);

    // Act
    const drained = running.shutdown();

    // Assert
    await expect(readToEnd(reader)).resolves.toBe('');
    await expect(drained).resolves.toBe(true);
    expect(streams.size).toBe(0);
  });
});

async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += decoder.decode(value, { stream: true });
  }
}
