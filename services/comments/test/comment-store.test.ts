import { CommentStore } from '../src/comment-store';
import { commentCreated, commentModerated, commentUpdated, postCreated } from '../../../test-support/events';

describe('CommentStore', () => {
  test('CommentStore, when a post is created, knows the post with no comments', () => {
    // Arrange
    const store = new CommentStore();

    // Act
    store.apply(postCreated(1, 'p1'));

    // Assert
    expect(store.hasPost('p1')).toBe(true);
    expect(store.hasPost('p2')).toBe(false);
    expect(store.commentsOf('p1')).toEqual([]);
  });

  test('CommentStore, when the same PostCreated comes again, keeps the post\'s comments', () => {
    // Arrange
    const store = new CommentStore();
    store.apply(postCreated(1, 'p1'));
    store.apply(commentCreated(2, 'p1', 'c1'));

    // Act
    store.apply(postCreated(1, 'p1'));

    // Assert
    expect(store.commentsOf('p1')).toHaveLength(1);
  });

  test('CommentStore, when the same CommentCreated is applied twice, lists the comment once', () => {
    // Arrange
    const store = new CommentStore();
    store.apply(postCreated(1, 'p1'));

    // Act
    store.apply(commentCreated(2, 'p1', 'c1'));
    store.apply(commentCreated(2, 'p1', 'c1'));

    // Assert
    expect(store.commentsOf('p1')).toEqual([{ id: 'c1', content: 'Nice post', status: 'pending' }]);
  });

  test('CommentStore, when its own comment was added locally and then comes back from the tail, lists it once', () => {
    // Arrange
    const store = new CommentStore();
    store.apply(postCreated(1, 'p1'));
    store.addComment('p1', { id: 'c1', content: 'Mine', status: 'pending' });

    // Act
    store.apply(commentCreated(5, 'p1', 'c1', 'Mine'));

    // Assert
    expect(store.commentsOf('p1')).toEqual([{ id: 'c1', content: 'Mine', status: 'pending' }]);
  });

  test('CommentStore, when a comment is updated, changes its status and content in place', () => {
    // Arrange
    const store = new CommentStore();
    store.apply(postCreated(1, 'p1'));
    store.apply(commentCreated(2, 'p1', 'c1', 'I like orange'));

    // Act
    store.apply(commentUpdated(4, 'p1', 'c1', 'rejected', 'I like orange'));

    // Assert
    expect(store.commentsOf('p1')).toEqual([{ id: 'c1', content: 'I like orange', status: 'rejected' }]);
  });

  test('CommentStore, when the same update is applied twice, ends in the same state', () => {
    // Arrange
    const store = new CommentStore();
    store.apply(postCreated(1, 'p1'));
    store.apply(commentCreated(2, 'p1', 'c1'));

    // Act
    store.apply(commentUpdated(4, 'p1', 'c1', 'approved'));
    store.apply(commentUpdated(4, 'p1', 'c1', 'approved'));

    // Assert
    expect(store.commentsOf('p1')).toEqual([{ id: 'c1', content: 'Nice post', status: 'approved' }]);
  });

  test('CommentStore, when an update names an unknown comment, ignores it', () => {
    // Arrange
    const store = new CommentStore();
    store.apply(postCreated(1, 'p1'));

    // Act
    store.apply(commentUpdated(4, 'p1', 'ghost', 'approved'));

    // Assert
    expect(store.commentsOf('p1')).toEqual([]);
  });

  test('CommentStore, when a moderation decision arrives, leaves the comment as it is until CommentUpdated', () => {
    // Arrange
    const store = new CommentStore();
    store.apply(postCreated(1, 'p1'));
    store.apply(commentCreated(2, 'p1', 'c1'));

    // Act
    store.apply(commentModerated(3, 'p1', 'c1', 'approved'));

    // Assert
    expect(store.commentsOf('p1')[0]!.status).toBe('pending');
  });

  test('CommentStore, when a comment is added, does not let the caller change the stored copy', () => {
    // Arrange
    const store = new CommentStore();
    store.apply(postCreated(1, 'p1'));
    const comment = { id: 'c1', content: 'Original', status: 'pending' as const };

    // Act
    store.addComment('p1', comment);
    comment.content = 'Changed afterwards';

    // Assert
    expect(store.commentsOf('p1')[0]!.content).toBe('Original');
  });
});
