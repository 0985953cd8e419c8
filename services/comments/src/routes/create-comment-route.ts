import { nanoid } from 'nanoid';
import { z } from 'zod';
import { Content, EventType, type EventBusClient } from '@blog/events';
import { HttpError, parseOr400, type DirectPostRoute } from '@blog/service-kit';
import type { CommentStore } from '../comment-store';
import { PostParams } from './comments-routes';

const CreateCommentBody = z.object({ content: Content });

/** Tells whether the projection caught up with the log in time; throws BusUnavailableError when the bus cannot say. */
export type CatchUp = (timeoutMs: number) => Promise<boolean>;

/**
 * `POST /posts/:id/comments` adds a comment: publishes CommentCreated
 * (pending), then answers 201 with all of the post's comments, as the
 * course's service does. It is the route every comment takes, so it is
 * served on plain node:http (service-kit's withDirectPostRoutes) rather
 * than through Express; `GET /posts/:id/comments` stays an Express route.
 */
export function createCommentRoute(store: CommentStore, bus: Pick<EventBusClient, 'publish'>, catchUp: CatchUp, postLookupWaitMs: number, bodyLimit: string): DirectPostRoute {
  return {
    path: '/posts/:id/comments',
    bodyLimit,
    handle: async (params, body) => {
      const { id: postId } = parseOr400(PostParams, params);
      const { content } = parseOr400(CreateCommentBody, body);
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
      return { status: 201, json: JSON.stringify(store.commentsOf(postId)) };
    },
  };
}
