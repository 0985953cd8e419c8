import type { BlogApi } from './api';
import type { ConnectionState, OpenEventSource } from './live-feed';
import { useLivePosts } from './use-live-posts';
import { PostCreate } from './components/PostCreate';
import { PostList } from './components/PostList';

export interface AppProps {
  api: BlogApi;
  openEventSource: OpenEventSource;
}

const connectionLabel: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

export function App({ api, openEventSource }: AppProps) {
  const { state, dispatch, connection } = useLivePosts(openEventSource);

  const createPost = async (title: string) => {
    const post = await api.createPost(title);
    dispatch({ type: 'created-post', post });
  };
  const createComment = async (postId: string, content: string) => {
    const comments = await api.createComment(postId, content);
    dispatch({ type: 'created-comment', postId, comments });
  };

  return (
    <div className="page">
      <header className="page-header">
        <h1>Blog</h1>
        <span className={`connection connection-${connection}`} role="status">
          {connectionLabel[connection]}
        </span>
      </header>
      <main>
        <section aria-labelledby="create-post-heading">
          <h2 id="create-post-heading">Create Post</h2>
          <PostCreate onCreate={createPost} />
        </section>
        <section aria-labelledby="posts-heading">
          <h2 id="posts-heading">Posts</h2>
          <PostList posts={state.posts} loaded={state.loaded} onCreateComment={createComment} />
        </section>
      </main>
    </div>
  );
}
