/**
 * The load test's verdict, kept pure so that it can be tested on its own:
 * given the comments the stack acknowledged and what the query service shows,
 * how many are visible, lost, duplicated, still pending or in the wrong status.
 */

export type FinalStatus = 'approved' | 'rejected';

/** A comment the comments service answered 201 for, and the status moderation must give it. */
export interface AcknowledgedComment {
  id: string;
  postId: string;
  content: string;
  expectedStatus: FinalStatus;
}

/** `GET /posts` of the query service: `{[postId]: {id, title, comments: [{id, content, status}]}}`. */
export type QueryView = Record<string, { id: string; title?: string; comments?: Array<{ id: string; content: string; status: string }> }>;

export interface Verdict {
  acknowledged: number;
  /** Acknowledged comments that appear in the view at least once. */
  visible: number;
  /** Acknowledged comments the view does not show at all. */
  lost: number;
  /** Acknowledged comments shown more than once (by id, or by their unique content under another id). */
  duplicated: number;
  /** Acknowledged comments shown with a final status other than the one moderation must give. */
  wrongStatus: number;
  /** Acknowledged comments still `pending` (or with no recognised status): not final yet. */
  pending: number;
  /** Acknowledged comments shown under another post than the one they were written on. */
  misplaced: number;
  /** A few ids of each problem, to start an investigation from. */
  examples: { lost: string[]; duplicated: string[]; wrongStatus: string[]; pending: string[]; misplaced: string[] };
}

const EXAMPLES = 5;

/** Nothing more will change by waiting: every acknowledged comment is visible and final. */
export function hasSettled(verdict: Verdict): boolean {
  return verdict.lost === 0 && verdict.pending === 0;
}

/** Every acknowledged comment appears exactly once, on its post, with the right final status. */
export function hasPassed(verdict: Verdict): boolean {
  return (
    verdict.acknowledged > 0 &&
    verdict.lost === 0 &&
    verdict.duplicated === 0 &&
    verdict.wrongStatus === 0 &&
    verdict.pending === 0 &&
    verdict.misplaced === 0
  );
}

/** The reasons a verdict fails, in words; empty when it passes. */
export function failureReasons(verdict: Verdict): string[] {
  const reasons: string[] = [];
  if (verdict.acknowledged === 0) reasons.push('no comment was acknowledged: the stack accepted nothing');
  if (verdict.lost > 0) reasons.push(`${verdict.lost} acknowledged comment(s) lost (e.g. ${verdict.examples.lost.join(', ')})`);
  if (verdict.duplicated > 0) reasons.push(`${verdict.duplicated} comment(s) duplicated (e.g. ${verdict.examples.duplicated.join(', ')})`);
  if (verdict.wrongStatus > 0) reasons.push(`${verdict.wrongStatus} comment(s) in the wrong status (e.g. ${verdict.examples.wrongStatus.join(', ')})`);
  if (verdict.pending > 0) reasons.push(`${verdict.pending} comment(s) never reached a final status (e.g. ${verdict.examples.pending.join(', ')})`);
  if (verdict.misplaced > 0) reasons.push(`${verdict.misplaced} comment(s) shown under the wrong post (e.g. ${verdict.examples.misplaced.join(', ')})`);
  return reasons;
}

interface Sighting {
  postId: string;
  status: string;
}

/** Compares the acknowledged comments with the query view. */
export function judge(acknowledged: readonly AcknowledgedComment[], view: QueryView): Verdict {
  const byId = new Map<string, Sighting[]>();
  const idsByContent = new Map<string, Set<string>>();
  for (const [postKey, post] of Object.entries(view)) {
    if (post === null || typeof post !== 'object' || !Array.isArray(post.comments)) continue;
    const postId = typeof post.id === 'string' ? post.id : postKey;
    for (const comment of post.comments) {
      if (comment === null || typeof comment !== 'object') continue;
      const sightings = byId.get(comment.id) ?? [];
      sightings.push({ postId, status: comment.status });
      byId.set(comment.id, sightings);
      const ids = idsByContent.get(comment.content) ?? new Set<string>();
      ids.add(comment.id);
      idsByContent.set(comment.content, ids);
    }
  }

  const verdict: Verdict = {
    acknowledged: acknowledged.length,
    visible: 0,
    lost: 0,
    duplicated: 0,
    wrongStatus: 0,
    pending: 0,
    misplaced: 0,
    examples: { lost: [], duplicated: [], wrongStatus: [], pending: [], misplaced: [] },
  };
  const note = (kind: keyof Verdict['examples'], id: string) => {
    if (verdict.examples[kind].length < EXAMPLES) verdict.examples[kind].push(id);
  };

  for (const comment of acknowledged) {
    const sightings = byId.get(comment.id) ?? [];
    if (sightings.length === 0) {
      verdict.lost++;
      note('lost', comment.id);
      continue;
    }
    verdict.visible++;
    // Each acknowledged comment has content no other request used: the same
    // content under two ids means one write was applied twice.
    const sameContent = idsByContent.get(comment.content)?.size ?? 0;
    if (sightings.length > 1 || sameContent > 1) {
      verdict.duplicated++;
      note('duplicated', comment.id);
    }
    if (sightings.some((sighting) => sighting.postId !== comment.postId)) {
      verdict.misplaced++;
      note('misplaced', comment.id);
    }
    const status = sightings[0]!.status;
    if (status === 'approved' || status === 'rejected') {
      if (status !== comment.expectedStatus) {
        verdict.wrongStatus++;
        note('wrongStatus', comment.id);
      }
    } else {
      verdict.pending++;
      note('pending', comment.id);
    }
  }
  return verdict;
}
