import { NewEventSchema } from '@blog/events';
import { countConverged, findCommentId } from '../src/bench/convergence';
import { commentsToReach, seedEvents } from '../src/bench/fill-log';
import { parseBenchOptions, UsageError } from '../src/bench/options';

describe('bench parts', () => {
  it('seedEvents, when asked for 45 comments, makes valid events: a post every 20 comments, each comment on an existing post', () => {
    // Act
    const events = seedEvents(45, 'test');

    // Assert
    for (const event of events) expect(NewEventSchema.safeParse(event).success).toBe(true);
    const posts = events.filter((e) => (e as { type: string }).type === 'PostCreated');
    expect(posts).toHaveLength(3);
    const postIds = new Set(posts.map((p) => (p as { data: { id: string } }).data.id));
    const comments = events.filter((e) => (e as { type: string }).type === 'CommentCreated') as Array<{ data: { postId: string } }>;
    expect(comments).toHaveLength(45);
    for (const comment of comments) expect(postIds.has(comment.data.postId)).toBe(true);
  });

  it('commentsToReach, when the log needs 1,000 more events, seeds enough comments for their three events each and their posts', () => {
    // Act
    const comments = commentsToReach(101_000, 100_000);

    // Assert: comments × 3 + posts (one per 20) reach the missing 1,000 without overshooting by a comment.
    const events = (n: number) => n * 3 + Math.ceil(n / 20);
    expect(events(comments)).toBeGreaterThanOrEqual(1000);
    expect(events(comments - 1)).toBeLessThan(1000);
  });

  it('commentsToReach, when the log is already past the target, seeds nothing', () => {
    expect(commentsToReach(100, 250)).toBe(0);
  });

  it('countConverged, when one comment is still pending and one has the wrong status, counts only the one that is final and right', () => {
    // Arrange
    const view = { p1: { comments: [{ id: 'a', status: 'approved' }, { id: 'b', status: 'pending' }, { id: 'c', status: 'approved' }] } };
    const sent = [
      { id: 'a', postId: 'p1', expected: 'approved' as const },
      { id: 'b', postId: 'p1', expected: 'approved' as const },
      { id: 'c', postId: 'p1', expected: 'rejected' as const },
    ];

    // Act / Assert
    expect(countConverged(view, sent)).toBe(1);
  });

  it('findCommentId, when two comments share content, answers the newest (the one just added)', () => {
    const answer = JSON.stringify([
      { id: 'old', content: 'same' },
      { id: 'new', content: 'same' },
    ]);
    expect(findCommentId(answer, 'same')).toBe('new');
  });

  it('parseBenchOptions, when run with --quick, shortens the runs and writes no chart', () => {
    // Act
    const parsed = parseBenchOptions(['--quick'], '/repo/docs/bench-latency.svg');

    // Assert
    if (parsed.help) throw new Error('expected options');
    expect(parsed.options).toMatchObject({ quick: true, seconds: 2, levels: [8, 32], logEvents: 20_000, chartPath: undefined });
  });

  it('parseBenchOptions, when the levels leave out 32, adds it: the headline figure is at 32 clients', () => {
    const parsed = parseBenchOptions(['--levels', '64,4'], '/c.svg');
    if (parsed.help) throw new Error('expected options');
    expect(parsed.options.levels).toEqual([4, 32, 64]);
    expect(parsed.options.chartPath).toBe('/c.svg');
  });

  it('parseBenchOptions, when --only names an unknown measurement, throws a UsageError naming the valid ones', () => {
    expect(() => parseBenchOptions(['--only', 'publish,speed'], '/c.svg')).toThrow(UsageError);
    expect(() => parseBenchOptions(['--only', 'speed'], '/c.svg')).toThrow(/publish, fan-out, end-to-end, memory, replay/);
  });
});
