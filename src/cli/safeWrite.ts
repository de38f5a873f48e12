// The one way the CLI writes a file: `--output`, `ksb signoff`, `ksb init` and `ksb standard add`
// all come here. The core's walk (checkWriteTarget) refuses a symbolic link anywhere from the root
// down to the target; missing folders are made one level at a time, and the file is written beside
// its target and renamed over it, so a write neither follows a link nor leaves half a file.
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkWriteTarget, describeReadError, writeRootFor, type PathKind } from '../core';
import { oneLine } from './printable';
import { toPosix } from './nodeFileSystem';
import { UsageError } from './usageError';

/** A file the CLI means to write. */
export interface WriteTarget {
  /** The folder the write stays inside; no link below it is followed. Absolute. */
  readonly root: string;
  /** The file. Absolute, below `root`. */
  readonly path: string;
  /** How messages name it: `--output out.sarif`, `evidence/notes.md`. */
  readonly label: string;
}

/** A target that passed its check, with what writing it involves. */
export interface CheckedTarget extends WriteTarget {
  readonly existing: 'file' | 'device' | undefined;
  readonly missingFolders: readonly string[];
}

/** `--output FILE` as a write target: checked from the working folder when inside it, else from the file's top-level folder. */
export function outputTarget(file: string): WriteTarget {
  const path = toPosix(resolve(file));
  return { root: writeRootFor(path, [toPosix(process.cwd())]), path, label: `--output ${oneLine(file)}` };
}

/** `--output FILE` as an absolute path with its folder's links resolved, as git names it; the folder as given when it does not exist yet. */
export function realOutputPath(file: string): string {
  const path = resolve(file);
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return path;
  }
}

/** Throws a one-line UsageError when `target` cannot be written safely; else says what writing it involves. */
export async function checkWritable(target: WriteTarget): Promise<CheckedTarget> {
  let check;
  try {
    check = await checkWriteTarget(toPosix(target.root), toPosix(target.path), lstatKind);
  } catch (error) {
    throw new UsageError(`cannot write ${target.label}: ${oneLine(describeReadError(error))}`);
  }
  if (!check.ok) throw new UsageError(`cannot write ${target.label}: ${check.reason}`);
  return { ...target, existing: check.existing, missingFolders: check.missingFolders };
}

/**
 * Writes `contents` to the target, replacing a file there (keeping its mode) and creating missing
 * folders; a one-line UsageError when the target is refused or the write fails. `exclusive` refuses
 * to replace a file that exists by now.
 */
export async function writeFileSafely(target: WriteTarget, contents: string | Uint8Array, options: { readonly exclusive?: boolean } = {}): Promise<void> {
  const checked = await checkWritable(target);
  const fail = (error: unknown) => new UsageError(`cannot write ${target.label}: ${oneLine(describeReadError(error))}`);
  if (options.exclusive && checked.existing) throw new UsageError(`cannot write ${target.label}: it already exists`);
  for (const folder of checked.missingFolders) {
    try {
      // One level at a time and never `recursive`, which would follow a link put in the way meanwhile.
      mkdirSync(folder);
    } catch (error) {
      const made = lstatSync(folder, { throwIfNoEntry: false });
      if (!made?.isDirectory()) throw fail(error);
    }
  }
  if (checked.existing === 'device') {
    // A device takes writes where it is (`/dev/null`); renaming over it would try to replace it.
    try {
      writeFileSync(target.path, contents);
    } catch (error) {
      throw fail(error);
    }
    return;
  }
  const mode = checked.existing ? lstatSync(target.path).mode & 0o7777 : undefined;
  // `wx` creates the temporary file or fails: it never opens a link or a file already there.
  const temporary = join(dirname(target.path), `.${basename(target.path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, contents, { flag: 'wx' });
    // The replaced file's mode, which the umask would otherwise trim.
    if (mode !== undefined) chmodSync(temporary, mode);
    // Renaming replaces the name itself, so even a link swapped in after the check is replaced, not followed.
    renameSync(temporary, target.path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw fail(error);
  }
}

/** What is at `path`, a link not followed. */
async function lstatKind(path: string): Promise<PathKind | undefined> {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  return stats && kindOf(stats);
}

function kindOf(stats: Stats): PathKind {
  if (stats.isSymbolicLink()) return 'symbolic link';
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'named pipe';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  return 'other';
}
