import type { Comment, Post, PostsById } from './types';

/** The posts on screen, in the order they were first seen (oldest first, as the query service keeps them). */
export interface PostsState {
  posts: Post[];
  /** False until the first snapshot (or first write) arrives, so "no posts yet" is not said too early. */
  loaded: boolean;
}

export type PostsAction =
  /** The stream's first message, and again after each reconnect: the whole truth, replacing what we had. */
  | { type: 'snapshot'; posts: PostsById }
  /** One post changed (created, commented, a comment moderated): its whole new state. */
  | { type: 'post'; post: Post }
  /** Our own write answered before the stream told us: add what is missing, never overwrite the stream. */
  | { type: 'created-post'; post: { id: string; title: string } }
  | { type: 'created-comment'; postId: string; comments: Comment[] };

export const initialPostsState: PostsState = { posts: [], loaded: false };

export function postsReducer(state: PostsState, action: PostsAction): PostsState {
  switch (action.type) {
    case 'snapshot':
      return { posts: Object.values(action.posts), loaded: true };
    case 'post': {
      const index = state.posts.findIndex((post) => post.id === action.post.id);
      const posts =
        index === -1 ? [...state.posts, action.post] : state.posts.map((post, i) => (i === index ? action.post : post));
      return { posts, loaded: true };
    }
    case 'created-post':
      if (state.posts.some((post) => post.id === action.post.id)) return state;
      return { posts: [...state.posts, { ...action.post, comments: [] }], loaded: true };
    case 'created-comment':
      return {
        ...state,
        posts: state.posts.map((post) => {
          if (post.id !== action.postId) return post;
          // The stream may already know a later status for a comment: keep its version.
          const known = new Set(post.comments.map((comment) => comment.id));
          const added = action.comments.filter((comment) => !known.has(comment.id));
          return added.length === 0 ? post : { ...post, comments: [...post.comments, ...added] };
        }),
      };
    default: {
      const unknownAction: never = action;
      return unknownAction;
    }
  }
}
