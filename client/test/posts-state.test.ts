import { initialPostsState, postsReducer, type PostsState } from '../src/posts-state';

const withPost: PostsState = {
  loaded: true,
  posts: [{ id: 'p1', title: 'Hello', comments: [{ id: 'c1', content: 'hi', status: 'approved' }] }],
};

describe('postsReducer', () => {
  it('postsReducer, on a snapshot, replaces every post and marks the list loaded', () => {
    // Arrange, Act
    const state = postsReducer(withPost, { type: 'snapshot', posts: { p2: { id: 'p2', title: 'Only', comments: [] } } });

    // Assert
    expect(state).toEqual({ loaded: true, posts: [{ id: 'p2', title: 'Only', comments: [] }] });
  });

  it('postsReducer, on a post it knows, replaces that post in place', () => {
    // Arrange
    const changed = { id: 'p1', title: 'Hello', comments: [{ id: 'c1', content: 'hi', status: 'rejected' as const }] };

    // Act
    const state = postsReducer(withPost, { type: 'post', post: changed });

    // Assert
    expect(state.posts).toEqual([changed]);
  });

  it('postsReducer, on our own created post that the stream already sent, keeps the stream version', () => {
    // Arrange, Act
    const state = postsReducer(withPost, { type: 'created-post', post: { id: 'p1', title: 'Hello' } });

    // Assert
    expect(state).toBe(withPost);
  });

  it('postsReducer, on our own comment answer, never turns a moderated comment back to pending', () => {
    // Arrange
    const comments = [
      { id: 'c1', content: 'hi', status: 'pending' as const },
      { id: 'c2', content: 'new', status: 'pending' as const },
    ];

    // Act
    const state = postsReducer(withPost, { type: 'created-comment', postId: 'p1', comments });

    // Assert
    expect(state.posts[0]?.comments).toEqual([
      { id: 'c1', content: 'hi', status: 'approved' },
      { id: 'c2', content: 'new', status: 'pending' },
    ]);
  });

  it('postsReducer, before anything arrives, is empty and not loaded', () => {
    // Arrange, Act, Assert
    expect(initialPostsState).toEqual({ posts: [], loaded: false });
  });
});
