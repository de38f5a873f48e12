/**
 * The whole percentage `part` is of `whole`, rounded down: 99.6% never reads as complete, and
 * every output (coverage, report, summary, status bar, diff) shows the same number for the same
 * count (22 of 38 is 57% everywhere). `0` when `whole` is `0`.
 */
export function percentOf(part: number, whole: number): number {
  // Multiplying first keeps counts exact: 29 / 100 * 100 is 28.999999999999996, 2900 / 100 is 29.
  return whole <= 0 ? 0 : Math.floor((part * 100) / whole);
}
