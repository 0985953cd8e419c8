import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { eventTypes, type EventType } from '@blog/events';
import { parseOr400, writeSse, type SseStreams } from '@blog/service-kit';
import type { EventLog } from '../event-log';

const STREAM_PAGE = 1000;
const HEARTBEAT_MS = 15_000;

const TypesList = z
  .string()
  .transform((list) => list.split(',').filter(Boolean))
  .pipe(z.array(z.enum(eventTypes, { error: `must list only ${eventTypes.join(', ')}` })));

const seq = () => z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more');

const ReadQuery = z.object({
  after: seq().default(0),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
  types: TypesList.optional(),
});

const StreamQuery = z.object({
  after: seq().optional(),
  types: TypesList.optional(),
});

/** `GET /events`, `GET /events/head`, `GET /events/stream` (`POST /events` is publish-route.ts, served ahead of Express). */
export function eventsRoutes(log: EventLog, streams: SseStreams): Router {
  const router = Router();

  router.get('/events', (req, res) => {
    const query = parseOr400(ReadQuery, req.query);
    const entries = log.read(query.after, query.limit ?? Number.MAX_SAFE_INTEGER, query.types);
    // Stored events are JSON already: joining them avoids a parse and a stringify per event.
    res.type('application/json').send(`[${entries.map((e) => e.json).join(',')}]`);
  });

  router.get('/events/head', (_req, res) => {
    res.json({ seq: log.headSeq });
  });

  router.get('/events/stream', async (req, res) => {
    const query = parseOr400(StreamQuery, req.query);
    const lastEventId = Number(req.get('last-event-id'));
    const after = query.after ?? (Number.isSafeInteger(lastEventId) && lastEventId >= 0 ? lastEventId : 0);
    streams.open(req, res);
    await followLog(log, req, res, after, query.types);
  });

  return router;
}

/**
 * A filtered stream tells its reader how far it has read (a `position`
 * message) at most this often: under load every commit moves the head, and a
 * message per commit to every filtered tail would cost the bus and the
 * reader a write and a wake-up each, for nothing the next one would not say.
 */
const POSITION_INTERVAL_MS = 50;

/**
 * Under load, a tail gets at most one write per this many ms unless a full
 * page is waiting: each write costs the bus a syscall and the reader a
 * wake-up whatever it carries, and without a pause every commit would be a
 * write of its own. When writes are rarer than this, an event goes out at once.
 */
const MIN_WRITE_INTERVAL_MS = 10;

/**
 * Sends the log from `after` on, then every new event as it is committed.
 * Each write carries a whole page, and waits for the socket to drain, so a
 * slow reader gets back-pressure instead of an ever-growing buffer.
 */
async function followLog(log: EventLog, req: Request, res: Response, after: number, types?: EventType[]): Promise<void> {
  let closed = false;
  let wake: (() => void) | undefined;
  const onAppend = () => wake?.();
  const onClose = () => {
    closed = true;
    wake?.();
  };
  req.on('close', onClose);
  res.on('close', onClose);
  log.on('appended', onAppend);
  /** Waits `ms` for more events to gather; only the reader leaving cuts it short. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        if (closed) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
  try {
    let cursor = after;
    let positionSentAt = 0;
    let wroteAt = 0;
    while (!closed) {
      const head = log.headSeq;
      const entries = log.read(cursor, STREAM_PAGE, types);
      const paceMs = wroteAt + MIN_WRITE_INTERVAL_MS - Date.now();
      if (entries.length > 0 && entries.length < STREAM_PAGE && paceMs > 0) {
        await pause(paceMs);
        wake = undefined;
        continue;
      }
      if (entries.length > 0) {
        await writeSse(res, entries.map((e) => `id: ${e.seq}\ndata: ${e.json}\n\n`).join(''));
        wroteAt = Date.now();
        cursor = entries[entries.length - 1]!.seq;
      }
      if (entries.length === STREAM_PAGE) continue;
      // Filtered stream: the reader has seen everything up to the head, and hears so within POSITION_INTERVAL_MS.
      const positionDueInMs = head > cursor ? positionSentAt + POSITION_INTERVAL_MS - Date.now() : Infinity;
      if (positionDueInMs <= 0) {
        await writeSse(res, `event: position\ndata: {"seq":${head}}\n\n`);
        cursor = head;
        positionSentAt = Date.now();
        continue;
      }
      const waitMs = Math.min(positionDueInMs, HEARTBEAT_MS);
      const woken = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), waitMs);
        wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      wake = undefined;
      if (!woken && waitMs === HEARTBEAT_MS && !closed) await writeSse(res, ': keep-alive\n\n');
    }
  } finally {
    log.off('appended', onAppend);
  }
}
