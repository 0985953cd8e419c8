import { EventType, type CommentStatus, type StoredEvent } from '@blog/events';

export interface Comment {
  id: string;
  content: string;
  status: CommentStatus;
}

/** Which posts exist and each post's comments, as a projection of the log. */
export class CommentStore {
  private commentsByPost = new Map<string, Comment[]>();
  private commentsById = new Map<string, Comment>();

  apply(event: StoredEvent): void {
    switch (event.type) {
      case EventType.PostCreated:
        if (!this.commentsByPost.has(event.data.id)) this.commentsByPost.set(event.data.id, []);
        return;
      case EventType.CommentCreated:
        this.addComment(event.data.postId, event.data);
        return;
      case EventType.CommentUpdated: {
        const comment = this.commentsById.get(event.data.id);
        if (comment) {
          comment.status = event.data.status;
          comment.content = event.data.content;
        }
        return;
      }
      case EventType.CommentModerated:
        return;
      default: {
        const unexpected: never = event;
        throw new Error(`unhandled event ${JSON.stringify(unexpected)}`);
      }
    }
  }

  hasPost(postId: string): boolean {
    return this.commentsByPost.has(postId);
  }

  /** Adds a comment unless it is already known (the tail brings back our own events). */
  addComment(postId: string, comment: Comment): void {
    if (this.commentsById.has(comment.id)) return;
    const stored = { id: comment.id, content: comment.content, status: comment.status };
    this.commentsById.set(stored.id, stored);
    const comments = this.commentsByPost.get(postId);
    if (comments) comments.push(stored);
    else this.commentsByPost.set(postId, [stored]);
  }

  commentsOf(postId: string): Comment[] {
    return this.commentsByPost.get(postId) ?? [];
  }
}
