import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  comparePortfolio,
  CONFIG_FILE_NAME,
  introducesErrors,
  MARKDOWN_READ_LIMIT,
  type ChangedPath,
  type IndexOptions,
  type PortfolioDiff,
  type PortfolioFileSystem,
} from '../../core';
import { assertFormat } from '../formats';
import { formatJson, JSON_FORMAT } from '../formats/json';
import { formatDiffMarkdown, MARKDOWN_FORMAT } from '../formats/markdown';
import { formatDiffText, TEXT_FORMAT } from '../formats/text';
import { GitError, GitObjectReader, GitRepository, GitTreeFileSystem, WorkingTreeFileSystem, type GitChange } from '../git';
import { toPosix } from '../nodeFileSystem';
import { oneLine } from '../printable';
import { UsageError } from '../usageError';
import type { Command } from './command';

const FORMATS = [TEXT_FORMAT.name, MARKDOWN_FORMAT.name, JSON_FORMAT.name];

/** `ksb diff`. */
export const diffCommand: Command = {
  name: 'diff',
  usage: [
    {
      term: 'diff BASE [HEAD] [dir]',
      help: [
        'What a change did to the portfolio in dir (default: .) between two git',
        'revisions (HEAD default: the working tree): coverage, evidence, problems',
      ],
    },
  ],
  // diff prints its report; `--output` would be silently ignored, so it is refused.
  flags: ['format'],
  formats: FORMATS,
  run: ({ args, format, write, days }) => runDiff(args, format, write, days),
};

/** One side of the comparison as the user named it. */
export interface Side {
  /** The revision as written; `undefined` for the working tree. */
  readonly revision: string | undefined;
  readonly commit: string | undefined;
}

/**
 * `ksb diff BASE [HEAD] [dir]`: the portfolio in `dir` at two revisions (HEAD default: the
 * working tree), compared. Resolves to the exit status: 1 when the change introduces errors.
 */
export async function runDiff(
  positionals: readonly string[],
  format: string,
  write: (text: string) => void,
  days: Pick<IndexOptions, 'today' | 'latestToday'>,
): Promise<number> {
  assertFormat(format, FORMATS);
  const { baseRevision, headRevision, dir } = splitArguments(positionals);
  const { diff, base, head, folder } = await compareRevisions(dir, baseRevision, headRevision, days);
  const labels = { base: baseRevision, head: headRevision, folder };
  if (format === 'json') {
    const json = { base: sideJson(base), head: sideJson(head), folder: labels.folder, ...diff };
    write(formatJson(json));
  } else if (format === 'markdown') write(formatDiffMarkdown(diff, labels));
  else write(formatDiffText(diff, labels));
  return introducesErrors(diff) ? 1 : 0;
}

/** A portfolio compared at two revisions: the diff, both sides as named, and its folder from the repository root. */
export interface RevisionComparison {
  readonly diff: PortfolioDiff;
  readonly base: Side;
  readonly head: Side;
  readonly folder: string;
}

/**
 * The portfolio in `dir` at `baseRevision` against `headRevision` (the working tree when undefined),
 * compared as `ksb diff` compares it (`ksb cohort --since` too). A UsageError says why it cannot be.
 */
export async function compareRevisions(
  dir: string,
  baseRevision: string,
  headRevision: string | undefined,
  days: Pick<IndexOptions, 'today' | 'latestToday'>,
): Promise<RevisionComparison> {
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
    const diff = await comparePortfolio({
      root: portfolioRoot,
      head: headFs,
      base: async () => ({ fileSystem: await baseTreePromise, changes: portfolioChanges(await changesPromise, repository.prefix) }),
      indexOptions: days,
    });
    return { diff, base, head, folder: repository.prefix.replace(/\/$/, '') };
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
    // git's own words say why (no repository, or "dubious ownership" in a container job): keep them.
    const reason = error instanceof Error ? oneLine(error.message.trim().split('\n')[0]) : '';
    if (/not a git repository/i.test(reason) || reason === '') throw new UsageError(`not a git repository: ${dir} (ksb diff compares revisions of one)`);
    throw new UsageError(`expected a git repository at ${dir}, found git refusing it: ${reason}`);
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

/** Git's changes inside the portfolio, in paths relative to its root. */
function portfolioChanges(gitChanges: readonly GitChange[], prefix: string): ChangedPath[] {
  const inside = (path: string | undefined) => (path !== undefined && path.startsWith(prefix) ? path.slice(prefix.length) : undefined);
  return gitChanges.map((change) => {
    const path = inside(change.path);
    const from = inside(change.from);
    // A deletion names the base's path; a rename at 100% similarity moved the bytes without changing them.
    if (change.status === 'D') return { basePath: path, headPath: undefined, contentChanged: false };
    const basePath = change.from !== undefined ? from : change.status === 'A' ? undefined : path;
    return { basePath, headPath: path, contentChanged: change.status !== 'R100' };
  });
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
