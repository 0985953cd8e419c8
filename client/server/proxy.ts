import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
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

// Headers that describe one connection, not the message (RFC 9110 §7.6.1): never forwarded.
const hopByHopHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function endToEndHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const listedInConnection = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  const kept: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!hopByHopHeaders.has(name) && !listedInConnection.includes(name)) kept[name] = value;
  }
  return kept;
}

const agent = new http.Agent({ keepAlive: true });

export function createProxy(options: ProxyOptions) {
  const { logger } = options;

  return function forward(req: IncomingMessage, res: ServerResponse, target: URL, service: string): void {
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = http.request({
      agent,
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      // The services listen at the root: the public path is theirs unchanged, as behind the course's ingress.
      path: req.url,
      headers: {
        ...endToEndHeaders(req.headers),
        host: target.host,
        'x-forwarded-for': forwardedFor,
        'x-forwarded-host': req.headers.host ?? '',
        'x-forwarded-proto': String(req.headers['x-forwarded-proto'] ?? 'http'),
      },
    });

    upstream.on('response', (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, endToEndHeaders(upstreamRes.headers));
      // Send the headers now: an event stream has no body yet, and the browser waits for them.
      res.flushHeaders();
      if (String(upstreamRes.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        req.socket.setNoDelay(true);
        options.onStreaming?.(res);
      }
      upstreamRes.pipe(res);
      upstreamRes.on('error', () => res.destroy());
    });

    upstream.on('error', (error) => {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      logger.warn({ err: error, service, url: req.url }, 'service unreachable');
      res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ errors: [{ message: `The ${service} service is not reachable; try again shortly.` }] }));
    });

    // The browser left (closed the tab, or the stream was dropped): stop asking the service.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });

    req.pipe(upstream);
  };
}
