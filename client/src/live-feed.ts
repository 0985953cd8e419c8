import type { Post, PostsById } from './types';

/** What the app needs of the browser's EventSource; tests hand in a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: 'snapshot' | 'post', listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}
export type OpenEventSource = (url: string) => EventSourceLike;

/** EventSource.CLOSED: the browser gave up (the server answered an error), so reconnecting is ours to do. */
const CLOSED = 2;

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export interface LiveFeedOptions {
  url: string;
  open: OpenEventSource;
  onSnapshot(posts: PostsById): void;
  onPost(post: Post): void;
  onConnection(state: ConnectionState): void;
  /** Waits before reconnecting after the browser gave up: 1 s, 2 s, 4 s… up to this. */
  maxBackoffMs?: number;
}

export interface LiveFeed {
  stop(): void;
}

/**
 * Follows the query service's stream of changes. Each (re)connection starts
 * with a snapshot, so whatever was missed while the stream was down is
 * replaced by the truth: reconnecting is resynchronising.
 */
export function startLiveFeed(options: LiveFeedOptions): LiveFeed {
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  let source: EventSourceLike | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = false;

  const reconnectLater = () => {
    source?.close();
    source = undefined;
    options.onConnection('reconnecting');
    const delay = Math.min(1000 * 2 ** failures, maxBackoffMs);
    failures += 1;
    retryTimer = setTimeout(connect, delay);
  };

  function parse(event: MessageEvent<string>): unknown {
    try {
      return JSON.parse(event.data);
    } catch {
      // A garbled message means we can no longer trust our copy: start again from a snapshot.
      reconnectLater();
      return undefined;
    }
  }

  function connect() {
    if (stopped) return;
    const current = options.open(options.url);
    source = current;
    current.addEventListener('snapshot', (event) => {
      const posts = parse(event);
      if (typeof posts !== 'object' || posts === null) return;
      failures = 0;
      options.onSnapshot(posts as PostsById);
      options.onConnection('live');
    });
    current.addEventListener('post', (event) => {
      const post = parse(event);
      if (typeof post === 'object' && post !== null) options.onPost(post as Post);
    });
    current.onerror = () => {
      if (stopped || source !== current) return;
      // Still CONNECTING: the browser retries by itself and the new connection brings a fresh snapshot.
      if (current.readyState === CLOSED) reconnectLater();
      else options.onConnection('reconnecting');
    };
  }

  options.onConnection('connecting');
  connect();
  return {
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    },
  };
}
