import { EventType, type EventBusClient, type EventOfType } from '@blog/events';

/**
 * Reacts to a moderation decision by publishing CommentUpdated. The new
 * event's id is derived from the decision's id, so a redelivered decision
 * (at-least-once) is stored once by the bus.
 */
export async function handleCommentModerated(event: EventOfType<'CommentModerated'>, bus: Pick<EventBusClient, 'publish'>): Promise<void> {
  const { id, postId, status, content } = event.data;
  await bus.publish({ id: `${event.id}:updated`, type: EventType.CommentUpdated, data: { id, postId, status, content } });
}
