/**
 * The fan-out baseline: the course's event bus. It keeps events in an array
 * and, for each event, fires one un-awaited POST per subscriber URL (the
 * course uses axios, which sends through Node's global http agent, as this
 * does), then answers at once. Nothing is retried: a failed POST is only
 * counted, as the course only logs it.
 * Run as its own process; SUBSCRIBER_URLS is a comma-separated list.
 */
import http from 'node:http';
import express from 'express';

const subscribers = (process.env.SUBSCRIBER_URLS ?? '').split(',').filter(Boolean).map((url) => new URL(url));
const events: unknown[] = [];
let failedPosts = 0;

function forward(url: URL, body: string): void {
  const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
    response.resume();
  });
  request.on('error', () => void failedPosts++);
  request.end(body);
}

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '64kb' }));
app.get('/readyz', (_req, res) => {
  res.json({ status: 'ready' });
});
app.get('/stats', (_req, res) => {
  res.json({ events: events.length, failedPosts });
});
app.post('/events', (req, res) => {
  const event: unknown = req.body;
  events.push(event);
  const body = JSON.stringify(event);
  for (const url of subscribers) forward(url, body);
  res.send({ status: 'OK' });
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
