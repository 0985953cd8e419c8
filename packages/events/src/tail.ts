import { createParser } from 'eventsource-parser';
import { request } from 'undici';
import type { EventType, StoredEvent } from './event-types';

export interface TailOptions {
  baseUrl: string;
  /** Start after this `seq`; the tail then resumes from the last event it delivered. */
  after: number;
  /** Only these types (all when omitted). */
  types?: readonly EventType[];
  /** Called once per event, in `seq` order; the next event waits for it. */
  onEvent: (event: StoredEvent) => void | Promise<void>;
  /**
   * Told how far the bus has scanned the log for this tail. With a `types`
   * filter, the last event delivered can be older than the head of the log;
   * the bus sends its position so the follower knows it has seen everything.
   */
  onPosition?: (seq: number) => void;
  /** Told about each lost connection, before the tail retries. */
  onDisconnect?: (error: Error, retryInMs: number) => void;
  /** Told when a connection is (re)established. */
  onConnect?: (after: number) => void;
  maxBackoffMs?: number;
}

export interface TailHandle {
  /** The `seq` of the last event delivered to `onEvent`. */
  readonly lastSeq: number;
  /** Stops following; resolves when the connection is closed. */
  close(): Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Follows the bus's Server-Sent Events stream (`GET /events/stream?after=`).
 * When the stream drops (bus restart, network), it reconnects with backoff
 * from the last `seq` it delivered, so no event is skipped or repeated.
 */
export function tailEvents(options: TailOptions): TailHandle {
  const controller = new AbortController();
  const maxBackoffMs = options.maxBackoffMs ?? 2000;
  let lastSeq = options.after;

  async function followOnce(): Promise<void> {
    const query = new URLSearchParams({ after: String(lastSeq) });
    if (options.types) query.set('types', options.types.join(','));
    const response = await request(`${options.baseUrl}/events/stream?${query}`, {
      headers: { accept: 'text/event-stream' },
      signal: controller.signal,
      // The stream idles between events (with a heartbeat every 15 s).
      bodyTimeout: 60_000,
    });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new Error(`event stream answered ${response.statusCode}`);
    }
    options.onConnect?.(lastSeq);

    const pending: Array<{ event?: StoredEvent; position?: number }> = [];
    const parser = createParser({
      onEvent: (message) => {
        if (message.event === 'position') pending.push({ position: (JSON.parse(message.data) as { seq: number }).seq });
        else if (!message.event || message.event === 'message') pending.push({ event: JSON.parse(message.data) as StoredEvent });
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      // splice, not shift: a chunk can hold a thousand events, and shift is linear.
      for (const { event, position } of pending.splice(0)) {
        if (event && event.seq > lastSeq) {
          await options.onEvent(event);
          lastSeq = event.seq;
        } else if (position !== undefined && position > lastSeq) {
          lastSeq = position;
          options.onPosition?.(position);
        }
      }
    }
    throw new Error('event stream ended');
  }

  const done = (async () => {
    let backoffMs = 100;
    while (!controller.signal.aborted) {
      const before = lastSeq;
      try {
        await followOnce();
      } catch (error) {
        if (controller.signal.aborted) break;
        if (lastSeq > before) backoffMs = 100;
        options.onDisconnect?.(error as Error, backoffMs);
        await sleep(backoffMs, controller.signal);
        backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
      }
    }
  })();

  return {
    get lastSeq() {
      return lastSeq;
    },
    async close() {
      controller.abort();
      await done;
    },
  };
}
