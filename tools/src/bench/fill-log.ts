import { performance } from 'node:perf_hooks';
import type { Agent } from 'undici';
import type { RunningStack } from '../stack';
import { sleep, type BenchContext } from './context';
import { getJson, postJson } from './http';
import { sendAll } from './publish-many';

/** One post for every this many seeded comments. */
const COMMENTS_PER_POST = 20;
const BATCH = 500;
const SETTLE_TIMEOUT_MS = 150_000;

export interface FillResult {
  /** Events in the log once everything settled. */
  events: number;
  /** Events the bench published itself (the rest are the services' reactions). */
  seeded: number;
  /** How the seed went in: one batch POST of many events, or 50 concurrent single POSTs (a bus without batch publish). */
  method: 'batch' | 'single';
  seedMs: number;
  /** Every subscription had no lag and the query service had read up to the head before the timeout. */
  settled: boolean;
  settleMs: number;
}

/**
 * The events of `comments` new comments as their authors' services would
 * publish them: a PostCreated now and then, and a CommentCreated per
 * comment. Moderation and comments react to each CommentCreated on the
 * running stack, adding a CommentModerated and a CommentUpdated: three
 * events per comment in the log, as in real use.
 */
export function seedEvents(comments: number, tag: string): object[] {
  const events: object[] = [];
  let postId = '';
  for (let n = 0; n < comments; n++) {
    if (n % COMMENTS_PER_POST === 0) {
      postId = `${tag}-post-${n / COMMENTS_PER_POST}`;
      events.push({ id: `${postId}:created`, type: 'PostCreated', data: { id: postId, title: `Seeded post ${n / COMMENTS_PER_POST}` } });
    }
    const id = `${tag}-comment-${n}`;
    const content = n % 5 === 0 ? `seeded comment ${n}: I like orange juice` : `seeded comment ${n}: I like apple juice`;
    events.push({ id: `${id}:created`, type: 'CommentCreated', data: { id, postId, content, status: 'pending' } });
  }
  return events;
}

/** How many comments to seed so the log reaches `target` events (each comment ends as three events, each post one). */
export function commentsToReach(target: number, head: number): number {
  const missing = target - head;
  return missing <= 0 ? 0 : Math.ceil(missing / (3 + 1 / COMMENTS_PER_POST));
}

async function publishSeed(agent: Agent, busUrl: string, events: object[]): Promise<'batch' | 'single'> {
  const first = await postJson(agent, `${busUrl}/events`, JSON.stringify(events.slice(0, BATCH)));
  if (first.status === 201 || first.status === 200) {
    const batches: object[][] = [];
    for (let i = BATCH; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
    await sendAll(agent, `${busUrl}/events`, batches.length, 4, (n) => JSON.stringify(batches[n]), (status) => status === 201 || status === 200);
    return 'batch';
  }
  // A bus without batch publish answers 400 to an array: one event per POST, 50 at a time.
  await sendAll(agent, `${busUrl}/events`, events.length, 50, (n) => JSON.stringify(events[n]), (status) => status === 201 || status === 200);
  return 'single';
}

interface SubscriptionLag {
  name: string;
  lag: number;
}

/** Waits until the head stops moving, every subscription has delivered everything and the query service has read up to the head. */
export async function waitUntilSettled(agent: Agent, stack: RunningStack, context: BenchContext, timeoutMs = SETTLE_TIMEOUT_MS): Promise<{ settled: boolean; head: number }> {
  const deadline = performance.now() + timeoutMs;
  let previousHead = -1;
  let lastReport = performance.now();
  for (;;) {
    const head = (await getJson<{ seq: number }>(agent, `${stack.urls['event-bus']}/events/head`)).seq;
    const lags = await getJson<SubscriptionLag[]>(agent, `${stack.urls['event-bus']}/subscriptions`);
    const query = await getJson<{ lastSeq?: number }>(agent, `${stack.urls.query}/readyz`);
    const lag = lags.reduce((sum, s) => sum + s.lag, 0);
    if (head === previousHead && lag === 0 && (query.lastSeq ?? 0) >= head) return { settled: true, head };
    if (performance.now() > deadline) return { settled: false, head };
    if (performance.now() - lastReport > 2000) {
      context.progress(`memory:   log at ${head} events, subscriptions ${lag} behind, query at ${query.lastSeq ?? '?'}…`);
      lastReport = performance.now();
    }
    previousHead = head;
    await sleep(250);
  }
}

/**
 * Brings the stack's log to `target` events: seeds new posts and comments
 * on the bus, lets the services react, and waits until all is quiet.
 */
export async function fillLog(agent: Agent, stack: RunningStack, target: number, context: BenchContext): Promise<FillResult> {
  const busUrl = stack.urls['event-bus'];
  const head = (await getJson<{ seq: number }>(agent, `${busUrl}/events/head`)).seq;
  const events = seedEvents(commentsToReach(target, head), `seed${Date.now().toString(36)}`);
  context.progress(`memory: log holds ${head} events; seeding ${events.length} more (reactions add two per comment) to reach ${target}…`);
  const seedStarted = performance.now();
  const method = events.length > 0 ? await publishSeed(agent, busUrl, events) : 'batch';
  const seedMs = Math.round(performance.now() - seedStarted);
  context.progress(`memory:   seeded in ${(seedMs / 1000).toFixed(1)} s (${method} publish); waiting for the services to react and catch up…`);
  const settleStarted = performance.now();
  const { settled, head: finalHead } = await waitUntilSettled(agent, stack, context);
  return { events: finalHead, seeded: events.length, method, seedMs, settled, settleMs: Math.round(performance.now() - settleStarted) };
}
