/**
 * `npm run bench`: measures the event bus and the whole flow on loopback
 * against baselines measured in the same run (see docs/performance.md).
 * Exit 0 when it ran (whether or not the targets are met), 2 when it could not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../stack';
import { latencyChartSvg } from './chart';
import { makeWorkDir, type BenchContext } from './context';
import { parseBenchOptions, usage } from './options';
import { readCommandLine } from '../command-line';
import { formatReport } from './report';
import { runBench, writeFile } from './run-bench';
import { targets } from './targets';

async function main(): Promise<number> {
  const commandLine = readCommandLine(() => parseBenchOptions(process.argv.slice(2), path.join(repoRoot, 'docs', 'bench-latency.svg')), usage);
  if ('exitCode' in commandLine) return commandLine.exitCode;
  const { options } = commandLine;
  const workDir = makeWorkDir();
  const started = Date.now();
  const context: BenchContext = {
    seconds: options.seconds,
    warmupMs: options.quick ? 500 : 1000,
    workDir,
    logLevel: options.logLevel,
    ...(options.cpuProfileDir && { cpuProfileDir: path.resolve(options.cpuProfileDir) }),
    nodeOptions: [options.nodeOptions, options.cpuProfileDir && `--require ${path.join(__dirname, 'cpu-profile-preload.js')}`].filter(Boolean).join(' ') || undefined,
    progress: (line) => process.stderr.write(`[${String(Math.round((Date.now() - started) / 1000)).padStart(3)} s] ${line}\n`),
  };
  const [load] = os.loadavg();
  if (load! > os.availableParallelism()) {
    context.progress(`warning: load average ${load!.toFixed(1)} on ${os.availableParallelism()} CPUs: other work on this machine will lower every figure (the ratios suffer less)`);
  }
  try {
    const report = await runBench(options, context);
    if (options.chartPath && report.endToEnd) {
      const svg = latencyChartSvg(
        report.endToEnd.levels.map((level) => ({ concurrency: level.concurrency, p50Ms: level.latencyMs.p50, p99Ms: level.latencyMs.p99, perSecond: level.commentsPerSecond })),
        {
          title: 'End to end: latency of POST /posts/:id/comments against load',
          subtitle: `${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node}, ${report.startedAt.slice(0, 10)}`,
          limitMs: targets.p99Ms,
        },
      );
      writeFile(options.chartPath, svg);
      report.chartPath = path.relative(process.cwd(), options.chartPath) || options.chartPath;
    }
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return 0;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed to run: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
