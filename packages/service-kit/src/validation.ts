import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { HttpError, type ErrorDetail } from './errors';

/** Turns a schema's issues into the house's `{message, field}` list. */
export function toErrorDetails(error: z.ZodError, input: unknown): ErrorDetail[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
      return { message: field ? `${field} is required` : 'is required', ...(field && { field }) };
    }
    return { message: field ? `${field} ${issue.message}` : issue.message, ...(field && { field }) };
  });
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Parses a value or throws a 400 naming every problem. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw HttpError.badRequest(toErrorDetails(result.error, value));
  return result.data;
}

/**
 * Requests that carry a body must say it is JSON; anything else is a 415
 * rather than an empty body that fails validation with a puzzling message.
 * The body must be an object (or, where allowed, an array of them).
 */
export function requireJsonBody(options: { allowArray?: boolean } = {}): RequestHandler {
  const expected = options.allowArray ? 'a JSON object or array' : 'a JSON object';
  return (req, _res, next) => {
    if (!req.is('application/json')) {
      next(new HttpError(415, [{ message: 'request body must be JSON (Content-Type: application/json)' }]));
      return;
    }
    const body: unknown = req.body;
    const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
    if (!isObject && !(options.allowArray && Array.isArray(body))) {
      next(HttpError.badRequest([{ message: `request body must be ${expected}` }]));
      return;
    }
    next();
  };
}

/** `requireJsonBody()` for the usual case: a JSON object. */
export const requireJson: RequestHandler = requireJsonBody();
