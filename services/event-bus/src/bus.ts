import { Readiness, SseStreams, type Logger } from '@blog/service-kit';
import { createApp } from './app';
import type { BusConfig } from './config';
import { openDatabase } from './database';
import { EventLog } from './event-log';
import { SubscriptionStore } from './subscription-store';
import { WriterThread } from './writer-thread';
import { Subscriptions } from './subscriptions';

/**
 * Everything the bus is made of, wired from its config: the log on disk, the
 * subscriptions with their delivery loops, and the app. `close` releases them
 * in order (deliveries, then queued appends, then the file).
 */
export function createBus(config: Pick<BusConfig, 'DATA_DIR' | 'BODY_LIMIT' | 'EVENTS_BODY_LIMIT' | 'PUSH_TIMEOUT_MS' | 'PUSH_MAX_BACKOFF_MS'>, logger: Logger) {
  const db = openDatabase(config.DATA_DIR);
  const readiness = new Readiness();
  const writer = new WriterThread(config.DATA_DIR, (error) => {
    logger.fatal({ err: error.message }, 'the event log cannot take writes; the bus is broken');
    readiness.markBroken('event log writer failed');
  });
  const log = new EventLog(db, writer);
  const subscriptions = new Subscriptions(log, new SubscriptionStore(db), logger, {
    timeoutMs: config.PUSH_TIMEOUT_MS,
    maxBackoffMs: config.PUSH_MAX_BACKOFF_MS,
  });
  const streams = new SseStreams();
  const app = createApp({ log, subscriptions, streams, readiness, logger, bodyLimit: config.BODY_LIMIT, eventsBodyLimit: config.EVENTS_BODY_LIMIT });
  subscriptions.startAll();
  readiness.markReady();
  logger.info({ dataDir: config.DATA_DIR, head: log.headSeq }, 'event log opened');

  return {
    app,
    log,
    subscriptions,
    streams,
    readiness,
    async close() {
      await subscriptions.stopAll();
      await log.close();
      db.close();
    },
  };
}
