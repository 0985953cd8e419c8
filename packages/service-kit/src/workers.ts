import cluster from 'node:cluster';
import type { Logger } from 'pino';

/**
 * Runs `main` in `count` processes sharing one port through Node's cluster
 * module — replicas on one machine. The primary forwards SIGTERM/SIGINT to
 * its workers, replaces a worker that dies on its own, and exits 0 once all
 * have stopped cleanly.
 */
export function runWithWorkers(count: number, logger: Logger, main: () => Promise<unknown>): void {
  const fail = (error: unknown) => {
    logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  };
  if (count <= 1 || !cluster.isPrimary) {
    main().catch(fail);
    return;
  }

  let stopping = false;
  let failures = 0;
  for (let i = 0; i < count; i++) cluster.fork();
  logger.info({ workers: count }, 'started workers');

  cluster.on('exit', (worker, code, signal) => {
    if (code !== 0) failures++;
    if (!stopping) {
      logger.error({ worker: worker.process.pid, code, signal }, 'worker died; starting a new one');
      cluster.fork();
      return;
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failures === 0 ? 0 : 1);
  });

  for (const name of ['SIGTERM', 'SIGINT'] as const) {
    process.on(name, () => {
      if (stopping) return;
      stopping = true;
      failures = 0;
      logger.info({ signal: name }, 'stopping workers');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    });
  }
}
