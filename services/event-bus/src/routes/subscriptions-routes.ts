import { Router } from 'express';
import { z } from 'zod';
import { eventTypes } from '@blog/events';
import { HttpError, parseOr400, requireJson } from '@blog/service-kit';
import type { Subscriptions } from '../subscriptions';

const SubscriptionName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and "-"');

const SubscriptionBody = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  types: z
    .array(z.enum(eventTypes, { error: `must be one of ${eventTypes.join(', ')}` }), { error: 'must be a list of event types' })
    .min(1, 'must name at least one event type')
    .transform((types) => [...new Set(types)]),
  batchSize: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(1),
});

/** `PUT /subscriptions/:name`, `GET /subscriptions`, `GET /subscriptions/:name`. */
export function subscriptionsRoutes(subscriptions: Subscriptions): Router {
  const router = Router();

  router.put('/subscriptions/:name', requireJson, (req, res) => {
    const name = parseOr400(z.object({ name: SubscriptionName }), req.params).name;
    const body = parseOr400(SubscriptionBody, req.body);
    const { status, created } = subscriptions.declare(name, body.url, body.types, body.batchSize);
    res.status(created ? 201 : 200).json(status);
  });

  router.get('/subscriptions', (_req, res) => {
    res.json(subscriptions.list());
  });

  router.get('/subscriptions/:name', (req, res) => {
    const status = subscriptions.status(req.params.name);
    if (!status) throw HttpError.notFound(`no subscription named ${req.params.name}`);
    res.json(status);
  });

  return router;
}
