import { percentile, perSecond, ratio, summariseLatency } from '../src/bench/stats';
import { cpuMeter, parseProcStatCpuMs } from '../src/bench/cpu-time';
import { parseVmRssKb } from '../src/bench/memory';

describe('bench statistics', () => {
  it('percentile, when asked for p50 and p99 of 1..100, answers the nearest rank', () => {
    // Arrange
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);

    // Act
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);

    // Assert
    expect(p50).toBe(50);
    expect(p99).toBe(99);
  });

  it('percentile, when there are no values, answers 0', () => {
    expect(percentile([], 99)).toBe(0);
  });

  it('summariseLatency, when latencies arrive unsorted, sorts them numerically and rounds to 0.1 ms', () => {
    // Arrange: numeric, not lexicographic order matters (100 < 9 as strings).
    const latencies = [100.04, 9, 2.26, 50, 3];

    // Act
    const summary = summariseLatency(latencies);

    // Assert
    expect(summary).toEqual({ count: 5, p50: 9, p99: 100, max: 100 });
  });

  it('perSecond, when 1,500 events took 750 ms, answers 2,000', () => {
    expect(perSecond(1500, 750)).toBe(2000);
  });

  it('ratio, when the baseline is missing (0), answers 0 rather than Infinity', () => {
    expect(ratio(10, 0)).toBe(0);
    expect(ratio(700, 1000)).toBe(0.7);
  });

  it('parseVmRssKb, when given a /proc status file, reads the VmRSS line in kB', () => {
    // Arrange
    const status = 'Name:\tnode\nVmPeak:\t 1234 kB\nVmRSS:\t   98304 kB\nRssAnon:\t 80000 kB\n';

    // Act
    const kb = parseVmRssKb(status);

    // Assert
    expect(kb).toBe(98304);
  });

  it('parseVmRssKb, when the status has no VmRSS line (a zombie), answers undefined', () => {
    expect(parseVmRssKb('Name:\tnode\nState:\tZ (zombie)\n')).toBeUndefined();
  });

  it('parseProcStatCpuMs, when the command name holds spaces and parentheses, adds utime and stime (fields 14 and 15) in ms', () => {
    // Arrange: 1/100 s ticks; utime 250, stime 40
    const stat = '4242 (node (x) y) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 40 0 0 20 0 11 0 500 1000 2000';

    // Act
    const ms = parseProcStatCpuMs(stat);

    // Assert
    expect(ms).toBe(2900);
  });

  it('cpuMeter, for this process, counts the CPU it spends between start and reading, per unit of work', () => {
    // Arrange
    const meter = cpuMeter({ self: process.pid, gone: undefined });
    const until = process.cpuUsage().user + 50_000;
    // Act: 50 ms of CPU, at least
    while (process.cpuUsage().user < until) Math.sqrt(Math.random());
    const perUnit = meter(10);
    // Assert: /proc counts in 10 ms ticks, so allow one tick of rounding
    expect(perUnit['load generator']).toBeGreaterThanOrEqual(5);
    expect(perUnit.self).toBeGreaterThanOrEqual(4);
    expect(perUnit).not.toHaveProperty('gone');
  });
});
