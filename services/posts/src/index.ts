import { EventBusClient, EventType, Projection } from '@blog/events';
import { Readiness, runService } from '@blog/service-kit';
import { createApp } from './app';
import { loadPostsConfig } from './config';
import { PostStore } from './post-store';

runService('posts', loadPostsConfig, (config, logger) => {
  const bus = new EventBusClient({ baseUrl: config.EVENT_BUS_URL });
  const store = new PostStore();
  const readiness = new Readiness();
  const projection = new Projection({ bus, types: [EventType.PostCreated], apply: (event) => store.apply(event), logger });
  void projection.caughtUp.then(() => readiness.markReady());
  const app = createApp({ store, bus, readiness, logger, bodyLimit: config.BODY_LIMIT });
  return { app, readiness, close: () => projection.stop() };
});
