import { EventType, type EventBusClient, type EventOfType } from '@blog/events';
import { moderate } from './moderate';

/**
 * Moderates a new comment and publishes the decision. The decision's id is
 * derived from the comment's event id, so a redelivered CommentCreated
 * produces the same CommentModerated, stored once.
 */
export async function handleCommentCreated(event: EventOfType<'CommentCreated'>, bus: Pick<EventBusClient, 'publish'>): Promise<void> {
  const { id, postId, content } = event.data;
  await bus.publish({
    id: `${event.id}:moderated`,
    type: EventType.CommentModerated,
    data: { id, postId, content, status: moderate(content) },
  });
}
