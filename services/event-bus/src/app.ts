import type { Express } from 'express';
import { createBaseApp, finishApp, type Logger, type Readiness, type SseStreams } from '@blog/service-kit';
import type { EventLog } from './event-log';
import { eventsRoutes } from './routes/events-routes';
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

/** The event bus's HTTP API; no listening, no environment. */
export function createApp(deps: BusAppDeps): Express {
  const app = createBaseApp({
    readiness: deps.readiness,
    bodyLimit: deps.bodyLimit,
    eventsBodyLimit: deps.eventsBodyLimit,
    readinessDetails: () => ({ head: deps.log.headSeq }),
  });
  app.use(eventsRoutes(deps.log, deps.streams));
  app.use(subscriptionsRoutes(deps.subscriptions));
  return finishApp(app, deps.logger);
}
