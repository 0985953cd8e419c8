import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startStack } from '../stack';
import { freshDataDir, serviceEnv, type BenchContext } from './context';
import { loadAgent } from './http';
import { measureEndToEnd, type LoadLevel } from './measure-end-to-end';
import { measureFanOut, type FanOutFigures } from './measure-fan-out';
import { measuredServices, measureMemory, measureReplay, type MemoryFigures, type ReplayFigures } from './measure-memory-replay';
import { residentMb } from './memory';
import { measurePublish, type PublishFigures } from './measure-publish';
import type { BenchOptions } from './options';
import { ratio } from './stats';
import { judge, type TargetVerdict } from './targets';

export interface Machine {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  loadAverageAtStart: number;
}

export interface EndToEndFigures extends LoadLevel {
  /** The headline figures are those of 32 clients; the other levels are for the chart. */
  levels: LoadLevel[];
  /** The bare Express echo route (publish baseline): one comment costs this many bare requests' worth of throughput. */
  baselineRequestsPerSecond: number | undefined;
  ratio: number;
}

/** What `--json` prints; the table is made from it. */
export interface BenchReport {
  quick: boolean;
  startedAt: string;
  seconds: number;
  machine: Machine;
  options: Pick<BenchOptions, 'seconds' | 'levels' | 'fanOutEvents' | 'logEvents' | 'logLevel'>;
  publish?: PublishFigures;
  fanOut?: FanOutFigures;
  endToEnd?: EndToEndFigures;
  memory?: MemoryFigures;
  replay?: ReplayFigures;
  /** Only when every measurement ran. */
  targets?: TargetVerdict[];
  chartPath?: string;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverageAtStart: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

/** Runs the measurements the options ask for, in an order where each baseline comes first. */
export async function runBench(options: BenchOptions, context: BenchContext): Promise<BenchReport> {
  const started = performance.now();
  const report: BenchReport = {
    quick: options.quick,
    startedAt: new Date().toISOString(),
    seconds: 0,
    machine: describeMachine(),
    options: { seconds: options.seconds, levels: options.levels, fanOutEvents: options.fanOutEvents, logEvents: options.logEvents, logLevel: options.logLevel },
  };
  const wants = (name: BenchOptions['only'][number]) => options.only.includes(name);

  if (wants('publish')) report.publish = await measurePublish(context);
  if (wants('fan-out')) report.fanOut = await measureFanOut(context, options.fanOutEvents);

  if (wants('end-to-end') || wants('memory') || wants('replay')) {
    context.progress('stack: starting event-bus, posts, comments, query and moderation…');
    const stack = await startStack({ dataDir: freshDataDir(context, 'stack'), env: serviceEnv(context), readyTimeoutMs: 60_000 });
    context.progress(`stack: ready; pids ${stack.names.map((name) => `${name} ${stack.pid(name)}`).join(', ')}`);
    const rssAtStartMb = Object.fromEntries(measuredServices.map((name) => [name, residentMb(stack.pid(name))]));
    const agent = loadAgent(8);
    try {
      if (wants('end-to-end')) {
        const levels = await measureEndToEnd(stack, options.levels, context);
        const headline = levels.find((level) => level.concurrency === 32)!;
        const baseline = report.publish?.baselineRequestsPerSecond;
        report.endToEnd = { ...headline, levels, baselineRequestsPerSecond: baseline, ratio: ratio(headline.commentsPerSecond, baseline ?? 0) };
      }
      if (wants('memory') || wants('replay')) {
        const memory = await measureMemory(agent, stack, options.logEvents, report.publish?.baselineRssMb, context);
        memory.rssAtStartMb = rssAtStartMb;
        if (wants('memory')) report.memory = memory;
      }
      if (wants('replay')) report.replay = await measureReplay(agent, stack, context);
    } finally {
      await agent.close();
      context.progress('stack: stopping…');
      await stack.stop();
    }
  }

  if (report.publish && report.fanOut && report.endToEnd && report.replay && report.memory) {
    report.targets = judge({
      publishRatio: report.publish.ratio,
      fanOutRatio: report.fanOut.ratio,
      endToEnd: { commentsPerSecond: report.endToEnd.commentsPerSecond, p99Ms: report.endToEnd.latencyMs.p99, converged: report.endToEnd.converged },
      replaySeconds: report.replay.seconds,
      maxRssMb: report.memory.maxMb,
    });
  }
  report.seconds = Math.round((performance.now() - started) / 1000);
  return report;
}

/** Writes a file, creating its folder. */
export function writeFile(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}
