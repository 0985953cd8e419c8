import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withServiceNodeOptions } from '../stack';

/** What every measurement needs: where to put data, how long to run, how to tell progress. */
export interface BenchContext {
  /** Seconds of measured load per run (after a warm-up). */
  seconds: number;
  warmupMs: number;
  /** A folder for this run's bus data; removed at the end. */
  workDir: string;
  /** LOG_LEVEL of the services. */
  logLevel: string;
  /** NODE_OPTIONS for every service process (the CPU-profile preload); not for the baselines or the receivers. */
  nodeOptions?: string;
  /** Where the services write their CPU profiles. */
  cpuProfileDir?: string;
  progress: (line: string) => void;
}

/** A fresh folder for one bus's SQLite file, inside the run's work folder. */
export function freshDataDir(context: BenchContext, name: string): string {
  const dir = path.join(context.workDir, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function makeWorkDir(parent = os.tmpdir()): string {
  return fs.mkdtempSync(path.join(parent, 'blog-bench-'));
}

/** A compiled script of the benchmark itself (the baseline servers, the receivers). */
export const benchScript = (name: string) => path.join(__dirname, `${name}.js`);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment of a service the benchmark starts by itself, outside startStack: with the heap flags startStack gives. */
export function standaloneServiceEnv(context: BenchContext): Record<string, string> {
  return { ...serviceEnv(context), NODE_OPTIONS: withServiceNodeOptions(context.nodeOptions) };
}

/** The environment every service process the benchmark starts gets on top of its own. */
export function serviceEnv(context: BenchContext): Record<string, string> {
  return {
    LOG_LEVEL: context.logLevel,
    ...(context.nodeOptions && { NODE_OPTIONS: context.nodeOptions }),
    ...(context.cpuProfileDir && { BENCH_CPU_PROF_DIR: context.cpuProfileDir }),
  };
}
