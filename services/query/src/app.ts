import type { Express } from 'express';
import { createBaseApp, finishApp, type Logger, type Readiness, type SseStreams } from '@blog/service-kit';
import type { PostViewStore } from './post-view';
import { postsRoutes } from './routes/posts-routes';

export interface QueryAppDeps {
  store: PostViewStore;
  streams: SseStreams;
  readiness: Readiness;
  logger: Logger;
  /** The projection's position, shown on `/readyz`. */
  lastSeq?: () => number;
  bodyLimit?: string;
}

export function createApp(deps: QueryAppDeps): Express {
  const app = createBaseApp({
    readiness: deps.readiness,
    bodyLimit: deps.bodyLimit,
    readinessDetails: () => ({ lastSeq: deps.lastSeq?.(), posts: deps.store.postCount }),
  });
  app.use(postsRoutes(deps.store, deps.streams));
  return finishApp(app, deps.logger);
}
