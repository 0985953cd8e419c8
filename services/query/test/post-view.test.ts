import { PostViewStore, type PostView } from '../src/post-view';
import { commentCreated, commentModerated, commentUpdated, postCreated } from '../../../test-support/events';

function storeRecordingChanges() {
  const store = new PostViewStore();
  const changes: PostView[] = [];
  store.on('changed', (post) => changes.push(structuredClone(post)));
  return { store, changes };
}

describe('PostViewStore', () => {
  test('PostViewStore, when posts and comments are applied, gives the course shape keyed by post id', () => {
    // Arrange
    const store = new PostViewStore();

    // Act
    store.apply(postCreated(1, 'p1', 'First'));
    store.apply(commentCreated(2, 'p1', 'c1', 'Hello'));
    store.apply(postCreated(3, 'p2', 'Second'));

    // Assert
    expect(store.toJSON()).toEqual({
      p1: { id: 'p1', title: 'First', comments: [{ id: 'c1', content: 'Hello', status: 'pending' }] },
      p2: { id: 'p2', title: 'Second', comments: [] },
    });
    expect(store.postCount).toBe(2);
  });

  test('PostViewStore, when the same PostCreated comes again, keeps the post and its comments', () => {
    // Arrange
    const { store, changes } = storeRecordingChanges();
    store.apply(postCreated(1, 'p1'));
    store.apply(commentCreated(2, 'p1', 'c1'));

    // Act
    store.apply(postCreated(1, 'p1'));

    // Assert
    expect(store.toJSON().p1!.comments).toHaveLength(1);
    expect(changes).toHaveLength(2);
  });

  test('PostViewStore, when the same CommentCreated comes twice, lists the comment once and announces it once', () => {
    // Arrange
    const { store, changes } = storeRecordingChanges();
    store.apply(postCreated(1, 'p1'));

    // Act
    store.apply(commentCreated(2, 'p1', 'c1'));
    store.apply(commentCreated(2, 'p1', 'c1'));

    // Assert
    expect(store.toJSON().p1!.comments).toEqual([{ id: 'c1', content: 'Nice post', status: 'pending' }]);
    expect(changes).toHaveLength(2);
  });

  test('PostViewStore, when a comment names an unknown post, ignores it rather than failing', () => {
    // Arrange
    const { store, changes } = storeRecordingChanges();

    // Act
    store.apply(commentCreated(1, 'ghost', 'c1'));

    // Assert
    expect(store.toJSON()).toEqual({});
    expect(changes).toEqual([]);
  });

  test('PostViewStore, when a comment is updated, changes its status and content and announces the whole post', () => {
    // Arrange
    const { store, changes } = storeRecordingChanges();
    store.apply(postCreated(1, 'p1', 'First'));
    store.apply(commentCreated(2, 'p1', 'c1', 'orange'));

    // Act
    store.apply(commentUpdated(4, 'p1', 'c1', 'rejected', 'orange'));

    // Assert
    expect(store.toJSON().p1!.comments).toEqual([{ id: 'c1', content: 'orange', status: 'rejected' }]);
    expect(changes.at(-1)).toEqual({ id: 'p1', title: 'First', comments: [{ id: 'c1', content: 'orange', status: 'rejected' }] });
  });

  test('PostViewStore, when the same update is applied twice, ends in the same state', () => {
    // Arrange
    const store = new PostViewStore();
    store.apply(postCreated(1, 'p1'));
    store.apply(commentCreated(2, 'p1', 'c1'));

    // Act
    store.apply(commentUpdated(4, 'p1', 'c1', 'approved'));
    store.apply(commentUpdated(4, 'p1', 'c1', 'approved'));

    // Assert
    expect(store.toJSON().p1!.comments).toEqual([{ id: 'c1', content: 'Nice post', status: 'approved' }]);
  });

  test('PostViewStore, when an update names an unknown comment, ignores it', () => {
    // Arrange
    const { store, changes } = storeRecordingChanges();
    store.apply(postCreated(1, 'p1'));

    // Act
    store.apply(commentUpdated(4, 'p1', 'ghost', 'approved'));

    // Assert
    expect(store.toJSON().p1!.comments).toEqual([]);
    expect(changes).toHaveLength(1);
  });

  test('PostViewStore, when a moderation decision arrives, shows nothing new until CommentUpdated', () => {
    // Arrange
    const { store, changes } = storeRecordingChanges();
    store.apply(postCreated(1, 'p1'));
    store.apply(commentCreated(2, 'p1', 'c1'));

    // Act
    store.apply(commentModerated(3, 'p1', 'c1'));

    // Assert
    expect(store.toJSON().p1!.comments[0]!.status).toBe('pending');
    expect(changes).toHaveLength(2);
  });
});
