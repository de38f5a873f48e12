// Timing helpers: every figure is a list of samples reduced to a median (and p95 where asked).
import { performance } from 'node:perf_hooks';

/**
 * Milliseconds of each run of `fn`, after `warmup` untimed runs. With `gc`, each run starts after a
 * full collection (for long runs; micro-latencies skip it, as an editor would not collect either).
 */
export async function sample(runs: number, fn: () => Promise<unknown> | unknown, warmup = 0, gc = true): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (gc) collectGarbage();
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

/** Times one run of `fn`, returning its result and the milliseconds it took. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/** The median of the samples (mean of the middle two for an even count). */
export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** The 95th percentile of the samples, linearly interpolated. */
export function p95(samples: readonly number[]): number {
  return quantile(samples, 0.95);
}

function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/** Runs a full garbage collection when node was started with --expose-gc, so runs start level. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
