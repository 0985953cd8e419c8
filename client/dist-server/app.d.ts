import { type Express } from 'express';
import { type Logger, type Readiness } from '@blog/service-kit';
import type { Router } from './routing-table';
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
export declare function createApp(deps: ClientAppDeps): Express;
//# sourceMappingURL=app.d.ts.map