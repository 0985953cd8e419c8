import type http from 'node:http';
import { createBaseApp, finishApp, withDirectPostRoutes, type Logger, type Readiness, type SseStreams } from '@blog/service-kit';
import type { EventLog } from './event-log';
import { eventsRoutes } from './routes/events-routes';
import { publishRoute } from './routes/publish-route';
import { subscriptionsRoutes } from './routes/subscriptions-routes';
import type { Subscriptions } from './subscriptions';

export interface BusAppDeps {
  log: EventLog;
  subscriptions: Subscriptions;
  streams: SseStreams;
  readiness: Readiness;
  logger: Logger;
  bodyLimit?: string;
  eventsBodyLimit?: string;
}

/**
 * The event bus's HTTP API; no listening, no environment. `POST /events`,
 * the route every publish takes, is served on plain node:http in front of
 * the Express app that serves the rest (see service-kit's withDirectPostRoutes for why).
 */
export function createApp(deps: BusAppDeps): http.RequestListener {
  const app = createBaseApp({
    readiness: deps.readiness,
    bodyLimit: deps.bodyLimit,
    eventsBodyLimit: deps.eventsBodyLimit,
    readinessDetails: () => ({ head: deps.log.headSeq }),
  });
  app.use(eventsRoutes(deps.log, deps.streams));
  app.use(subscriptionsRoutes(deps.subscriptions));
  return withDirectPostRoutes(finishApp(app, deps.logger), [publishRoute(deps.log, deps.eventsBodyLimit ?? '2mb')], deps.logger);
}
