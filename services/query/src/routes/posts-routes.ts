import { Router } from 'express';
import { sseFrame, type SseStreams } from '@blog/service-kit';
import type { PostView, PostViewStore } from '../post-view';

const HEARTBEAT_MS = 15_000;
/**
 * A reader this far behind is cut off rather than buffered without bound; it
 * reconnects and starts again from a fresh snapshot, so it loses nothing.
 */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * `GET /posts`: every post with its comments. `GET /posts/stream`: the same,
 * live, as Server-Sent Events — a `snapshot` first (so a reconnecting client
 * resynchronises), then one `post` message with the whole post per change.
 */
export function postsRoutes(store: PostViewStore, streams: SseStreams): Router {
  const router = Router();

  router.get('/posts', (_req, res) => {
    res.json(store);
  });

  router.get('/posts/stream', (req, res) => {
    streams.open(req, res);
    res.write(sseFrame({ event: 'snapshot', data: JSON.stringify(store) }));
    const onChange = (post: PostView) => {
      if (res.writableLength > MAX_BUFFERED_BYTES) res.end();
      else res.write(sseFrame({ event: 'post', data: JSON.stringify(post) }));
    };
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    store.on('changed', onChange);
    res.on('close', () => {
      clearInterval(heartbeat);
      store.off('changed', onChange);
    });
  });

  return router;
}
