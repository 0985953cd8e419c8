import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { NewEvent } from '@blog/events';
import type { WriterReply, WriterRequest } from './append-worker';
import type { WriteResult } from './log-writer';

/**
 * The worker runs compiled JavaScript. From `dist/` it sits beside this
 * module; when this module is the TypeScript source (under ts-jest) it is
 * the build's copy, which `npm test` makes first.
 */
function workerScript(): string {
  const beside = path.join(__dirname, 'append-worker.js');
  return fs.existsSync(beside) ? beside : path.join(__dirname, '..', 'dist', 'append-worker.js');
}

/** The log cannot take writes: answered 503, so publishers retry or report the bus unavailable. */
export class LogUnavailableError extends Error {
  override readonly name = 'LogUnavailableError';
  readonly status = 503;
  readonly expose = true;
}

/**
 * The main thread's side of the writer thread: one write in flight at a
 * time, answered in order. If the thread dies (a disk error, a bug) every
 * waiting and later write fails with LogUnavailableError and `onFailure` is
 * told once, so the bus can stop calling itself healthy.
 */
export class WriterThread {
  private readonly worker: Worker;
  private waiting: { resolve: (result: WriteResult) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;
  private closing = false;
  private readonly exited: Promise<void>;

  constructor(
    dataDir: string,
    private readonly onFailure: (error: Error) => void = () => undefined,
  ) {
    this.worker = new Worker(workerScript(), { workerData: { dataDir } });
    this.worker.on('message', (reply: WriterReply) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (reply.kind === 'written') waiting?.resolve({ results: reply.results, head: reply.head });
      else waiting?.reject(new LogUnavailableError(`event log write failed: ${reply.message}`));
    });
    this.worker.on('error', (error) => this.fail(new LogUnavailableError(`event log writer failed: ${error.message}`)));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        if (!this.closing) this.fail(new LogUnavailableError(`event log writer stopped (exit code ${code})`));
        resolve();
      }),
    );
  }

  write(events: NewEvent[]): Promise<WriteResult> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiting) return Promise.reject(new Error('a write is already in flight'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage({ kind: 'write', events } satisfies WriterRequest);
    });
  }

  /** Closes the writer's database and ends the thread. */
  async close(): Promise<void> {
    this.closing = true;
    this.worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    await this.exited;
  }

  private fail(error: Error): void {
    if (!this.failure) this.onFailure(error);
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}
