import { EventEmitter } from 'node:events';
import type { EventType, NewEvent } from '@blog/events';
import type { Database } from './database';
import type { AppendResult, WriteResult } from './log-writer';
import { RecentEvents } from './recent-events';

export type { AppendResult } from './log-writer';

/** An event as read back from the log: its position and its JSON, ready to send as is. */
export interface LogEntry {
  seq: number;
  type: EventType;
  json: string;
}

/** Where appends are committed: the writer thread (or, in a test, anything that answers the same). */
export interface BatchWriter {
  write(events: NewEvent[]): Promise<WriteResult>;
  close(): Promise<void>;
}

const typeFilter = (types: readonly EventType[]) => (types.length > 0 ? ` AND type IN (${types.map(() => '?').join(',')})` : '');

interface ReadStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
}

/** Newest events kept in memory for followers that keep up: a few MB, and many seconds of traffic. */
const RECENT_EVENTS = 5000;

interface PendingAppend {
  event: NewEvent;
  resolve: (result: AppendResult) => void;
  reject: (error: Error) => void;
}

/**
 * The durable, ordered log of every event. Appends are committed by the
 * writer thread in batches (group commit): one fsync acknowledges a whole
 * batch, and each publisher gets its answer only after that fsync. Each turn
 * of the event loop posts its appends at once, and the writer commits
 * together all that queued while it waited for the last fsync, so the
 * busier the bus, the bigger the batches, with no round trip between them.
 * Reads use this thread's own connection (WAL lets them run beside the
 * writer); followers that keep up are served from the newest events kept in
 * memory (RecentEvents).
 *
 * Emits `appended` with the new head `seq` after each commit.
 */
export class EventLog extends EventEmitter {
  private pending: PendingAppend[] = [];
  /** Flushes posted to the writer and not yet answered. */
  private readonly writing = new Set<Promise<void>>();
  private flushScheduled = false;
  private head: number;
  private readonly statements = new Map<string, ReadStatement>();
  private readonly recent: RecentEvents;

  constructor(
    private readonly db: Database,
    private readonly writer: BatchWriter,
  ) {
    super();
    this.setMaxListeners(0);
    this.head = (db.prepare('SELECT coalesce(max(seq), 0) AS head FROM events').get() as { head: number }).head;
    this.recent = new RecentEvents(RECENT_EVENTS, this.head);
  }

  /** The `seq` of the newest event (0 when the log is empty). */
  get headSeq(): number {
    return this.head;
  }

  /** Appends an event; resolves once it is on disk. The same `id` twice is stored once. */
  append(event: NewEvent): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ event, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** Events after `after`, oldest first, at most `limit`, optionally only some types. */
  read(after: number, limit: number, types?: readonly EventType[]): LogEntry[] {
    const filter = types && types.length > 0 ? types : [];
    if (this.recent.covers(after)) return this.recent.read(after, limit, filter);
    const sql = `SELECT seq, type, json FROM events WHERE seq > ?${typeFilter(filter)} ORDER BY seq LIMIT ?`;
    return this.statement(sql).all(after, ...filter, limit) as LogEntry[];
  }

  /** How many events of these types lie after `after`. */
  countAfter(after: number, types: readonly EventType[]): number {
    const row = this.statement(`SELECT count(*) AS n FROM events WHERE seq > ?${typeFilter(types)}`).get(after, ...types) as { n: number };
    return row.n;
  }

  /** Each distinct query is prepared once: tails and deliveries run the same few all the time. */
  private statement(sql: string): ReadStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Waits until everything queued is on disk, then stops the writer; used on shutdown. */
  async close(): Promise<void> {
    while (this.pending.length > 0 || this.writing.size > 0) {
      await (this.writing.size > 0 ? Promise.all(this.writing) : new Promise((resolve) => setImmediate(resolve)));
    }
    await this.writer.close();
  }

  /** Appends arriving in the same turn of the event loop go to the writer in one request. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const write = this.flush();
      this.writing.add(write);
      void write.finally(() => this.writing.delete(write));
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let written: WriteResult;
    try {
      written = await this.writer.write(batch.map(({ event }) => event));
    } catch (error) {
      for (const { reject } of batch) reject(error as Error);
      return;
    }
    this.head = Math.max(this.head, written.head);
    this.recent.add(written.results.flatMap((r, i) => (r.created ? [{ seq: r.seq, type: batch[i]!.event.type, json: r.json }] : [])));
    batch.forEach(({ resolve }, i) => resolve(written.results[i]!));
    if (written.results.some((r) => r.created)) this.emit('appended', this.head);
  }
}
