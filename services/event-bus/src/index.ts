import { ConfigError, createLogger, serve } from '@blog/service-kit';
import { createBus } from './bus';
import { loadBusConfig } from './config';

async function main() {
  const config = loadBusConfig();
  const logger = createLogger('event-bus', config.LOG_LEVEL);
  const bus = createBus(config, logger);
  await serve({ app: bus.app, port: config.PORT, logger, readiness: bus.readiness, streams: bus.streams, onShutdown: bus.close });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`event-bus: ${error.message}\n`);
  else process.stderr.write(`event-bus failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
