import { CONFIG_FILE_NAME } from '../model/configFileName';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { describeReadError } from '../base/fileLimits';
import type { DirectoryEntry, PortfolioFileSystem } from '../base/fileSystem';
import { joinPath, relativePath } from '../base/paths';
import { FILE_START } from '../base/text';
import { unreadableEntry } from '../read/unreadable';
import { diagnosticOf } from '../rules/readFindings';

/** Folders never walked: dependencies and version-control internals hold no evidence. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Where a walk records what it saw. An index passes its own collections, so a rescan adds to what
 * the last walk found; a test passes fresh ones.
 */
export interface WalkRecord {
  /** Every entry that is not a walked folder (files, links to files, pipes): links may point at them. */
  readonly knownPaths: Set<string>;
  /** Every folder the walk read; links may point at folders too. */
  readonly knownFolders: Set<string>;
  /** Every symbolic link, whatever it leads to: never followed, and nothing through one is looked at. */
  readonly symbolicLinks: Set<string>;
  /**
   * What the walk could not read, by path: unreadable folders, symbolic links (never followed),
   * pipes and devices named like Markdown, names that are not UTF-8.
   */
  readonly unread: Map<string, PortfolioDiagnostic[]>;
}

/** What a walk needs to know besides the folder it starts in. */
export interface TreeWalkContext {
  readonly fs: PortfolioFileSystem;
  /** The portfolio's root: excluded paths are relative to it, and a config elsewhere is a nested portfolio. */
  readonly root: string;
  /** Paths (relative to the root) the host excludes; an excluded folder is left out whole. */
  readonly isExcluded?: (relativePath: string) => boolean;
  readonly record: WalkRecord;
}

/**
 * Collects the Markdown files below `folder` and records every path seen. A subfolder with its
 * own `portfolio.yaml` is another portfolio: its files are known (links to them resolve) but
 * not indexed here, nor reported; `collect: false` walks a folder that is such a portfolio already.
 */
export async function walkTree(context: TreeWalkContext, folder: string, markdownFiles: string[], collect = true): Promise<void> {
  const { fs, root, record } = context;
  let entries: readonly DirectoryEntry[];
  try {
    entries = await fs.readDirectory(folder);
  } catch (error) {
    // The folder exists (its parent listed it) but holds files we cannot check: say so.
    // A folder that is gone (a rescan after a delete) is simply not there; only one still there is reported.
    if (collect && (await fs.stat(folder))?.type === 'directory') {
      record.unread.set(folder, [diagnosticOf({ kind: 'folder-read-error', error: describeReadError(error), range: FILE_START })]);
    }
    return;
  }
  record.knownFolders.add(folder);
  const nestedPortfolio = folder !== root && entries.some(([name, type, flag]) => name === CONFIG_FILE_NAME && type === 'file' && flag !== 'undecodable-name');
  const collectHere = collect && !nestedPortfolio;
  const subfolders: string[] = [];
  for (const [name, type, flag] of entries) {
    const path = joinPath(folder, name);
    const relative = relativePath(root, path) ?? name;
    const link = flag === 'symbolic-link';
    // A link named like a skipped folder is skipped as the folder would be, whatever it leads to.
    if ((type === 'directory' || link) && SKIPPED_FOLDERS.has(name)) continue;
    if (context.isExcluded?.(relative)) continue;
    if (link) {
      // Never followed: a link may lead out of the portfolio, or round in a loop. Every link is
      // reported alike whatever its name, and whatever type the host gives it: that is its
      // target's, which may lie outside the portfolio or be nothing at all.
      record.symbolicLinks.add(path);
      // The root's own config is the config loader's to report (as portfolio.invalid-config).
      if (collectHere && path !== joinPath(root, CONFIG_FILE_NAME)) record.unread.set(path, [diagnosticOf(unreadableEntry(type, flag))]);
    } else if (flag === 'undecodable-name') {
      if (collectHere && (type === 'directory' || isMarkdown(name))) record.unread.set(path, [diagnosticOf(unreadableEntry(type, flag))]);
    } else if (type === 'directory') {
      subfolders.push(path);
    } else {
      record.knownPaths.add(path);
      if (!collectHere || !isMarkdown(name)) continue;
      if (type === 'file') markdownFiles.push(path);
      else record.unread.set(path, [diagnosticOf(unreadableEntry(type, flag))]);
    }
  }
  await Promise.all(subfolders.map((sub) => walkTree(context, sub, markdownFiles, collectHere)));
}

/** Whether a path names a Markdown file, the only kind the walk collects. */
export function isMarkdown(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}

/** Whether a path relative to the root lies in a folder the walk always skips (`node_modules`, `.git`, ...). */
export function isInsideSkippedFolder(relative: string): boolean {
  return relative.split('/').some((segment) => SKIPPED_FOLDERS.has(segment));
}
