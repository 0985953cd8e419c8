import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@blog/events';
import type { Database } from './database';

export interface AppendResult {
  /** The event as stored, JSON-encoded. */
  json: string;
  seq: number;
  /** False when an event with the same id was already in the log (a retried publish). */
  created: boolean;
}

export interface WriteResult {
  results: AppendResult[];
  /** The `seq` of the newest event after this write. */
  head: number;
}

/**
 * Appends batches of events in one transaction: gives each event its id
 * (unless the publisher chose one), the next gap-free `seq` and
 * `occurredAt`; an id already in the log is not stored again. With
 * `synchronous=FULL` the commit returns once every batch is on disk. The
 * transaction takes the write lock at BEGIN (IMMEDIATE): the main thread
 * also writes (cursors), and a deferred transaction that read first could
 * not upgrade past it.
 */
export class LogWriter {
  private head: number;
  private readonly insert;
  private readonly findById;

  constructor(private readonly db: Database) {
    this.head = (db.prepare('SELECT coalesce(max(seq), 0) AS head FROM events').get() as { head: number }).head;
    this.insert = db.prepare('INSERT INTO events (seq, id, type, json) VALUES (?, ?, ?, ?)');
    this.findById = db.prepare('SELECT seq, json FROM events WHERE id = ?');
  }

  /** One result per batch, in order; nothing is stored unless all are. */
  writeAll(batches: NewEvent[][]): WriteResult[] {
    let head = this.head;
    const written = this.db
      .transaction(() =>
        batches.map((events): WriteResult => {
          const results = events.map((event) => {
            const appended = this.append(event, head);
            head = Math.max(head, appended.seq);
            return appended;
          });
          return { results, head };
        }),
      )
      .immediate();
    this.head = head;
    return written;
  }

  /**
   * Inserts one event as the next after `head`, or answers the stored one
   * when the publisher's id is already in the log. Only a publisher's id is
   * looked up: a fresh random one cannot be there yet.
   */
  private append(event: NewEvent, head: number): AppendResult {
    const existing = event.id === undefined ? undefined : (this.findById.get(event.id) as { seq: number; json: string } | undefined);
    if (existing) return { seq: existing.seq, json: existing.json, created: false };
    const id = event.id ?? randomUUID();
    const seq = head + 1;
    const json = JSON.stringify({ id, seq, type: event.type, data: event.data, occurredAt: new Date().toISOString() });
    this.insert.run(seq, id, event.type, json);
    return { seq, json, created: true };
  }
}
