import type { Logger } from '@blog/service-kit';
import type { EventLog, LogEntry } from './event-log';
import type { SubscriptionRecord, SubscriptionStore } from './subscription-store';

export interface PushOptions {
  timeoutMs: number;
  maxBackoffMs: number;
}

/** How a subscriber answered one push. */
type Outcome = { kind: 'delivered' } | { kind: 'refused'; status: number; reason: string } | { kind: 'failed'; reason: string };

const BATCH = 100;

/**
 * Delivers one subscription's events, one at a time and in `seq` order, to
 * its URL. A 2xx moves the cursor (on disk); a 4xx other than 408/429 means
 * the subscriber will never accept this event, so it is parked and the cursor
 * moves on; anything else (5xx, timeout, connection refused) is retried with
 * backoff until it succeeds. Delivery is at-least-once: a subscriber that
 * handled an event but died before answering sees it again.
 */
export class PushDelivery {
  private running = false;
  private wakeUp: (() => void) | undefined;
  private inFlight: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private subscription: SubscriptionRecord;
  private scanned: number;
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
      const entries = this.log.read(this.scanned, BATCH, this.subscription.types);
      if (entries.length === 0) {
        this.scanned = Math.max(this.scanned, this.log.headSeq);
        await this.idle();
        continue;
      }
      for (const entry of entries) {
        if (!this.running) return;
        const delivered = await this.deliverUntilSettled(entry);
        if (!delivered) return;
        this.scanned = entry.seq;
      }
    }
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

  /** Pushes until the subscriber accepts or refuses the event; false if stopped first. */
  private async deliverUntilSettled(entry: LogEntry): Promise<boolean> {
    const { name } = this.subscription;
    let backoffMs = 100;
    while (this.running) {
      const outcome = await this.push(entry);
      if (outcome.kind === 'delivered') {
        this.store.saveCursor(name, entry.seq);
        this.subscription.cursor = entry.seq;
        this.failures = 0;
        this.lastError = undefined;
        return true;
      }
      if (outcome.kind === 'refused') {
        const eventId = (JSON.parse(entry.json) as { id: string }).id;
        this.store.park(name, { seq: entry.seq, eventId, status: outcome.status, reason: outcome.reason });
        this.subscription.cursor = entry.seq;
        this.failures = 0;
        this.logger.warn({ subscription: name, seq: entry.seq, status: outcome.status, reason: outcome.reason }, 'subscriber refused an event; parked');
        return true;
      }
      this.failures++;
      this.lastError = outcome.reason;
      if (this.failures === 1 || this.failures % 20 === 0) {
        this.logger.warn({ subscription: name, seq: entry.seq, failures: this.failures, err: outcome.reason, retryInMs: backoffMs }, 'push failed; retrying');
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

  private async push(entry: LogEntry): Promise<Outcome> {
    this.inFlight = new AbortController();
    const timeout = setTimeout(() => this.inFlight?.abort(), this.options.timeoutMs);
    try {
      const response = await fetch(this.subscription.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-subscription': this.subscription.name },
        body: entry.json,
        signal: this.inFlight.signal,
      });
      const text = await response.text().catch(() => '');
      if (response.ok) return { kind: 'delivered' };
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
      if (permanent) return { kind: 'refused', status: response.status, reason: text.slice(0, 500) || response.statusText };
      return { kind: 'failed', reason: `answered ${response.status}` };
    } catch (error) {
      return { kind: 'failed', reason: (error as Error).cause ? String((error as Error & { cause: Error }).cause.message ?? (error as Error).cause) : (error as Error).message };
    } finally {
      clearTimeout(timeout);
      this.inFlight = undefined;
    }
  }
}
