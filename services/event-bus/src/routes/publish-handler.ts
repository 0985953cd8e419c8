import type http from 'node:http';
import { finished } from 'node:stream/promises';
import { parse as parseContentType } from 'content-type';
import getRawBody from 'raw-body';
import { z } from 'zod';
import { NewEventSchema } from '@blog/events';
import { HttpError, parseOr400, sendError, type Logger } from '@blog/service-kit';
import type { EventLog } from '../event-log';

const MAX_PUBLISH_BATCH = 1000;

const EventBatch = z
  .array(NewEventSchema)
  .min(1, 'must hold at least one event')
  .max(MAX_PUBLISH_BATCH, `must hold at most ${MAX_PUBLISH_BATCH} events`);

/** True for the request this handler serves; Express matches paths case-insensitively and with or without a trailing slash, and so does this. */
export const isPublish = (req: http.IncomingMessage) => req.method === 'POST' && /^\/events\/?(\?|$)/i.test(req.url ?? '');

/**
 * `POST /events`: one event, or an array of them appended in one transaction
 * (all or none), in order. 201 when something new was stored, 200 when
 * every id was already in the log (a retry).
 *
 * Every publish of every service comes through here, so it is written on
 * plain node:http instead of Express: Express's routing, body parsing and
 * response helpers cost more than the append itself, and on this route they
 * halved the bus's throughput (docs/performance.md). The contract is the
 * same as on every other route: 415 unless the body is JSON, 413 over the
 * limit, 400 naming each problem, errors answered and logged by service-kit's
 * sendError.
 */
export function publishHandler(log: EventLog, logger: Logger, bodyLimit: string): http.RequestListener {
  return (req, res) => {
    publish(log, req, bodyLimit).then(
      ({ status, json }) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      },
      (error: unknown) => sendError(error, req, res, logger),
    );
  };
}

async function publish(log: EventLog, req: http.IncomingMessage, bodyLimit: string): Promise<{ status: number; json: string }> {
  const body = await readJsonBody(req, bodyLimit);
  if (Array.isArray(body)) {
    const events = parseOr400(EventBatch, body);
    const results = await Promise.all(events.map((event) => log.append(event)));
    return { status: results.some((r) => r.created) ? 201 : 200, json: `[${results.map((r) => r.json).join(',')}]` };
  }
  const result = await log.append(parseOr400(NewEventSchema, body));
  return { status: result.created ? 201 : 200, json: result.json };
}

/** The body as a JSON object or array, or the 4xx that says why not; anything unread is discarded. */
async function readJsonBody(req: http.IncomingMessage, limit: string): Promise<unknown> {
  let text: string;
  try {
    const charset = jsonCharset(req);
    text = await getRawBody(req, { length: req.headers['content-length'], limit, encoding: charset });
  } catch (error) {
    // Answer only once the rest of the body has been read and dropped (as body-parser does):
    // a client still sending would otherwise get EPIPE instead of the 413 or 415.
    req.resume();
    await finished(req).catch(() => undefined);
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw HttpError.badRequest([{ message: 'request body is not valid JSON' }]);
  }
  if (body === null || typeof body !== 'object') throw HttpError.badRequest([{ message: 'request body must be a JSON object or array' }]);
  return body;
}

/** The charset of a JSON body; 415 when the body is not declared JSON or its charset is not UTF-8. */
function jsonCharset(req: http.IncomingMessage): string {
  // content-type 2 parses leniently and does not throw: whatever is not exactly application/json is refused below.
  const type = parseContentType(req.headers['content-type'] ?? '');
  if (type.type !== 'application/json') throw new HttpError(415, [{ message: 'request body must be JSON (Content-Type: application/json)' }]);
  const charset = (type.parameters.charset ?? 'utf-8').toLowerCase();
  if (charset !== 'utf-8' && charset !== 'utf8') throw new HttpError(415, [{ message: `unsupported charset "${charset.toUpperCase()}"` }]);
  return 'utf-8';
}
