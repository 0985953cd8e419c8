import type { Express } from 'express';
import { EventRejectedError, StoredEventSchema, eventLogFields, type EventBusClient } from '@blog/events';
import { createBaseApp, eventReceiver, finishApp, type Logger, type Readiness } from '@blog/service-kit';
import { handleCommentsModerated } from './comment-moderated-handler';
import type { CommentStore } from './comment-store';
import { commentsRoutes, type CatchUp } from './routes/comments-routes';

export interface CommentsAppDeps {
  store: CommentStore;
  bus: Pick<EventBusClient, 'publish' | 'publishMany'>;
  catchUp: CatchUp;
  readiness: Readiness;
  logger: Logger;
  postLookupWaitMs?: number;
  bodyLimit?: string;
}

export function createApp(deps: CommentsAppDeps): Express {
  const app = createBaseApp({ readiness: deps.readiness, bodyLimit: deps.bodyLimit });
  app.use(commentsRoutes(deps.store, deps.bus, deps.catchUp, deps.postLookupWaitMs ?? 3000));
  // Where the bus pushes CommentModerated.
  app.use(
    eventReceiver({
      schema: StoredEventSchema,
      readiness: deps.readiness,
      isPermanent: (error) => error instanceof EventRejectedError,
      logger: deps.logger,
      describe: eventLogFields,
      handle: (events) => handleCommentsModerated(events, deps.bus),
    }),
  );
  return finishApp(app, deps.logger);
}
