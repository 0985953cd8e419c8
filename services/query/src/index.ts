import { EventBusClient, EventType, Projection } from '@blog/events';
import { Readiness, SseStreams, runService } from '@blog/service-kit';
import { createApp } from './app';
import { loadQueryConfig } from './config';
import { PostViewStore } from './post-view';

runService('query', loadQueryConfig, (config, logger) => {
  const bus = new EventBusClient({ baseUrl: config.EVENT_BUS_URL });
  const store = new PostViewStore();
  const readiness = new Readiness();
  const streams = new SseStreams();
  const projection = new Projection({
    bus,
    types: [EventType.PostCreated, EventType.CommentCreated, EventType.CommentUpdated],
    apply: (event) => store.apply(event),
    logger,
  });
  void projection.caughtUp.then(() => readiness.markReady());
  const app = createApp({ store, streams, readiness, logger, lastSeq: () => projection.lastSeq, bodyLimit: config.BODY_LIMIT });
  return { app, readiness, streams, close: () => projection.stop() };
});
