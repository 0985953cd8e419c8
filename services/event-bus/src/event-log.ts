import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { EventType, NewEvent } from '@blog/events';
import type { Database } from './database';

/** An event as read back from the log: its position and its JSON, ready to send as is. */
export interface LogEntry {
  seq: number;
  type: EventType;
  json: string;
}

export interface AppendResult {
  /** The event as stored, JSON-encoded. */
  json: string;
  seq: number;
  /** False when an event with the same id was already in the log (a retried publish). */
  created: boolean;
}

const typeFilter = (types: readonly EventType[]) => (types.length > 0 ? ` AND type IN (${types.map(() => '?').join(',')})` : '');

interface ReadStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
}

interface PendingAppend {
  event: NewEvent;
  resolve: (result: AppendResult) => void;
  reject: (error: Error) => void;
}

/**
 * The durable, ordered log of every event. Appends arriving together are
 * written in one transaction (group commit): one fsync acknowledges them
 * all, and each publisher gets its answer only after that fsync.
 *
 * Emits `appended` with the new head `seq` after each commit.
 */
export class EventLog extends EventEmitter {
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private head: number;
  private readonly insert;
  private readonly findById;
  private readonly statements = new Map<string, ReadStatement>();

  constructor(private readonly db: Database) {
    super();
    this.setMaxListeners(0);
    this.head = (db.prepare('SELECT coalesce(max(seq), 0) AS head FROM events').get() as { head: number }).head;
    this.insert = db.prepare('INSERT INTO events (seq, id, type, json) VALUES (?, ?, ?, ?)');
    this.findById = db.prepare('SELECT seq, json FROM events WHERE id = ?');
  }

  /** The `seq` of the newest event (0 when the log is empty). */
  get headSeq(): number {
    return this.head;
  }

  /** Appends an event; resolves once it is on disk. The same `id` twice is stored once. */
  append(event: NewEvent): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ event, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Events after `after`, oldest first, at most `limit`, optionally only some types. */
  read(after: number, limit: number, types?: readonly EventType[]): LogEntry[] {
    const filter = types && types.length > 0 ? types : [];
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

  /** Writes whatever is still queued; used on shutdown. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) await new Promise((resolve) => setImmediate(resolve));
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const results: AppendResult[] = [];
    let head = this.head;
    try {
      this.db.transaction(() => {
        for (const { event } of batch) {
          const id = event.id ?? randomUUID();
          const existing = this.findById.get(id) as { seq: number; json: string } | undefined;
          if (existing) {
            results.push({ seq: existing.seq, json: existing.json, created: false });
            continue;
          }
          const seq = head + 1;
          const json = JSON.stringify({ id, seq, type: event.type, data: event.data, occurredAt: new Date().toISOString() });
          this.insert.run(seq, id, event.type, json);
          head = seq;
          results.push({ seq, json, created: true });
        }
      })();
    } catch (error) {
      for (const { reject } of batch) reject(error as Error);
      return;
    }
    this.head = head;
    batch.forEach(({ resolve }, i) => resolve(results[i]!));
    if (results.some((r) => r.created)) this.emit('appended', this.head);
  }
}
