import { Router } from 'express';

/**
 * Whether the service can serve: false until it has caught up with the log,
 * false again once shutdown begins, so load balancers stop sending traffic.
 */
export class Readiness {
  private ready = false;
  private draining = false;
  private reason = 'starting';

  markReady(): void {
    this.ready = true;
  }
  markNotReady(reason: string): void {
    this.ready = false;
    this.reason = reason;
  }
  markDraining(): void {
    this.draining = true;
  }
  get isReady(): boolean {
    return this.ready && !this.draining;
  }
  get status(): string {
    if (this.draining) return 'shutting down';
    return this.ready ? 'ready' : this.reason;
  }
}

/** `GET /healthz`: the process answers. `GET /readyz`: it is caught up and not draining. */
export function healthRoutes(readiness: Readiness, details: () => object = () => ({})): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    res.status(readiness.isReady ? 200 : 503).json({ status: readiness.status, ...details() });
  });
  return router;
}
