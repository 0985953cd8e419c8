/** A comment the comments service acknowledged, and the status moderation must give it. */
export interface SentComment {
  id: string;
  postId: string;
  expected: 'approved' | 'rejected';
}

/** The query service's view: `{[postId]: {comments: [{id, status}]}}`. */
export type QueryView = Record<string, { comments?: Array<{ id: string; status: string }> }>;

/** How many of `sent` the view shows with their final, expected status. */
export function countConverged(view: QueryView, sent: readonly SentComment[]): number {
  const statusById = new Map<string, string>();
  for (const post of Object.values(view)) for (const comment of post.comments ?? []) statusById.set(comment.id, comment.status);
  let converged = 0;
  for (const comment of sent) if (statusById.get(comment.id) === comment.expected) converged++;
  return converged;
}

/** The comment with this content in the comments service's answer: the load test's reader, shared. */
export { findCommentId } from '../loadtest/run-load';
