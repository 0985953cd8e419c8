import { openDatabase } from '../src/database';
import { EventLog } from '../src/event-log';
import { WriterThread } from '../src/writer-thread';
import { commentCreated, postCreated, tempDataDir } from './helpers';

const open: EventLog[] = [];
/** A log on a real file, with its real writer thread. */
function openLog(dir = tempDataDir()): EventLog {
  const log = new EventLog(openDatabase(dir), new WriterThread(dir));
  open.push(log);
  return log;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((log) => log.close()));
});

const parse = (json: string) => JSON.parse(json) as { id: string; seq: number; type: string; occurredAt: string; data: unknown };

describe('EventLog', () => {
  it('append, when many events arrive together, gives them gap-free seqs in arrival order', async () => {
    // Arrange
    const log = openLog();
    // Act
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(postCreated(`p${i}`))));
    // Assert
    expect(results.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(log.read(0, 100).map((e) => parse(e.json).data)).toEqual(Array.from({ length: 50 }, (_, i) => postCreated(`p${i}`).data));
  });

  it('append, when the publisher supplies an id twice, stores the event once', async () => {
    const log = openLog();

    const first = await log.append({ id: 'retry-1', ...postCreated('p1') });
    const again = await Promise.all([log.append({ id: 'retry-1', ...postCreated('p1') }), log.append({ id: 'retry-1', ...postCreated('p1') })]);

    expect(first.created).toBe(true);
    expect(again.map((r) => r.created)).toEqual([false, false]);
    expect(again.map((r) => r.seq)).toEqual([1, 1]);
    expect(log.read(0, 10)).toHaveLength(1);
  });

  it('append, when no id is given, stores an id, a seq and occurredAt with the event', async () => {
    const log = openLog();

    const stored = parse((await log.append(postCreated('p1'))).json);

    expect(stored).toEqual({ id: expect.any(String), seq: 1, type: 'PostCreated', data: { id: 'p1', title: 'title p1' }, occurredAt: expect.any(String) });
    expect(Number.isNaN(Date.parse(stored.occurredAt))).toBe(false);
  });

  it('read, from the newest events kept in memory, answers exactly what the file holds', async () => {
    // Arrange: one log that appended (its memory holds the events) and one opened afterwards on the same file (it must read the file)
    const dir = tempDataDir();
    const writing = openLog(dir);
    await Promise.all(Array.from({ length: 30 }, (_, i) => writing.append(i % 3 === 0 ? postCreated(`p${i}`) : commentCreated(`c${i}`))));
    await writing.append({ id: 'again', ...postCreated('p-again') });
    await writing.append({ id: 'again', ...postCreated('p-again') });
    const reopened = openLog(dir);
    const reads: Array<[number, number, ('PostCreated' | 'CommentCreated')[]]> = [
      [0, 100, []], [5, 7, []], [30, 10, []], [31, 10, []], [0, 4, ['PostCreated']], [10, 100, ['CommentCreated']], [0, 100, ['PostCreated', 'CommentCreated']],
    ];
    // Act / Assert
    for (const [after, limit, types] of reads) expect(writing.read(after, limit, types)).toEqual(reopened.read(after, limit, types));
    expect(writing.read(0, 100)).toHaveLength(31);
  });

  it('read, with after, limit and types, pages through only the matching events', async () => {
    const log = openLog();
    for (let i = 0; i < 10; i++) await log.append(i % 2 === 0 ? postCreated(`p${i}`) : commentCreated(`c${i}`));

    const page = log.read(2, 3, ['CommentCreated']);

    expect(page.map((e) => e.seq)).toEqual([4, 6, 8]);
    expect(log.countAfter(2, ['CommentCreated'])).toBe(4);
  });

  it('a reopened log, after a close, still holds every event and continues the seq', async () => {
    const dir = tempDataDir();
    const log = openLog(dir);
    await log.append(postCreated('p1'));
    await log.append(postCreated('p2'));
    await log.close();
    open.splice(open.indexOf(log), 1);

    const reopened = openLog(dir);
    const next = await reopened.append(postCreated('p3'));

    expect(reopened.headSeq).toBe(3);
    expect(next.seq).toBe(3);
    expect(reopened.read(0, 10).map((e) => parse(e.json).data)).toEqual([postCreated('p1').data, postCreated('p2').data, postCreated('p3').data]);
  });

  it('append, after a commit, announces the new head to listeners', async () => {
    const log = openLog();
    const heads: number[] = [];
    log.on('appended', (head: number) => heads.push(head));

    await Promise.all([log.append(postCreated('p1')), log.append(postCreated('p2'))]);
    await log.append(postCreated('p3'));

    expect(heads).toEqual([2, 3]);
  });

  it('append, while a batch is being committed, gathers what arrives into the next batch', async () => {
    const log = openLog();
    const first = log.append(postCreated('p1'));
    await new Promise((resolve) => setImmediate(resolve));

    const rest = await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(postCreated(`q${i}`))));
    await first;

    expect(rest.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  });

  it('close, with appends still queued, commits them before stopping the writer', async () => {
    const dir = tempDataDir();
    const log = openLog(dir);
    const appends = Array.from({ length: 10 }, (_, i) => log.append(postCreated(`p${i}`)));

    await log.close();
    open.splice(open.indexOf(log), 1);

    expect((await Promise.all(appends)).map((r) => r.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(openLog(dir).headSeq).toBe(10);
  });
});
