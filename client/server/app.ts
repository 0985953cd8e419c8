import path from 'node:path';
import express, { type Express } from 'express';
import { errorHandler, healthRoutes, notFoundHandler, type Logger, type Readiness } from '@blog/service-kit';
import type { Router } from './routing-table';
import { createProxy } from './proxy';
import type { OpenProxiedResponses } from './open-responses';

export interface ClientAppDeps {
  router: Router;
  /** Where each service of the routing table listens. */
  upstreams: Record<string, URL>;
  /** The built app (vite build output). */
  staticDir: string;
  logger: Logger;
  readiness: Readiness;
  openResponses?: OpenProxiedResponses;
}

/**
 * The public origin: `/healthz` and `/readyz` for probes, then every request
 * goes where the routing table says — a service, or the app itself, whose
 * unknown paths fall back to index.html so that client-side URLs load.
 */
export function createApp(deps: ClientAppDeps): Express {
  const { router, upstreams, staticDir, logger } = deps;
  const missing = router.upstreamServices.filter((service) => !upstreams[service]);
  if (missing.length > 0) throw new Error(`routing table names services with no URL: ${missing.join(', ')}`);

  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(deps.readiness));

  const forward = createProxy({ logger, onStreaming: (res) => deps.openResponses?.track(res) });
  app.use((req, res, next) => {
    const service = router.serviceFor(req.path);
    const target = upstreams[service];
    if (service === router.fallback || !target) return next();
    forward(req, res, target, service);
  });

  // Hashed assets may be cached for good; index.html must always be asked for again.
  app.use(
    '/assets',
    express.static(path.join(staticDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: true }),
  );
  app.use(express.static(staticDir, { index: false, maxAge: 0 }));

  const indexFile = path.join(staticDir, 'index.html');
  app.use((req, res, next) => {
    // A page is what a browser asks for by URL; a missing file or any other method (POST /events) is a 404.
    const wantsPage = (req.method === 'GET' || req.method === 'HEAD') && path.extname(req.path) === '';
    if (!wantsPage) return next();
    res.set('cache-control', 'no-cache');
    res.sendFile(indexFile, (error) => {
      if (!error) return;
      logger.error({ err: error, indexFile }, 'the built app is missing: run npm run build');
      if (!res.headersSent) res.status(500).json({ errors: [{ message: 'The app has not been built.' }] });
    });
  });
  app.use(notFoundHandler);
  app.use(errorHandler(logger));

  return app;
}
