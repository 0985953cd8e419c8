import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../../src/api';
import { PostCreate } from '../../src/components/PostCreate';

/** A promise the test settles by hand, to look at the form while a request is in flight. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('PostCreate', () => {
  it('PostCreate, when the title is empty or only spaces, disables Submit', async () => {
    // Arrange
    const user = userEvent.setup();
    render(<PostCreate onCreate={jest.fn()} />);
    const button = screen.getByRole('button', { name: 'Submit' });
    const emptyAtFirst = (button as HTMLButtonElement).disabled;

    // Act
    await user.type(screen.getByLabelText('Title'), '   ');

    // Assert
    expect(emptyAtFirst).toBe(true);
    expect(button).toBeDisabled();
  });

  it('PostCreate, when a title is typed, enables Submit and sends that title', async () => {
    // Arrange
    const user = userEvent.setup();
    const onCreate = jest.fn().mockResolvedValue(undefined);
    render(<PostCreate onCreate={onCreate} />);

    // Act
    await user.type(screen.getByLabelText('Title'), 'My first post');
    await user.click(screen.getByRole('button', { name: 'Submit' }));

    // Assert
    expect(onCreate).toHaveBeenCalledWith('My first post');
    expect(screen.getByLabelText('Title')).toHaveValue('');
  });

  it('PostCreate, while the post is being sent, disables the button, and enables it again when it fails', async () => {
    // Arrange
    const user = userEvent.setup();
    const request = deferred();
    render(<PostCreate onCreate={() => request.promise} />);
    await user.type(screen.getByLabelText('Title'), 'Slow post');

    // Act
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const whileSending = screen.getByRole('button', { name: 'Submitting…' });
    const disabledWhileSending = (whileSending as HTMLButtonElement).disabled;
    request.reject(new ApiError(503, [{ message: 'try later' }]));

    // Assert
    expect(disabledWhileSending).toBe(true);
    expect(await screen.findByRole('button', { name: 'Submit' })).toBeEnabled();
  });

  it('PostCreate, when the API refuses the title, shows its message and keeps what was typed', async () => {
    // Arrange
    const user = userEvent.setup();
    const onCreate = jest.fn().mockRejectedValue(new ApiError(400, [{ message: 'title must be at most 200 characters', field: 'title' }]));
    render(<PostCreate onCreate={onCreate} />);
    await user.type(screen.getByLabelText('Title'), 'too long');

    // Act
    await user.click(screen.getByRole('button', { name: 'Submit' }));

    // Assert
    expect(await screen.findByRole('alert')).toHaveTextContent('title must be at most 200 characters');
    expect(screen.getByLabelText('Title')).toHaveValue('too long');
  });

  it('PostCreate, when the person edits after an error, clears the error', async () => {
    // Arrange
    const user = userEvent.setup();
    render(<PostCreate onCreate={jest.fn().mockRejectedValue(new ApiError(0, [{ message: 'Could not reach the server.' }]))} />);
    await user.type(screen.getByLabelText('Title'), 'x');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await screen.findByRole('alert');

    // Act
    await user.type(screen.getByLabelText('Title'), 'y');

    // Assert
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
