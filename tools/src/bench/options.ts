import { UsageError, numberOption } from '../command-line';

export { UsageError };
import { parseArgs } from 'node:util';

export const measurements = ['publish', 'fan-out', 'end-to-end', 'memory', 'replay'] as const;
export type Measurement = (typeof measurements)[number];

export interface BenchOptions {
  quick: boolean;
  json: boolean;
  /** Seconds of measured load per run. */
  seconds: number;
  /** Concurrency levels of the end-to-end runs (the chart); 32 is always among them. */
  levels: number[];
  /** Events the fan-out test sends through the bus, and through the naive forwarder. */
  fanOutEvents: { bus: number; baseline: number };
  /** Events in the log for the memory and replay measurements. */
  logEvents: number;
  logLevel: string;
  /** Where the SVG chart goes; undefined: none. */
  chartPath: string | undefined;
  /** Writes a V8 CPU profile of every service process into this folder. */
  cpuProfileDir: string | undefined;
  /** NODE_OPTIONS for every service process, to try Node or V8 flags (e.g. --max-semi-space-size=4). */
  nodeOptions: string | undefined;
  only: Measurement[];
}

export const usage = `Usage: npm run bench -- [options]

Starts what it measures on loopback (the event bus, the whole stack, and
baselines written into the benchmark), then prints a table of publish,
fan-out, end-to-end, replay and memory figures, each against a baseline
measured in the same run and against the targets of issue 7.

  --quick             shorter runs and a 20,000-event log (about a minute);
                      figures are indicative only, no chart is written
  --json              print one JSON object on stdout instead of the table
  --seconds N         measured seconds per load run (default 5, quick 2)
  --levels LIST       end-to-end concurrency levels (default 1,4,16,32,64; quick 8,32)
  --events N          events in the log for memory and replay (default 100000)
  --log-level LEVEL   LOG_LEVEL of the services (default info, as deployed)
  --chart PATH        where to write the latency chart (default docs/bench-latency.svg;
                      "none" to skip)
  --cpu-prof DIR      write a CPU profile of every service process into DIR
                      as <service>-<pid>.cpuprofile (summarise them with
                      node tools/dist/bench/profile-summary.js DIR/*.cpuprofile)
                      (open them in Chrome DevTools or speedscope)
  --node-options "FLAGS"
                      NODE_OPTIONS for every service process, to compare Node or V8
                      flags, e.g. --node-options "--max-semi-space-size=8"
  --only LIST         run only some of: ${measurements.join(',')}
  -h, --help          this text

Progress goes to stderr; the table (or JSON) to stdout.
`;


/** Parses the command line; `help` when the user asked for the usage text. */
export function parseBenchOptions(argv: readonly string[], defaultChartPath: string): { help: true } | { help: false; options: BenchOptions } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean' },
        json: { type: 'boolean' },
        seconds: { type: 'string' },
        levels: { type: 'string' },
        events: { type: 'string' },
        'log-level': { type: 'string' },
        chart: { type: 'string' },
        'cpu-prof': { type: 'string' },
        'node-options': { type: 'string' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { help: true };
  const quick = values.quick ?? false;
  const levels = values.levels === undefined ? (quick ? [8, 32] : [1, 4, 16, 32, 64]) : values.levels.split(',').map((level) => numberOption('levels', level.trim(), { min: 1, max: 1000, integer: true }));
  if (!levels.includes(32)) levels.push(32);
  levels.sort((a, b) => a - b);
  const only = values.only === undefined ? [...measurements] : values.only.split(',').map((name) => name.trim());
  for (const name of only) if (!(measurements as readonly string[]).includes(name)) throw new UsageError(`--only takes ${measurements.join(', ')} (got "${name}")`);
  const chart = values.chart ?? (quick ? 'none' : defaultChartPath);
  const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  const logLevel = values['log-level'] ?? 'info';
  if (!logLevels.includes(logLevel)) throw new UsageError(`--log-level must be one of ${logLevels.join(', ')} (got "${logLevel}")`);
  return {
    help: false,
    options: {
      quick,
      json: values.json ?? false,
      seconds: values.seconds === undefined ? (quick ? 2 : 5) : numberOption('seconds', values.seconds, { min: 1, max: 600, integer: true }),
      levels: [...new Set(levels)],
      fanOutEvents: quick ? { bus: 4000, baseline: 500 } : { bus: 20_000, baseline: 2000 },
      logEvents: values.events === undefined ? (quick ? 20_000 : 100_000) : numberOption('events', values.events, { min: 100, max: 10_000_000, integer: true }),
      logLevel,
      chartPath: chart === 'none' ? undefined : chart,
      cpuProfileDir: values['cpu-prof'],
      nodeOptions: values['node-options'],
      only: only as Measurement[],
    },
  };
}
