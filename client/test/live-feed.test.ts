import { startLiveFeed, type ConnectionState } from '../src/live-feed';
import { fakeEventSources } from './support/fake-event-source';

function startWithFakes() {
  const sources = fakeEventSources();
  const states: ConnectionState[] = [];
  const onSnapshot = jest.fn();
  const onPost = jest.fn();
  const feed = startLiveFeed({ url: '/posts/stream', open: sources.open, onSnapshot, onPost, onConnection: (s) => states.push(s) });
  return { sources, states, onSnapshot, onPost, feed };
}

describe('startLiveFeed', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('startLiveFeed, when the browser gives up on the stream, opens a new one after a growing wait', () => {
    // Arrange
    const { sources, feed } = startWithFakes();

    // Act
    sources.latest().fail({ gaveUp: true });
    jest.advanceTimersByTime(999);
    const beforeFirstWait = sources.opened.length;
    jest.advanceTimersByTime(1);
    const afterFirstWait = sources.opened.length;
    sources.latest().fail({ gaveUp: true });
    jest.advanceTimersByTime(1999);
    const beforeSecondWait = sources.opened.length;
    jest.advanceTimersByTime(1);
    feed.stop();

    // Assert
    expect([beforeFirstWait, afterFirstWait, beforeSecondWait, sources.opened.length]).toEqual([1, 2, 2, 3]);
    expect(sources.opened[0]?.closed).toBe(true);
  });

  it('startLiveFeed, when the browser is retrying by itself, does not open a second stream', () => {
    // Arrange
    const { sources, states, feed } = startWithFakes();

    // Act
    sources.latest().fail({ gaveUp: false });
    jest.advanceTimersByTime(60_000);
    feed.stop();

    // Assert
    expect(sources.opened).toHaveLength(1);
    expect(states).toEqual(['connecting', 'reconnecting']);
  });

  it('startLiveFeed, when a message is not JSON, drops the stream and resynchronises from a new snapshot', () => {
    // Arrange
    const { sources, onPost, feed } = startWithFakes();
    sources.latest().sendSnapshot({});

    // Act
    sources.latest().emit('post', '{not json');
    jest.advanceTimersByTime(1000);
    feed.stop();

    // Assert
    expect(onPost).not.toHaveBeenCalled();
    expect(sources.opened).toHaveLength(2);
  });

  it('startLiveFeed, once stopped, never reconnects', () => {
    // Arrange
    const { sources, feed } = startWithFakes();
    const first = sources.latest();

    // Act
    feed.stop();
    first.fail({ gaveUp: true });
    jest.advanceTimersByTime(60_000);

    // Assert
    expect(sources.opened).toHaveLength(1);
    expect(first.closed).toBe(true);
  });
});
