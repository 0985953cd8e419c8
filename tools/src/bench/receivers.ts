/**
 * The subscribers of the fan-out test, in a process of their own so that
 * receiving does not compete with the publishers for the event loop:
 * `POST /push/:i` counts the events of a push (one object, or an array when
 * the bus batches), and `POST /tails` opens live tails on a bus
 * (`GET /events/stream`) that count each event (`id:` line) they receive.
 * `GET /counts` answers `{push, tails, pushRequests, tailChunks}`: events
 * per receiver, and how many POSTs / stream chunks brought them (so the bench
 * can tell how well the bus batches).
 */
import http from 'node:http';

const pushCounts: number[] = [];
const pushRequests: number[] = [];
const tailCounts: number[] = [];
const tailChunks: number[] = [];
const tails: http.ClientRequest[] = [];

function openTail(streamUrl: string, index: number): void {
  tailCounts[index] = 0;
  tailChunks[index] = 0;
  const request = http.get(streamUrl, { agent: false, headers: { accept: 'text/event-stream' } }, (response) => {
    let rest = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      let events = 0;
      for (const line of lines) if (line.startsWith('id: ')) events++;
      tailCounts[index]! += events;
      tailChunks[index]!++;
    });
  });
  request.on('error', () => undefined);
  tails.push(request);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://receivers');
  const body = await readBody(req).catch(() => '');
  const answer = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  const push = /^\/push\/(\d+)$/.exec(url.pathname);
  if (req.method === 'POST' && push) {
    // Parsed, as a real subscriber would: a push counts only if it is whole JSON.
    const parsed: unknown = JSON.parse(body);
    const index = Number(push[1]);
    pushCounts[index] = (pushCounts[index] ?? 0) + (Array.isArray(parsed) ? parsed.length : 1);
    pushRequests[index] = (pushRequests[index] ?? 0) + 1;
    return answer(200, { ok: true });
  }
  if (req.method === 'POST' && url.pathname === '/tails') {
    const { streamUrl, count } = JSON.parse(body) as { streamUrl: string; count: number };
    for (let i = 0; i < count; i++) openTail(streamUrl, tailCounts.length);
    return answer(201, { tails: tailCounts.length });
  }
  if (req.method === 'GET' && url.pathname === '/counts') return answer(200, { push: Array.from(pushCounts, (n) => n ?? 0), tails: tailCounts, pushRequests: Array.from(pushRequests, (n) => n ?? 0), tailChunks });
  if (req.method === 'GET' && url.pathname === '/readyz') return answer(200, { status: 'ready' });
  return answer(404, { errors: [{ message: 'not found' }] });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');

process.on('SIGTERM', () => {
  for (const tail of tails) tail.destroy();
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
