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

/**
 * The last middleware: known errors become their 4xx/503 with
 * `{errors:[...]}`; body-parser's own errors (malformed JSON, too large,
 * bad charset) keep their 4xx; anything else is a 500, logged with its stack,
 * and never disguised as a 400.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpError) {
      if (error.status >= 500) logger.warn({ method: req.method, path: req.path, status: error.status, err: error.message }, 'request failed');
      res.status(error.status).json({ errors: error.errors });
      return;
    }
    const parserError = error as ExposedError;
    if (error instanceof URIError && parserError.status === 400) {
      // Express's router marks a path it cannot percent-decode with 400, but not as exposable.
      res.status(400).json({ errors: [{ message: 'request path is not valid percent-encoding' }] });
      return;
    }
    if (parserError.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: `request body is larger than the limit of ${parserError.limit} bytes` }] });
      return;
    }
    if (parserError.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'request body is not valid JSON' }] });
      return;
    }
    if (parserError.expose && typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 600) {
      if (parserError.status >= 500) logger.warn({ method: req.method, path: req.path, status: parserError.status, err: parserError.message }, 'request failed');
      res.status(parserError.status).json({ errors: [{ message: parserError.message }] });
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'unexpected error');
    res.status(500).json({ errors: [{ message: 'internal error' }] });
  };
}
