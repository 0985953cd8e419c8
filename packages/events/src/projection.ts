import type { EventBusClient } from './bus-client';
import type { EventType, StoredEvent } from './event-types';
import type { TailHandle } from './tail';

export interface ProjectionLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface ProjectionOptions {
  bus: EventBusClient;
  /** The event types this projection folds (others are not even fetched). */
  types: readonly EventType[];
  /** Folds one event into the service's state. Must be synchronous and must not throw. */
  apply: (event: StoredEvent) => void;
  logger: ProjectionLogger;
  /** Events per page while rebuilding. */
  pageSize?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A service's in-memory state as a projection of the log: rebuilt from the
 * first event at start with paged reads, then kept current by the live tail.
 * Every event is applied exactly once, in `seq` order.
 */
export class Projection {
  private appliedSeq = 0;
  private tail: TailHandle | undefined;
  private stopped = false;
  private waiters = new Set<{ seq: number; wake: () => void }>();
  private readonly pageSize: number;
  /** Resolves once the projection has caught up with the log as it was at start. */
  readonly caughtUp: Promise<void>;

  constructor(private readonly options: ProjectionOptions) {
    this.pageSize = options.pageSize ?? 5000;
    this.caughtUp = this.rebuild();
  }

  /** The `seq` of the last event folded into the state. */
  get lastSeq(): number {
    return this.appliedSeq;
  }

  /**
   * Waits until this projection has seen everything the log held when it was
   * called, at most `timeoutMs`. Used before refusing a request because of
   * state that may exist but has not arrived yet (no false 404).
   * @returns false when the deadline passed first.
   * @throws BusUnavailableError when the bus cannot tell where its head is.
   */
  async catchUpWithLog(timeoutMs: number): Promise<boolean> {
    return this.waitForSeq(await this.options.bus.headSeq(), timeoutMs);
  }

  /** Resolves true once the event `seq` (or a later one) has been seen, false after `timeoutMs`. */
  waitForSeq(seq: number, timeoutMs: number): Promise<boolean> {
    if (this.appliedSeq >= seq) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { seq, wake: () => finish(true) };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (result: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(result);
      };
      this.waiters.add(waiter);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.tail?.close();
  }

  private fold(event: StoredEvent): void {
    if (event.seq <= this.appliedSeq) return;
    this.options.apply(event);
    this.appliedSeq = event.seq;
    for (const waiter of this.waiters) if (waiter.seq <= event.seq) waiter.wake();
  }

  /**
   * The tail only delivers the types we asked for, so positions between them
   * are unseen; the head of the log tells how far "caught up" really is.
   */
  private async rebuild(): Promise<void> {
    const { bus, types, logger } = this.options;
    const started = Date.now();
    let backoffMs = 200;
    let head = 0;
    for (;;) {
      if (this.stopped) return;
      try {
        head = await bus.headSeq();
        for (;;) {
          const page = await bus.readPage(this.appliedSeq, this.pageSize, types);
          page.forEach((event) => this.fold(event));
          if (page.length < this.pageSize) break;
        }
        break;
      } catch (error) {
        logger.warn({ err: (error as Error).message, retryInMs: backoffMs }, 'cannot read the event log yet; retrying');
        await sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 2000);
      }
    }
    if (this.stopped) return;
    this.markSeen(head);
    logger.info({ lastSeq: this.appliedSeq, head, ms: Date.now() - started }, 'projection rebuilt from the log');
    this.tail = bus.tail({
      after: this.appliedSeq,
      types,
      onEvent: (event) => this.fold(event),
      onPosition: (seq) => this.markSeen(seq),
      onConnect: (after) => logger.info({ after }, 'following the event log'),
      onDisconnect: (error, retryInMs) => logger.warn({ err: error.message, retryInMs }, 'event stream lost; reconnecting'),
    });
  }

  /** Records that everything up to `seq` has been read, even positions holding other types. */
  private markSeen(seq: number): void {
    if (seq > this.appliedSeq) this.appliedSeq = seq;
    for (const waiter of this.waiters) if (waiter.seq <= this.appliedSeq) waiter.wake();
  }
}
