import type { DeliveryRun } from './measure-fan-out';
import type { BenchReport } from './run-bench';
import { markdownTable, ms, times, whole } from './table';
import type { TargetVerdict } from './targets';

const verdictOf = (report: BenchReport, measurement: TargetVerdict['measurement']) => {
  const verdict = report.targets?.find((t) => t.measurement === measurement);
  if (!verdict) return { target: '', met: 'not judged' };
  return { target: verdict.target, met: verdict.met ? 'met' : `NOT MET (${verdict.shortBy})` };
};

const naiveResult = (run: DeliveryRun) =>
  `${whole(run.eventsPerSecond)} events/s to each of ${run.subscribers}${run.lostDeliveries ? ` (${whole(run.lostDeliveries)} deliveries lost)` : ''}`;

/** The main table: one row per measurement, with its baseline, ratio, target and verdict. */
export function summaryTable(report: BenchReport): string {
  const rows: string[][] = [];
  const row = (measurement: TargetVerdict['measurement'], result: string, baseline: string, ratio: string) => {
    const { target, met } = verdictOf(report, measurement);
    rows.push([measurement, result, baseline, ratio, target, met]);
  };
  const { publish, fanOut, endToEnd, replay, memory } = report;
  if (publish) {
    row(
      'publish',
      `${whole(publish.eventsPerSecond)} events/s durable (p50 ${ms(publish.latencyMs.p50)}, p99 ${ms(publish.latencyMs.p99)})`,
      `bare Express 5 echo: ${whole(publish.baselineRequestsPerSecond)} req/s (p50 ${ms(publish.baselineLatencyMs.p50)})`,
      times(publish.ratio),
    );
  }
  if (fanOut) {
    row(
      'fan-out',
      `${whole(fanOut.bus.eventsPerSecond)} events/s to each of ${fanOut.bus.subscribers} (4 push + 4 tails; ${whole(fanOut.bus.deliveriesPerSecond)} deliveries/s)`,
      `course's bus (axios): ${naiveResult(fanOut.baseline)}; lean forwarder (node:http): ${naiveResult(fanOut.leanBaseline)}`,
      `${times(fanOut.ratio)} (lean: ${times(fanOut.leanRatio)})`,
    );
  }
  if (endToEnd) {
    row(
      'end to end',
      `${endToEnd.converged ? `${whole(endToEnd.commentsPerSecond)} comments/s converged` : 'did not converge'} at 32 clients; POST p50 ${ms(endToEnd.latencyMs.p50)}, p99 ${ms(endToEnd.latencyMs.p99)}`,
      endToEnd.baselineRequestsPerSecond === undefined ? 'n/a (publish not run)' : `bare Express 5 echo: ${whole(endToEnd.baselineRequestsPerSecond)} req/s`,
      endToEnd.baselineRequestsPerSecond === undefined ? 'n/a' : times(endToEnd.ratio),
    );
  }
  if (replay) {
    row('replay', `${replay.seconds.toFixed(2)} s to ready on ${whole(replay.events)} events`, `raw read of the same pages: ${replay.rawReadSeconds.toFixed(2)} s`, times(replay.ratio));
  }
  if (memory) {
    const largest = Object.entries(memory.rssMb).reduce((a, b) => ((b[1] ?? 0) > (a[1] ?? 0) ? b : a));
    row(
      'memory',
      `largest ${memory.maxMb} MB (${largest[0]}) after ${whole(memory.events)} events${memory.fill.settled ? '' : ' (NOT settled)'}`,
      memory.baselineRssMb === undefined ? 'n/a (publish not run)' : `bare Express process: ${memory.baselineRssMb} MB`,
      memory.baselineRssMb === undefined ? 'n/a' : times(memory.ratio),
    );
  }
  return markdownTable(['measurement', 'result', 'baseline (same run)', 'ratio', 'target', 'verdict'], rows);
}

/** The end-to-end runs at each load (what the chart shows). */
export function levelsTable(report: BenchReport): string {
  const levels = report.endToEnd?.levels ?? [];
  return markdownTable(
    ['clients', 'comments', 'accepted/s', 'converged/s', 'POST p50', 'POST p99', 'POST max', 'convergence after load'],
    levels.map((level) => [
      String(level.concurrency),
      whole(level.comments),
      whole(level.acceptedPerSecond),
      level.converged ? whole(level.commentsPerSecond) : 'not converged',
      ms(level.latencyMs.p50),
      ms(level.latencyMs.p99),
      ms(level.latencyMs.max),
      `${(level.convergenceMs / 1000).toFixed(2)} s`,
    ]),
  );
}

/** CPU time per comment of each process at each load: where the end-to-end figure's CPU goes. */
export function cpuTable(report: BenchReport): string {
  const levels = report.endToEnd?.levels ?? [];
  const processes = [...new Set(levels.flatMap((level) => Object.keys(level.cpuMsPerComment)))];
  if (processes.length === 0) return '';
  const total = (level: (typeof levels)[number]) => Object.values(level.cpuMsPerComment).reduce((sum, ms) => sum + ms, 0);
  return markdownTable(
    ['clients', ...processes, 'all'],
    levels.map((level) => [String(level.concurrency), ...processes.map((name) => cpuMs(level.cpuMsPerComment[name])), cpuMs(total(level))]),
  );
}

const cpuList = (perProcess: Record<string, number>) =>
  Object.entries(perProcess)
    .map(([name, ms]) => `${name} ${cpuMs(ms)}`)
    .join(', ');

const cpuMs = (value: number | undefined) => (value === undefined ? '?' : `${value.toFixed(2)} ms`);

/** Resident memory of each process. */
export function memoryTable(report: BenchReport): string {
  const memory = report.memory;
  if (!memory) return '';
  const mb = (value: number | undefined) => (value === undefined ? '?' : `${value} MB`);
  const rows = Object.entries(memory.rssMb).map(([name, value]) => [name, mb(memory.rssAtStartMb?.[name]), mb(value)]);
  if (report.replay?.rssMb !== undefined) rows.push(['query (new replica, after replay)', '', mb(report.replay.rssMb)]);
  return markdownTable(['process', 'VmRSS at start (empty log)', `VmRSS after ${whole(memory.events)} events`], rows);
}

/** The whole text report. */
export function formatReport(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    '',
    `${report.quick ? 'QUICK RUN (shortened; figures are indicative, not the issue-7 conditions)' : 'Benchmark'} · ${report.startedAt} · ${report.seconds} s`,
    `machine: ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, ${machine.platform}, load average at start ${machine.loadAverageAtStart}`,
    `services: LOG_LEVEL=${report.options.logLevel}; ${report.options.seconds} s of measured load per run`,
    '',
    summaryTable(report),
  ];
  if (report.endToEnd) {
    lines.push('', 'End to end at each load:', '', levelsTable(report));
    lines.push('', 'CPU time per comment (user + system, from /proc/<pid>/stat; the load generator is the benchmark process):', '', cpuTable(report));
  }
  if (report.memory) lines.push('', 'Resident memory:', '', memoryTable(report));
  if (report.fanOut || report.memory) {
    const notes: string[] = [];
    if (report.fanOut) {
      const { bus, baseline, leanBaseline } = report.fanOut;
      const timing = (run: DeliveryRun, details = '') =>
        `${whole(run.events)} events in ${(run.ms / 1000).toFixed(1)} s (publishers done after ${(run.publishMs / 1000).toFixed(1)} s${details})`;
      notes.push(
        `fan-out: bus ${timing(bus, `; ${bus.eventsPerPush} events per push with batch size ${bus.pushBatchSize} asked, ${bus.eventsPerTailChunk ?? '?'} events per tail chunk`)}; course's bus ${timing(baseline)}; lean forwarder ${timing(leanBaseline)}`,
        `fan-out CPU per event: bus run ${cpuList(bus.cpuMsPerEvent)}; course's bus run ${cpuList(baseline.cpuMsPerEvent)}; lean forwarder run ${cpuList(leanBaseline.cpuMsPerEvent)}`,
      );
    }
    if (report.memory) {
      const { fill } = report.memory;
      notes.push(`log: ${whole(fill.seeded)} events seeded by ${fill.method} publish in ${(fill.seedMs / 1000).toFixed(1)} s, then ${(fill.settleMs / 1000).toFixed(1)} s until the services had reacted and caught up${fill.settled ? '' : ' (timed out: NOT settled)'}`);
    }
    lines.push('', ...notes);
  }
  if (report.chartPath) lines.push('', `chart: ${report.chartPath}`);
  lines.push('');
  return lines.join('\n');
}
