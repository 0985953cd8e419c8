import { EventType, type BlogEvent, type EventBusClient, type StoredEvent } from '@blog/events';

/**
 * Reacts to the moderation decisions of a push by publishing CommentUpdated
 * for each, in one batch. Each new event's id is derived from the decision's
 * id, so a redelivered decision (at-least-once) is stored once by the bus.
 */
export async function handleCommentsModerated(events: StoredEvent[], bus: Pick<EventBusClient, 'publishMany'>): Promise<void> {
  const updates: Array<BlogEvent & { id: string }> = [];
  for (const event of events) {
    if (event.type !== EventType.CommentModerated) continue;
    const { id, postId, status, content } = event.data;
    updates.push({ id: `${event.id}:updated`, type: EventType.CommentUpdated, data: { id, postId, status, content } });
  }
  if (updates.length > 0) await bus.publishMany(updates);
}
