import { EventBusClient, EventType, declareSubscription } from '@blog/events';
import { Readiness, runService } from '@blog/service-kit';
import { createApp } from './app';
import { loadModerationConfig } from './config';

runService('moderation', loadModerationConfig, (config, logger) => {
  const bus = new EventBusClient({ baseUrl: config.EVENT_BUS_URL });
  const readiness = new Readiness();
  const stopSubscribing = new AbortController();
  // Moderation keeps no state: it is ready once the bus knows where to push.
  void declareSubscription(bus, 'moderation', { url: config.SUBSCRIBER_URL, types: [EventType.CommentCreated], batchSize: 100 }, logger, stopSubscribing.signal).then(
    () => readiness.markReady(),
    () => undefined,
  );
  const app = createApp({ bus, readiness, logger, bodyLimit: config.BODY_LIMIT });
  return { app, readiness, close: () => stopSubscribing.abort() };
});
