import type { Comment } from '../types';

/** What a reader sees of a comment: its text only once moderation approved it (the course's wording). */
export function commentText(comment: Comment): string {
  switch (comment.status) {
    case 'approved':
      return comment.content;
    case 'pending':
      return 'This comment is awaiting moderation';
    case 'rejected':
      return 'This comment has been rejected';
    default: {
      const unknownStatus: never = comment.status;
      return unknownStatus;
    }
  }
}

export function CommentList({ comments }: { comments: Comment[] }) {
  if (comments.length === 0) return <p className="muted">No comments yet.</p>;
  return (
    <ul className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id} className={`comment comment-${comment.status}`} data-status={comment.status}>
          {commentText(comment)}
        </li>
      ))}
    </ul>
  );
}
