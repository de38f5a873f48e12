// Where a write may go. A portfolio is often someone else's repository, checked out on a CI
// runner: a symbolic link it commits at a path, or at a folder on the way to it, would carry a
// write outside the portfolio (onto the runner's ~/.bashrc, say). Every writer of the CLI and the
// editor asks this one walk first, so there is no second way to write.
import { normalizePath, relativePath } from './paths';

/** What is at a path, the path itself not followed if it is a symbolic link. */
export type PathKind = 'file' | 'folder' | 'symbolic link' | 'named pipe' | 'socket' | 'device' | 'other';

/** Looks at an absolute path without following a link there; `undefined` when nothing is there. */
export type LinkStat = (path: string) => Promise<PathKind | undefined>;

/** Whether a write may go ahead: the folders it must create first, outermost first, or why not. */
export type WriteTargetCheck =
  | {
      readonly ok: true;
      /** What the write replaces: a file, a device (which takes writes in place, as `/dev/null` does), or nothing. */
      readonly existing: 'file' | 'device' | undefined;
      readonly missingFolders: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

const IN_WORDS: Readonly<Record<PathKind, string>> = {
  file: 'a file',
  folder: 'a folder',
  'symbolic link': 'a symbolic link',
  'named pipe': 'a named pipe',
  socket: 'a socket',
  device: 'a device',
  other: 'something other than a file or folder',
};

/**
 * Checks a write of `target` below `root` (both absolute and `/`-separated): refused when it leaves
 * `root`, when anything from below `root` down to the target is a symbolic link (dangling or not),
 * when a folder on the way is not a folder, or when the target is neither a file nor a device.
 */
export async function checkWriteTarget(root: string, target: string, lstat: LinkStat): Promise<WriteTargetCheck> {
  const base = normalizePath(root);
  const inside = relativePath(base, normalizePath(target));
  if (inside === undefined || inside === '') return { ok: false, reason: `it is outside ${base}, where this write must stay` };
  const segments = inside.split('/');
  const missingFolders: string[] = [];
  let existing: 'file' | 'device' | undefined;
  let path = base === '/' ? '' : base;
  for (const [index, segment] of segments.entries()) {
    path = `${path}/${segment}`;
    const isTarget = index === segments.length - 1;
    // Below a missing folder nothing exists: no need to look.
    const kind = missingFolders.length > 0 ? undefined : await lstat(path);
    if (kind === undefined) {
      if (!isTarget) missingFolders.push(path);
      continue;
    }
    const named = isTarget ? 'it' : segments.slice(0, index + 1).join('/');
    if (kind === 'symbolic link') return { ok: false, reason: `${named} is a symbolic link, and no write goes through a link` };
    if (!isTarget && kind !== 'folder') return { ok: false, reason: `${named} is not a folder: found ${IN_WORDS[kind]}` };
    if (isTarget && kind === 'folder') return { ok: false, reason: 'it is a folder' };
    if (isTarget) {
      // Writing into a named pipe or socket blocks until something reads it: a CI step would hang.
      if (kind !== 'file' && kind !== 'device') return { ok: false, reason: `expected a file, found ${IN_WORDS[kind]}` };
      existing = kind;
    }
  }
  return { ok: true, existing, missingFolders };
}

/**
 * Where the check of a file the user named starts: the shallowest of `bases` (the working folder,
 * the workspace folder, the portfolio) holding it; else the top-level folder it lies in, since
 * links directly below the file system's root (macOS's /tmp and /var) are the system's, never a
 * repository's.
 */
export function writeRootFor(target: string, bases: readonly string[]): string {
  const path = normalizePath(target);
  const holding = bases.map(normalizePath).filter((base) => {
    const inside = relativePath(base, path);
    return inside !== undefined && inside !== '';
  });
  if (holding.length > 0) return holding.reduce((a, b) => (a.length <= b.length ? a : b));
  const segments = path.split('/');
  // `['', 'tmp', 'x']` for /tmp/x; `['C:', 'Users', 'x']` on Windows.
  return segments.length > 2 ? segments.slice(0, 2).join('/') : `${segments[0]}/`;
}
