import { Router } from 'express';
import { nanoid } from 'nanoid';
import { z } from 'zod';
import { Content, EntityId, EventType, type EventBusClient } from '@blog/events';
import { HttpError, parseOr400, requireJson } from '@blog/service-kit';
import type { CommentStore } from '../comment-store';

const PostParams = z.object({ id: EntityId });
const CreateCommentBody = z.object({ content: Content });

/** Tells whether the projection caught up with the log in time; throws BusUnavailableError when the bus cannot say. */
export type CatchUp = (timeoutMs: number) => Promise<boolean>;

/**
 * `POST /posts/:id/comments` adds a comment (201, the post's comments);
 * `GET /posts/:id/comments` lists them.
 */
export function commentsRoutes(store: CommentStore, bus: Pick<EventBusClient, 'publish'>, catchUp: CatchUp, postLookupWaitMs: number): Router {
  const router = Router();

  router.post('/posts/:id/comments', requireJson, async (req, res) => {
    const { id: postId } = parseOr400(PostParams, req.params);
    const { content } = parseOr400(CreateCommentBody, req.body);
    if (!store.hasPost(postId)) {
      // The post may have been created a moment ago, through another replica:
      // wait (bounded) until this replica has read the log up to its head.
      const caughtUp = await catchUp(postLookupWaitMs);
      if (!store.hasPost(postId)) {
        if (!caughtUp) throw HttpError.unavailable('cannot confirm that the post exists yet; try again');
        throw HttpError.notFound(`post ${postId} does not exist`);
      }
    }
    const comment = { id: nanoid(), content, status: 'pending' as const };
    await bus.publish({ type: EventType.CommentCreated, data: { ...comment, postId } });
    store.addComment(postId, comment);
    res.status(201).json(store.commentsOf(postId));
  });

  router.get('/posts/:id/comments', (req, res) => {
    const { id: postId } = parseOr400(PostParams, req.params);
    res.json(store.commentsOf(postId));
  });

  return router;
}
