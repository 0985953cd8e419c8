import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../../src/api';
import { CommentCreate } from '../../src/components/CommentCreate';

describe('CommentCreate', () => {
  it('CommentCreate, when the comment is empty, disables its labelled Submit button', () => {
    // Arrange, Act
    render(<CommentCreate postTitle="Hello" onCreate={jest.fn()} />);

    // Assert
    expect(screen.getByLabelText('New comment')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Submit comment on Hello' })).toBeDisabled();
  });

  it('CommentCreate, when submitted, sends the content and empties the field', async () => {
    // Arrange
    const user = userEvent.setup();
    const onCreate = jest.fn().mockResolvedValue(undefined);
    render(<CommentCreate postTitle="Hello" onCreate={onCreate} />);

    // Act
    await user.type(screen.getByLabelText('New comment'), 'Great read{Enter}');

    // Assert
    expect(onCreate).toHaveBeenCalledWith('Great read');
    expect(screen.getByLabelText('New comment')).toHaveValue('');
  });

  it('CommentCreate, when the API answers an error, shows it in the page', async () => {
    // Arrange
    const user = userEvent.setup();
    const onCreate = jest.fn().mockRejectedValue(new ApiError(404, [{ message: 'post abc not found' }]));
    render(<CommentCreate postTitle="Hello" onCreate={onCreate} />);

    // Act
    await user.type(screen.getByLabelText('New comment'), 'Anyone there?{Enter}');

    // Assert
    expect(await screen.findByRole('alert')).toHaveTextContent('post abc not found');
  });
});
