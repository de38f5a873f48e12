// Fetching a standard from the public apprenticeship standards API and turning the answer into the
// file a portfolio keeps in `standards/`. The network is the host's (an injected fetch), so the CLI,
// the editor and the browser share one rule for URLs, versions, errors and what is written.
import { API_SOURCE_KEY, apiVersion, isApiStandard } from './apiStandard';
import { formatBytes } from '../base/fileLimits';
import { compareVersions, readStandardData, StandardVersion } from './catalogue';
import { nestingProblem } from '../base/yamlData';

/** The public API's standards endpoint; `KSB_STANDARDS_API` or the `ksbPortfolio.standardsApiUrl` setting replace it. */
export const DEFAULT_STANDARDS_API = 'https://www.instituteforapprenticeships.org/api/apprenticeshipstandards';

/** The environment variable the CLI reads the API's base URL from. */
export const STANDARDS_API_ENV = 'KSB_STANDARDS_API';

/** How long one request may take before it counts as failed. */
export const STANDARDS_API_TIMEOUT_MS = 20_000;

/** What a host's fetch returned: the status and the body as text. */
export interface FetchedResponse {
  readonly status: number;
  readonly text: string;
}

/** The host's HTTP GET; rejects when the server cannot be reached or the request times out. */
export type StandardsFetcher = (url: string) => Promise<FetchedResponse>;

/** A standard ready to be written into a portfolio's `standards/` folder. */
export interface StandardDownload {
  /** `ST0116_1.1.json`, the API's own naming. */
  readonly fileName: string;
  /** The API's JSON with `$source` (where and when) first, pretty-printed. */
  readonly contents: string;
  readonly standard: StandardVersion;
}

/** The outcome of fetching or adding a standard; `message` is one line for the user. */
export type StandardDownloadResult = ({ readonly ok: true } & StandardDownload) | { readonly ok: false; readonly message: string };

/** The host's `fetch` (Node's, the extension host's or the browser's), as far as the fetcher uses it. */
export type FetchFunction = (url: string, init: { signal: AbortSignal; headers: Record<string, string> }) => Promise<Response>;

/** Limits of one fetcher. */
export interface FetcherLimits {
  /** Default `STANDARDS_API_TIMEOUT_MS`; one limit for the whole exchange, so a trickled body is cut off too. */
  readonly timeoutMs?: number;
  readonly maxBytes: number;
  /** Aborts the request when the user cancels. */
  readonly cancel?: AbortSignal;
}

/**
 * A `StandardsFetcher` over a host's fetch, shared by the CLI and the editor: it rejects (which the
 * core words as "could not fetch, download it by hand") on a refused connection, a timeout, a
 * cancel or an answer over `maxBytes`, declared or read; every HTTP status resolves, for the core to judge.
 */
export function httpStandardsFetcher(fetchFunction: FetchFunction, limits: FetcherLimits): StandardsFetcher {
  const timeoutMs = limits.timeoutMs ?? STANDARDS_API_TIMEOUT_MS;
  return async (url) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${formatDuration(timeoutMs)}`)), timeoutMs);
    const onCancel = () => controller.abort(new Error('cancelled'));
    limits.cancel?.addEventListener('abort', onCancel);
    try {
      const response = await fetchFunction(url, { signal: controller.signal, headers: { Accept: 'application/json' } });
      const declared = Number(response.headers.get('content-length'));
      if (declared > limits.maxBytes) {
        await response.body?.cancel();
        throw new Error(`the answer is ${formatBytes(declared)}, over the ${formatBytes(limits.maxBytes)} limit`);
      }
      return { status: response.status, text: await readCapped(response, limits.maxBytes) };
    } catch (error) {
      // An abort rejects with a bare AbortError in some hosts: name the timeout or the cancel instead.
      throw controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason : error;
    } finally {
      clearTimeout(timer);
      limits.cancel?.removeEventListener('abort', onCancel);
    }
  };
}

/** The body as UTF-8 text, refused once it passes `maxBytes`, so a missing or false content-length cannot sneak past. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`the answer is over the ${formatBytes(maxBytes)} limit`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** Whether a name is one `downloadStandard` and `addStandardFile` make (`ST0116_1.1.json`): one file name, no folder. Writers check it before writing. */
export function isStandardFileName(name: string): boolean {
  return /^ST\d{4}_\d+(\.\d+)*\.json$/.test(name);
}

/** A reference as the API spells it (`ST0116`), or `undefined` for anything else. */
export function normalizeReference(reference: string): string | undefined {
  const trimmed = reference.trim().toUpperCase();
  return /^ST\d{4}$/.test(trimmed) ? trimmed : undefined;
}

/** The URL of one standard: `{base}/ST0116`, or `{base}/ST0116/1.1` for one version. */
export function standardApiUrl(base: string, reference: string, version?: string): string {
  const root = base.replace(/\/+$/, '');
  return version === undefined ? `${root}/${encodeURIComponent(reference)}` : `${root}/${encodeURIComponent(reference)}/${encodeURIComponent(version)}`;
}

/**
 * Fetches a standard (one version, or the latest approved one when `version` is left out) and
 * prepares its file. Every failure is one line that says how to get the file by hand.
 */
export async function downloadStandard(
  fetcher: StandardsFetcher,
  base: string,
  writtenReference: string,
  version: string | undefined,
  today: string,
): Promise<StandardDownloadResult> {
  const reference = normalizeReference(writtenReference);
  if (!reference) return { ok: false, message: `Expected a standard reference such as ST0116, found \`${writtenReference}\`` };
  const url = standardApiUrl(base, reference, version);
  const byHand = `download it in a browser from ${url} and run \`ksb standard add FILE.json\``;
  let response: FetchedResponse;
  try {
    response = await fetcher(url);
  } catch (error) {
    return { ok: false, message: `Could not fetch from the standards API (${describeFetchError(error)}); ${byHand}` };
  }
  if (response.status === 404) {
    return {
      ok: false,
      message: `The standards API has no ${reference}${version ? ` version ${version}` : ''} (404 at ${url}); check the reference on the standard's page`,
    };
  }
  if (response.status < 200 || response.status >= 300)
    return { ok: false, message: `The standards API answered ${response.status} for ${url}; try again later, or ${byHand}` };
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return { ok: false, message: `Expected JSON from ${url}, found ${describeBody(response.text)}; ${byHand}` };
  }
  const tooDeep = nestingProblem(body, `the answer from ${url}`);
  if (tooDeep) return { ok: false, message: tooDeep };
  const chosen = chooseVersion(body, version);
  if (!chosen.ok) return { ok: false, message: `${chosen.message} at ${url}` };
  return prepareStandardFile(chosen.json, { url, retrieved: today }, reference);
}

/**
 * Prepares a downloaded API file (`ksb standard add FILE.json`) for `standards/`: checks it is an
 * API standard that reads, and records where it came from and when.
 */
export function addStandardFile(text: string, fileName: string, today: string): StandardDownloadResult {
  let body: unknown;
  try {
    body = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, message: `Expected \`${fileName}\` to be JSON from the standards API, found invalid JSON: ${(error as Error).message}` };
  }
  // Before anything walks it: writing the file out (JSON.stringify) recurses once per level.
  const tooDeep = nestingProblem(body, `\`${fileName}\``);
  if (tooDeep) return { ok: false, message: tooDeep };
  const chosen = chooseVersion(body, undefined);
  if (!chosen.ok) return { ok: false, message: `${chosen.message} in \`${fileName}\`` };
  const previous = chosen.json[API_SOURCE_KEY] as { url?: unknown } | undefined;
  const url = typeof previous?.url === 'string' ? previous.url : undefined;
  return prepareStandardFile(chosen.json, { ...(url && { url }), file: fileName, retrieved: today }, undefined);
}

function prepareStandardFile(json: Record<string, unknown>, source: Record<string, string>, expectedReference: string | undefined): StandardDownloadResult {
  // `$source` first, so a reader of the file sees where it came from; an earlier one is replaced.
  const ordered = { [API_SOURCE_KEY]: source, ...Object.fromEntries(Object.entries(json).filter(([key]) => key !== API_SOURCE_KEY)) };
  const contents = `${JSON.stringify(ordered, null, 2)}\n`;
  const reference = typeof json.referenceNumber === 'string' ? json.referenceNumber.trim().toUpperCase() : '';
  if (expectedReference && reference !== expectedReference) {
    return { ok: false, message: `Expected ${expectedReference} from the standards API, found ${reference || 'a standard without a reference'}` };
  }
  // Named from the reference and the version as the reader reads them, and refused unless that
  // is a plain `ST0116_1.1.json`: `"versionNumber": "/../../x"` must not lead a write out of standards/.
  const fileName = `${reference}_${apiVersion(json)}.json`;
  if (!isStandardFileName(fileName)) {
    return {
      ok: false,
      message: `Expected a standard reference such as ST0116 and a version such as 1.1, found ${JSON.stringify(reference)} and ${JSON.stringify(apiVersion(json))}`,
    };
  }
  const read = readStandardData(contents, fileName);
  if (!read.ok) return { ok: false, message: read.problems[0].message };
  return { ok: true, fileName, contents, standard: new StandardVersion(read.data, fileName) };
}

/** The one API standard in a body: the object itself, or from a list of versions the asked one or the latest approved. */
function chooseVersion(body: unknown, version: string | undefined): { ok: true; json: Record<string, unknown> } | { ok: false; message: string } {
  const candidates = (Array.isArray(body) ? body : [body]).filter(isApiStandard);
  if (candidates.length === 0)
    return { ok: false, message: "Expected an apprenticeship standard in the API's shape (with `referenceNumber` and its KSB arrays), found something else" };
  if (version !== undefined) {
    const match = candidates.find((json) => apiVersion(json) === version.replace(/^[vV](?=\d)/, ''));
    if (!match) return { ok: false, message: `Expected version ${version}, found ${candidates.map(apiVersion).join(', ') || 'no version'}` };
    return { ok: true, json: match };
  }
  const sorted = [...candidates].sort((a, b) => compareVersions(apiVersion(a), apiVersion(b)));
  const approved = sorted.filter((json) => String(json.status).toLowerCase() === 'approved for delivery');
  return { ok: true, json: (approved.length > 0 ? approved : sorted)[(approved.length > 0 ? approved : sorted).length - 1] };
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? cause.message : error.message;
    return detail.split('\n')[0];
  }
  return String(error);
}

function describeBody(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return 'an empty body';
  return /^</.test(trimmed) ? 'an HTML page' : `text starting \`${trimmed.slice(0, 40).replace(/`/g, "'")}\``;
}
