import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Readiness } from './health';
import type { SseStreams } from './sse';

export interface ServeOptions {
  /** The service's app: an Express app, or (the bus) a node:http listener in front of one. */
  app: http.RequestListener;
  port: number;
  logger: Logger;
  readiness: Readiness;
  /** Open Server-Sent Events streams, closed first on shutdown. */
  streams?: SseStreams;
  /** Runs after the server has stopped taking requests: close tails, flush and close stores. */
  onShutdown?: () => Promise<void> | void;
  /** How long in-flight requests may take to finish; well inside the 10 s before SIGKILL. */
  drainTimeoutMs?: number;
  /** Exit the process when shutdown is done (off in tests). */
  exitOnShutdown?: boolean;
}

export interface RunningServer {
  server: http.Server;
  port: number;
  /** Drains and stops; what SIGTERM and SIGINT trigger. Resolves true when everything drained in time. */
  shutdown(signal?: string): Promise<boolean>;
}

/**
 * Listens, and on SIGTERM or SIGINT drains: readiness turns 503, the server
 * stops accepting, in-flight requests finish, streams close, then the
 * service's own resources; exit 0. A second signal is ignored.
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const { app, logger, readiness, streams } = options;
  const drainTimeoutMs = options.drainTimeoutMs ?? 8000;
  const server = http.createServer(app);
  // Behind a proxy keeping connections alive, our idle timeout must be the longer one.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let shuttingDown: Promise<boolean> | undefined;
  const shutdown = (signal = 'shutdown'): Promise<boolean> => {
    if (shuttingDown) {
      logger.info({ signal }, 'already shutting down; signal ignored');
      return shuttingDown;
    }
    shuttingDown = (async () => {
      const started = Date.now();
      logger.info({ signal }, 'shutting down: draining requests');
      readiness.markDraining();
      // Requests still arriving on kept-alive connections are told to close
      // them; before Express answers, hence prepend.
      server.prependListener('request', (_req, res) => res.setHeader('connection', 'close'));
      streams?.closeAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // close() only closes the connections idle at that moment; one that
      // finishes its request later would hold the server open until the
      // deadline, so idle connections are closed as they appear.
      server.closeIdleConnections();
      const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
      let drained = true;
      const timer = setTimeout(() => {
        drained = false;
        logger.warn({ drainTimeoutMs }, 'requests still in flight at the drain deadline; closing them');
        server.closeAllConnections();
      }, drainTimeoutMs);
      await closed;
      clearTimeout(timer);
      clearInterval(idleSweep);
      try {
        await options.onShutdown?.();
      } catch (error) {
        drained = false;
        logger.error({ err: error }, 'error while releasing resources');
      }
      logger.info({ ms: Date.now() - started, drained }, 'stopped');
      return drained;
    })();
    return shuttingDown;
  };

  if (options.exitOnShutdown ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => {
        void shutdown(signal).then((drained) => process.exit(drained ? 0 : 1));
      });
    }
  }
  logger.info({ port }, 'listening');
  return { server, port, shutdown };
}
