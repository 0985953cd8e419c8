/**
 * The fan-out baselines: the course's event bus. It keeps events in an array
 * and, for each event, fires one un-awaited POST per subscriber URL, then
 * answers at once. Nothing is retried: a failed POST is only counted, as the
 * course only logs it.
 *
 * FORWARD_WITH picks how each POST is sent:
 * - `axios` (the default): `axios.post(url, event)`, as the course's bus does;
 * - `node-http`: Node's own `http.request` through the same global agent, the
 *   leanest naive forwarder, which the benchmark measures beside the course's
 *   so that the fan-out ratio can be read against both.
 * Run as its own process; SUBSCRIBER_URLS is a comma-separated list.
 */
import http from 'node:http';
import axios from 'axios';
import express from 'express';

const subscribers = (process.env.SUBSCRIBER_URLS ?? '').split(',').filter(Boolean).map((url) => new URL(url));
const events: unknown[] = [];
let failedPosts = 0;

/** Sends one event to one subscriber; `json` is the event already serialised once for all subscribers (axios serialises it again itself, as in the course). */
type Forward = (url: URL, event: unknown, json: string) => void;

const forwardWithAxios: Forward = (url, event) => {
  axios.post(url.href, event).catch(() => void failedPosts++);
};

const forwardWithNodeHttp: Forward = (url, _event, json) => {
  const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) } }, (response) => {
    response.resume();
  });
  request.on('error', () => void failedPosts++);
  request.end(json);
};

const forwarders: Record<string, Forward> = { axios: forwardWithAxios, 'node-http': forwardWithNodeHttp };
const forwardWith = process.env.FORWARD_WITH ?? 'axios';
const forward = forwarders[forwardWith];
if (!forward) {
  process.stderr.write(`FORWARD_WITH must be one of ${Object.keys(forwarders).join(', ')} (got "${forwardWith}")\n`);
  process.exit(2);
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
  const json = JSON.stringify(event);
  for (const url of subscribers) forward(url, event, json);
  res.send({ status: 'OK' });
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
