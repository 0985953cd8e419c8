import { Router } from 'express';
import { z } from 'zod';
import { EntityId } from '@blog/events';
import { parseOr400 } from '@blog/service-kit';
import type { CommentStore } from '../comment-store';

/** The `:id` of a post in a path. */
export const PostParams = z.object({ id: EntityId });

/** `GET /posts/:id/comments` lists a post's comments (`POST` is create-comment-route.ts, served ahead of Express). */
export function commentsRoutes(store: CommentStore): Router {
  const router = Router();

  router.get('/posts/:id/comments', (req, res) => {
    const { id: postId } = parseOr400(PostParams, req.params);
    res.json(store.commentsOf(postId));
  });

  return router;
}
