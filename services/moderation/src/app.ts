import type { Express } from 'express';
import { EventRejectedError, StoredEventSchema, eventLogFields, type EventBusClient } from '@blog/events';
import { createBaseApp, eventReceiver, finishApp, type Logger, type Readiness } from '@blog/service-kit';
import { handleCommentsCreated } from './comment-created-handler';

export interface ModerationAppDeps {
  bus: Pick<EventBusClient, 'publishMany'>;
  readiness: Readiness;
  logger: Logger;
  bodyLimit?: string;
}

/** Moderation's only route is `POST /events`, where the bus pushes CommentCreated. */
export function createApp(deps: ModerationAppDeps): Express {
  const app = createBaseApp({ readiness: deps.readiness, bodyLimit: deps.bodyLimit });
  app.use(
    eventReceiver({
      schema: StoredEventSchema,
      readiness: deps.readiness,
      isPermanent: (error) => error instanceof EventRejectedError,
      logger: deps.logger,
      describe: eventLogFields,
      handle: (events) => handleCommentsCreated(events, deps.bus),
    }),
  );
  return finishApp(app, deps.logger);
}
