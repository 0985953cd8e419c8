import { latencyChartSvg, niceCeiling } from '../src/bench/chart';
import { packageOf, summariseProfile } from '../src/bench/profile-summary';
import { markdownTable } from '../src/bench/table';
import { judge, type TargetInputs } from '../src/bench/targets';

const passing: TargetInputs = {
  publishRatio: 0.8,
  fanOutRatio: 12,
  endToEnd: { commentsPerSecond: 1600, p99Ms: 40, converged: true },
  replaySeconds: 1.5,
  maxRssMb: 120,
};

describe('bench table, targets and chart', () => {
  it('markdownTable, when cells differ in width, pads every column to its widest cell', () => {
    // Act
    const table = markdownTable(['a', 'long header'], [['wide cell here', 'x']]);

    // Assert
    expect(table.split('\n')).toEqual(['| a              | long header |', '| -------------- | ----------- |', '| wide cell here | x           |']);
  });

  it('markdownTable, when a cell contains a pipe, escapes it so the columns hold', () => {
    const table = markdownTable(['h'], [['a|b']]);
    expect(table).toContain('a\\|b');
  });

  it('judge, when every figure reaches its target, marks all five met', () => {
    const verdicts = judge(passing);
    expect(verdicts.map((v) => [v.measurement, v.met])).toEqual([
      ['publish', true],
      ['fan-out', true],
      ['end to end', true],
      ['replay', true],
      ['memory', true],
    ]);
  });

  it('judge, when end to end is fast enough but p99 is over 50 ms, marks it not met and says by how much', () => {
    // Act
    const verdict = judge({ ...passing, endToEnd: { commentsPerSecond: 2000, p99Ms: 75, converged: true } }).find((v) => v.measurement === 'end to end')!;

    // Assert
    expect(verdict.met).toBe(false);
    expect(verdict.shortBy).toBe('p99 75 ms: 1.5× the limit');
  });

  it('judge, when the stack did not converge, marks end to end not met whatever the throughput', () => {
    const verdict = judge({ ...passing, endToEnd: { commentsPerSecond: 5000, p99Ms: 1, converged: false } }).find((v) => v.measurement === 'end to end')!;
    expect(verdict.met).toBe(false);
    expect(verdict.shortBy).toContain('did not converge');
  });

  it('judge, when a ratio is exactly on the target, counts it as met', () => {
    const verdicts = judge({ ...passing, publishRatio: 0.7, fanOutRatio: 10, replaySeconds: 2, maxRssMb: 150 });
    expect(verdicts.every((v) => v.met)).toBe(true);
  });

  it('niceCeiling, when given a value, rounds it up to a round step times a power of ten', () => {
    expect([niceCeiling(0.29), niceCeiling(43), niceCeiling(120), niceCeiling(500), niceCeiling(2767)]).toEqual([0.3, 50, 150, 500, 3000]);
  });

  it('latencyChartSvg, when given three levels, draws a p50 and a p99 line through three points each, and the target line', () => {
    // Arrange
    const points = [
      { concurrency: 1, p50Ms: 2, p99Ms: 5, perSecond: 300 },
      { concurrency: 8, p50Ms: 6, p99Ms: 20, perSecond: 1200 },
      { concurrency: 32, p50Ms: 20, p99Ms: 60, perSecond: 1600 },
    ];

    // Act
    const svg = latencyChartSvg(points, { title: 'T <&> "q"', limitMs: 50 });

    // Assert
    const polylines = [...svg.matchAll(/<polyline [^>]*points="([^"]+)"/g)].map((m) => m[1]!.split(' ').length);
    expect(polylines).toEqual([3, 3]);
    expect(svg).toContain('target p99 50 ms');
    expect(svg).toContain('1,600/s');
    expect(svg).toContain('T &lt;&amp;&gt; &quot;q&quot;');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('latencyChartSvg, when a p99 is far above the rest, scales the axis to it so no point leaves the plot', () => {
    // Act
    const svg = latencyChartSvg([{ concurrency: 1, p50Ms: 1, p99Ms: 900, perSecond: 10 }], { title: 't' });

    // Assert: every circle lies inside the 420-pixel-high drawing.
    const ys = [...svg.matchAll(/<circle [^>]*cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys.length).toBe(2);
    for (const y of ys) {
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(420);
    }
  });
});

describe('bench CPU profile summary', () => {
  it('summariseProfile, when samples fall in express, libsql and the runtime, adds self time per package from the time deltas', () => {
    // Arrange: three frames; sample deltas in microseconds.
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: 'handle', url: 'file:///repo/node_modules/express/lib/router.js', lineNumber: 9 } },
        { id: 2, callFrame: { functionName: 'run', url: 'file:///repo/node_modules/libsql/index.js', lineNumber: 0 } },
        { id: 3, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
      ],
      samples: [1, 2, 2, 3],
      timeDeltas: [1000, 2000, 3000, 4000],
    };

    // Act
    const summary = summariseProfile(profile);

    // Assert
    expect(summary.totalMs).toBe(10);
    expect(summary.byPackage).toEqual([
      { name: 'libsql', ms: 5, share: 50 },
      { name: '(garbage collector)', ms: 4, share: 40 },
      { name: 'express', ms: 1, share: 10 },
    ]);
    expect(summary.topFunctions[0]).toMatchObject({ name: 'run', where: 'node_modules/libsql/index.js:1', ms: 5 });
  });

  it('packageOf, when the frame is the project\'s own code, names the workspace', () => {
    expect(packageOf({ functionName: 'flush', url: 'file:///work/main/services/event-bus/dist/event-log.js', lineNumber: 1 })).toBe('services/event-bus');
    expect(packageOf({ functionName: 'parse', url: 'file:///w/node_modules/@scope/pkg/x.js', lineNumber: 1 })).toBe('@scope/pkg');
    expect(packageOf({ functionName: 'writev', url: 'node:internal/stream_base_commons', lineNumber: 1 })).toBe('node (runtime)');
  });
});
