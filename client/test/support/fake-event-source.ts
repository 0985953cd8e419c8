import type { EventSourceLike, OpenEventSource } from '../../src/live-feed';
import type { Post, PostsById } from '../../src/types';

/** A stand-in for the browser's EventSource that a test drives by hand. */
export class FakeEventSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  emit(type: string, data: string): void {
    this.readyState = 1;
    for (const listener of this.listeners.get(type) ?? []) listener({ data } as MessageEvent<string>);
  }

  sendSnapshot(posts: PostsById): void {
    this.emit('snapshot', JSON.stringify(posts));
  }

  sendPost(post: Post): void {
    this.emit('post', JSON.stringify(post));
  }

  /** The connection failed; `gaveUp` is what the browser does when the server answered an error. */
  fail({ gaveUp }: { gaveUp: boolean }): void {
    this.readyState = gaveUp ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}

/** An `OpenEventSource` that remembers every source it opened, newest last. */
export function fakeEventSources(): { open: OpenEventSource; opened: FakeEventSource[]; latest(): FakeEventSource } {
  const opened: FakeEventSource[] = [];
  return {
    opened,
    open: (url) => {
      const source = new FakeEventSource(url);
      opened.push(source);
      return source;
    },
    latest() {
      const source = opened.at(-1);
      if (!source) throw new Error('no EventSource was opened');
      return source;
    },
  };
}
