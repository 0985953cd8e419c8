import type { Convergence } from './convergence';
import type { LoadTestOptions } from './options';
import type { LoadResult } from './run-load';
import { summariseLatencies, type LatencySummary } from './stats';
import { failureReasons, hasPassed, type Verdict } from './verdict';

/** What `--json` prints, and what the text report is made from. */
export interface LoadTestReport {
  passed: boolean;
  failures: string[];
  target: { postsUrl: string; commentsUrl: string; queryUrl: string };
  load: {
    posts: number;
    concurrency: number;
    rate: number | null;
    orangeShare: number;
    commentsSent: number;
    durationMs: number;
    requestsPerSecond: number;
    latencyMs: LatencySummary;
    /** How each comment request ended: HTTP status or network error code. */
    outcomes: Record<string, number>;
    unidentified: number;
  };
  verdict: Omit<Verdict, 'examples'>;
  examples: Verdict['examples'];
  convergence: { converged: boolean; ms: number; polls: number; lastError?: string };
}

/** Puts the load's numbers, the convergence and the verdict together. */
export function buildReport(options: LoadTestOptions, load: LoadResult, convergence: Convergence): LoadTestReport {
  const durationMs = Math.max(1, load.endedAt - load.startedAt);
  const { examples, ...counts } = convergence.verdict;
  const failures = failureReasons(convergence.verdict);
  if (!convergence.converged) {
    failures.push(
      `did not converge within ${Math.round(convergence.ms / 1000)} s${convergence.lastError ? ` (last read: ${convergence.lastError})` : ''}`,
    );
  }
  return {
    passed: hasPassed(convergence.verdict) && convergence.converged,
    failures: [...new Set(failures)],
    target: { postsUrl: options.postsUrl, commentsUrl: options.commentsUrl, queryUrl: options.queryUrl },
    load: {
      posts: load.postIds.length,
      concurrency: options.concurrency,
      rate: options.rate ?? null,
      orangeShare: options.orangeShare,
      commentsSent: load.sent,
      durationMs,
      requestsPerSecond: Math.round((load.sent * 10_000) / durationMs) / 10,
      latencyMs: summariseLatencies(load.latenciesMs),
      outcomes: load.outcomes,
      unidentified: load.unidentified,
    },
    verdict: counts,
    examples,
    convergence: {
      converged: convergence.converged,
      ms: convergence.ms,
      polls: convergence.polls,
      ...(convergence.lastError !== undefined && { lastError: convergence.lastError }),
    },
  };
}

const n = (value: number) => value.toLocaleString('en-US');

/** The report for a terminal. */
export function formatReport(report: LoadTestReport): string {
  const { load, verdict, convergence } = report;
  const outcomes = Object.entries(load.outcomes)
    .sort(([, a], [, b]) => b - a)
    .map(([outcome, count]) => `${outcome} ×${n(count)}`)
    .join(', ');
  const lines = [
    '',
    `target        posts ${report.target.postsUrl} · comments ${report.target.commentsUrl} · query ${report.target.queryUrl}`,
    `load          ${n(load.commentsSent)} comments on ${n(load.posts)} posts, concurrency ${load.concurrency}${load.rate === null ? '' : ` (at most ${load.rate}/s)`}, ${Math.round(load.orangeShare * 100)}% orange, ${(load.durationMs / 1000).toFixed(1)} s`,
    `throughput    ${load.requestsPerSecond} requests/s`,
    `latency       p50 ${load.latencyMs.p50} ms · p95 ${load.latencyMs.p95} ms · p99 ${load.latencyMs.p99} ms · max ${load.latencyMs.max} ms`,
    `answers       ${outcomes || 'none'}`,
    `comments      acknowledged ${n(verdict.acknowledged)} · visible ${n(verdict.visible)} · lost ${n(verdict.lost)} · duplicated ${n(verdict.duplicated)} · wrong status ${n(verdict.wrongStatus)} · pending ${n(verdict.pending)}${verdict.misplaced ? ` · misplaced ${n(verdict.misplaced)}` : ''}`,
    `convergence   ${convergence.converged ? `${(convergence.ms / 1000).toFixed(2)} s` : `not reached after ${(convergence.ms / 1000).toFixed(1)} s`}`,
  ];
  if (load.unidentified > 0) lines.push(`note          ${n(load.unidentified)} answer(s) were 201 but did not contain the new comment`);
  lines.push(
    report.passed
      ? 'verdict       PASS: every acknowledged comment appears exactly once, with its final status'
      : `verdict       FAIL: ${report.failures.join('; ')}`,
    '',
  );
  return lines.join('\n');
}
