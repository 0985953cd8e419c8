import { render, screen } from '@testing-library/react';
import { CommentList } from '../../src/components/CommentList';

describe('CommentList', () => {
  it('CommentList, when a comment is approved, shows its content', () => {
    // Arrange
    const comments = [{ id: 'c1', content: 'Nice post', status: 'approved' as const }];

    // Act
    render(<CommentList comments={comments} />);

    // Assert
    expect(screen.getByRole('listitem')).toHaveTextContent(/^Nice post$/);
  });

  it('CommentList, when a comment is pending, says it is awaiting moderation and hides its content', () => {
    // Arrange
    const comments = [{ id: 'c1', content: 'secret draft', status: 'pending' as const }];

    // Act
    render(<CommentList comments={comments} />);

    // Assert
    expect(screen.getByRole('listitem')).toHaveTextContent(/^This comment is awaiting moderation$/);
    expect(screen.queryByText(/secret draft/)).not.toBeInTheDocument();
  });

  it('CommentList, when a comment is rejected, says it has been rejected and hides its content', () => {
    // Arrange
    const comments = [{ id: 'c1', content: 'I like oranges', status: 'rejected' as const }];

    // Act
    render(<CommentList comments={comments} />);

    // Assert
    expect(screen.getByRole('listitem')).toHaveTextContent(/^This comment has been rejected$/);
    expect(screen.queryByText(/oranges/)).not.toBeInTheDocument();
  });

  it('CommentList, when an approved comment contains markup, shows the characters and creates no element', () => {
    // Arrange
    const markup = '<img src=x onerror=alert(1)>';
    const comments = [{ id: 'c1', content: markup, status: 'approved' as const }];

    // Act
    const { container } = render(<CommentList comments={comments} />);

    // Assert
    expect(screen.getByRole('listitem').textContent).toBe(markup);
    expect(container.querySelector('img')).toBeNull();
  });

  it('CommentList, when there are no comments, says so', () => {
    // Arrange, Act
    render(<CommentList comments={[]} />);

    // Assert
    expect(screen.getByText('No comments yet.')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });
});
