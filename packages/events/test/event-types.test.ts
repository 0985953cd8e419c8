import { Content, EntityId, EventId, EventType, NewEventSchema, StoredEventSchema, Title, eventTypes, limits } from '@blog/events';

describe('event names', () => {
  test('EventType, when listed, holds exactly the four events of the course', () => {
    // Arrange
    const expected = ['PostCreated', 'CommentCreated', 'CommentModerated', 'CommentUpdated'];

    // Act
    const names = eventTypes;

    // Assert
    expect([...names].sort()).toEqual([...expected].sort());
    expect(Object.values(EventType)).toEqual(names);
  });
});

describe('text fields', () => {
  test('Title, when the title has surrounding spaces, trims them', () => {
    // Arrange
    const input = '  Hello  ';

    // Act
    const title = Title.parse(input);

    // Assert
    expect(title).toBe('Hello');
  });

  test.each([
    ['empty', ''],
    ['whitespace only', ' \t\n '],
    ['one character too long', 'x'.repeat(limits.titleLength + 1)],
    ['a number', 42],
    ['null', null],
  ])('Title, when the title is %s, refuses it', (_case, input) => {
    // Arrange
    const value: unknown = input;

    // Act
    const result = Title.safeParse(value);

    // Assert
    expect(result.success).toBe(false);
  });

  test('Title, when the title is exactly at the limit, accepts it', () => {
    // Arrange
    const input = 'x'.repeat(limits.titleLength);

    // Act
    const result = Title.safeParse(input);

    // Assert
    expect(result.success).toBe(true);
  });

  test('Content, when the content is at and just past its limit, accepts then refuses', () => {
    // Arrange
    const atLimit = 'y'.repeat(limits.contentLength);
    const pastLimit = 'y'.repeat(limits.contentLength + 1);

    // Act
    const results = [Content.safeParse(atLimit).success, Content.safeParse(pastLimit).success];

    // Assert
    expect(results).toEqual([true, false]);
  });

  test('Content, when the only long part is surrounding whitespace, accepts it trimmed', () => {
    // Arrange
    const input = `${' '.repeat(limits.contentLength)}ok`;

    // Act
    const content = Content.parse(input);

    // Assert
    expect(content).toBe('ok');
  });
});

describe('ids', () => {
  test.each(['V1StGXR8_Z5jdHi6B-myT', 'a', 'x'.repeat(limits.idLength)])('EntityId, when the id is %p, accepts it', (id) => {
    // Arrange
    const input = id;

    // Act
    const result = EntityId.safeParse(input);

    // Assert
    expect(result.success).toBe(true);
  });

  test.each(['', 'has space', '../etc', 'a:b', 'x'.repeat(limits.idLength + 1)])('EntityId, when the id is %p, refuses it', (id) => {
    // Arrange
    const input = id;

    // Act
    const result = EntityId.safeParse(input);

    // Assert
    expect(result.success).toBe(false);
  });

  test('EventId, when the id is derived from another event id, accepts the colon', () => {
    // Arrange
    const input = '3f2c7a0e-2b1d-4d7e-9a55-1c2b3d4e5f60:moderated:updated';

    // Act
    const result = EventId.safeParse(input);

    // Assert
    expect(result.success).toBe(true);
  });
});

describe('NewEventSchema', () => {
  test('NewEventSchema, when the event is a valid CommentCreated, accepts it', () => {
    // Arrange
    const input = { type: 'CommentCreated', data: { id: 'c1', postId: 'p1', content: 'Nice', status: 'pending' } };

    // Act
    const result = NewEventSchema.safeParse(input);

    // Assert
    expect(result.success).toBe(true);
  });

  test.each([
    ['an unknown type', { type: 'PostDeleted', data: { id: 'p1' } }],
    ['a CommentCreated that is not pending', { type: 'CommentCreated', data: { id: 'c1', postId: 'p1', content: 'x', status: 'approved' } }],
    ['a CommentModerated still pending', { type: 'CommentModerated', data: { id: 'c1', postId: 'p1', content: 'x', status: 'pending' } }],
    ['a PostCreated without a title', { type: 'PostCreated', data: { id: 'p1' } }],
    ['a CommentUpdated with an unknown status', { type: 'CommentUpdated', data: { id: 'c1', postId: 'p1', content: 'x', status: 'deleted' } }],
  ])('NewEventSchema, when the event is %s, refuses it', (_case, input) => {
    // Arrange
    const value: unknown = input;

    // Act
    const result = NewEventSchema.safeParse(value);

    // Assert
    expect(result.success).toBe(false);
  });
});

describe('StoredEventSchema', () => {
  const stored = { id: 'e1', seq: 1, occurredAt: '2026-01-01T00:00:00.000Z', type: 'PostCreated', data: { id: 'p1', title: 'Hi' } };

  test('StoredEventSchema, when the pushed event has its id, seq and time, accepts it', () => {
    // Arrange
    const input = stored;

    // Act
    const result = StoredEventSchema.safeParse(input);

    // Assert
    expect(result.success).toBe(true);
  });

  test.each([
    ['no seq', { ...stored, seq: undefined }],
    ['seq 0', { ...stored, seq: 0 }],
    ['a fractional seq', { ...stored, seq: 1.5 }],
    ['no id', { ...stored, id: undefined }],
    ['no occurredAt', { ...stored, occurredAt: undefined }],
  ])('StoredEventSchema, when the pushed event has %s, refuses it', (_case, input) => {
    // Arrange
    const value: unknown = input;

    // Act
    const result = StoredEventSchema.safeParse(value);

    // Assert
    expect(result.success).toBe(false);
  });
});
