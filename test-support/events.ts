import { EventType, type StoredEvent } from '@blog/events';

const at = '2026-01-01T00:00:00.000Z';

/** Stored events for the services' tests, with the `seq` the test gives. */
export const postCreated = (seq: number, postId: string, title = `Post ${postId}`): StoredEvent => ({
  id: `e${seq}`,
  seq,
  occurredAt: at,
  type: EventType.PostCreated,
  data: { id: postId, title },
});

export const commentCreated = (seq: number, postId: string, commentId: string, content = 'Nice post'): StoredEvent => ({
  id: `e${seq}`,
  seq,
  occurredAt: at,
  type: EventType.CommentCreated,
  data: { id: commentId, postId, content, status: 'pending' },
});

export const commentModerated = (seq: number, postId: string, commentId: string, status: 'approved' | 'rejected' = 'approved', content = 'Nice post'): StoredEvent => ({
  id: `e${seq}`,
  seq,
  occurredAt: at,
  type: EventType.CommentModerated,
  data: { id: commentId, postId, content, status },
});

export const commentUpdated = (seq: number, postId: string, commentId: string, status: 'pending' | 'approved' | 'rejected', content = 'Nice post'): StoredEvent => ({
  id: `e${seq}`,
  seq,
  occurredAt: at,
  type: EventType.CommentUpdated,
  data: { id: commentId, postId, content, status },
});
