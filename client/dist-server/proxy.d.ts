import { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '@blog/service-kit';
/**
 * Forwards one request to a service and streams the answer back as it comes.
 *
 * Written on `node:http` rather than a proxy library: http-proxy-middleware 4
 * needs Node 22 and version 3 sits on the unmaintained http-proxy, while what
 * we need is small and must be exact — stream the body both ways without
 * buffering (the event stream stays open for hours), answer 502 in the API's
 * error shape when a service is down, and abort the upstream request when the
 * browser goes away.
 */
export interface ProxyOptions {
    logger: Logger;
    /** Called for each response that is being streamed, so shutdown can close it. */
    onStreaming?: (res: ServerResponse) => void;
}
export declare function createProxy(options: ProxyOptions): (req: IncomingMessage, res: ServerResponse, target: URL, service: string) => void;
//# sourceMappingURL=proxy.d.ts.map