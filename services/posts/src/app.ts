import type { Express } from 'express';
import type { EventBusClient } from '@blog/events';
import { createBaseApp, finishApp, type Logger, type Readiness } from '@blog/service-kit';
import type { PostStore } from './post-store';
import { postsRoutes } from './routes/posts-routes';

export interface PostsAppDeps {
  store: PostStore;
  bus: Pick<EventBusClient, 'publish'>;
  readiness: Readiness;
  logger: Logger;
  bodyLimit?: string;
}

export function createApp(deps: PostsAppDeps): Express {
  const app = createBaseApp({ readiness: deps.readiness, bodyLimit: deps.bodyLimit });
  app.use(postsRoutes(deps.store, deps.bus));
  return finishApp(app, deps.logger);
}
