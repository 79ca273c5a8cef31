// Timing helpers for scenarios: nanosecond samples from process.hrtime.bigint, nearest-rank percentiles.

export const nowNs = (): bigint => process.hrtime.bigint();

/** Nearest-rank percentile (p in 0..1) of samples in nanoseconds; the samples need not be sorted. */
export function percentileNs(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const nsToMs = (ns: number): number => round(ns / 1e6, 3);
export const nsToUs = (ns: number): number => round(ns / 1e3, 2);

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Resident set size now, in MB. */
export const rssMb = (): number => round(process.memoryUsage().rss / 2 ** 20, 1);
