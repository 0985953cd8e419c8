import type { EventType } from '@blog/events';
import type { LogEntry } from './event-log';

/**
 * The newest events of the log, kept in memory as they are committed, so
 * that followers who are keeping up (live tails, push subscriptions) read
 * them from here instead of SQLite: every subscriber asks for the same few
 * events right after each commit, and reading them back from the file once
 * per subscriber is the largest cost of fanning out.
 *
 * It holds a gap-free run of `seq`s ending at the head: `covers(after)` says
 * whether everything after `after` is here. Older reads go to the file.
 */
export class RecentEvents {
  private entries: LogEntry[] = [];
  /** Index of the oldest kept entry in `entries` (the array is trimmed in chunks, not per append). */
  private start = 0;

  /** @param head the log's head when the cache starts empty: it covers reads from there on. */
  constructor(
    private readonly capacity: number,
    private head: number,
  ) {}

  /** Records committed events; they must continue the log from its current head. */
  add(entries: readonly LogEntry[]): void {
    for (const entry of entries) {
      if (entry.seq !== this.head + 1) {
        // Not contiguous (cannot happen with one writer): start over from this entry rather than serve a gap.
        this.entries = [];
        this.start = 0;
      }
      this.entries.push(entry);
      this.head = entry.seq;
    }
    if (this.entries.length - this.start > this.capacity) this.start = this.entries.length - this.capacity;
    if (this.start >= this.capacity) {
      this.entries = this.entries.slice(this.start);
      this.start = 0;
    }
  }

  /** True when every event after `after` up to the head is held here. */
  covers(after: number): boolean {
    return after >= this.oldestSeq() - 1 && after <= this.head;
  }

  /** Events after `after` (which `covers`), oldest first, at most `limit`, optionally only some types. */
  read(after: number, limit: number, types: readonly EventType[]): LogEntry[] {
    const found: LogEntry[] = [];
    const first = this.start + (after - (this.oldestSeq() - 1));
    for (let i = first; i < this.entries.length && found.length < limit; i++) {
      const entry = this.entries[i]!;
      if (types.length === 0 || types.includes(entry.type)) found.push(entry);
    }
    return found;
  }

  private oldestSeq(): number {
    return this.start < this.entries.length ? this.entries[this.start]!.seq : this.head + 1;
  }
}
