import { randomBytes } from 'node:crypto';
import { Agent, request } from 'undici';
import type { LoadTestOptions } from './options';
import type { AcknowledgedComment } from './verdict';

/** One write the load made, as it ended: for the report and for tests that look at a time window. */
export interface RequestRecord {
  kind: 'post' | 'comment';
  /** ms since the epoch. */
  startedAt: number;
  endedAt: number;
  /** The HTTP status, or the network error's code (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT…). */
  outcome: string;
  ok: boolean;
}

export interface LoadProgress {
  elapsedMs: number;
  sent: number;
  acknowledged: number;
  failed: number;
  /** Answers per second over the last progress interval. */
  recentRate: number;
}

export interface LoadHooks {
  /** Called about once a second while comments are being written. */
  onProgress?: (progress: LoadProgress) => void;
  /** Called for every request as it ends. */
  onRequest?: (record: RequestRecord) => void;
  /** Stops sending new requests (those in flight still finish). */
  signal?: AbortSignal;
  progressIntervalMs?: number;
}

export interface LoadResult {
  runId: string;
  postIds: string[];
  acknowledged: AcknowledgedComment[];
  /** Comments answered 201 whose new comment could not be found in the answer. */
  unidentified: number;
  /** Comment requests sent and how each ended: `{"201": 990, "503": 10}`. */
  outcomes: Record<string, number>;
  /** Latency (ms) of every comment request that got an HTTP answer. */
  latenciesMs: number[];
  sent: number;
  /** Start and end of the comment phase, ms since the epoch. */
  startedAt: number;
  endedAt: number;
}

/** The posts could not be created: nothing to load. */
export class LoadSetupError extends Error {
  override readonly name = 'LoadSetupError';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The n-th comment is "orange" when it crosses a multiple of the share, so
 * the orange ones are spread evenly and their count is exact.
 */
export function isOrange(n: number, share: number): boolean {
  return Math.floor((n + 1) * share) > Math.floor(n * share);
}

/** Cases of "orange" moderation must recognise. */
const oranges = ['orange', 'Orange', 'ORANGE', 'oRaNgE'];

/**
 * Content unique to this run and request, so the verdict can tell one
 * comment from another. The run id is hex, so only the orange ones can ever
 * contain "orange".
 */
export function commentContent(runId: string, n: number, orange: boolean): string {
  return orange ? `load ${runId} #${n}: I like ${oranges[n % oranges.length]} juice` : `load ${runId} #${n}: I like apple juice`;
}

function errorCode(error: unknown): string {
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  if (typeof name === 'string') return name;
  return 'error';
}

/**
 * Creates the posts, then writes comments with `concurrency` workers (each
 * sends its next request when the previous answered) until the count is
 * reached, the duration is over or the signal fires.
 */
export async function runLoad(options: LoadTestOptions, hooks: LoadHooks = {}): Promise<LoadResult> {
  const runId = randomBytes(4).toString('hex');
  const agent = new Agent({
    connections: options.concurrency,
    headersTimeout: options.requestTimeoutMs,
    bodyTimeout: options.requestTimeoutMs,
    connectTimeout: Math.min(options.requestTimeoutMs, 5000),
  });
  const post = async (url: string, body: unknown) => {
    const startedAt = Date.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('request timed out')), options.requestTimeoutMs);
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        dispatcher: agent,
        signal: controller.signal,
      });
      const text = await response.body.text();
      return { startedAt, endedAt: Date.now(), status: response.statusCode, text };
    } catch (error) {
      return { startedAt, endedAt: Date.now(), status: undefined, text: '', error: errorCode(error) };
    } finally {
      clearTimeout(timer);
    }
  };

  try {
    const postIds = await createPosts(options, runId, post, hooks);
    const result: LoadResult = {
      runId,
      postIds,
      acknowledged: [],
      unidentified: 0,
      outcomes: {},
      latenciesMs: [],
      sent: 0,
      startedAt: Date.now(),
      endedAt: 0,
    };
    const deadline = options.durationSeconds === undefined ? Infinity : result.startedAt + options.durationSeconds * 1000;
    const limit = options.comments ?? Infinity;
    let failed = 0;
    let lastTick = { at: result.startedAt, answered: 0 };
    const progressTimer = setInterval(() => {
      const now = Date.now();
      const answered = result.sent;
      hooks.onProgress?.({
        elapsedMs: now - result.startedAt,
        sent: result.sent,
        acknowledged: result.acknowledged.length,
        failed,
        recentRate: Math.round(((answered - lastTick.answered) * 1000) / Math.max(1, now - lastTick.at)),
      });
      lastTick = { at: now, answered };
    }, hooks.progressIntervalMs ?? 1000);

    let next = 0;
    const worker = async () => {
      while (!hooks.signal?.aborted && Date.now() < deadline && next < limit) {
        const n = next++;
        if (options.rate !== undefined) {
          // Request n may leave at its slot in an even schedule, never earlier.
          const wait = result.startedAt + (n * 1000) / options.rate - Date.now();
          if (wait > 0) await sleep(wait);
          if (hooks.signal?.aborted || Date.now() >= deadline) break;
        }
        const postId = postIds[n % postIds.length]!;
        const orange = isOrange(n, options.orangeShare);
        const content = commentContent(runId, n, orange);
        const answer = await post(`${options.commentsUrl}/posts/${encodeURIComponent(postId)}/comments`, { content });
        result.sent++;
        const outcome = answer.status === undefined ? answer.error! : String(answer.status);
        result.outcomes[outcome] = (result.outcomes[outcome] ?? 0) + 1;
        if (answer.status !== undefined) result.latenciesMs.push(answer.endedAt - answer.startedAt);
        const ok = answer.status === 201;
        hooks.onRequest?.({ kind: 'comment', startedAt: answer.startedAt, endedAt: answer.endedAt, outcome, ok });
        if (ok) {
          const id = findCommentId(answer.text, content);
          if (id === undefined) result.unidentified++;
          else result.acknowledged.push({ id, postId, content, expectedStatus: orange ? 'rejected' : 'approved' });
        } else {
          failed++;
          // A client that backs off a little, rather than spinning on a refused connection.
          await sleep(answer.status === undefined ? 100 : 20);
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    clearInterval(progressTimer);
    result.endedAt = Date.now();
    return result;
  } finally {
    await agent.close().catch(() => undefined);
  }
}

type Post = (url: string, body: unknown) => Promise<{ startedAt: number; endedAt: number; status: number | undefined; text: string; error?: string }>;

/** Creates the posts (retrying each a few times: a load test should not die on one 503). */
async function createPosts(options: LoadTestOptions, runId: string, post: Post, hooks: LoadHooks): Promise<string[]> {
  const ids: string[] = [];
  let lastProblem = '';
  let n = 0;
  const worker = async () => {
    while (n < options.posts) {
      const index = n++;
      let created = false;
      for (let attempt = 0; attempt < 5 && !created; attempt++) {
        const answer = await post(`${options.postsUrl}/posts/create`, { title: `Load test ${runId} post ${index}` });
        const outcome = answer.status === undefined ? answer.error! : String(answer.status);
        hooks.onRequest?.({ kind: 'post', startedAt: answer.startedAt, endedAt: answer.endedAt, outcome, ok: answer.status === 201 });
        if (answer.status === 201) {
          const id = postIdFrom(answer.text);
          if (id !== undefined) {
            ids.push(id);
            created = true;
            continue;
          }
        }
        lastProblem = `POST ${options.postsUrl}/posts/create answered ${outcome}${answer.text ? `: ${answer.text.slice(0, 200)}` : ''}`;
        await sleep(200 * (attempt + 1));
      }
      if (!created) throw new LoadSetupError(`could not create the posts: ${lastProblem}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.posts, options.concurrency, 10) }, worker));
  return ids;
}

function postIdFrom(answerText: string): string | undefined {
  try {
    const { id } = JSON.parse(answerText) as { id?: unknown };
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The id of the comment with this content in the comments service's answer (the post's comments). */
export function findCommentId(answerText: string, content: string): string | undefined {
  try {
    const comments: unknown = JSON.parse(answerText);
    if (!Array.isArray(comments)) return undefined;
    for (let i = comments.length - 1; i >= 0; i--) {
      const comment = comments[i] as { id?: unknown; content?: unknown } | null;
      if (comment && comment.content === content && typeof comment.id === 'string') return comment.id;
    }
  } catch {
    // Not JSON: counted as unidentified by the caller.
  }
  return undefined;
}
