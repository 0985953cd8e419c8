import type { EventType } from '@blog/events';
import type { LogEntry } from '../src/event-log';
import { RecentEvents } from '../src/recent-events';

const entry = (seq: number, type: EventType = 'PostCreated'): LogEntry => ({ seq, type, json: `{"seq":${seq}}` });
const entries = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));
const seqs = (found: LogEntry[]) => found.map((e) => e.seq);

describe('RecentEvents', () => {
  it('covers, when empty, only reads from the head it started at', () => {
    // Arrange
    const recent = new RecentEvents(10, 7);
    // Act / Assert
    expect(recent.covers(7)).toBe(true);
    expect(recent.read(7, 10, [])).toEqual([]);
    expect(recent.covers(6)).toBe(false);
    expect(recent.covers(8)).toBe(false);
  });

  it('read, after events were added, returns those after `after` in order, at most `limit`', () => {
    const recent = new RecentEvents(10, 0);

    recent.add(entries(1, 5));

    expect(recent.covers(0)).toBe(true);
    expect(seqs(recent.read(0, 10, []))).toEqual([1, 2, 3, 4, 5]);
    expect(seqs(recent.read(2, 2, []))).toEqual([3, 4]);
    expect(recent.read(5, 10, [])).toEqual([]);
  });

  it('read, with types, skips the other types and still stops at `limit` matches', () => {
    const recent = new RecentEvents(10, 0);
    recent.add([entry(1), entry(2, 'CommentCreated'), entry(3), entry(4, 'CommentCreated'), entry(5, 'CommentCreated')]);

    const found = recent.read(1, 2, ['CommentCreated']);

    expect(seqs(found)).toEqual([2, 4]);
  });

  it('add, beyond the capacity, forgets the oldest so reads from before them go to the file', () => {
    const recent = new RecentEvents(3, 0);

    for (let seq = 1; seq <= 10; seq++) recent.add([entry(seq)]);

    expect(recent.covers(6)).toBe(false);
    expect(recent.covers(7)).toBe(true);
    expect(seqs(recent.read(7, 10, []))).toEqual([8, 9, 10]);
  });

  it('add, when an entry does not continue the head, starts over from it instead of serving a gap', () => {
    const recent = new RecentEvents(10, 0);
    recent.add(entries(1, 3));

    recent.add([entry(7)]);

    expect(recent.covers(3)).toBe(false);
    expect(recent.covers(6)).toBe(true);
    expect(seqs(recent.read(6, 10, []))).toEqual([7]);
  });
});
