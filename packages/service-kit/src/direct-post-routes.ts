import type http from 'node:http';
import { finished } from 'node:stream/promises';
import { parse as parseContentType } from 'content-type';
import { match, type MatchFunction } from 'path-to-regexp';
import getRawBody from 'raw-body';
import type { Logger } from 'pino';
import { HttpError, sendError } from './errors';

/** What a route answers: a status and the JSON text of its body. */
export interface JsonAnswer {
  status: number;
  json: string;
}

/** A `POST` route served on plain node:http, ahead of the service's Express app. */
export interface DirectPostRoute {
  /** An Express-style path, e.g. `/posts/:id/comments`; matched as Express does (any case, optional trailing slash). */
  path: string;
  /** Largest body accepted, e.g. `16kb`; larger ones get 413. */
  bodyLimit: string;
  /** True when the body may be a JSON array as well as an object. */
  allowArray?: boolean;
  /** Handles a request whose body is parsed JSON (an object, or an array where allowed); throw HttpError for a 4xx. */
  handle(params: Record<string, string>, body: unknown): Promise<JsonAnswer>;
}

/**
 * Serves a service's hottest `POST` routes on plain node:http in front of its
 * Express app, which serves every other request.
 *
 * Why: on this project's 2-core machine, Express's per-request work (its
 * request and response prototypes, router, body parser and response
 * helpers) cost more than what these routes do. Taking the bus's
 * `POST /events` and the comments service's `POST /posts/:id/comments` off
 * Express more than doubled the bus's publish rate and halved the comments
 * service's CPU per comment (docs/performance.md). The contract stays the
 * one every route keeps: 415 unless the body is JSON in UTF-8, 413 over the
 * limit, 400 for malformed JSON, a body of the wrong shape or a path that is
 * not valid percent-encoding, and every error answered and logged by
 * sendError, as the Express error handler does.
 */
export function withDirectPostRoutes(app: http.RequestListener, routes: DirectPostRoute[], logger: Logger): http.RequestListener {
  const matchers = routes.map((route) => ({ route, match: match(route.path, { decode: decodeURIComponent }) }));
  return (req, res) => {
    const found = req.method === 'POST' ? findRoute(matchers, (req.url ?? '/').split('?')[0]!) : undefined;
    if (!found) return app(req, res);
    answer(req, found).then(
      ({ status, json }) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      },
      (error: unknown) => sendError(error, req, res, logger),
    );
  };
}

type Found = { route: DirectPostRoute; params: Record<string, string> } | 'path not valid percent-encoding';

async function answer(req: http.IncomingMessage, found: Found): Promise<JsonAnswer> {
  if (found === 'path not valid percent-encoding') {
    await discardBody(req);
    throw HttpError.badRequest([{ message: 'request path is not valid percent-encoding' }]);
  }
  return found.route.handle(found.params, await readJsonBody(req, found.route));
}

function findRoute(
  matchers: Array<{ route: DirectPostRoute; match: MatchFunction<Partial<Record<string, string | string[]>>> }>,
  path: string,
): Found | undefined {
  for (const { route, match: matches } of matchers) {
    let result: ReturnType<typeof matches>;
    try {
      result = matches(path);
    } catch {
      // decodeURIComponent refused a parameter; Express's router answers 400 too.
      return 'path not valid percent-encoding';
    }
    if (result) return { route, params: Object.fromEntries(Object.entries(result.params).map(([key, value]) => [key, String(value)])) };
  }
  return undefined;
}

/**
 * Reads and drops what is left of a refused request's body before the answer
 * goes out (as body-parser does): a client still sending would otherwise get
 * EPIPE instead of the 413 or 415.
 */
async function discardBody(req: http.IncomingMessage): Promise<void> {
  req.resume();
  await finished(req).catch(() => undefined);
}

/** The body as a JSON object (or array, where allowed), or the 4xx that says why not; whatever is refused is read and dropped first. */
async function readJsonBody(req: http.IncomingMessage, route: DirectPostRoute): Promise<unknown> {
  let text: string;
  try {
    requireJsonUtf8(req);
    text = await getRawBody(req, { length: req.headers['content-length'], limit: route.bodyLimit, encoding: 'utf-8' });
  } catch (error) {
    await discardBody(req);
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw HttpError.badRequest([{ message: 'request body is not valid JSON' }]);
  }
  const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
  if (!isObject && !(route.allowArray && Array.isArray(body))) {
    throw HttpError.badRequest([{ message: `request body must be ${route.allowArray ? 'a JSON object or array' : 'a JSON object'}` }]);
  }
  return body;
}

/** 415 unless the body is declared `application/json` in UTF-8 (the charset JSON is sent in). */
function requireJsonUtf8(req: http.IncomingMessage): void {
  // content-type 2 parses leniently and does not throw: whatever is not exactly application/json is refused here.
  const type = parseContentType(req.headers['content-type'] ?? '');
  if (type.type !== 'application/json') throw new HttpError(415, [{ message: 'request body must be JSON (Content-Type: application/json)' }]);
  const charset = (type.parameters.charset ?? 'utf-8').toLowerCase();
  if (charset !== 'utf-8' && charset !== 'utf8') throw new HttpError(415, [{ message: `unsupported charset "${charset.toUpperCase()}"` }]);
}
