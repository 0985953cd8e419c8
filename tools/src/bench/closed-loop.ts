import { performance } from 'node:perf_hooks';

export interface ClosedLoopOptions {
  /** Requests in flight at once: each worker sends its next request when the previous one answered. */
  concurrency: number;
  /** How long to measure. */
  durationMs: number;
  /** How long to run first without measuring (connections open, the JIT warms up). */
  warmupMs?: number;
  /** Sends request number `n`; resolves true when it got the answer it should. */
  send: (n: number) => Promise<boolean>;
}

export interface ClosedLoopResult {
  /** Requests answered as they should, inside the measured window. */
  ok: number;
  failed: number;
  /** Latency (ms) of each request of the measured window, ok or not. */
  latenciesMs: number[];
  elapsedMs: number;
}

/**
 * Runs a closed-loop load: `concurrency` workers, each waiting for its answer
 * before the next request. Requests that started during the warm-up are not
 * counted; the window closes at `durationMs` and requests still in flight
 * then finish but are not counted either.
 */
export async function closedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const warmupEnds = performance.now() + (options.warmupMs ?? 0);
  const ends = warmupEnds + options.durationMs;
  const result: ClosedLoopResult = { ok: 0, failed: 0, latenciesMs: [], elapsedMs: 0 };
  let next = 0;
  const worker = async () => {
    for (;;) {
      const started = performance.now();
      if (started >= ends) return;
      const ok = await options.send(next++).catch(() => false);
      const ended = performance.now();
      if (started < warmupEnds || ended > ends) continue;
      result.latenciesMs.push(ended - started);
      if (ok) result.ok++;
      else result.failed++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  result.elapsedMs = options.durationMs;
  return result;
}
