import { sseFrame } from '@blog/service-kit';

describe('sseFrame', () => {
  test('sseFrame, when given only data, writes one data line and a blank line', () => {
    // Arrange
    const message = { data: '{"a":1}' };

    // Act
    const frame = sseFrame(message);

    // Assert
    expect(frame).toBe('data: {"a":1}\n\n');
  });

  test('sseFrame, when given an event name and an id, writes them before the data', () => {
    // Arrange
    const message = { event: 'post', id: 7, data: '{}' };

    // Act
    const frame = sseFrame(message);

    // Assert
    expect(frame).toBe('event: post\nid: 7\ndata: {}\n\n');
  });

  test('sseFrame, when the id is 0, still writes it', () => {
    // Arrange
    const message = { id: 0, data: 'x' };

    // Act
    const frame = sseFrame(message);

    // Assert
    expect(frame).toBe('id: 0\ndata: x\n\n');
  });
});
