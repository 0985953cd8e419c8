import { entryPoint } from '../stack';
import { closedLoop, type ClosedLoopResult } from './closed-loop';
import { benchScript, freshDataDir, standaloneServiceEnv, type BenchContext } from './context';
import { loadAgent, postJson } from './http';
import { startProcess, type BenchProcess } from './processes';
import { perSecond, ratio, summariseLatency, type Latency } from './stats';

export const PUBLISHERS = 50;

export interface PublishFigures {
  /** Events the bus acknowledged (201, on disk) per second. */
  eventsPerSecond: number;
  latencyMs: Latency;
  failed: number;
  /** The bare Express 5 echo route, same load, same process setup. */
  baselineRequestsPerSecond: number;
  baselineLatencyMs: Latency;
  ratio: number;
  /** Resident memory of the echo process after its load: what an idle Express process costs. */
  baselineRssMb: number | undefined;
}

/** A valid event, different each time: the bus validates it and stores it; the echo route sends it back. */
export const publishBody = (n: number) => JSON.stringify({ type: 'PostCreated', data: { id: `bench-${n}`, title: `Benchmark post number ${n}` } });

async function load(server: BenchProcess, context: BenchContext, expectedStatus: number): Promise<ClosedLoopResult> {
  const agent = loadAgent(PUBLISHERS);
  try {
    return await closedLoop({
      concurrency: PUBLISHERS,
      durationMs: context.seconds * 1000,
      warmupMs: context.warmupMs,
      send: async (n) => (await postJson(agent, `${server.url}/events`, publishBody(n))).status === expectedStatus,
    });
  } finally {
    await agent.close();
  }
}

/**
 * Publish: 50 publishers POST events to the bus (each waits for its 201, so
 * every one counted is on disk), then the same load on a bare Express echo
 * route started the same way.
 */
export async function measurePublish(context: BenchContext): Promise<PublishFigures> {
  context.progress(`publish: bare Express echo route, ${PUBLISHERS} concurrent publishers, ${context.seconds} s…`);
  const echo = await startProcess('echo', benchScript('echo-server'));
  let baseline: ClosedLoopResult;
  let baselineRssMb: number | undefined;
  try {
    baseline = await load(echo, context, 201);
    baselineRssMb = echo.rssMb();
  } finally {
    await echo.stop();
  }
  const baselineRequestsPerSecond = perSecond(baseline.ok, baseline.elapsedMs);
  context.progress(`publish:   echo ${baselineRequestsPerSecond} req/s`);

  context.progress(`publish: event bus, ${PUBLISHERS} concurrent publishers, ${context.seconds} s…`);
  const bus = await startProcess('event-bus', entryPoint('event-bus'), {
    env: { DATA_DIR: freshDataDir(context, 'publish'), ...standaloneServiceEnv(context) },
  });
  context.progress(`publish:   bus pid ${bus.pid}`);
  let measured: ClosedLoopResult;
  try {
    measured = await load(bus, context, 201);
  } finally {
    await bus.stop();
  }
  const eventsPerSecond = perSecond(measured.ok, measured.elapsedMs);
  context.progress(`publish:   bus ${eventsPerSecond} events/s`);
  return {
    eventsPerSecond,
    latencyMs: summariseLatency(measured.latenciesMs),
    failed: measured.failed,
    baselineRequestsPerSecond,
    baselineLatencyMs: summariseLatency(baseline.latenciesMs),
    ratio: ratio(eventsPerSecond, baselineRequestsPerSecond),
    baselineRssMb,
  };
}
