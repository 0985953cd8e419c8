import { Router } from 'express';
import { EventType, StoredEventSchema, type EventBusClient } from '@blog/events';
import { HttpError, parseOr400, requireJson, type Readiness } from '@blog/service-kit';
import { handleCommentCreated } from '../comment-created-handler';

/**
 * `POST /events`: where the bus pushes CommentCreated. An invalid event is a
 * 400, which the bus parks; while not ready, 503 makes the bus retry later.
 */
export function eventsRoutes(bus: Pick<EventBusClient, 'publish'>, readiness: Readiness): Router {
  const router = Router();
  router.post('/events', requireJson, async (req, res) => {
    if (!readiness.isReady) throw HttpError.unavailable('not ready to handle events yet');
    const event = parseOr400(StoredEventSchema, req.body);
    if (event.type === EventType.CommentCreated) await handleCommentCreated(event, bus);
    res.status(200).json({ handled: event.type === EventType.CommentCreated });
  });
  return router;
}
