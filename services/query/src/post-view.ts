import { EventEmitter } from 'node:events';
import { EventType, type CommentStatus, type StoredEvent } from '@blog/events';

export interface CommentView {
  id: string;
  content: string;
  status: CommentStatus;
}

export interface PostView {
  id: string;
  title: string;
  comments: CommentView[];
}

/**
 * The read model the client shows: every post with its comments, folded from
 * PostCreated, CommentCreated and CommentUpdated. Emits `changed` with the
 * whole post after each change, for the live stream.
 */
export class PostViewStore extends EventEmitter<{ changed: [PostView] }> {
  private posts = new Map<string, PostView>();
  private comments = new Map<string, CommentView>();

  constructor() {
    super();
    this.setMaxListeners(0);
  }

  apply(event: StoredEvent): void {
    const post = this.fold(event);
    if (post) this.emit('changed', post);
  }

  /** The course's shape: `{[postId]: {id, title, comments}}`. */
  toJSON(): Record<string, PostView> {
    return Object.fromEntries(this.posts);
  }

  get postCount(): number {
    return this.posts.size;
  }

  /** Applies one event; returns the post it changed, if any. */
  private fold(event: StoredEvent): PostView | undefined {
    switch (event.type) {
      case EventType.PostCreated: {
        if (this.posts.has(event.data.id)) return undefined;
        const post = { id: event.data.id, title: event.data.title, comments: [] };
        this.posts.set(post.id, post);
        return post;
      }
      case EventType.CommentCreated: {
        const post = this.posts.get(event.data.postId);
        if (!post || this.comments.has(event.data.id)) return undefined;
        const comment = { id: event.data.id, content: event.data.content, status: event.data.status };
        this.comments.set(comment.id, comment);
        post.comments.push(comment);
        return post;
      }
      case EventType.CommentUpdated: {
        const comment = this.comments.get(event.data.id);
        const post = this.posts.get(event.data.postId);
        if (!comment || !post) return undefined;
        comment.status = event.data.status;
        comment.content = event.data.content;
        return post;
      }
      case EventType.CommentModerated:
        return undefined;
      default: {
        const unexpected: never = event;
        throw new Error(`unhandled event ${JSON.stringify(unexpected)}`);
      }
    }
  }
}
