import { UsageError, numberOption } from '../command-line';

export { UsageError };
import { parseArgs } from 'node:util';

/** What one load-test run does. */
export interface LoadTestOptions {
  /** Where `POST /posts/create` goes (the public origin by default). */
  postsUrl: string;
  /** Where `POST /posts/:id/comments` goes. */
  commentsUrl: string;
  /** Where `GET /posts` (the query service's view) is read. */
  queryUrl: string;
  /** Posts created first; comments are spread over them. */
  posts: number;
  /** How many comments to write (count mode); with `durationSeconds` the run stops at whichever comes first. */
  comments: number | undefined;
  /** How long to keep writing comments (duration mode). */
  durationSeconds: number | undefined;
  /** Requests in flight at once (closed loop: each worker waits for its answer). */
  concurrency: number;
  /** At most this many comment requests per second (open throttle on top of the closed loop); unlimited when undefined. */
  rate: number | undefined;
  /** Share of comments (0..1) that contain "orange" and must end `rejected`. */
  orangeShare: number;
  /** How long to wait, after the load, for every acknowledged comment to be visible and final. */
  convergenceTimeoutSeconds: number;
  /** How long one request may take before it counts as failed. */
  requestTimeoutMs: number;
  /** Print the report as JSON on stdout (progress still goes to stderr). */
  json: boolean;
  /** Progress lines while it runs. */
  quiet: boolean;
}

export const usage = `Usage: npm run loadtest -- [options]

Drives the blog's public API (create posts, then write comments), waits until
the query service shows every acknowledged comment, and checks each appears
exactly once with its final status. Exits 1 on any loss, duplicate, wrong or
missing final status, or when nothing converges in time.

  --url URL              public origin (default http://localhost:3000)
  --posts-url URL        where POST /posts/create goes (default: --url)
  --comments-url URL     where POST /posts/:id/comments goes (default: --url)
  --query-url URL        where GET /posts is read (default: --url)
  --posts N              posts to create first (default 10)
  --comments N           comments to write (default 1000 unless --duration is given)
  --duration SECONDS     keep writing for this long (with --comments: whichever ends first)
  --concurrency N        requests in flight at once (default 20)
  --rate N               at most N comment requests per second (default: as fast as answered)
  --orange SHARE         share of comments containing "orange", 0..1 (default 0.2)
  --timeout SECONDS      how long to wait for convergence (default 60)
  --request-timeout MS   per request (default 10000)
  --json                 print the report as JSON on stdout
  --quiet                no progress lines
  -h, --help             this text

Examples:
  COMMENTS_WORKERS=3 npm start            then  npm run loadtest -- --comments 5000 --concurrency 50
  docker compose up --scale comments=3    then  npm run loadtest -- --url http://localhost:3000
  a cluster's ingress                     then  npm run loadtest -- --url http://posts.com
  services without the client             then  npm run loadtest -- --posts-url http://localhost:4000 \\
                                                  --comments-url http://localhost:4001 --query-url http://localhost:4002
`;


function url(name: string, value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new UsageError(`--${name} must be a URL such as http://localhost:3000 (got "${value}")`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`--${name} must be an http(s) URL (got "${value}")`);
  return value.replace(/\/+$/, '');
}

/** Parses the command line; `help` when the user asked for the usage text. */
export function parseOptions(argv: readonly string[]): { help: true } | { help: false; options: LoadTestOptions } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        'posts-url': { type: 'string' },
        'comments-url': { type: 'string' },
        'query-url': { type: 'string' },
        posts: { type: 'string' },
        comments: { type: 'string' },
        duration: { type: 'string' },
        concurrency: { type: 'string' },
        rate: { type: 'string' },
        orange: { type: 'string' },
        timeout: { type: 'string' },
        'request-timeout': { type: 'string' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { help: true };

  const base = url('url', values.url ?? 'http://localhost:3000');
  const durationSeconds = numberOption('duration', values.duration, { min: 0.1, max: 86_400, integer: false });
  const comments = numberOption('comments', values.comments, { min: 1, max: 10_000_000, integer: true });
  return {
    help: false,
    options: {
      postsUrl: values['posts-url'] === undefined ? base : url('posts-url', values['posts-url']),
      commentsUrl: values['comments-url'] === undefined ? base : url('comments-url', values['comments-url']),
      queryUrl: values['query-url'] === undefined ? base : url('query-url', values['query-url']),
      posts: numberOption('posts', values.posts, { min: 1, max: 100_000, integer: true }) ?? 10,
      comments: comments ?? (durationSeconds === undefined ? 1000 : undefined),
      durationSeconds,
      concurrency: numberOption('concurrency', values.concurrency, { min: 1, max: 10_000, integer: true }) ?? 20,
      rate: numberOption('rate', values.rate, { min: 0.1, max: 1_000_000, integer: false }),
      orangeShare: numberOption('orange', values.orange, { min: 0, max: 1, integer: false }) ?? 0.2,
      convergenceTimeoutSeconds: numberOption('timeout', values.timeout, { min: 1, max: 86_400, integer: false }) ?? 60,
      requestTimeoutMs: numberOption('request-timeout', values['request-timeout'], { min: 100, max: 600_000, integer: true }) ?? 10_000,
      json: values.json ?? false,
      quiet: values.quiet ?? false,
    },
  };
}
