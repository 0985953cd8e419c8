import type { Logger } from '@blog/service-kit';
import { request } from 'undici';
import type { EventLog, LogEntry } from './event-log';
import type { SubscriptionRecord, SubscriptionStore } from './subscription-store';

export interface PushOptions {
  timeoutMs: number;
  maxBackoffMs: number;
}

/** How a subscriber answered one push. */
type Outcome = { kind: 'delivered' } | { kind: 'refused'; status: number; reason: string } | { kind: 'failed'; reason: string };

/** Events read from the log at a time for one subscription. */
const READ_AHEAD = 100;

/**
 * Under load, a batching subscription gets at most one push per this many
 * ms unless a full batch is waiting: a push costs the bus and the
 * subscriber one HTTP exchange whatever its size, and without a pause the
 * next push would leave as soon as the previous one was answered, with the
 * few events that arrived meanwhile. When pushes are rarer than this (a
 * quiet bus), an event goes out at once.
 */
const MIN_PUSH_INTERVAL_MS = 10;

/**
 * Delivers one subscription's events, in `seq` order, to its URL: one event
 * per POST, or batches of up to `batchSize`; the next push carries whatever
 * arrived while the previous one was in flight.
 *
 * A 2xx moves the cursor (written to disk within a moment, see
 * SubscriptionStore). A 4xx other than 408/429 means the subscriber will
 * never accept the event, so it is parked and the cursor moves on. Anything
 * else (5xx, timeout, connection refused) is retried with backoff until it
 * succeeds. Delivery is at-least-once: a subscriber that handled an event but
 * died before answering sees it again.
 */
export class PushDelivery {
  private running = false;
  private wakeUp: (() => void) | undefined;
  private inFlight: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private subscription: SubscriptionRecord;
  private scanned: number;
  private lastPushAt = 0;
  /** Failures in a row for the event at the cursor, for `GET /subscriptions`. */
  failures = 0;
  lastError: string | undefined;

  constructor(
    subscription: SubscriptionRecord,
    private readonly log: EventLog,
    private readonly store: SubscriptionStore,
    private readonly logger: Logger,
    private readonly options: PushOptions,
  ) {
    this.subscription = subscription;
    this.scanned = subscription.cursor;
  }

  get cursor(): number {
    return this.subscription.cursor;
  }

  /** Takes a new url or types (a service re-declared its subscription). */
  update(subscription: SubscriptionRecord): void {
    this.subscription = { ...subscription, cursor: this.subscription.cursor };
    this.scanned = this.subscription.cursor;
    this.wake();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.log.on('appended', this.wake);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.log.off('appended', this.wake);
    this.inFlight?.abort();
    this.wake();
    await this.loop;
  }

  private readonly wake = () => {
    const wake = this.wakeUp;
    this.wakeUp = undefined;
    wake?.();
  };

  private async run(): Promise<void> {
    while (this.running) {
      const { batchSize, types } = this.subscription;
      const entries = this.log.read(this.scanned, Math.max(READ_AHEAD, batchSize), types);
      if (entries.length === 0) {
        this.scanned = Math.max(this.scanned, this.log.headSeq);
        await this.idle();
        continue;
      }
      const paceMs = this.lastPushAt + MIN_PUSH_INTERVAL_MS - Date.now();
      if (entries.length < batchSize && paceMs > 0) {
        await this.pause(paceMs);
        continue;
      }
      for (let i = 0; i < entries.length; i += batchSize) {
        const batch = entries.slice(i, i + batchSize);
        if (!this.running || !(await this.deliverUntilSettled(batch))) return;
        this.scanned = batch[batch.length - 1]!.seq;
      }
    }
  }

  /** Waits `ms` (for more events to gather); only stop() cuts it short. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        if (!this.running) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
  }

  /** Waits for a new event, or a second at most (a cheap safety net). */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = undefined;
        resolve();
      }, 1000);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /**
   * Pushes until the subscriber accepts or refuses; false if stopped first.
   * A refused batch is split into single events, so only the event the
   * subscriber cannot take is parked.
   */
  private async deliverUntilSettled(batch: LogEntry[]): Promise<boolean> {
    const { name } = this.subscription;
    const last = batch[batch.length - 1]!.seq;
    let backoffMs = 100;
    while (this.running) {
      const outcome = await this.push(batch);
      if (outcome.kind === 'delivered') {
        this.store.noteCursor(name, last);
        this.subscription.cursor = last;
        this.failures = 0;
        this.lastError = undefined;
        return true;
      }
      if (outcome.kind === 'refused' && batch.length > 1) {
        for (const entry of batch) if (!(await this.deliverUntilSettled([entry]))) return false;
        return true;
      }
      if (outcome.kind === 'refused') {
        const eventId = (JSON.parse(batch[0]!.json) as { id: string }).id;
        this.store.park(name, { seq: last, eventId, status: outcome.status, reason: outcome.reason });
        this.subscription.cursor = last;
        this.failures = 0;
        this.logger.warn({ subscription: name, seq: last, status: outcome.status, reason: outcome.reason }, 'subscriber refused an event; parked');
        return true;
      }
      this.failures++;
      this.lastError = outcome.reason;
      if (this.failures === 1 || this.failures % 20 === 0) {
        this.logger.warn({ subscription: name, seq: batch[0]!.seq, failures: this.failures, err: outcome.reason, retryInMs: backoffMs }, 'push failed; retrying');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoffMs);
        this.wakeUp = () => {
          // A new event does not cut a backoff short; only stop() does.
          if (!this.running) {
            clearTimeout(timer);
            resolve();
          }
        };
      });
      backoffMs = Math.min(backoffMs * 2, this.options.maxBackoffMs);
    }
    return false;
  }

  /** One POST: the event itself when the subscription takes one at a time, else a JSON array. */
  private async push(batch: LogEntry[]): Promise<Outcome> {
    const body = this.subscription.batchSize === 1 ? batch[0]!.json : `[${batch.map((entry) => entry.json).join(',')}]`;
    this.lastPushAt = Date.now();
    this.inFlight = new AbortController();
    const timeout = setTimeout(() => this.inFlight?.abort(), this.options.timeoutMs);
    try {
      const response = await request(this.subscription.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-subscription': this.subscription.name },
        body,
        signal: this.inFlight.signal,
      });
      const status = response.statusCode;
      const text = await response.body.text().catch(() => '');
      if (status >= 200 && status < 300) return { kind: 'delivered' };
      const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
      if (permanent) return { kind: 'refused', status, reason: text.slice(0, 500) || `answered ${status}` };
      return { kind: 'failed', reason: `answered ${status}` };
    } catch (error) {
      return { kind: 'failed', reason: (error as Error).message };
    } finally {
      clearTimeout(timeout);
      this.inFlight = undefined;
    }
  }
}
