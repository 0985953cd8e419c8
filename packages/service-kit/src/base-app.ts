import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { errorHandler, notFoundHandler } from './errors';
import { healthRoutes, type Readiness } from './health';

export interface BaseAppOptions {
  readiness: Readiness;
  /** Largest JSON body accepted; larger ones get 413. */
  bodyLimit?: string;
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
  app.use(express.json({ limit: options.bodyLimit ?? '16kb' }));
  app.use(healthRoutes(options.readiness, options.readinessDetails));
  return app;
}

/** Adds the 404 for unknown routes and the error handler; call after the routes. */
export function finishApp(app: Express, logger: Logger): Express {
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
