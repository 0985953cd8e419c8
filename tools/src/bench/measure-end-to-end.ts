import { performance } from 'node:perf_hooks';
import type { Agent } from 'undici';
import type { RunningStack } from '../stack';
import { closedLoop } from './closed-loop';
import { sleep, type BenchContext } from './context';
import { cpuMeter } from './cpu-time';
import { countConverged, findCommentId, type QueryView, type SentComment } from './convergence';
import { getJson, loadAgent, postJson } from './http';
import { perSecond, summariseLatency, type Latency } from './stats';

/** Comments go to this many posts, so that the comments service's answer (all of a post's comments) stays small. */
const POSTS = 200;
/** One comment in five contains "orange" and must end `rejected`. */
const ORANGE_EVERY = 5;
const CONVERGENCE_TIMEOUT_MS = 60_000;

export interface LoadLevel {
  concurrency: number;
  /** Comments acknowledged (201) by the comments service. */
  comments: number;
  failed: number;
  /** Comments that ended visible in the query service with their final status, per second from the first POST until the last converged. */
  commentsPerSecond: number;
  /** 201 answers per second while the load ran (before waiting for convergence). */
  acceptedPerSecond: number;
  /** Latency of `POST /posts/:id/comments`. */
  latencyMs: Latency;
  /** After the load stopped, until every acknowledged comment had its final status in the query service. */
  convergenceMs: number;
  converged: boolean;
  /**
   * CPU time each process spent per acknowledged comment (ms), from the first POST until convergence:
   * where the work goes; less swayed than throughput by what else the machine runs, though contention raises it too.
   */
  cpuMsPerComment: Record<string, number>;
}

/** Creates the posts the comments will go to. */
export async function createPosts(agent: Agent, stack: RunningStack, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await postJson(agent, `${stack.urls.posts}/posts/create`, JSON.stringify({ title: `Benchmark post ${i}` }));
    if (answer.status !== 201) throw new Error(`POST /posts/create answered ${answer.status}: ${answer.text}`);
    ids.push((JSON.parse(answer.text) as { id: string }).id);
  }
  return ids;
}

/** Waits until the query service shows every comment with its final status. */
async function waitForConvergence(agent: Agent, queryUrl: string, sent: readonly SentComment[], context: BenchContext): Promise<boolean> {
  const deadline = performance.now() + CONVERGENCE_TIMEOUT_MS;
  let lastReport = performance.now();
  while (performance.now() < deadline) {
    const converged = countConverged(await getJson<QueryView>(agent, `${queryUrl}/posts`), sent);
    if (converged === sent.length) return true;
    if (performance.now() - lastReport > 2000) {
      context.progress(`end to end:   ${converged} of ${sent.length} comments final in the query service…`);
      lastReport = performance.now();
    }
    await sleep(100);
  }
  return false;
}

/**
 * One level of load on the running stack: `concurrency` clients write
 * comments for `seconds`, then the clock runs on until the query service
 * shows every acknowledged comment approved or rejected as it should be.
 */
export async function runLevel(stack: RunningStack, postIds: readonly string[], concurrency: number, context: BenchContext, label: string): Promise<LoadLevel> {
  const agent = loadAgent(concurrency + 2);
  const sent: SentComment[] = [];
  try {
    const cpu = cpuMeter(Object.fromEntries(stack.names.map((name) => [name, stack.pid(name)])));
    const started = performance.now();
    const load = await closedLoop({
      concurrency,
      durationMs: context.seconds * 1000,
      send: async (n) => {
        const postId = postIds[n % postIds.length]!;
        const orange = n % ORANGE_EVERY === 0;
        const content = `bench ${label} comment ${n}: I like ${orange ? 'orange' : 'apple'} juice`;
        const answer = await postJson(agent, `${stack.urls.comments}/posts/${postId}/comments`, JSON.stringify({ content }));
        if (answer.status !== 201) return false;
        const id = findCommentId(answer.text, content);
        if (id === undefined) return false;
        sent.push({ id, postId, expected: orange ? 'rejected' : 'approved' });
        return true;
      },
    });
    const loadEnded = performance.now();
    const converged = await waitForConvergence(agent, stack.urls.query, sent, context);
    const ended = performance.now();
    return {
      concurrency,
      comments: sent.length,
      failed: load.failed,
      commentsPerSecond: converged ? perSecond(sent.length, ended - started) : 0,
      acceptedPerSecond: perSecond(load.ok, load.elapsedMs),
      latencyMs: summariseLatency(load.latenciesMs),
      convergenceMs: Math.round(ended - loadEnded),
      converged,
      cpuMsPerComment: cpu(sent.length),
    };
  } finally {
    await agent.close();
  }
}

/** End to end, at each concurrency level in turn, on one stack. */
export async function measureEndToEnd(stack: RunningStack, levels: readonly number[], context: BenchContext): Promise<LoadLevel[]> {
  const agent = loadAgent(2);
  let postIds: string[];
  try {
    postIds = await createPosts(agent, stack, POSTS);
  } finally {
    await agent.close();
  }
  const results: LoadLevel[] = [];
  for (const concurrency of levels) {
    context.progress(`end to end: ${concurrency} concurrent clients writing comments for ${context.seconds} s…`);
    const level = await runLevel(stack, postIds, concurrency, context, `c${concurrency}`);
    context.progress(
      `end to end:   ${level.comments} comments, ${level.acceptedPerSecond} accepted/s, ${level.converged ? `${level.commentsPerSecond} converged/s` : 'did NOT converge'}, POST p50 ${level.latencyMs.p50} ms p99 ${level.latencyMs.p99} ms`,
    );
    results.push(level);
  }
  return results;
}
