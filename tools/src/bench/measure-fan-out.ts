import { performance } from 'node:perf_hooks';
import { entryPoint } from '../stack';
import { benchScript, freshDataDir, standaloneServiceEnv, sleep, type BenchContext } from './context';
import { cpuMeter } from './cpu-time';
import { getJson, loadAgent, postJson, putJson } from './http';
import { PUBLISHERS, publishBody } from './measure-publish';
import { startProcess, type BenchProcess } from './processes';
import { sendAll } from './publish-many';
import { ratio } from './stats';

const PUSH_SUBSCRIPTIONS = 4;
const LIVE_TAILS = 4;
/** Every event must reach each of them. */
const SUBSCRIBERS = PUSH_SUBSCRIPTIONS + LIVE_TAILS;
/** Events per push the bench asks the bus for (a bus without batching ignores it and pushes one at a time). */
export const PUSH_BATCH_SIZE = 100;
/** Delivery counts as finished when no receiver made progress for this long. */
const STALL_MS = 3000;

export interface DeliveryRun {
  events: number;
  subscribers: number;
  /** Events that reached every subscriber, per second: deliveries / subscribers / time. */
  eventsPerSecond: number;
  deliveriesPerSecond: number;
  /** From the first publish until the last delivery. */
  ms: number;
  /** From the first publish until the last publisher's answer. */
  publishMs: number;
  /** Deliveries that never arrived (the naive forwarder drops what fails). */
  lostDeliveries: number;
  /** Events per POST to a push subscriber (1 for the naive forwarder; up to the batch size for the bus). */
  eventsPerPush: number;
  /** Events per chunk read from a live tail (how many events the bus packs into one write); undefined without tails. */
  eventsPerTailChunk?: number;
  /** CPU time per published event of the forwarder (the bus or the naive one), the receivers and the publishers (this process), in ms. */
  cpuMsPerEvent: Record<string, number>;
}

export interface FanOutFigures {
  bus: DeliveryRun & { pushBatchSize: number };
  /** The course's bus (Express, one un-awaited `axios.post` per event per subscriber): the target is judged against it. */
  baseline: DeliveryRun;
  ratio: number;
  /** The same forwarder sending with Node's own `http.request`: a leaner naive baseline, reported beside the course's. */
  leanBaseline: DeliveryRun;
  leanRatio: number;
}

interface Counts {
  push: Array<number | null>;
  tails: number[];
  pushRequests: Array<number | null>;
  tailChunks: number[];
}

const sum = (values: ReadonlyArray<number | null>) => values.reduce<number>((total, n) => total + (n ?? 0), 0);

/** What the receivers had counted when a phase began: the measured phase subtracts the warm-up's. */
const zeroCounts = (subscribers: number): Counts => ({ push: Array(subscribers).fill(0), tails: [], pushRequests: Array(subscribers).fill(0), tailChunks: [] });

const minus = (now: ReadonlyArray<number | null>, before: ReadonlyArray<number | null>) => now.map((n, i) => (n ?? 0) - (before[i] ?? 0));

/** Events sent through each forwarder, and delivered, before the measured ones: both are then measured warm (code compiled, connections open). */
const WARMUP_EVENTS = 1000;

/**
 * Publishes `events` (numbered from `first`) through `publishUrl`, then waits until every receiver has them
 * (or stops progressing). Counts are the receivers' since `before`.
 */
async function publishAndFollow(
  agent: ReturnType<typeof loadAgent>,
  receivers: BenchProcess,
  publishUrl: string,
  phase: { events: number; first: number; before: Counts; subscribers: number; label: string },
  context: BenchContext,
): Promise<{ delivered: number; ms: number; publishMs: number; counts: Counts; since: Counts }> {
  const { events, first, before, subscribers, label } = phase;
  const started = performance.now();
  let publishMs = 0;
  const publishing = sendAll(agent, publishUrl, events, PUBLISHERS, (n) => publishBody(first + n), (status) => status >= 200 && status < 300).then(
    () => void (publishMs = performance.now() - started),
  );
  let publishError: unknown;
  publishing.catch((error: unknown) => void (publishError = error));
  let delivered = 0;
  let counts = before;
  let since = zeroCounts(subscribers);
  let lastProgressAt = performance.now();
  let lastReport = performance.now();
  for (;;) {
    await sleep(25);
    if (publishError) throw publishError;
    counts = await getJson<Counts>(agent, `${receivers.url}/counts`);
    since = { push: minus(counts.push, before.push), tails: minus(counts.tails, before.tails), pushRequests: minus(counts.pushRequests, before.pushRequests), tailChunks: minus(counts.tailChunks, before.tailChunks) };
    const perSubscriber = [...Array.from({ length: subscribers - since.tails.length }, (_, i) => since.push[i] ?? 0), ...since.tails];
    const total = perSubscriber.reduce((sum, n) => sum + n, 0);
    const now = performance.now();
    if (total > delivered) {
      delivered = total;
      lastProgressAt = now;
    }
    if (now - lastReport >= 1000) {
      context.progress(`fan-out:   ${label}: ${Math.round(total / subscribers)} of ${events} events delivered to each subscriber on average`);
      lastReport = now;
    }
    if (delivered >= events * subscribers || (publishMs > 0 && now - lastProgressAt > STALL_MS)) break;
  }
  await publishing;
  return { delivered, ms: lastProgressAt - started, publishMs, counts, since };
}

/** Warms the forwarder up with WARMUP_EVENTS, then publishes `events` and times their delivery to every receiver. */
async function deliver(
  receivers: BenchProcess,
  forwarder: BenchProcess,
  publishUrl: string,
  events: number,
  subscribers: number,
  context: BenchContext,
  label: string,
): Promise<DeliveryRun> {
  const agent = loadAgent(PUBLISHERS + 2);
  try {
    context.progress(`fan-out:   ${label}: warming up with ${WARMUP_EVENTS} events…`);
    const warm = await publishAndFollow(agent, receivers, publishUrl, { events: WARMUP_EVENTS, first: 0, before: zeroCounts(subscribers), subscribers, label: `${label} warm-up` }, context);
    const cpu = cpuMeter({ [forwarder.name]: forwarder.pid, receivers: receivers.pid });
    const run = await publishAndFollow(agent, receivers, publishUrl, { events, first: WARMUP_EVENTS, before: warm.counts, subscribers, label }, context);
    const { delivered, ms, since } = run;
    return {
      events,
      subscribers,
      eventsPerSecond: Math.round((delivered / subscribers / ms) * 1000),
      deliveriesPerSecond: Math.round((delivered / ms) * 1000),
      ms: Math.round(ms),
      publishMs: Math.round(run.publishMs),
      lostDeliveries: events * subscribers - delivered,
      cpuMsPerEvent: cpu(events),
      eventsPerPush: Math.round((sum(since.push) / Math.max(1, sum(since.pushRequests))) * 10) / 10,
      ...(since.tails.length > 0 && { eventsPerTailChunk: Math.round((sum(since.tails) / Math.max(1, sum(since.tailChunks))) * 10) / 10 }),
    };
  } finally {
    await agent.close();
  }
}

/** The naive forwarders, by how they send (`FORWARD_WITH` of naive-forwarder.ts). */
const NAIVE_CLIENTS = { course: 'axios', lean: 'node-http' } as const;

/** One naive forwarder with its 8 push subscribers (it has no tails), in fresh processes. */
async function measureNaive(context: BenchContext, events: number, client: keyof typeof NAIVE_CLIENTS): Promise<DeliveryRun> {
  const label = `naive ${NAIVE_CLIENTS[client]}`;
  context.progress(`fan-out: naive forwarder sending with ${NAIVE_CLIENTS[client]} (one POST per event per subscriber), ${events} events to ${SUBSCRIBERS} subscribers…`);
  const receivers = await startProcess('receivers', benchScript('receivers'));
  try {
    const naive = await startProcess('naive-forwarder', benchScript('naive-forwarder'), {
      env: { SUBSCRIBER_URLS: Array.from({ length: SUBSCRIBERS }, (_, i) => `${receivers.url}/push/${i}`).join(','), FORWARD_WITH: NAIVE_CLIENTS[client] },
    });
    try {
      const run = await deliver(receivers, naive, `${naive.url}/events`, events, SUBSCRIBERS, context, label);
      context.progress(`fan-out:   ${label}: ${run.eventsPerSecond} events/s to every subscriber (${run.lostDeliveries} deliveries lost)`);
      return run;
    } finally {
      await naive.stop();
    }
  } finally {
    await receivers.stop();
  }
}

/**
 * Fan-out: events published by 50 publishers must reach 8 subscribers. The
 * bus serves 4 push subscriptions and 4 live tails; the baselines (the
 * course's forwarder with axios, and the same with Node's own client) 8 push
 * URLs, since they have no tails. The receivers run in a process of their
 * own and count what arrives.
 */
export async function measureFanOut(context: BenchContext, events: { bus: number; baseline: number }): Promise<FanOutFigures> {
  const baseline = await measureNaive(context, events.baseline, 'course');
  const leanBaseline = await measureNaive(context, events.baseline, 'lean');
  context.progress(`fan-out: event bus, ${events.bus} events to ${PUSH_SUBSCRIPTIONS} push subscriptions + ${LIVE_TAILS} live tails…`);
  const receivers = await startProcess('receivers', benchScript('receivers'));
  let measured: DeliveryRun;
  try {
    const bus = await startProcess('event-bus', entryPoint('event-bus'), {
      env: { DATA_DIR: freshDataDir(context, 'fan-out'), ...standaloneServiceEnv(context) },
    });
    context.progress(`fan-out:   bus pid ${bus.pid}`);
    const agent = loadAgent(4);
    try {
      for (let i = 0; i < PUSH_SUBSCRIPTIONS; i++) {
        const body = JSON.stringify({ url: `${receivers.url}/push/${i}`, types: ['PostCreated', 'CommentCreated', 'CommentModerated', 'CommentUpdated'], batchSize: PUSH_BATCH_SIZE });
        const answer = await putJson(agent, `${bus.url}/subscriptions/bench-${i}`, body);
        if (answer.status >= 300) throw new Error(`PUT /subscriptions answered ${answer.status}: ${answer.text}`);
      }
      const tails = await postJson(agent, `${receivers.url}/tails`, JSON.stringify({ streamUrl: `${bus.url}/events/stream?after=0`, count: LIVE_TAILS }));
      if (tails.status !== 201) throw new Error(`could not open the tails: ${tails.text}`);
      measured = await deliver(receivers, bus, `${bus.url}/events`, events.bus, SUBSCRIBERS, context, 'bus');
    } finally {
      await agent.close();
      await bus.stop();
    }
  } finally {
    await receivers.stop();
  }
  context.progress(`fan-out:   bus ${measured.eventsPerSecond} events/s to every subscriber`);
  return {
    bus: { ...measured, pushBatchSize: PUSH_BATCH_SIZE },
    baseline,
    ratio: ratio(measured.eventsPerSecond, baseline.eventsPerSecond),
    leanBaseline,
    leanRatio: ratio(measured.eventsPerSecond, leanBaseline.eventsPerSecond),
  };
}
