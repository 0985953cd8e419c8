import { EventType, type StoredEvent } from '@blog/events';

export interface Post {
  id: string;
  title: string;
}

/** The posts, as a projection of PostCreated events. */
export class PostStore {
  private posts = new Map<string, Post>();

  /** Folds an event from the log; a post already known is left as it is (idempotent). */
  apply(event: StoredEvent): void {
    if (event.type === EventType.PostCreated) this.add(event.data);
  }

  add(post: Post): void {
    if (!this.posts.has(post.id)) this.posts.set(post.id, { id: post.id, title: post.title });
  }

  /** The course's shape: `{[id]: {id, title}}`. */
  toJSON(): Record<string, Post> {
    return Object.fromEntries(this.posts);
  }
}
