import type http from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

export interface ErrorDetail {
  message: string;
  field?: string;
}

/** An error that is the client's to fix (or a known server state), with the status to answer. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly errors: ErrorDetail[],
  ) {
    super(errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; '));
  }

  static badRequest(errors: ErrorDetail[]) {
    return new HttpError(400, errors);
  }
  static notFound(message: string) {
    return new HttpError(404, [{ message }]);
  }
  static unavailable(message: string) {
    return new HttpError(503, [{ message }]);
  }
}

/** Answers 404 in the house format for any route nobody serves. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(HttpError.notFound(`no route for ${req.method} ${req.path}`));
};

/** The http-errors convention (body-parser, and our own BusUnavailableError): a status, and whether its message is for the client. */
interface ExposedError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
  limit?: number;
}

/** What a known error is answered with: its status and the house's error list. */
function knownAnswer(error: unknown): { status: number; errors: ErrorDetail[] } | undefined {
  if (error instanceof HttpError) return { status: error.status, errors: error.errors };
  const exposed = error as ExposedError;
  if (error instanceof URIError && exposed.status === 400) {
    // Express's router marks a path it cannot percent-decode with 400, but not as exposable.
    return { status: 400, errors: [{ message: 'request path is not valid percent-encoding' }] };
  }
  if (exposed.type === 'entity.too.large') {
    return { status: 413, errors: [{ message: `request body is larger than the limit of ${exposed.limit} bytes` }] };
  }
  if (exposed.type === 'entity.parse.failed') return { status: 400, errors: [{ message: 'request body is not valid JSON' }] };
  if (exposed.expose && typeof exposed.status === 'number' && exposed.status >= 400 && exposed.status < 600) {
    return { status: exposed.status, errors: [{ message: exposed.message }] };
  }
  return undefined;
}

/**
 * Answers an error and logs it, on any Node response (Express's, or a plain
 * node:http handler's): known errors become their 4xx/503 with
 * `{errors:[...]}`; body-parser's own errors (malformed JSON, too large,
 * bad charset) keep their 4xx; anything else is a 500, logged with its stack,
 * and never disguised as a 400. Every request error is one log line: a
 * refused request at info, a 5xx at warn, an unexpected error at error.
 */
export function sendError(error: unknown, req: http.IncomingMessage, res: http.ServerResponse, logger: Logger): void {
  const path = (req.url ?? '').split('?')[0];
  const answer = knownAnswer(error);
  if (!answer) {
    logger.error({ err: error, method: req.method, path }, 'unexpected error');
    sendJson(res, 500, { errors: [{ message: 'internal error' }] });
    return;
  }
  const details = { method: req.method, path, status: answer.status, err: answer.errors[0]?.message };
  if (answer.status >= 500) logger.warn(details, 'request failed');
  else logger.info(details, 'request refused');
  sendJson(res, answer.status, { errors: answer.errors });
}

function sendJson(res: http.ServerResponse, status: number, body: object): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

/** The last middleware: every error a route or body parser raised, answered by sendError. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    sendError(error, req, res, logger);
  };
}
