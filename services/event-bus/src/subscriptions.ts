import type { EventType } from '@blog/events';
import type { Logger } from '@blog/service-kit';
import type { EventLog } from './event-log';
import { PushDelivery, type PushOptions } from './push-delivery';
import type { ParkedEvent, SubscriptionStore } from './subscription-store';

export interface SubscriptionStatus {
  name: string;
  url: string;
  types: EventType[];
  batchSize: number;
  cursor: number;
  /** Matching events not yet delivered. */
  lag: number;
  /** Failed pushes in a row of the event at the cursor. */
  failures: number;
  lastError?: string;
  parked: ParkedEvent[];
}

/**
 * The subscriptions the services declared, each with its delivery loop.
 * Loops start for every stored subscription when the bus starts, from the
 * cursor on disk, so a bus restart resumes where delivery stopped.
 */
/** How often delivered cursors are written to disk. */
const CURSOR_FLUSH_MS = 200;

export class Subscriptions {
  private deliveries = new Map<string, PushDelivery>();
  private cursorFlush: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: EventLog,
    private readonly store: SubscriptionStore,
    private readonly logger: Logger,
    private readonly pushOptions: PushOptions,
  ) {}

  startAll(): void {
    for (const record of this.store.list()) this.startDelivery(record.name);
    this.cursorFlush = setInterval(() => this.store.flushCursors(), CURSOR_FLUSH_MS);
    this.cursorFlush.unref();
  }

  declare(name: string, url: string, types: EventType[], batchSize: number): { status: SubscriptionStatus; created: boolean } {
    const { record, created } = this.store.upsert(name, url, types, batchSize);
    const delivery = this.deliveries.get(name);
    if (delivery) delivery.update(record);
    else this.startDelivery(name);
    this.logger.info({ subscription: name, url, types, batchSize, cursor: record.cursor, created }, 'subscription declared');
    return { status: this.status(name)!, created };
  }

  status(name: string): SubscriptionStatus | undefined {
    const record = this.store.get(name);
    if (!record) return undefined;
    const delivery = this.deliveries.get(name);
    return {
      ...record,
      cursor: delivery?.cursor ?? record.cursor,
      lag: this.log.countAfter(delivery?.cursor ?? record.cursor, record.types),
      failures: delivery?.failures ?? 0,
      ...(delivery?.lastError && { lastError: delivery.lastError }),
      parked: this.store.parked(name),
    };
  }

  list(): SubscriptionStatus[] {
    return this.store.list().map((record) => this.status(record.name)!);
  }

  async stopAll(): Promise<void> {
    clearInterval(this.cursorFlush);
    await Promise.all([...this.deliveries.values()].map((delivery) => delivery.stop()));
    this.store.flushCursors();
  }

  private startDelivery(name: string): void {
    const record = this.store.get(name)!;
    const delivery = new PushDelivery(record, this.log, this.store, this.logger, this.pushOptions);
    this.deliveries.set(name, delivery);
    delivery.start();
  }
}
