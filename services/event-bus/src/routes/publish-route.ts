import { z } from 'zod';
import { NewEventSchema } from '@blog/events';
import { parseOr400, type DirectPostRoute, type JsonAnswer } from '@blog/service-kit';
import type { EventLog } from '../event-log';

const MAX_PUBLISH_BATCH = 1000;

const EventBatch = z
  .array(NewEventSchema)
  .min(1, 'must hold at least one event')
  .max(MAX_PUBLISH_BATCH, `must hold at most ${MAX_PUBLISH_BATCH} events`);

/**
 * `POST /events`: one event, or an array of them appended in one transaction
 * (all or none), in order. 201 when something new was stored, 200 when
 * every id was already in the log (a retry). Every publish of every service
 * comes through here, so it is served on plain node:http
 * (service-kit's withDirectPostRoutes), not through Express.
 */
export function publishRoute(log: EventLog, bodyLimit: string): DirectPostRoute {
  return {
    path: '/events',
    bodyLimit,
    allowArray: true,
    handle: (_params, body) => publish(log, body),
  };
}

async function publish(log: EventLog, body: unknown): Promise<JsonAnswer> {
  if (Array.isArray(body)) {
    const events = parseOr400(EventBatch, body);
    const results = await Promise.all(events.map((event) => log.append(event)));
    // Stored events are JSON already: joining them avoids a parse and a stringify per event.
    return { status: results.some((r) => r.created) ? 201 : 200, json: `[${results.map((r) => r.json).join(',')}]` };
  }
  const result = await log.append(parseOr400(NewEventSchema, body));
  return { status: result.created ? 201 : 200, json: result.json };
}
