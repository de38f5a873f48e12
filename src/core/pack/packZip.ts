// The submission pack as one ZIP, with fflate (pure JavaScript, so the editor makes the same bytes
// in the browser): portfolio.html, portfolio.pdf when printed, the portfolio's files at their
// paths, and manifest.json with every file's size and SHA-256. The same portfolio on the same day
// gives the same bytes: every entry carries that day's noon as its time, in path order.
import { zipSync, type Zippable } from 'fflate';
import { sha256Hex } from '../base/sha256';
import { compareText, type PackFile } from './packFiles';

/** The pack's page, at the ZIP's root. */
export const PACK_HTML_NAME = 'portfolio.html';
/** The printed page, with `--pdf`. */
export const PACK_PDF_NAME = 'portfolio.pdf';
/** The list of every other file with its size and hash. */
export const PACK_MANIFEST_NAME = 'manifest.json';

/** What the manifest says besides its files: the portfolio's version and the tool that packed it. */
export interface PackManifestInfo {
  /** The git commit the portfolio is at; `null` outside git. */
  readonly commit: string | null;
  /** Whether the portfolio's folder had uncommitted changes (the pack itself not counted); `null` outside git. */
  readonly dirty: boolean | null;
  readonly tool: string;
  readonly version: string;
  /** The day the pack was made, `YYYY-MM-DD`. */
  readonly generated: string;
}

/** One file of the manifest. */
export interface ManifestEntry {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** manifest.json. */
export interface PackManifest extends PackManifestInfo {
  readonly files: readonly ManifestEntry[];
}

/**
 * fflate's fastest level: text still shrinks by about three quarters, at a fraction of level 6's
 * time (which took most of a 1 000-file export).
 */
const DEFLATE_LEVEL = 1;

/** Formats already compressed, stored as they are: deflating them again costs time and saves nothing. */
const STORED = /\.(?:png|jpe?g|gif|webp|avif|heic|pdf|zip|gz|tgz|7z|rar|docx|xlsx|pptx|odt|ods|odp|mp3|mp4|m4a|mov|webm|mkv)$/i;

/**
 * The ZIP's bytes: `pages` (portfolio.html, and portfolio.pdf) first, then the portfolio's
 * `files`, then the manifest listing all of them. A portfolio file may not take a page's name.
 */
export function zipSubmissionPack(pages: readonly PackFile[], files: readonly PackFile[], info: PackManifestInfo): { zip: Uint8Array; manifest: PackManifest } {
  const reserved = new Set([...pages.map((p) => p.path), PACK_MANIFEST_NAME]);
  const clash = files.find((f) => reserved.has(f.path));
  if (clash) throw new Error(`The portfolio has a file named ${clash.path} at its root, which the pack itself writes: rename it to export`);
  const entries = [...pages, ...[...files].sort((a, b) => compareText(a.path, b.path))];
  const manifest: PackManifest = {
    files: entries.map((f) => ({ path: f.path, bytes: f.bytes.length, sha256: sha256Hex(f.bytes) })),
    commit: info.commit,
    dirty: info.dirty,
    tool: info.tool,
    version: info.version,
    generated: info.generated,
  };
  const mtime = noonOf(info.generated);
  // No prototype: a file named `__proto__` is a file like any other.
  const zippable = Object.create(null) as Zippable;
  for (const f of entries) zippable[f.path] = [f.bytes, { level: STORED.test(f.path) ? 0 : DEFLATE_LEVEL, mtime }];
  zippable[PACK_MANIFEST_NAME] = [new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), { level: DEFLATE_LEVEL, mtime }];
  return { zip: zipSync(zippable), manifest };
}

/**
 * Noon of a `YYYY-MM-DD` day in local time: ZIP times have no time zone and fflate writes the
 * local clock's reading, so a local noon is written as 12:00 of that day wherever the pack is made.
 */
function noonOf(day: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`Expected a day as YYYY-MM-DD, found ${day}`);
  // ZIP times start in 1980.
  return new Date(Math.max(Number(match[1]), 1980), Number(match[2]) - 1, Number(match[3]), 12, 0, 0);
}
