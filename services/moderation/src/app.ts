import type { Express } from 'express';
import type { EventBusClient } from '@blog/events';
import { createBaseApp, finishApp, type Logger, type Readiness } from '@blog/service-kit';
import { eventsRoutes } from './routes/events-routes';

export interface ModerationAppDeps {
  bus: Pick<EventBusClient, 'publish'>;
  readiness: Readiness;
  logger: Logger;
  bodyLimit?: string;
}

export function createApp(deps: ModerationAppDeps): Express {
  const app = createBaseApp({ readiness: deps.readiness, bodyLimit: deps.bodyLimit });
  app.use(eventsRoutes(deps.bus, deps.readiness));
  return finishApp(app, deps.logger);
}
