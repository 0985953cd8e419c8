import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { errorHandler, notFoundHandler } from './errors';
import { healthRoutes, type Readiness } from './health';

export interface BaseAppOptions {
  readiness: Readiness;
  /** Largest JSON body accepted; larger ones get 413. */
  bodyLimit?: string;
  /** Largest body of `POST /events`, where batches of events arrive (publishes to the bus, pushes from it). */
  eventsBodyLimit?: string;
  /** Extra fields for `/readyz`, e.g. the projection's position. */
  readinessDetails?: () => object;
}

/**
 * An Express 5 app with what every service shares: JSON bodies with a size
 * limit, health routes, no `x-powered-by`. Routes go on it; then `finishApp`.
 */
export function createBaseApp(options: BaseAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const bodies = express.json({ limit: options.bodyLimit ?? '16kb' });
  const eventBatches = express.json({ limit: options.eventsBodyLimit ?? '2mb' });
  app.use((req, res, next) => (req.method === 'POST' && req.path === '/events' ? eventBatches : bodies)(req, res, next));
  app.use(healthRoutes(options.readiness, options.readinessDetails));
  return app;
}

/** Adds the 404 for unknown routes and the error handler; call after the routes. */
export function finishApp(app: Express, logger: Logger): Express {
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
