import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'libsql';

export type Database = InstanceType<typeof Sqlite>;

/**
 * Opens (and creates) the bus's SQLite file. WAL lets readers (tails, pages)
 * run beside the writer; synchronous=FULL makes a commit durable before the
 * publisher hears "201".
 */
export function openDatabase(dataDir: string): Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Sqlite(path.join(dataDir, 'events.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      seq  INTEGER PRIMARY KEY,
      id   TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      json TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS events_type_seq ON events (type, seq);
    CREATE TABLE IF NOT EXISTS subscriptions (
      name       TEXT PRIMARY KEY,
      url        TEXT NOT NULL,
      types      TEXT NOT NULL,
      cursor     INTEGER NOT NULL DEFAULT 0,
      batch_size INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS parked_events (
      subscription TEXT NOT NULL,
      seq          INTEGER NOT NULL,
      event_id     TEXT NOT NULL,
      status       INTEGER NOT NULL,
      reason       TEXT NOT NULL,
      parked_at    TEXT NOT NULL,
      PRIMARY KEY (subscription, seq)
    );
  `);
  addColumnIfMissing(db, 'subscriptions', 'batch_size', 'INTEGER NOT NULL DEFAULT 1');
  return db;
}

/** Upgrades a data folder written by an earlier version in place. */
function addColumnIfMissing(db: Database, table: string, column: string, definition: string): void {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
  if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
}
