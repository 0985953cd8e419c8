import { failureReasons, hasPassed, hasSettled, judge, type AcknowledgedComment, type QueryView } from '../src/loadtest/verdict';

const ack = (id: string, expectedStatus: 'approved' | 'rejected' = 'approved', postId = 'p1'): AcknowledgedComment => ({
  id,
  postId,
  content: `content of ${id}`,
  expectedStatus,
});
const shown = (id: string, status: string) => ({ id, content: `content of ${id}`, status });

describe('judge', () => {
  it('judge, when every acknowledged comment is shown once with its status, passes', () => {
    // Arrange
    const acknowledged = [ack('c1'), ack('c2', 'rejected')];
    const view: QueryView = { p1: { id: 'p1', title: 't', comments: [shown('c1', 'approved'), shown('c2', 'rejected')] } };

    // Act
    const verdict = judge(acknowledged, view);

    // Assert
    expect(verdict).toMatchObject({ acknowledged: 2, visible: 2, lost: 0, duplicated: 0, wrongStatus: 0, pending: 0, misplaced: 0 });
    expect(hasPassed(verdict)).toBe(true);
    expect(failureReasons(verdict)).toEqual([]);
  });

  it('judge, when an acknowledged comment is missing, counts it lost and fails', () => {
    const view: QueryView = { p1: { id: 'p1', title: 't', comments: [shown('c1', 'approved')] } };

    const verdict = judge([ack('c1'), ack('c2')], view);

    expect(verdict).toMatchObject({ visible: 1, lost: 1 });
    expect(verdict.examples.lost).toEqual(['c2']);
    expect(hasSettled(verdict)).toBe(false);
    expect(hasPassed(verdict)).toBe(false);
    expect(failureReasons(verdict).join()).toMatch(/1 acknowledged comment\(s\) lost/);
  });

  it('judge, when a comment id appears twice, counts it duplicated', () => {
    const view: QueryView = { p1: { id: 'p1', title: 't', comments: [shown('c1', 'approved'), shown('c1', 'approved')] } };

    const verdict = judge([ack('c1')], view);

    expect(verdict).toMatchObject({ visible: 1, duplicated: 1, lost: 0 });
    expect(hasPassed(verdict)).toBe(false);
  });

  it('judge, when the same content was stored under a second id, counts it duplicated', () => {
    const view: QueryView = {
      p1: { id: 'p1', title: 't', comments: [shown('c1', 'approved'), { id: 'other', content: 'content of c1', status: 'approved' }] },
    };

    const verdict = judge([ack('c1')], view);

    expect(verdict.duplicated).toBe(1);
  });

  it('judge, when a comment ends in the other final status, counts a wrong status', () => {
    const view: QueryView = { p1: { id: 'p1', title: 't', comments: [shown('c1', 'approved')] } };

    const verdict = judge([ack('c1', 'rejected')], view);

    expect(verdict).toMatchObject({ wrongStatus: 1, pending: 0 });
    expect(hasSettled(verdict)).toBe(true);
    expect(hasPassed(verdict)).toBe(false);
  });

  it('judge, when a comment is still pending, has not settled', () => {
    const view: QueryView = { p1: { id: 'p1', title: 't', comments: [shown('c1', 'pending')] } };

    const verdict = judge([ack('c1')], view);

    expect(verdict).toMatchObject({ visible: 1, pending: 1, wrongStatus: 0 });
    expect(hasSettled(verdict)).toBe(false);
  });

  it('judge, when a comment shows under another post, counts it misplaced', () => {
    const view: QueryView = { p2: { id: 'p2', title: 't', comments: [shown('c1', 'approved')] } };

    const verdict = judge([ack('c1', 'approved', 'p1')], view);

    expect(verdict).toMatchObject({ visible: 1, misplaced: 1 });
    expect(hasPassed(verdict)).toBe(false);
  });

  it('judge, when nothing was acknowledged, fails rather than passing vacuously', () => {
    const verdict = judge([], {});

    expect(hasPassed(verdict)).toBe(false);
    expect(failureReasons(verdict).join()).toMatch(/no comment was acknowledged/);
  });

  it('judge, when the view holds malformed posts and unrelated comments, ignores them', () => {
    const view = {
      junk: null,
      p0: { id: 'p0', title: 'x' },
      p1: { id: 'p1', title: 't', comments: [shown('someone-else', 'pending'), shown('c1', 'approved')] },
    } as unknown as QueryView;

    const verdict = judge([ack('c1')], view);

    expect(hasPassed(verdict)).toBe(true);
  });
});
