import { render, screen, within } from '@testing-library/react';
import { PostList } from '../../src/components/PostList';
import type { Post } from '../../src/types';

const post = (overrides: Partial<Post> = {}): Post => ({ id: 'p1', title: 'Hello', comments: [], ...overrides });

describe('PostList', () => {
  it('PostList, when loaded with no posts, says the list is empty', () => {
    // Arrange, Act
    render(<PostList posts={[]} loaded onCreateComment={jest.fn()} />);

    // Assert
    expect(screen.getByText('No posts yet. Create the first one above.')).toBeInTheDocument();
  });

  it('PostList, before the first snapshot, says it is loading rather than empty', () => {
    // Arrange, Act
    render(<PostList posts={[]} loaded={false} onCreateComment={jest.fn()} />);

    // Assert
    expect(screen.getByText('Loading posts…')).toBeInTheDocument();
    expect(screen.queryByText(/No posts yet/)).not.toBeInTheDocument();
  });

  it('PostList, for each post, shows a card with its title and how many comments it has', () => {
    // Arrange
    const posts = [
      post({ id: 'p1', title: 'First', comments: [{ id: 'c1', content: 'a', status: 'approved' }] }),
      post({
        id: 'p2',
        title: 'Second',
        comments: [
          { id: 'c2', content: 'b', status: 'pending' },
          { id: 'c3', content: 'c', status: 'rejected' },
        ],
      }),
      post({ id: 'p3', title: 'Third' }),
    ];

    // Act
    render(<PostList posts={posts} loaded onCreateComment={jest.fn()} />);

    // Assert
    expect(within(screen.getByRole('article', { name: 'First' })).getByText('1 comment')).toBeInTheDocument();
    expect(within(screen.getByRole('article', { name: 'Second' })).getByText('2 comments')).toBeInTheDocument();
    expect(within(screen.getByRole('article', { name: 'Third' })).getByText('0 comments')).toBeInTheDocument();
  });

  it('PostList, when a title contains markup, shows it as text', () => {
    // Arrange
    const title = '<script>alert(1)</script><b>bold</b>';

    // Act
    const { container } = render(<PostList posts={[post({ title })]} loaded onCreateComment={jest.fn()} />);

    // Assert
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe(title);
    expect(container.querySelector('script, b')).toBeNull();
  });
});
