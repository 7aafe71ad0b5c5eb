/** Median and spread of a series. */
export function stats(values: number[]): { median: number; p10: number; p90: number } {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))]!;
  return { median: at(0.5), p10: at(0.1), p90: at(0.9) };
}
