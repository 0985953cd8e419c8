import type http from 'node:http';
import { ConfigError } from './config';
import type { Readiness } from './health';
import { createLogger, type Logger } from './logger';
import { serve } from './server';
import type { SseStreams } from './sse';
import { runWithWorkers } from './workers';

export interface ServiceParts {
  app: http.RequestListener;
  readiness: Readiness;
  streams?: SseStreams;
  /** Called after the server stopped taking requests. */
  close?: () => Promise<void> | void;
}

interface BaseConfig {
  PORT: number;
  LOG_LEVEL: string;
  WORKERS: number;
}

/**
 * What every `src/index.ts` does: read the config (naming every bad key, then
 * exit 1), make the logger, start `WORKERS` processes on the port, build the
 * service and serve it until SIGTERM.
 */
export function runService<C extends BaseConfig>(
  name: string,
  loadConfig: () => C,
  build: (config: C, logger: Logger) => ServiceParts | Promise<ServiceParts>,
): void {
  let config: C;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${name}: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(name, config.LOG_LEVEL);
  runWithWorkers(config.WORKERS, logger, async () => {
    const parts = await build(config, logger);
    await serve({ app: parts.app, port: config.PORT, logger, readiness: parts.readiness, streams: parts.streams, onShutdown: parts.close });
  });
}
