// The files a submission pack carries: the original Markdown of every evidence file, the
// portfolio's config, and every local file the evidence links, each read from inside the portfolio
// only (never outside it, never through a symbolic link), regular files only, within the pack's limits.
import { describeReadError, PACK_FILE_LIMIT, PACK_TOTAL_LIMIT, formatBytes, formatLimit } from '../base/fileLimits';
import { decodeText } from '../base/text';
import type { PortfolioFileSystem } from '../base/fileSystem';
import { statInsideRoot } from '../base/insideRoot';
import { dirname, joinPath, relativePath } from '../base/paths';
import { CONFIG_FILE_NAME } from '../model/configFileName';
import { localTarget } from '../read/links';
import type { PortfolioIndex } from '../portfolio/portfolioIndex';
import { parseEvidenceMarkdown, type ParsedEvidence } from './evidenceMarkdown';

/** How much the pack takes. */
export interface PackLimits {
  /** The largest file taken. */
  readonly maxFileBytes: number;
  /** The most bytes taken in all. */
  readonly maxTotalBytes: number;
}

/** The limits in base/fileLimits.ts, which the docs state. */
export const DEFAULT_PACK_LIMITS: PackLimits = { maxFileBytes: PACK_FILE_LIMIT, maxTotalBytes: PACK_TOTAL_LIMIT };

/** One file of the portfolio in the pack, at its path from the portfolio root. */
export interface PackFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** A file the evidence names that the pack leaves out, and why, in words for a message. */
export interface LeftOutFile {
  /** The path from the portfolio root, or the link as written when it leads outside. */
  readonly path: string;
  /** The evidence file that links it (the first one, when several do). */
  readonly from: string;
  readonly reason: string;
}

/** Where a link's target stands in the pack: taken (at its path from the root), or left out and why. */
export type PackTarget = { readonly taken: true; readonly path: string } | { readonly taken: false; readonly why: string };

/** One evidence file: its text parsed for rendering, or why it could not be read. */
export interface PackEvidence {
  readonly path: string;
  /** The parse to render, or `undefined` when the file is left out or is not text. */
  readonly parsed: ParsedEvidence | undefined;
  /** Its prose, for the word count; `undefined` as for `parsed`. */
  readonly text: string | undefined;
  /** Why it is not shown, when it is not. */
  readonly notShown?: string;
}

/** What the pack takes from the portfolio. */
export interface PackFiles {
  /** The portfolio's root folder, which every path is relative to. */
  readonly root: string;
  /** Every file taken, sorted by path. */
  readonly files: readonly PackFile[];
  /** Every evidence file, in path order. */
  readonly evidence: readonly PackEvidence[];
  /** Where each link target (absolute path) stands. */
  readonly targets: ReadonlyMap<string, PackTarget>;
  readonly leftOut: readonly LeftOutFile[];
}

/** Markdown longer than this (characters) is packed but not rendered, so one huge file cannot stall the export. */
export const PACK_RENDER_LIMIT = 1_000_000;

/**
 * Reads what the pack carries from a loaded index. Evidence files are read whole (up to the
 * file limit); each URL of their Markdown that names a local file is looked at from the root down.
 */
export async function collectPackFiles(fs: PortfolioFileSystem, index: PortfolioIndex, limits: PackLimits = DEFAULT_PACK_LIMITS): Promise<PackFiles> {
  const root = index.root;
  const taken = new Map<string, PackFile>();
  const leftOut: LeftOutFile[] = [];
  const targets = new Map<string, PackTarget>();
  let total = 0;

  /** Reads one file inside the root into the pack, or says why not. */
  const take = async (absolute: string): Promise<PackTarget> => {
    const path = relativePath(root, absolute);
    if (path === undefined || path === '') return { taken: false, why: 'outside the portfolio' };
    const known = taken.get(path);
    if (known) return { taken: true, path };
    const inside = await statInsideRoot(fs, root, absolute);
    if (inside.kind === 'outside') return { taken: false, why: 'outside the portfolio' };
    if (inside.kind === 'symbolic-link')
      return {
        taken: false,
        why: inside.link === absolute ? 'a symbolic link, which the pack never follows' : 'reached through a symbolic link, which the pack never follows',
      };
    if (inside.kind === 'missing') return { taken: false, why: 'no such file' };
    const { stat } = inside;
    if (stat.type === 'directory') return { taken: false, why: 'a folder, not a file' };
    if (stat.type !== 'file') return { taken: false, why: 'not a regular file (a pipe, socket or device), which the pack never reads' };
    if (stat.size > limits.maxFileBytes)
      return { taken: false, why: `${formatBytes(stat.size)}, over the pack's ${formatLimit(limits.maxFileBytes)} limit for one file` };
    if (total + stat.size > limits.maxTotalBytes)
      return { taken: false, why: `the pack would pass its ${formatLimit(limits.maxTotalBytes)} limit in all with this file's ${formatBytes(stat.size)}` };
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(absolute, limits.maxFileBytes + 1);
    } catch (error) {
      return { taken: false, why: `cannot be read: ${describeReadError(error)}` };
    }
    // It grew between the look and the read: the pack takes no file past the limit, nor part of one.
    if (bytes.length > limits.maxFileBytes || total + bytes.length > limits.maxTotalBytes)
      return { taken: false, why: `grew past the pack's limits while it was read` };
    total += bytes.length;
    taken.set(path, { path, bytes });
    return { taken: true, path };
  };

  const config = await take(joinPath(root, CONFIG_FILE_NAME));
  if (!config.taken && config.why !== 'no such file') leftOut.push({ path: CONFIG_FILE_NAME, from: CONFIG_FILE_NAME, reason: config.why });

  const evidenceFiles = index
    .allFiles()
    .filter((file) => file.isEvidence)
    .sort((a, b) => compareText(a.relativePath, b.relativePath));
  const evidence: PackEvidence[] = [];
  for (const file of evidenceFiles) {
    const own = await take(file.path);
    targets.set(file.path, own);
    if (!own.taken) {
      leftOut.push({ path: file.relativePath, from: file.relativePath, reason: own.why });
      evidence.push({ path: file.relativePath, parsed: undefined, text: undefined, notShown: `Not in the pack: ${own.why}.` });
      continue;
    }
    const bytes = taken.get(own.path)!.bytes;
    const decoded = decodeText(bytes);
    if (!decoded.ok) {
      evidence.push({ path: file.relativePath, parsed: undefined, text: undefined, notShown: `Not shown: ${decoded.reason}. The file is in the pack.` });
      continue;
    }
    if (decoded.text.length > PACK_RENDER_LIMIT) {
      evidence.push({
        path: file.relativePath,
        parsed: undefined,
        text: decoded.text,
        notShown: `Not shown: ${formatBytes(bytes.length)} of Markdown, over the ${formatLimit(PACK_RENDER_LIMIT)} shown in the pack. The file is in the pack.`,
      });
      continue;
    }
    const parsed = parseEvidenceMarkdown(decoded.text);
    evidence.push({ path: file.relativePath, parsed, text: decoded.text });
    for (const url of parsed.urls) {
      const target = localTarget(url);
      if (target === undefined) continue;
      const absolute = target.startsWith('/') ? joinPath(root, target) : joinPath(dirname(file.path), target);
      if (targets.has(absolute)) continue;
      const state = await take(absolute);
      targets.set(absolute, state);
      if (!state.taken) leftOut.push({ path: relativePath(root, absolute) ?? target, from: file.relativePath, reason: state.why });
    }
  }
  const files = [...taken.values()].sort((a, b) => compareText(a.path, b.path));
  return { root, files, evidence, targets, leftOut };
}

/** Code-unit order, the same on every machine and locale: the pack's order must not depend on where it is made. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
