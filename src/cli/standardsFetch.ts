// The CLI's network for the public standards API: Node's global fetch, with a time limit and a size
// limit, so an API that hangs or answers with something huge ends in one line instead of a hung
// terminal or an exhausted heap. What the answer means is the core's business (standardsApi.ts).
import { DEFAULT_STANDARDS_API, STANDARDS_API_ENV, STANDARDS_API_TIMEOUT_MS, type FetchedResponse, type StandardsFetcher } from '../core';

/** The environment variable that shortens (or lengthens) the request time limit, in milliseconds; tests use it. */
export const STANDARDS_API_TIMEOUT_ENV = 'KSB_STANDARDS_API_TIMEOUT_MS';

/** The largest answer accepted: the biggest standard in the May 2025 snapshot is under 300 KB. */
export const STANDARDS_API_MAX_BYTES = 8 * 1024 * 1024;

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

/**
 * A `StandardsFetcher` over Node's fetch. It rejects (the core turns that into "could not reach,
 * download it by hand") on a refused connection, a timeout or an answer over the size limit; any
 * HTTP status resolves, for the core to judge.
 */
export function nodeStandardsFetcher(options: FetcherOptions = {}): StandardsFetcher {
  const timeoutMs = options.timeoutMs ?? STANDARDS_API_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? STANDARDS_API_MAX_BYTES;
  return async (url: string): Promise<FetchedResponse> => {
    // One signal for the whole exchange: a server that sends headers and then trickles the body is cut off too.
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetch(url, { signal, headers: { accept: 'application/json' }, redirect: 'follow' });
      const declared = Number(response.headers.get('content-length'));
      if (declared > maxBytes) {
        await response.body?.cancel();
        throw new Error(`the answer is ${formatMegabytes(declared)}, over the ${formatMegabytes(maxBytes)} limit`);
      }
      return { status: response.status, text: await readCapped(response, maxBytes) };
    } catch (error) {
      // No `cause`: the core words the failure from a cause's message when there is one, which would say only "aborted".
      // eslint-disable-next-line preserve-caught-error
      if (signal.aborted) throw new Error(`no answer within ${formatSeconds(timeoutMs)}`);
      throw error;
    }
  };
}

/** The body as UTF-8 text, refused once it passes `maxBytes` (a missing or false content-length cannot sneak past). */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`the answer is over the ${formatMegabytes(maxBytes)} limit`);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
