/** The figures the targets of issue 7 are judged on. */
export interface TargetInputs {
  publishRatio: number;
  fanOutRatio: number;
  endToEnd: { commentsPerSecond: number; p99Ms: number; converged: boolean };
  replaySeconds: number;
  /** The largest resident memory of any service, MB. */
  maxRssMb: number;
}

export interface TargetVerdict {
  measurement: 'publish' | 'fan-out' | 'end to end' | 'replay' | 'memory';
  target: string;
  met: boolean;
  /** How far from the target, in words, when it is not met. */
  shortBy?: string;
}

export const targets = {
  publishRatio: 0.7,
  fanOutRatio: 10,
  commentsPerSecond: 1500,
  p99Ms: 50,
  replaySeconds: 2,
  rssMb: 150,
} as const;

const pct = (value: number, target: number) => `${Math.round((value / target) * 100)}% of the target`;

/** Judges each measurement against the targets of issue 7. */
export function judge(inputs: TargetInputs): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  const add = (measurement: TargetVerdict['measurement'], target: string, met: boolean, shortBy: string) =>
    verdicts.push({ measurement, target, met, ...(!met && { shortBy }) });

  add('publish', `≥ ${targets.publishRatio}× baseline`, inputs.publishRatio >= targets.publishRatio, `${inputs.publishRatio}×: ${pct(inputs.publishRatio, targets.publishRatio)}`);
  add('fan-out', `≥ ${targets.fanOutRatio}× baseline`, inputs.fanOutRatio >= targets.fanOutRatio, `${inputs.fanOutRatio}×: ${pct(inputs.fanOutRatio, targets.fanOutRatio)}`);

  const e2e = inputs.endToEnd;
  const e2eProblems: string[] = [];
  if (!e2e.converged) e2eProblems.push('did not converge');
  if (e2e.commentsPerSecond < targets.commentsPerSecond) e2eProblems.push(`${e2e.commentsPerSecond} comments/s: ${pct(e2e.commentsPerSecond, targets.commentsPerSecond)}`);
  if (e2e.p99Ms > targets.p99Ms) e2eProblems.push(`p99 ${e2e.p99Ms} ms: ${(e2e.p99Ms / targets.p99Ms).toFixed(1)}× the limit`);
  add('end to end', `≥ ${targets.commentsPerSecond.toLocaleString('en-US')} comments/s, p99 ≤ ${targets.p99Ms} ms`, e2eProblems.length === 0, e2eProblems.join('; '));

  add('replay', `≤ ${targets.replaySeconds} s`, inputs.replaySeconds <= targets.replaySeconds, `${inputs.replaySeconds} s: ${(inputs.replaySeconds / targets.replaySeconds).toFixed(1)}× the limit`);
  add('memory', `≤ ${targets.rssMb} MB each`, inputs.maxRssMb <= targets.rssMb, `${inputs.maxRssMb} MB: ${(inputs.maxRssMb / targets.rssMb).toFixed(1)}× the limit`);
  return verdicts;
}
