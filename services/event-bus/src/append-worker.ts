/**
 * The log's writer, in a worker thread of its own: a commit with
 * `synchronous=FULL` waits for fsync, and on the bus's main thread that wait
 * stopped every request, tail and push for its whole length. Here it blocks
 * only this thread, while the main thread goes on serving.
 *
 * Group commit happens here: the main thread posts each turn's appends at
 * once, and every write request that queued up while the last commit waited
 * for its fsync is committed together, in one transaction and one fsync.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { NewEvent } from '@blog/events';
import { openDatabase } from './database';
import { LogWriter, type WriteResult } from './log-writer';

export type WriterRequest = { kind: 'write'; events: NewEvent[] } | { kind: 'close' };
/** One reply answers, in order, as many write requests as were committed together (`count` of them when they failed). */
export type WriterReply = { kind: 'written'; writes: WriteResult[] } | { kind: 'failed'; count: number; message: string };

const port = parentPort!;
const db = openDatabase((workerData as { dataDir: string }).dataDir);
const writer = new LogWriter(db);

/** The request that woke the thread, and every request queued behind it up to a close. */
function takeQueued(first: WriterRequest): { writes: NewEvent[][]; close: boolean } {
  const writes: NewEvent[][] = [];
  for (let request: WriterRequest | undefined = first; request; request = (receiveMessageOnPort(port)?.message as WriterRequest | undefined)) {
    if (request.kind === 'close') return { writes, close: true };
    writes.push(request.events);
  }
  return { writes, close: false };
}

port.on('message', (first: WriterRequest) => {
  const { writes, close } = takeQueued(first);
  if (writes.length > 0) {
    try {
      port.postMessage({ kind: 'written', writes: writer.writeAll(writes) } satisfies WriterReply);
    } catch (error) {
      port.postMessage({ kind: 'failed', count: writes.length, message: (error as Error).message } satisfies WriterReply);
    }
  }
  if (close) {
    db.close();
    port.close();
  }
});
