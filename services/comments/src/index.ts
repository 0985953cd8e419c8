import { EventBusClient, EventType, Projection, declareSubscription } from '@blog/events';
import { Readiness, runService } from '@blog/service-kit';
import { createApp } from './app';
import { CommentStore } from './comment-store';
import { loadCommentsConfig } from './config';

runService('comments', loadCommentsConfig, (config, logger) => {
  const bus = new EventBusClient({ baseUrl: config.EVENT_BUS_URL });
  const store = new CommentStore();
  const readiness = new Readiness();
  const projection = new Projection({
    bus,
    types: [EventType.PostCreated, EventType.CommentCreated, EventType.CommentUpdated],
    apply: (event) => store.apply(event),
    logger,
  });
  const stopSubscribing = new AbortController();
  const subscribed = declareSubscription(
    bus,
    'comments',
    { url: config.SUBSCRIBER_URL, types: [EventType.CommentModerated], batchSize: 100 },
    logger,
    stopSubscribing.signal,
  );
  void Promise.all([projection.caughtUp, subscribed]).then(() => readiness.markReady(), () => undefined);
  const app = createApp({
    store,
    bus,
    catchUp: (timeoutMs) => projection.catchUpWithLog(timeoutMs),
    readiness,
    logger,
    postLookupWaitMs: config.POST_LOOKUP_WAIT_MS,
    bodyLimit: config.BODY_LIMIT,
  });
  return {
    app,
    readiness,
    close: async () => {
      stopSubscribing.abort();
      await projection.stop();
    },
  };
});
