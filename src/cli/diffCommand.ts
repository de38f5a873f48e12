import { realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import {
  applyLevels,
  CONFIG_FILE_NAME,
  diffPortfolios,
  introducesErrors,
  MARKDOWN_READ_LIMIT,
  PortfolioIndex,
  portfolioDiffMarkdown,
  relativePath,
  today,
  dirname,
  type DirectoryEntry,
  type FileStat,
  type FileChanges,
  type PortfolioFileSystem,
  type PortfolioSnapshot,
} from '../core';
import { formatDiffText } from './diffFormat';
import { toReported } from './format';
import { UsageError } from './usageError';
import { GitError, GitObjectReader, GitRepository, GitTreeFileSystem, WorkingTreeFileSystem, type GitChange } from './git';

/** The formats of `ksb diff`. */
export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;

/** One side of the comparison as the user named it. */
interface Side {
  /** The revision as written; `undefined` for the working tree. */
  readonly revision: string | undefined;
  readonly commit: string | undefined;
}

/**
 * `ksb diff BASE [HEAD] [dir]`: the portfolio in `dir` at two revisions (HEAD default: the
 * working tree), compared. Resolves to the exit status: 1 when the change introduces errors.
 */
export async function runDiff(positionals: readonly string[], format: string, write: (text: string) => void): Promise<number> {
  if (!(DIFF_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown --format ${format}: expected text, markdown or json`);
  const { baseRevision, headRevision, dir } = splitArguments(positionals);
  const folder = statSync(resolve(dir), { throwIfNoEntry: false });
  if (!folder?.isDirectory()) throw new UsageError(`${folder ? 'not a directory' : 'no such directory'}: ${dir}`);

  const repository = await findRepository(dir);
  // Links resolved, as git resolves them: a folder reached through a link is where git says it is.
  const portfolioRoot = toPosix(realpathSync(resolve(dir)));
  // The repository's root: the portfolio's folder less the prefix git reports for it.
  const repositoryRoot = ancestor(portfolioRoot, repository.prefix.split('/').filter(Boolean).length);
  // Both looked up at once; a bad base is reported before a bad head.
  const [baseCommit, headCommit] = await Promise.allSettled([
    commitOf(repository, baseRevision),
    headRevision === undefined ? Promise.resolve(undefined) : commitOf(repository, headRevision),
  ]);
  if (baseCommit.status === 'rejected') throw baseCommit.reason;
  if (headCommit.status === 'rejected') throw headCommit.reason;
  const base: Side = { revision: baseRevision, commit: baseCommit.value };
  const head: Side = { revision: headRevision, commit: headCommit.value };

  const reader = new GitObjectReader(repository.gitRoot);
  try {
    // git works out the changes in its own process while this one reads the head.
    const changesPromise = repository.changes(baseCommit.value, head.commit);
    const baseTreePromise = GitTreeFileSystem.load(repository.gitRoot, reader, baseCommit.value, repositoryRoot, repository.prefix);
    changesPromise.catch(() => undefined);
    baseTreePromise.catch(() => undefined);

    const ignoredPromise = repository.ignoredPaths();
    ignoredPromise.catch(() => undefined);
    let headFs: PortfolioFileSystem;
    // The usual pull request job diffs the commit it checked out: its files are on disk already.
    if (!head.commit || (await repository.workingTreeIs(head.commit))) headFs = new WorkingTreeFileSystem(repositoryRoot, await ignoredPromise);
    else {
      const headTree = await GitTreeFileSystem.load(repository.gitRoot, reader, head.commit, repositoryRoot, repository.prefix);
      headTree.prefetchMarkdown(MARKDOWN_READ_LIMIT);
      headFs = headTree;
    }
    const headConfig = await headFs.stat(`${portfolioRoot}/${CONFIG_FILE_NAME}`);
    if (headConfig?.type !== 'file' || headConfig.symbolicLink) {
      throw new UsageError(
        `no ${CONFIG_FILE_NAME} in ${dir}${head.revision === undefined ? '' : ` at ${head.revision}`}: expected the portfolio's config file`,
      );
    }
    const sides = new SwitchedFileSystem(headFs);
    const index = new PortfolioIndex(sides, portfolioRoot, { today: () => today() });
    await index.load();
    const headSnapshot = snapshotOf(index);

    const changes = portfolioChanges(await changesPromise, repository.prefix);
    const baseTree = await baseTreePromise;
    const changedPaths = [...changes.touched].map((relative) => `${portfolioRoot}/${relative}`);
    sides.switchTo(baseTree, new Set(changedPaths));
    await showBase(index, baseTree, changedPaths, portfolioRoot);
    const diff = diffPortfolios(snapshotOf(index), headSnapshot, changes);
    const labels = { base: baseRevision, head: headRevision, folder: repository.prefix.replace(/\/$/, '') };
    if (format === 'json') {
      const json = { base: sideJson(base), head: sideJson(head), folder: labels.folder, ...diff };
      write(`${JSON.stringify(json, null, 2)}\n`);
    } else if (format === 'markdown') write(portfolioDiffMarkdown(diff, labels));
    else write(formatDiffText(diff, labels));
    return introducesErrors(diff) ? 1 : 0;
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`git failed: ${error.message}`);
    throw error;
  } finally {
    reader.close();
  }
}

/** BASE, then HEAD and dir: with two names the second is the folder when one exists by that name, else a revision. */
function splitArguments(positionals: readonly string[]): { baseRevision: string; headRevision: string | undefined; dir: string } {
  if (positionals.length === 0) throw new UsageError('diff needs a base revision, e.g. `ksb diff main` or `ksb diff origin/main HEAD portfolio`');
  if (positionals.length > 3) throw new UsageError(`diff takes BASE [HEAD] [dir], found ${positionals.length} arguments`);
  const [baseRevision, second, third] = positionals;
  if (positionals.length === 3) return { baseRevision, headRevision: second, dir: third };
  if (second !== undefined && statSync(resolve(second), { throwIfNoEntry: false })?.isDirectory())
    return { baseRevision, headRevision: undefined, dir: second };
  return { baseRevision, headRevision: second, dir: '.' };
}

async function findRepository(dir: string): Promise<GitRepository> {
  try {
    return await GitRepository.find(resolve(dir));
  } catch (error) {
    if (error instanceof GitError && error.code === 'ENOENT') throw new UsageError('git is not installed (or not on PATH): ksb diff reads revisions with it');
    throw new UsageError(`not a git repository: ${dir} (ksb diff compares revisions of one)`);
  }
}

/** The commit a revision names, or a one-line refusal; a shallow clone is told how to fetch the history. */
async function commitOf(repository: GitRepository, revision: string): Promise<string> {
  // --end-of-options already keeps it from being an option; refusing it outright says why.
  if (revision.startsWith('-')) throw new UsageError(`unknown revision \`${revision}\`: expected a branch, tag or commit, not an option`);
  const commit = /[\0\r\n]/.test(revision) ? undefined : await repository.commitOf(revision);
  if (commit) return commit;
  const shown = JSON.stringify(revision);
  if (await repository.isShallow().catch(() => false)) {
    throw new UsageError(
      `unknown revision ${shown} in a shallow clone: fetch the history (actions/checkout with \`fetch-depth: 0\`, or \`git fetch --unshallow\`)`,
    );
  }
  throw new UsageError(`unknown revision ${shown}: expected a branch, tag or commit of this repository`);
}

/**
 * Git's changes in the portfolio's terms: paths relative to its root, renames paired, the head
 * paths whose bytes changed, and every path touched on either side (what the index must hear of).
 */
function portfolioChanges(gitChanges: readonly GitChange[], prefix: string): FileChanges & { touched: Set<string> } {
  const inside = (path: string | undefined) => (path !== undefined && path.startsWith(prefix) ? path.slice(prefix.length) : undefined);
  const renamed = new Map<string, string>();
  const changed = new Set<string>();
  const touched = new Set<string>();
  for (const change of gitChanges) {
    const path = inside(change.path);
    const from = inside(change.from);
    if (from !== undefined) touched.add(from);
    if (path === undefined) continue;
    touched.add(path);
    if (from !== undefined) renamed.set(from, path);
    // A rename at 100% similarity moved the bytes without changing them.
    if (change.status !== 'D' && change.status !== 'R100') changed.add(path);
  }
  return { renamed, changed, touched };
}

/**
 * Brings the index from the head to the base by telling it of each path git says differs, as
 * an editor's watcher would: what is the same on both sides is neither read nor checked again.
 * Folders only the head has are announced too, so they are forgotten. Links out of the root are
 * stat-ed once and never told of changes, and names that are not UTF-8 cannot be told apart: with
 * either, the base is loaded whole instead (its unchanged files still come from the cache).
 */
async function showBase(index: PortfolioIndex, baseTree: PortfolioFileSystem, changedPaths: readonly string[], root: string): Promise<void> {
  if (index.linksLeaveTheRoot() || changedPaths.some((path) => path.includes('\uFFFD'))) {
    await index.load();
    return;
  }
  const goneFolders = new Set<string>();
  for (const path of changedPaths) {
    for (let folder = dirname(path); folder !== root && relativePath(root, folder) !== undefined; folder = dirname(folder)) {
      if (goneFolders.has(folder)) break;
      if (await baseTree.stat(folder)) break;
      goneFolders.add(folder);
    }
  }
  for (const path of [...goneFolders, ...changedPaths]) await index.refresh(path);
  // The base's own files may link out of the root too: those targets were stat-ed on the head.
  if (index.linksLeaveTheRoot()) await index.load();
}

/**
 * What the diff's one index reads: the head, then the base. Modification times are made up so the
 * index's cache keeps an analysis exactly when git says the bytes did not change: 0 everywhere on
 * the head, and on the base 0 for what git left alone and 1 for what it changed.
 */
class SwitchedFileSystem implements PortfolioFileSystem {
  private changed: ReadonlySet<string> = new Set();
  private onBase = false;

  constructor(private current: PortfolioFileSystem) {}

  /** Shows the base from now on; `changed` are the absolute paths whose bytes differ from the head's. */
  switchTo(base: PortfolioFileSystem, changed: ReadonlySet<string>): void {
    this.current = base;
    this.changed = changed;
    this.onBase = true;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const stat = await this.current.stat(path);
    return stat && { ...stat, mtime: this.onBase && this.changed.has(path) ? 1 : 0 };
  }

  readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    return this.current.readFile(path, maxBytes);
  }

  readDirectory(path: string): Promise<readonly DirectoryEntry[]> {
    return this.current.readDirectory(path);
  }
}

function snapshotOf(index: PortfolioIndex): PortfolioSnapshot {
  const leveled = new Map([...index.allDiagnostics()].map(([path, diagnostics]) => [path, applyLevels(diagnostics)]));
  return {
    coverage: index.coverage(),
    files: index.allFiles().map((file) => ({
      relativePath: file.relativePath,
      title: file.analysis.frontMatter?.title,
      isEvidence: file.isEvidence,
      claims: file.validClaims.map((claim) => claim.code),
    })),
    problems: toReported(leveled, index),
  };
}

function sideJson(side: Side) {
  return { revision: side.revision ?? null, commit: side.commit ?? null };
}

/** `path` with its last `levels` segments removed. */
function ancestor(path: string, levels: number): string {
  let result = path;
  for (let i = 0; i < levels; i++) result = result.slice(0, Math.max(1, result.lastIndexOf('/')));
  return result;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
