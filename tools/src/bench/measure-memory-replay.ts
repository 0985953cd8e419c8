import { performance } from 'node:perf_hooks';
import type { Agent } from 'undici';
import { entryPoint, type RunningStack, type ServiceName } from '../stack';
import { standaloneServiceEnv, type BenchContext } from './context';
import { fillLog, type FillResult } from './fill-log';
import { getJson } from './http';
import { residentMb } from './memory';
import { startProcess } from './processes';
import { ratio, round } from './stats';

export const measuredServices = ['event-bus', 'posts', 'comments', 'query', 'moderation'] as const satisfies readonly ServiceName[];

export interface MemoryFigures {
  /** Events in the log (and handled by every service) when memory was read. */
  events: number;
  fill: FillResult;
  /** Resident memory (VmRSS) of each process, MB. */
  rssMb: Record<string, number | undefined>;
  /** The same, right after the stack started on an empty log (so the growth is what the events cost). */
  rssAtStartMb?: Record<string, number | undefined>;
  maxMb: number;
  /** An idle bare Express process (the publish baseline, after its load). */
  baselineRssMb: number | undefined;
  ratio: number;
}

export interface ReplayFigures {
  /** Events in the log the new replica read. */
  events: number;
  /** From `node services/query/dist/index.js` until its `/readyz` answered 200. */
  seconds: number;
  /** Reading the same pages (`GET /events?types=…&limit=5000`) and parsing them, without folding: the floor set by the bus. */
  rawReadSeconds: number;
  ratio: number;
  /** Resident memory of the new replica once ready. */
  rssMb: number | undefined;
}

/** The event types the query service folds (its projection reads only these). */
const QUERY_TYPES = 'PostCreated,CommentCreated,CommentUpdated';
const PAGE = 5000;

/** Memory: brings the stack to `events` events, then reads each process's VmRSS. */
export async function measureMemory(agent: Agent, stack: RunningStack, events: number, baselineRssMb: number | undefined, context: BenchContext): Promise<MemoryFigures> {
  const fill = await fillLog(agent, stack, events, context);
  const rssMb: Record<string, number | undefined> = {};
  for (const name of measuredServices) rssMb[name] = residentMb(stack.pid(name));
  const maxMb = Math.max(...Object.values(rssMb).map((mb) => mb ?? 0));
  context.progress(`memory:   ${measuredServices.map((name) => `${name} ${rssMb[name] ?? '?'} MB`).join(', ')}`);
  return { events: fill.events, fill, rssMb, maxMb, baselineRssMb, ratio: ratio(maxMb, baselineRssMb ?? 0) };
}

/** Replay: a new query process on the stack's log, timed from spawn to ready; then the raw read of the same pages. */
export async function measureReplay(agent: Agent, stack: RunningStack, context: BenchContext): Promise<ReplayFigures> {
  const busUrl = stack.urls['event-bus'];
  const events = (await getJson<{ seq: number }>(agent, `${busUrl}/events/head`)).seq;
  context.progress(`replay: starting a new query replica on a log of ${events} events…`);
  const replica = await startProcess('query-replica', entryPoint('query'), {
    env: { EVENT_BUS_URL: busUrl, ...standaloneServiceEnv(context) },
    readyTimeoutMs: 120_000,
  });
  const rssMb = replica.rssMb();
  await replica.stop();
  context.progress(`replay:   ready in ${(replica.startMs / 1000).toFixed(2)} s; reading the same pages raw for comparison…`);

  const started = performance.now();
  let after = 0;
  for (;;) {
    const page = await getJson<Array<{ seq: number }>>(agent, `${busUrl}/events?after=${after}&limit=${PAGE}&types=${QUERY_TYPES}`);
    if (page.length > 0) after = page[page.length - 1]!.seq;
    if (page.length < PAGE) break;
  }
  const rawReadSeconds = round((performance.now() - started) / 1000, 2);
  const seconds = round(replica.startMs / 1000, 2);
  return { events, seconds, rawReadSeconds, ratio: ratio(seconds, rawReadSeconds), rssMb };
}
