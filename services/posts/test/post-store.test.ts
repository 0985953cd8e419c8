import { EventType, type StoredEvent } from '@blog/events';
import { PostStore } from '../src/post-store';

const postCreated = (seq: number, id: string, title: string): StoredEvent => ({
  id: `e${seq}`,
  seq,
  occurredAt: '2026-01-01T00:00:00.000Z',
  type: EventType.PostCreated,
  data: { id, title },
});

describe('PostStore', () => {
  test('PostStore, when the same PostCreated is applied twice, holds the post once', () => {
    // Arrange
    const store = new PostStore();
    const event = postCreated(1, 'p1', 'Hello');

    // Act
    store.apply(event);
    store.apply(event);

    // Assert
    expect(store.toJSON()).toEqual({ p1: { id: 'p1', title: 'Hello' } });
  });

  test('PostStore, when its own post was added locally and then comes back from the tail, holds it once', () => {
    // Arrange
    const store = new PostStore();
    store.add({ id: 'p1', title: 'Mine' });

    // Act
    store.apply(postCreated(7, 'p1', 'Mine'));

    // Assert
    expect(Object.keys(store.toJSON())).toEqual(['p1']);
  });

  test('PostStore, when a second event reuses a known post id, keeps the first title', () => {
    // Arrange
    const store = new PostStore();
    store.apply(postCreated(1, 'p1', 'Original'));

    // Act
    store.apply(postCreated(2, 'p1', 'Impostor'));

    // Assert
    expect(store.toJSON().p1).toEqual({ id: 'p1', title: 'Original' });
  });

  test('PostStore, when given comment events, ignores them', () => {
    // Arrange
    const store = new PostStore();

    // Act
    store.apply({ id: 'e1', seq: 1, occurredAt: 'now', type: EventType.CommentCreated, data: { id: 'c1', postId: 'p1', content: 'x', status: 'pending' } });

    // Assert
    expect(store.toJSON()).toEqual({});
  });

  test('PostStore, when a post is added with extra fields, keeps only id and title', () => {
    // Arrange
    const store = new PostStore();
    const post = { id: 'p1', title: 'T', secret: 'x' };

    // Act
    store.add(post);

    // Assert
    expect(store.toJSON()).toEqual({ p1: { id: 'p1', title: 'T' } });
  });
});
