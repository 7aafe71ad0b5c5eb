/** The value at quantile `q` of a sorted series (the lower of two neighbours). */
function at(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]!;
}

/** Median and spread of a series. */
export function stats(values: number[]): { median: number; p10: number; p90: number } {
  const s = [...values].sort((a, b) => a - b);
  return { median: at(s, 0.5), p10: at(s, 0.1), p90: at(s, 0.9) };
}

/** The tail of a series: what the slowest jobs of a matrix wait. */
export function tail(values: number[]): { p50: number; p95: number; p99: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  return { p50: at(s, 0.5), p95: at(s, 0.95), p99: at(s, 0.99), max: s.at(-1) ?? NaN };
}
