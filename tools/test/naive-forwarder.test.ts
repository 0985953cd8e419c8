import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { eventually } from '../../test-support/eventually';
import { startProcess, type BenchProcess } from '../src/bench/processes';

/** The compiled forwarder, as the benchmark runs it (`npm test` builds first). */
const forwarderScript = path.join(__dirname, '..', 'dist', 'bench', 'naive-forwarder.js');

/** Two subscriber URLs on one server that records every POST it receives. */
async function startSubscribers(): Promise<{ urls: string[]; received: Array<{ path: string; body: unknown }>; close(): Promise<void> }> {
  const received: Array<{ path: string; body: unknown }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    urls: [`${base}/sub/a`, `${base}/sub/b`],
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// The benchmark's fan-out baselines: a wrong forwarder would make the bus's ratio meaningless.
describe.each(['axios', 'node-http'])('naive forwarder sending with %s', (client) => {
  let forwarder: BenchProcess | undefined;
  let subscribers: Awaited<ReturnType<typeof startSubscribers>> | undefined;
  afterEach(async () => {
    await forwarder?.stop();
    await subscribers?.close();
  });

  it('forwards each published event to every subscriber as JSON and answers the publisher OK', async () => {
    // Arrange
    subscribers = await startSubscribers();
    forwarder = await startProcess('naive-forwarder', forwarderScript, { env: { SUBSCRIBER_URLS: subscribers.urls.join(','), FORWARD_WITH: client } });
    const event = { type: 'PostCreated', data: { id: 'p1', title: 'Hello' } };

    // Act
    const answer = await fetch(`${forwarder.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });

    // Assert
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: 'OK' });
    await eventually(() => subscribers!.received.length === 2, 'both subscribers');
    expect(subscribers.received.map((r) => r.path).sort()).toEqual(['/sub/a', '/sub/b']);
    for (const { body } of subscribers.received) expect(body).toEqual(event);
  });
});

describe('naive forwarder', () => {
  it('when FORWARD_WITH names no known client, refuses to start and says which ones exist', async () => {
    await expect(startProcess('naive-forwarder', forwarderScript, { env: { FORWARD_WITH: 'fetch' }, readyTimeoutMs: 5000 })).rejects.toThrow(
      /FORWARD_WITH must be one of axios, node-http \(got "fetch"\)/,
    );
  });
});
