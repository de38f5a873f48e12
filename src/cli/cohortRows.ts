// One portfolio's cohort row, worked out from its folder alone so that any thread can do it: the
// config's file looked at first (a FIFO, folder or link there is a row with its error, never a
// hang), the index loaded, the last commit asked of git, and `--since` compared as `ksb diff` does.
import { lstatSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import {
  cohortRow,
  CONFIG_FILE_NAME,
  describeReadError,
  errorRow,
  hoursAfter,
  isIsoDay,
  sinceError,
  sinceFromDates,
  sinceFromDiff,
  type CohortRow,
  type CohortSince,
  type PortfolioIndex,
} from '../core';
import { compareRevisions } from './commands/diff';
import { runReport } from './commands/report';
import { gitTopOf, latestCommitDay, type CommitDays } from './cohortGit';
import { runGit } from './git';
import { describeType, toPosix } from './nodeFileSystem';
import { loadPortfolioOn } from './portfolioFolder';
import { oneLine } from './printable';

/** What one row needs: plain data, so that a worker thread can be handed it. */
export interface CohortJob {
  /** The portfolio's folder, absolute. */
  readonly dir: string;
  /** The folder as the cohort shows it. */
  readonly path: string;
  readonly today: string;
  readonly latestToday: string;
  /** `--since REV|DATE`. */
  readonly since?: string;
  /** Where to write the apprentice's report (absolute), and the cohort page it is linked from. */
  readonly report?: { readonly file: string; readonly page: string };
  /** The day of the last commit touching each of the folder's files (commitDaysOf), when it is in a git repository git could read. */
  readonly commitDays?: CommitDays;
}

/** The row of one portfolio; never throws: what goes wrong is the row's `error`. */
export async function cohortRowFor(job: CohortJob): Promise<CohortRow> {
  try {
    const refusal = configRefusal(job.dir);
    if (refusal !== undefined) return errorRow(job.path, refusal);
    const days = { today: () => job.today, latestToday: () => job.latestToday };
    const index = await loadPortfolioOn(days, job.dir, {});
    // Asked of git for the whole cohort beforehand, once per repository (commitDaysOf).
    const lastCommitDay = job.commitDays && latestCommitDay(job.commitDays, evidencePaths(index));
    let row = cohortRow(index, { path: job.path, today: job.today, lastCommitDay });
    if (row.error !== null) return row;
    if (job.since !== undefined) row = { ...row, since: await sinceOf(job, index, isInGitRepository(job.dir)) };
    if (job.report) row = { ...row, report: await writeReport(job, index) };
    return row;
  } catch (error) {
    return errorRow(job.path, oneLine(error instanceof Error ? error.message : String(error)));
  }
}

/** Whether `dir` or a folder above it holds `.git` (a folder, or a file for a worktree or submodule): looked for on disk, not asked of git. */
export function isInGitRepository(dir: string): boolean {
  return gitTopOf(dir) !== undefined;
}

/** The portfolio's evidence files (drafts left out, as the row leaves them out), relative to its folder. */
function evidencePaths(index: PortfolioIndex): string[] {
  return index
    .allFiles()
    .filter((file) => file.role === 'evidence' && !file.isDraft)
    .map((file) => file.relativePath);
}

/** Why the folder's `portfolio.yaml` cannot be read as a config (a link, a FIFO, a folder, unreadable); `undefined` when it can. */
function configRefusal(dir: string): string | undefined {
  const configPath = resolve(dir, CONFIG_FILE_NAME);
  let stat;
  try {
    stat = lstatSync(configPath);
  } catch (error) {
    return `cannot read ${CONFIG_FILE_NAME}: ${describeReadError(error)}`;
  }
  if (stat.isSymbolicLink()) return `${CONFIG_FILE_NAME} is a symbolic link: not followed (expected a YAML file)`;
  if (!stat.isFile()) return `${CONFIG_FILE_NAME} is not a file: expected a YAML file, found ${describeType(stat)}`;
  return undefined;
}

/** How many evidence paths are named to git at most; well below the system's limit on a command line. */
const MAX_NAMED_PATHS = 2000;

/** The day of the last commit touching the portfolio's evidence files, in the committer's calendar; `undefined` outside git or when none. */
export async function lastEvidenceCommitDay(index: PortfolioIndex): Promise<string | undefined> {
  // Paths are literal to git (runGit): each evidence file is named, relative to the portfolio's folder.
  const evidence = evidencePaths(index);
  if (evidence.length === 0) return undefined;
  try {
    // Past a few thousand paths the command line grows too long for the system: then the whole folder stands for them.
    const paths = evidence.length > MAX_NAMED_PATHS ? ['.'] : evidence;
    const day = (await runGit(index.root, ['log', '-1', '--format=%cs', '--', ...paths])).toString('utf8').trim();
    return isIsoDay(day) ? day : undefined;
  } catch {
    return undefined;
  }
}

/** What was added since `job.since`: through git when the folder is in a repository, through front-matter dates (a date only) when not. */
async function sinceOf(job: CohortJob, index: PortfolioIndex, inGit: boolean): Promise<CohortSince> {
  const since = job.since!;
  const isDate = isIsoDay(since);
  if (!inGit)
    return isDate ? sinceFromDates(since, index, since) : sinceError(since, `not a git repository: --since ${since} needs one (give a date, YYYY-MM-DD)`);
  const days = { today: () => job.today, latestToday: () => job.latestToday };
  try {
    const base = isDate ? await lastCommitOnOrBefore(job.dir, since) : since;
    // No commit by that date: everything there is was added since.
    if (base === undefined) return sinceFromDates(since, index, '');
    const comparison = await compareRevisions(job.dir, base, undefined, days);
    const day = isDate ? since : await commitDay(job.dir, comparison.base.commit!);
    return sinceFromDiff(since, comparison.diff, day === undefined ? 0 : hoursAfter(index, day));
  } catch (error) {
    return sinceError(since, oneLine(error instanceof Error ? error.message : String(error)));
  }
}

/** The last commit of HEAD's history made on or before the end of `day`. */
async function lastCommitOnOrBefore(dir: string, day: string): Promise<string | undefined> {
  const out = (await runGit(dir, ['rev-list', '-1', `--before=${day} 23:59:59`, 'HEAD'])).toString('utf8').trim();
  return out === '' ? undefined : out;
}

async function commitDay(dir: string, commit: string): Promise<string | undefined> {
  const day = (await runGit(dir, ['show', '-s', '--format=%cs', commit])).toString('utf8').trim();
  return isIsoDay(day) ? day : undefined;
}

/** Writes the apprentice's report where the job says; its link from the cohort page. */
async function writeReport(job: CohortJob, index: PortfolioIndex): Promise<string> {
  const file = job.report!.file;
  await runReport(index, { dir: job.dir, format: 'html', output: file, pdf: false, env: {}, today: job.today }, () => undefined);
  return toPosix(relative(dirname(job.report!.page), file));
}
