// The CLI's network for the public standards API: Node's global fetch, with a time limit and a size
// limit, so an API that hangs or answers with something huge ends in one line instead of a hung
// terminal or an exhausted heap. What the answer means is the core's business (catalogue/standardsApi.ts).
import { DEFAULT_STANDARDS_API, httpStandardsFetcher, STANDARDS_API_ENV, STANDARDS_API_TIMEOUT_MS, type StandardsFetcher } from '../core';

/** The environment variable that shortens (or lengthens) the request time limit, in milliseconds; tests use it. */
export const STANDARDS_API_TIMEOUT_ENV = 'KSB_STANDARDS_API_TIMEOUT_MS';

/** The largest answer accepted: the biggest standard in the May 2025 snapshot is under 300 KB. */
export const STANDARDS_API_MAX_BYTES = 8_000_000;

/** Limits of one fetcher; the defaults are the ones above. */
export interface FetcherOptions {
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

/** The API's base URL: the `--api` flag, else `KSB_STANDARDS_API`, else the public API. */
export function standardsApiBase(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag?.trim() || env[STANDARDS_API_ENV]?.trim() || DEFAULT_STANDARDS_API;
  // A typo here would otherwise surface as a puzzling fetch error far from its cause.
  if (!/^https?:\/\/[^\s/]+/i.test(chosen)) {
    const where = flag?.trim() ? '--api' : STANDARDS_API_ENV;
    throw new Error(`Expected ${where} to be an http(s) URL such as ${DEFAULT_STANDARDS_API}, found \`${chosen}\``);
  }
  return chosen;
}

/** The request time limit: `KSB_STANDARDS_API_TIMEOUT_MS` when it is a positive whole number, else the core's default. */
export function standardsApiTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const written = env[STANDARDS_API_TIMEOUT_ENV]?.trim();
  const value = written && /^\d+$/.test(written) ? Number(written) : NaN;
  return value > 0 ? value : STANDARDS_API_TIMEOUT_MS;
}

/** A `StandardsFetcher` over Node's fetch with the CLI's limits (the core's `httpStandardsFetcher`). */
export function nodeStandardsFetcher(options: FetcherOptions = {}): StandardsFetcher {
  return httpStandardsFetcher(fetch, { timeoutMs: options.timeoutMs ?? STANDARDS_API_TIMEOUT_MS, maxBytes: options.maxBytes ?? STANDARDS_API_MAX_BYTES });
}

/** Where a standard comes from, for `ksb standard add` and `ksb init --standard/--from`. */
export interface StandardSourceOptions {
  /** The API's base URL, asked for only when a standard must be fetched (a bad URL never stops an offline add). */
  readonly base: () => string;
  readonly fetcher: StandardsFetcher;
  readonly today: string;
}
