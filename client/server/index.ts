import path from 'node:path';
import { createLogger, Readiness, serve } from '@blog/service-kit';
import { createApp } from './app';
import { loadClientConfig, upstreamsFrom } from './config';
import { OpenProxiedResponses } from './open-responses';
import { compileRoutingTable, loadRoutingTable } from './routing-table';

async function main(): Promise<void> {
  const config = loadClientConfig();
  const logger = createLogger('client', config.LOG_LEVEL);
  const readiness = new Readiness();
  const openResponses = new OpenProxiedResponses();
  const app = createApp({
    router: compileRoutingTable(loadRoutingTable()),
    upstreams: upstreamsFrom(config),
    staticDir: path.resolve(__dirname, '../dist'),
    logger,
    readiness,
    openResponses,
  });
  // Open streams end at once on SIGTERM, so the deadline only matters for ordinary requests.
  await serve({ app, port: config.PORT, logger, readiness, streams: openResponses, drainTimeoutMs: 5000 });
  readiness.markReady();
  logger.info(
    { posts: config.POSTS_URL, comments: config.COMMENTS_URL, query: config.QUERY_URL },
    `blog at http://localhost:${config.PORT}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
