/** Latency summary of one measurement, in milliseconds. */
export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** The nearest-rank percentile (p in 0..100) of values sorted ascending; 0 for no values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Rounds to `digits` decimals (figures in a report need no more). */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** p50, p99 and max of latencies (ms), each rounded to 0.1 ms. */
export function summariseLatency(latenciesMs: readonly number[]): Latency {
  const sorted = Float64Array.from(latenciesMs).sort();
  const values = Array.from(sorted);
  return {
    count: values.length,
    p50: round(percentile(values, 50)),
    p99: round(percentile(values, 99)),
    max: round(values.at(-1) ?? 0),
  };
}

/** Events (or requests) per second, rounded to a whole number. */
export function perSecond(count: number, ms: number): number {
  return ms <= 0 ? 0 : Math.round((count * 1000) / ms);
}

/** `value / baseline` to two decimals; 0 when there is no baseline. */
export function ratio(value: number, baseline: number): number {
  return baseline > 0 ? round(value / baseline, 2) : 0;
}
