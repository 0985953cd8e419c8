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
 * The main thread's side of the writer thread: writes are posted as they
 * come and answered in order (the thread commits whatever queued up
 * together). If the thread dies (a disk error, a bug) every waiting and
 * later write fails with LogUnavailableError and `onFailure` is told once,
 * so the bus can stop calling itself healthy.
 */
export class WriterThread {
  private readonly worker: Worker;
  /** Writes posted and not yet answered, oldest first. */
  private readonly waiting: Array<{ resolve: (result: WriteResult) => void; reject: (error: Error) => void }> = [];
  private failure: Error | undefined;
  private closing = false;
  private readonly exited: Promise<void>;

  constructor(
    dataDir: string,
    private readonly onFailure: (error: Error) => void = () => undefined,
  ) {
    this.worker = new Worker(workerScript(), { workerData: { dataDir } });
    this.worker.on('message', (reply: WriterReply) => {
      if (reply.kind === 'written') for (const written of reply.writes) this.waiting.shift()?.resolve(written);
      else for (const { reject } of this.waiting.splice(0, reply.count)) reject(new LogUnavailableError(`event log write failed: ${reply.message}`));
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
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
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
    for (const { reject } of this.waiting.splice(0)) reject(error);
  }
}
