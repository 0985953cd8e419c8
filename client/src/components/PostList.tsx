import { useId } from 'react';
import type { Post } from '../types';
import { CommentCreate } from './CommentCreate';
import { CommentList } from './CommentList';

export interface PostListProps {
  posts: Post[];
  loaded: boolean;
  onCreateComment(postId: string, content: string): Promise<void>;
}

export function commentCount(count: number): string {
  return count === 1 ? '1 comment' : `${count} comments`;
}

function PostCard({ post, onCreateComment }: { post: Post; onCreateComment: PostListProps['onCreateComment'] }) {
  const titleId = useId();
  return (
    <article className="card" aria-labelledby={titleId} data-post-id={post.id}>
      <header className="card-header">
        <h3 id={titleId}>{post.title}</h3>
        <span className="badge">{commentCount(post.comments.length)}</span>
      </header>
      <CommentList comments={post.comments} />
      <CommentCreate postTitle={post.title} onCreate={(content) => onCreateComment(post.id, content)} />
    </article>
  );
}

/** The course's post cards, each with its comments and a comment form. */
export function PostList({ posts, loaded, onCreateComment }: PostListProps) {
  if (!loaded) return <p className="muted">Loading posts…</p>;
  if (posts.length === 0) return <p className="muted empty">No posts yet. Create the first one above.</p>;
  return (
    <div className="post-list">
      {posts.map((post) => (
        <PostCard key={post.id} post={post} onCreateComment={onCreateComment} />
      ))}
    </div>
  );
}
