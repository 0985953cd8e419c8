import type { EventType } from '@blog/events';
import type { Database } from './database';

export interface SubscriptionRecord {
  name: string;
  url: string;
  types: EventType[];
  /** The `seq` of the last event delivered (or parked) for this subscription. */
  cursor: number;
  /** Events per push: 1 sends one event object, more send a JSON array. */
  batchSize: number;
}

export interface ParkedEvent {
  seq: number;
  eventId: string;
  status: number;
  reason: string;
  parkedAt: string;
}

const SELECT_SUBSCRIPTION = 'SELECT name, url, types, cursor, batch_size AS batchSize FROM subscriptions';

type SubscriptionRow = Omit<SubscriptionRecord, 'types'> & { types: string };

const toRecord = (row: SubscriptionRow): SubscriptionRecord => ({ ...row, types: JSON.parse(row.types) as EventType[] });

/**
 * Subscriptions and their cursors, on disk beside the log. A delivered
 * push's cursor is noted in memory and written with the others every few
 * hundred milliseconds: one transaction (one fsync) for many pushes instead
 * of one each. A crash may so forget the last moments of progress; those
 * events are pushed again, which at-least-once delivery and idempotent
 * subscribers already allow. A park is written at once.
 */
export class SubscriptionStore {
  private pendingCursors = new Map<string, number>();
  private readonly updateCursor;

  constructor(private readonly db: Database) {
    this.updateCursor = db.prepare('UPDATE subscriptions SET cursor = ? WHERE name = ? AND cursor < ?');
  }

  list(): SubscriptionRecord[] {
    return (this.db.prepare(`${SELECT_SUBSCRIPTION} ORDER BY name`).all() as SubscriptionRow[]).map(toRecord);
  }

  get(name: string): SubscriptionRecord | undefined {
    const row = this.db.prepare(`${SELECT_SUBSCRIPTION} WHERE name = ?`).get(name) as SubscriptionRow | undefined;
    return row && toRecord(row);
  }

  /** Creates the subscription, or updates its url and types; an existing cursor is kept. */
  upsert(name: string, url: string, types: EventType[], batchSize: number): { record: SubscriptionRecord; created: boolean } {
    const now = new Date().toISOString();
    const existed = this.get(name) !== undefined;
    this.db
      .prepare(
        `INSERT INTO subscriptions (name, url, types, cursor, batch_size, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET url = excluded.url, types = excluded.types, batch_size = excluded.batch_size, updated_at = excluded.updated_at`,
      )
      .run(name, url, JSON.stringify(types), batchSize, now, now);
    return { record: this.get(name)!, created: !existed };
  }

  /** Notes a delivered push's cursor; `flushCursors` writes it. */
  noteCursor(name: string, cursor: number): void {
    this.pendingCursors.set(name, Math.max(cursor, this.pendingCursors.get(name) ?? 0));
  }

  /** Writes every noted cursor in one transaction. */
  flushCursors(): void {
    if (this.pendingCursors.size === 0) return;
    const cursors = [...this.pendingCursors];
    this.pendingCursors.clear();
    this.db.transaction(() => {
      for (const [name, cursor] of cursors) this.saveCursor(name, cursor);
    }).immediate();
  }

  private saveCursor(name: string, cursor: number): void {
    this.updateCursor.run(cursor, name, cursor);
  }

  /** Records an event the subscriber refused as invalid and moves the cursor past it, in one transaction. */
  park(name: string, parked: Omit<ParkedEvent, 'parkedAt'>): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT OR REPLACE INTO parked_events (subscription, seq, event_id, status, reason, parked_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(name, parked.seq, parked.eventId, parked.status, parked.reason, new Date().toISOString());
      this.saveCursor(name, parked.seq);
    }).immediate();
  }

  parked(name: string): ParkedEvent[] {
    return this.db
      .prepare('SELECT seq, event_id AS eventId, status, reason, parked_at AS parkedAt FROM parked_events WHERE subscription = ? ORDER BY seq')
      .all(name) as ParkedEvent[];
  }
}
