import type { ServerResponse } from 'node:http';
import { SseStreams } from '@blog/service-kit';
/**
 * Proxied responses that may never end by themselves (the query service's
 * event stream). `serve()` closes these first on shutdown; otherwise the
 * server would wait for every open browser tab until the drain deadline.
 */
export declare class OpenProxiedResponses extends SseStreams {
    private readonly proxied;
    track(res: ServerResponse): void;
    get size(): number;
    closeAll(): void;
}
//# sourceMappingURL=open-responses.d.ts.map