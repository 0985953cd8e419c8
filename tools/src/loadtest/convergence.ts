import { request } from 'undici';
import { hasSettled, judge, type AcknowledgedComment, type QueryView, type Verdict } from './verdict';

export interface Convergence {
  /** Every acknowledged comment became visible and final before the timeout. */
  converged: boolean;
  /** From the start of waiting until it converged (or gave up). */
  ms: number;
  /** The verdict on the last view read. */
  verdict: Verdict;
  /** How many times the view was read. */
  polls: number;
  /** Why the last read failed, if it did. */
  lastError?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the query service's view. */
export async function readView(queryUrl: string, timeoutMs = 10_000): Promise<QueryView> {
  const response = await request(`${queryUrl}/posts`, { method: 'GET', headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`GET ${queryUrl}/posts answered ${response.statusCode}`);
  const view: unknown = JSON.parse(text);
  if (view === null || typeof view !== 'object' || Array.isArray(view)) throw new Error(`GET ${queryUrl}/posts did not answer an object`);
  return view as QueryView;
}

/**
 * Polls `GET /posts` until every acknowledged comment is visible and in a
 * final status, or the timeout passes; then judges the last view. A failed
 * read (query restarting) is retried until the timeout.
 */
export async function waitForConvergence(
  queryUrl: string,
  acknowledged: readonly AcknowledgedComment[],
  timeoutMs: number,
  pollIntervalMs = 250,
): Promise<Convergence> {
  const started = Date.now();
  let verdict = judge(acknowledged, {});
  let polls = 0;
  let lastError: string | undefined;
  let haveView = false;
  for (;;) {
    try {
      verdict = judge(acknowledged, await readView(queryUrl));
      haveView = true;
      lastError = undefined;
      polls++;
      if (hasSettled(verdict)) return { converged: true, ms: Date.now() - started, verdict, polls };
    } catch (error) {
      lastError = (error as Error).message;
    }
    if (Date.now() - started >= timeoutMs) {
      return { converged: false, ms: Date.now() - started, verdict, polls, ...(lastError !== undefined && { lastError: haveView ? lastError : `never read the view: ${lastError}` }) };
    }
    await sleep(pollIntervalMs);
  }
}
