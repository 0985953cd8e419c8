import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../stack';
import { residentMb } from './memory';

/** A Node process the benchmark started on a loopback port. */
export interface BenchProcess {
  name: string;
  url: string;
  port: number;
  pid: number;
  /** From the spawn until `/readyz` first answered 200. */
  startMs: number;
  /** Resident memory now, in MB. */
  rssMb(): number | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartProcessOptions {
  /** Extra environment (PORT is set by this function). */
  env?: Record<string, string>;
  /** Extra flags for node itself, e.g. `--cpu-prof`. */
  execArgv?: string[];
  /** How long to wait for `GET /readyz` to answer 200 (the bench's own servers answer it too). */
  readyTimeoutMs?: number;
}

/**
 * Starts `node <script>` the way the stack launcher starts a service (own
 * process, loopback port, output read and dropped), so a baseline server and
 * the service it is compared with pay the same costs.
 */
export async function startProcess(name: string, script: string, options: StartProcessOptions = {}): Promise<BenchProcess> {
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: run "npm run build" first`);
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...(options.execArgv ?? []), script], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      ...options.env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lastOutput = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => void (lastOutput = (lastOutput + chunk).slice(-2000)));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;
  try {
    await pollReady(url, options.readyTimeoutMs ?? 30_000, alive);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${name} (${path.basename(script)}) did not start: ${(error as Error).message}\n${lastOutput}`);
  }
  const startMs = Math.round(performance.now() - spawnedAt);
  return {
    name,
    startMs,
    url,
    port,
    pid: child.pid!,
    rssMb: () => (alive() ? residentMb(child.pid) : undefined),
    async stop(graceMs = 10_000) {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `GET /readyz` every 10 ms (fine enough to time a replay) until it answers 200. */
async function pollReady(url: string, timeoutMs: number, alive: () => boolean): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    if (!alive()) throw new Error(`exited before it was ready (${last})`);
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return;
      last = `readyz answered ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`not ready after ${timeoutMs} ms (${last})`);
}
