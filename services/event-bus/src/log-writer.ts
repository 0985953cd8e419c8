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
 * Appends a batch of events in one transaction: gives each its id (unless
 * the publisher chose one), the next gap-free `seq` and `occurredAt`; an id
 * already in the log is not stored again. With `synchronous=FULL` the
 * commit returns once the batch is on disk. The transaction takes the write
 * lock at BEGIN (IMMEDIATE): the main thread also writes (cursors), and a
 * deferred transaction that read first could not upgrade past it.
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

  write(events: NewEvent[]): WriteResult {
    const results: AppendResult[] = [];
    let head = this.head;
    this.db.transaction(() => {
      for (const event of events) {
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
    }).immediate();
    this.head = head;
    return { results, head };
  }
}
