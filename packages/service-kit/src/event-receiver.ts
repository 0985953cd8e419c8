import { Router } from 'express';
import { z } from 'zod';
import { HttpError } from './errors';
import type { Readiness } from './health';
import type { Logger } from './logger';
import { parseOr400, requireJsonBody } from './validation';

export interface EventReceiverOptions<T> {
  /** The schema each pushed event must pass; a failure is a 400, which the bus parks. */
  schema: z.ZodType<T>;
  readiness: Readiness;
  /** Handles the events of one push, in order. A thrown error makes the bus retry the whole push. */
  handle: (events: T[]) => Promise<void>;
  /** Largest batch accepted. */
  maxBatch?: number;
  /**
   * Errors retrying cannot fix (the bus refused the reaction as invalid):
   * answered 422 so the bus parks the push instead of retrying it forever.
   */
  isPermanent?: (error: unknown) => boolean;
  /** Told of each event handled, one log line each; `describe` picks what to log of it. */
  logger?: Logger;
  describe?: (event: T) => object;
}

/**
 * `POST /events`: where the bus pushes a subscription. The body is one event
 * (the course's shape) or an array of events (a batched push). While the
 * service is not ready it answers 503, so the bus retries later.
 */
export function eventReceiver<T>(options: EventReceiverOptions<T>): Router {
  const maxBatch = options.maxBatch ?? 1000;
  const batch = z.array(options.schema).min(1, 'must hold at least one event').max(maxBatch, `must hold at most ${maxBatch} events`);
  const router = Router();
  router.post('/events', requireJsonBody({ allowArray: true }), async (req, res) => {
    if (!options.readiness.isReady) throw HttpError.unavailable('not ready to handle events yet');
    const events = Array.isArray(req.body) ? parseOr400(batch, req.body) : [parseOr400(options.schema, req.body)];
    try {
      await options.handle(events);
    } catch (error) {
      if (options.isPermanent?.(error)) throw new HttpError(422, [{ message: `cannot handle these events: ${(error as Error).message}` }]);
      throw error;
    }
    for (const event of events) options.logger?.info(options.describe?.(event) ?? {}, 'event handled');
    res.status(200).json({ received: events.length });
  });
  return router;
}
