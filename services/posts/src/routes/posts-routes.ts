import { Router } from 'express';
import { nanoid } from 'nanoid';
import { z } from 'zod';
import { EventType, Title, type EventBusClient } from '@blog/events';
import { parseOr400, requireJson } from '@blog/service-kit';
import type { PostStore } from '../post-store';

const CreatePostBody = z.object({ title: Title });

/**
 * `POST /posts/create` (the ingress route) and `POST /posts` (the course's
 * route before the ingress) create a post; `GET /posts` lists them.
 */
export function postsRoutes(store: PostStore, bus: Pick<EventBusClient, 'publish'>): Router {
  const router = Router();

  router.post(['/posts/create', '/posts'], requireJson, async (req, res) => {
    const { title } = parseOr400(CreatePostBody, req.body);
    const post = { id: nanoid(), title };
    await bus.publish({ type: EventType.PostCreated, data: post });
    // The tail will bring the same event back; applying it now lets the
    // author's next GET see the post at once.
    store.add(post);
    res.status(201).json(post);
  });

  router.get('/posts', (_req, res) => {
    res.json(store);
  });

  return router;
}
