import type { BlogEvent, StoredEvent } from '@blog/events';

type Published = BlogEvent & { id?: string };

/**
 * Stands in for EventBusClient's publishing: records what would be
 * published (one entry per request in `batches`), or fails with the error
 * the test sets, optionally after a delay.
 */
export class FakeBus {
  published: Published[] = [];
  batches: Published[][] = [];
  failWith: Error | undefined;
  delayMs = 0;

  publish = async (event: Published): Promise<StoredEvent> => (await this.publishMany([event]))[0]!;

  publishMany = async (events: Published[]): Promise<StoredEvent[]> => {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failWith) throw this.failWith;
    this.batches.push(events);
    return events.map((event) => {
      this.published.push(event);
      return { ...event, id: event.id ?? `generated-${this.published.length}`, seq: this.published.length, occurredAt: new Date(0).toISOString() } as StoredEvent;
    });
  };
}
