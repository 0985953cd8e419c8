import { moderate } from '../src/moderate';

describe('moderate', () => {
  test.each(['orange', 'ORANGE', 'I like Oranges', 'an OrAnGe a day', 'blood-orange juice', 'xorangex'])(
    'moderate, when the content is %p, rejects it because it mentions orange',
    (content) => {
      // Arrange
      const input = content;

      // Act
      const decision = moderate(input);

      // Assert
      expect(decision).toBe('rejected');
    },
  );

  test.each(['apple', 'oran ge', 'orang', 'Great post!', 'range'])('moderate, when the content is %p, approves it', (content) => {
    // Arrange
    const input = content;

    // Act
    const decision = moderate(input);

    // Assert
    expect(decision).toBe('approved');
  });
});
