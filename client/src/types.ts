/** The shapes the query service sends (GET /posts and its event stream). */
export type CommentStatus = 'pending' | 'approved' | 'rejected';

export interface Comment {
  id: string;
  content: string;
  status: CommentStatus;
}

export interface Post {
  id: string;
  title: string;
  comments: Comment[];
}

export type PostsById = Record<string, Post>;
