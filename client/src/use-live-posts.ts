import { useEffect, useReducer, useState, type Dispatch } from 'react';
import { startLiveFeed, type ConnectionState, type OpenEventSource } from './live-feed';
import { initialPostsState, postsReducer, type PostsAction, type PostsState } from './posts-state';

export interface LivePosts {
  state: PostsState;
  dispatch: Dispatch<PostsAction>;
  connection: ConnectionState;
}

/** The posts, kept current by the query service's event stream for as long as the component is mounted. */
export function useLivePosts(open: OpenEventSource, url = '/posts/stream'): LivePosts {
  const [state, dispatch] = useReducer(postsReducer, initialPostsState);
  const [connection, setConnection] = useState<ConnectionState>('connecting');

  useEffect(() => {
    const feed = startLiveFeed({
      url,
      open,
      onSnapshot: (posts) => dispatch({ type: 'snapshot', posts }),
      onPost: (post) => dispatch({ type: 'post', post }),
      onConnection: setConnection,
    });
    return () => feed.stop();
  }, [open, url]);

  return { state, dispatch, connection };
}
