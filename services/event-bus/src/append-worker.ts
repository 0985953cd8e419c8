/**
 * The log's writer, in a worker thread of its own: a commit with
 * `synchronous=FULL` waits for fsync, and on the bus's main thread that wait
 * stopped every request, tail and push for its whole length. Here it blocks
 * only this thread, while the main thread goes on serving and gathers the
 * next batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { NewEvent } from '@blog/events';
import { openDatabase } from './database';
import { LogWriter } from './log-writer';

export type WriterRequest = { kind: 'write'; events: NewEvent[] } | { kind: 'close' };
export type WriterReply = { kind: 'written'; results: import('./log-writer').AppendResult[]; head: number } | { kind: 'failed'; message: string };

const port = parentPort!;
const db = openDatabase((workerData as { dataDir: string }).dataDir);
const writer = new LogWriter(db);

port.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') {
    db.close();
    port.close();
    return;
  }
  try {
    port.postMessage({ kind: 'written', ...writer.write(request.events) } satisfies WriterReply);
  } catch (error) {
    port.postMessage({ kind: 'failed', message: (error as Error).message } satisfies WriterReply);
  }
});
