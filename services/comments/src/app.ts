import type http from 'node:http';
import { EventRejectedError, StoredEventSchema, eventLogFields, type EventBusClient } from '@blog/events';
import { createBaseApp, eventReceiver, finishApp, withDirectPostRoutes, type Logger, type Readiness } from '@blog/service-kit';
import { handleCommentsModerated } from './comment-moderated-handler';
import type { CommentStore } from './comment-store';
import { commentsRoutes } from './routes/comments-routes';
import { createCommentRoute, type CatchUp } from './routes/create-comment-route';

export interface CommentsAppDeps {
  store: CommentStore;
  bus: Pick<EventBusClient, 'publish' | 'publishMany'>;
  catchUp: CatchUp;
  readiness: Readiness;
  logger: Logger;
  postLookupWaitMs?: number;
  bodyLimit?: string;
}

/** The comments service's HTTP API; no listening, no environment. */
export function createApp(deps: CommentsAppDeps): http.RequestListener {
  const bodyLimit = deps.bodyLimit ?? '16kb';
  const app = createBaseApp({ readiness: deps.readiness, bodyLimit });
  app.use(commentsRoutes(deps.store));
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
  const createComment = createCommentRoute(deps.store, deps.bus, deps.catchUp, deps.postLookupWaitMs ?? 3000, bodyLimit);
  return withDirectPostRoutes(finishApp(app, deps.logger), [createComment], deps.logger);
}
