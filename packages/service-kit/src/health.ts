import { Router } from 'express';

/**
 * Whether the service can serve: false until it has caught up with the log,
 * false again once shutdown begins, so load balancers stop sending traffic.
 */
export class Readiness {
  private ready = false;
  private draining = false;
  private broken: string | undefined;
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
  /** The process cannot recover by itself: not ready, and `/healthz` fails too, so an orchestrator restarts it. */
  markBroken(reason: string): void {
    this.ready = false;
    this.broken = reason;
  }
  get isAlive(): boolean {
    return this.broken === undefined;
  }
  get isReady(): boolean {
    return this.ready && !this.draining && this.isAlive;
  }
  get status(): string {
    if (this.broken) return this.broken;
    if (this.draining) return 'shutting down';
    return this.ready ? 'ready' : this.reason;
  }
}

/** `GET /healthz`: the process answers and is not broken. `GET /readyz`: it is caught up and not draining. */
export function healthRoutes(readiness: Readiness, details: () => object = () => ({})): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    if (readiness.isAlive) res.json({ status: 'ok' });
    else res.status(503).json({ status: readiness.status });
  });
  router.get('/readyz', (_req, res) => {
    res.status(readiness.isReady ? 200 : 503).json({ status: readiness.status, ...details() });
  });
  return router;
}
