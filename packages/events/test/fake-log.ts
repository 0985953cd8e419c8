import { EventType, type EventBusClient, type EventType as Type, type StoredEvent, type TailHandle, type TailOptions } from '@blog/events';

export function postCreated(seq: number, postId = `p${seq}`): StoredEvent {
  return { id: `e${seq}`, seq, occurredAt: '2026-01-01T00:00:00.000Z', type: EventType.PostCreated, data: { id: postId, title: `Post ${seq}` } };
}

/**
 * An in-memory event log behind the parts of EventBusClient a Projection
 * uses. The test appends events and drives the tail by hand.
 */
export class FakeLog {
  events: StoredEvent[] = [];
  readPageCalls: Array<{ after: number; limit: number; types?: readonly Type[] }> = [];
  tailOptions: Array<Omit<TailOptions, 'baseUrl'>> = [];
  tailsClosed = 0;
  /** Makes the next `n` reads fail, as an unreachable bus would. */
  failNextReads = 0;
  /** When set, headSeq waits for it before answering. */
  headGate: Promise<void> | undefined;
  /** When set, headSeq fails with it (and nothing else does). */
  headFailure: Error | undefined;

  get head(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  /** The tail the projection opened last. */
  get tail(): Omit<TailOptions, 'baseUrl'> {
    const options = this.tailOptions.at(-1);
    if (!options) throw new Error('no tail was opened');
    return options;
  }

  client(): EventBusClient {
    const fake = {
      headSeq: async () => {
        await this.headGate;
        if (this.headFailure) throw this.headFailure;
        this.maybeFail();
        return this.head;
      },
      readPage: async (after: number, limit: number, types?: readonly Type[]) => {
        this.maybeFail();
        this.readPageCalls.push({ after, limit, types });
        return this.events.filter((e) => e.seq > after && (!types || types.includes(e.type))).slice(0, limit);
      },
      tail: (options: Omit<TailOptions, 'baseUrl'>): TailHandle => {
        this.tailOptions.push(options);
        return {
          lastSeq: options.after,
          close: async () => {
            this.tailsClosed++;
          },
        };
      },
    };
    return fake as unknown as EventBusClient;
  }

  private maybeFail(): void {
    if (this.failNextReads > 0) {
      this.failNextReads--;
      throw new Error('connect ECONNREFUSED 127.0.0.1:4005');
    }
  }
}

export const silentLogger = { info: () => undefined, warn: () => undefined };
