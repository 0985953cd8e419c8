import type { Express } from 'express';
import type { EventBusClient } from '@blog/events';
import { createBaseApp, finishApp, type Logger, type Readiness } from '@blog/service-kit';
import type { CommentStore } from './comment-store';
import { commentsRoutes, type CatchUp } from './routes/comments-routes';
import { eventsRoutes } from './routes/events-routes';

export interface CommentsAppDeps {
  store: CommentStore;
  bus: Pick<EventBusClient, 'publish'>;
  catchUp: CatchUp;
  readiness: Readiness;
  logger: Logger;
  postLookupWaitMs?: number;
  bodyLimit?: string;
}

export function createApp(deps: CommentsAppDeps): Express {
  const app = createBaseApp({ readiness: deps.readiness, bodyLimit: deps.bodyLimit });
  app.use(commentsRoutes(deps.store, deps.bus, deps.catchUp, deps.postLookupWaitMs ?? 3000));
  app.use(eventsRoutes(deps.bus, deps.readiness));
  return finishApp(app, deps.logger);
}
