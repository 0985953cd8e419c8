import { z } from 'zod';

/**
 * The four events of the blog, by name. Services use these constants (or the
 * `BlogEvent` union) and never spell an event name by hand.
 */
export const EventType = {
  PostCreated: 'PostCreated',
  CommentCreated: 'CommentCreated',
  CommentModerated: 'CommentModerated',
  CommentUpdated: 'CommentUpdated',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];
export const eventTypes = Object.values(EventType) as [EventType, ...EventType[]];

/** Limits shared by the HTTP edges and the bus, so both refuse the same input. */
export const limits = {
  idLength: 64,
  titleLength: 200,
  contentLength: 1000,
  eventIdLength: 128,
} as const;

export const CommentStatus = z.enum(['pending', 'approved', 'rejected']);
export type CommentStatus = z.infer<typeof CommentStatus>;

/** An entity id: what nanoid produces, and nothing a path or a log could trip on. */
export const EntityId = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(limits.idLength, `must be at most ${limits.idLength} characters`)
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "_" and "-"');

/** Text a person typed: trimmed, never empty, bounded. */
export function text(maxLength: number) {
  return z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(maxLength, `must be at most ${maxLength} characters`);
}
export const Title = text(limits.titleLength);
export const Content = text(limits.contentLength);

export const PostCreatedData = z.object({ id: EntityId, title: Title });
export const CommentCreatedData = z.object({
  id: EntityId,
  content: Content,
  postId: EntityId,
  status: z.literal('pending'),
});
export const CommentModeratedData = z.object({
  id: EntityId,
  postId: EntityId,
  status: z.enum(['approved', 'rejected']),
  content: Content,
});
export const CommentUpdatedData = z.object({
  id: EntityId,
  postId: EntityId,
  status: CommentStatus,
  content: Content,
});

export type PostCreatedData = z.infer<typeof PostCreatedData>;
export type CommentCreatedData = z.infer<typeof CommentCreatedData>;
export type CommentModeratedData = z.infer<typeof CommentModeratedData>;
export type CommentUpdatedData = z.infer<typeof CommentUpdatedData>;

/**
 * The id an event carries on the bus. A publisher may choose it, so that a
 * retried publish is stored once; reactions derive it from the event they
 * react to.
 */
export const EventId = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(limits.eventIdLength, `must be at most ${limits.eventIdLength} characters`)
  .regex(/^[A-Za-z0-9_:.-]+$/, 'may contain only letters, digits and "_:.-"');

const eventId = EventId.optional();

/** What a publisher sends to `POST /events`: a type, its payload, and optionally an id. */
export const NewEventSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ id: eventId, type: z.literal(EventType.PostCreated), data: PostCreatedData }),
    z.object({ id: eventId, type: z.literal(EventType.CommentCreated), data: CommentCreatedData }),
    z.object({ id: eventId, type: z.literal(EventType.CommentModerated), data: CommentModeratedData }),
    z.object({ id: eventId, type: z.literal(EventType.CommentUpdated), data: CommentUpdatedData }),
  ],
  { error: `must be one of ${eventTypes.join(', ')}` },
);
export type NewEvent = z.infer<typeof NewEventSchema>;

/** Every event the blog knows, as a discriminated union on `type`. */
export type BlogEvent = { [K in NewEvent['type']]: { type: K; data: Extract<NewEvent, { type: K }>['data'] } }[NewEvent['type']];

/** An event as the log holds it: with its id, its gap-free position and when it was accepted. */
export type StoredEvent = BlogEvent & { id: string; seq: number; occurredAt: string };


/** What a log line says about an event a service handled: the same fields in every service. */
export function eventLogFields(event: StoredEvent): { eventId: string; seq: number; type: EventType; entityId: string } {
  return { eventId: event.id, seq: event.seq, type: event.type, entityId: event.data.id };
}

/** An event as the bus pushes it to a subscriber: checked again at the receiving edge. */
export const StoredEventSchema = z.intersection(
  NewEventSchema,
  z.object({ id: EventId, seq: z.number().int().positive(), occurredAt: z.string() }),
);
