import { EventType, type BlogEvent, type EventBusClient, type StoredEvent } from '@blog/events';
import { moderate } from './moderate';

/**
 * Moderates each new comment of a push and publishes the decisions in one
 * batch. A decision's id is derived from the comment's event id, so a
 * redelivered CommentCreated produces the same CommentModerated, stored once.
 */
export async function handleCommentsCreated(events: StoredEvent[], bus: Pick<EventBusClient, 'publishMany'>): Promise<void> {
  const decisions: Array<BlogEvent & { id: string }> = [];
  for (const event of events) {
    if (event.type !== EventType.CommentCreated) continue;
    const { id, postId, content } = event.data;
    decisions.push({ id: `${event.id}:moderated`, type: EventType.CommentModerated, data: { id, postId, content, status: moderate(content) } });
  }
  if (decisions.length > 0) await bus.publishMany(decisions);
}
