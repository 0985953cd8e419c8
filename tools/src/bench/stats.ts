import { percentile } from '../loadtest/stats';

/** The load test's nearest-rank percentile: both tools report latency the same way. */
export { percentile };

/** Latency summary of one measurement, in milliseconds. */
export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
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
