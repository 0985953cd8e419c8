import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../src/App';
import type { BlogApi } from '../src/api';
import { fakeEventSources } from './support/fake-event-source';

function fakeApi(overrides: Partial<BlogApi> = {}): BlogApi {
  return {
    createPost: jest.fn().mockResolvedValue({ id: 'new', title: 'New' }),
    createComment: jest.fn().mockResolvedValue([]),
    ...overrides,
  };
}

describe('App', () => {
  it('App, when the stream sends a snapshot, shows its posts and turns live', () => {
    // Arrange
    const sources = fakeEventSources();
    render(<App api={fakeApi()} openEventSource={sources.open} />);

    // Act
    act(() =>
      sources.latest().sendSnapshot({
        p1: { id: 'p1', title: 'From the snapshot', comments: [{ id: 'c1', content: 'hi', status: 'approved' }] },
      }),
    );

    // Assert
    expect(sources.latest().url).toBe('/posts/stream');
    expect(screen.getByRole('article', { name: 'From the snapshot' })).toHaveTextContent('hi');
    expect(screen.getByRole('status')).toHaveTextContent('Live');
  });

  it('App, when a post message changes a comment status, shows the new wording without a reload', () => {
    // Arrange
    const sources = fakeEventSources();
    render(<App api={fakeApi()} openEventSource={sources.open} />);
    act(() =>
      sources.latest().sendSnapshot({
        p1: { id: 'p1', title: 'Hello', comments: [{ id: 'c1', content: 'I like oranges', status: 'pending' }] },
      }),
    );
    const before = screen.getByRole('listitem').textContent;

    // Act
    act(() =>
      sources.latest().sendPost({ id: 'p1', title: 'Hello', comments: [{ id: 'c1', content: 'I like oranges', status: 'rejected' }] }),
    );

    // Assert
    expect(before).toBe('This comment is awaiting moderation');
    expect(screen.getByRole('listitem')).toHaveTextContent('This comment has been rejected');
  });

  it('App, when a post message names a post it has not seen, adds a card for it', () => {
    // Arrange
    const sources = fakeEventSources();
    render(<App api={fakeApi()} openEventSource={sources.open} />);
    act(() => sources.latest().sendSnapshot({}));
    const emptyBefore = screen.queryByText(/No posts yet/) !== null;

    // Act
    act(() => sources.latest().sendPost({ id: 'p9', title: 'Someone else wrote this', comments: [] }));

    // Assert
    expect(emptyBefore).toBe(true);
    expect(screen.getByRole('article', { name: 'Someone else wrote this' })).toBeInTheDocument();
  });

  it('App, when the stream is lost and comes back, replaces its posts with the fresh snapshot', () => {
    // Arrange
    const sources = fakeEventSources();
    render(<App api={fakeApi()} openEventSource={sources.open} />);
    act(() => sources.latest().sendSnapshot({ p1: { id: 'p1', title: 'Old', comments: [] } }));

    // Act
    act(() => sources.latest().fail({ gaveUp: false }));
    const whileDown = screen.getByRole('status').textContent;
    act(() =>
      sources.latest().sendSnapshot({
        p1: { id: 'p1', title: 'Old', comments: [{ id: 'c1', content: 'missed while away', status: 'approved' }] },
        p2: { id: 'p2', title: 'Also missed', comments: [] },
      }),
    );

    // Assert
    expect(whileDown).toBe('Reconnecting…');
    expect(screen.getByText('missed while away')).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Also missed' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Live');
  });

  it('App, when a post is created, shows its card at once even before the stream tells', async () => {
    // Arrange
    const user = userEvent.setup();
    const sources = fakeEventSources();
    const api = fakeApi({ createPost: jest.fn().mockResolvedValue({ id: 'p1', title: 'Mine' }) });
    render(<App api={api} openEventSource={sources.open} />);
    act(() => sources.latest().sendSnapshot({}));

    // Act
    await user.type(screen.getByLabelText('Title'), 'Mine{Enter}');

    // Assert
    expect(api.createPost).toHaveBeenCalledWith('Mine');
    expect(await screen.findByRole('article', { name: 'Mine' })).toHaveTextContent('0 comments');
  });

  it('App, when a comment is added, sends it for that post and shows it as awaiting moderation', async () => {
    // Arrange
    const user = userEvent.setup();
    const sources = fakeEventSources();
    const api = fakeApi({ createComment: jest.fn().mockResolvedValue([{ id: 'c1', content: 'Nice', status: 'pending' }]) });
    render(<App api={api} openEventSource={sources.open} />);
    act(() => sources.latest().sendSnapshot({ p1: { id: 'p1', title: 'Hello', comments: [] } }));
    const card = screen.getByRole('article', { name: 'Hello' });

    // Act
    await user.type(within(card).getByLabelText('New comment'), 'Nice{Enter}');

    // Assert
    expect(api.createComment).toHaveBeenCalledWith('p1', 'Nice');
    expect(within(card).getByRole('listitem')).toHaveTextContent('This comment is awaiting moderation');
    expect(within(card).getByText('1 comment')).toBeInTheDocument();
  });

  it('App, when unmounted, closes its stream', () => {
    // Arrange
    const sources = fakeEventSources();
    const { unmount } = render(<App api={fakeApi()} openEventSource={sources.open} />);

    // Act
    unmount();

    // Assert
    expect(sources.opened.every((source) => source.closed)).toBe(true);
  });
});
