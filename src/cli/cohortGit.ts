// The last commit touching each portfolio's files, asked of git once per repository rather than once
// per portfolio: a cohort of 200 portfolios in one repository (a provider's monorepo) costs one git
// process, and 200 clones cost one each, asked several at a time.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isIsoDay } from '../core';
import { runGit } from './git';
import { toPosix } from './nodeFileSystem';

/** For a portfolio's folder: the day of the last commit touching each of its files, by path relative to the folder. */
export type CommitDays = ReadonlyMap<string, string>;

/** git processes run at once: they spend their time reading the object store, so a few overlap well. */
const GIT_AT_ONCE = 4;

/** How many folders are named to one git process at most; well below the system's limit on a command line. */
const MAX_NAMED_FOLDERS = 1000;

/** The top of the work tree holding `dir` (the folder with `.git`, a folder or a worktree's file), or `undefined` outside git. */
export function gitTopOf(dir: string): string | undefined {
  for (let folder = resolve(dir); ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

/**
 * The commit days of the files below each of `dirs` (absolute folders), keyed by folder; a folder
 * outside git is absent, and so is one whose repository git cannot read (its row then has no
 * commit day, as before git was asked).
 */
export async function commitDaysOf(dirs: readonly string[]): Promise<Map<string, CommitDays>> {
  const byTop = new Map<string, string[]>();
  for (const dir of dirs) {
    const top = gitTopOf(dir);
    if (top === undefined) continue;
    const list = byTop.get(top);
    if (list) list.push(dir);
    else byTop.set(top, [dir]);
  }
  const asks: Array<{ top: string; dirs: string[] }> = [];
  for (const [top, under] of byTop) for (let i = 0; i < under.length; i += MAX_NAMED_FOLDERS) asks.push({ top, dirs: under.slice(i, i + MAX_NAMED_FOLDERS) });
  const found = new Map<string, CommitDays>();
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < asks.length; i = next++) {
      const { top, dirs: under } = asks[i];
      const days = await fileDaysIn(
        top,
        under.map((dir) => toPosix(relative(top, dir)) || '.'),
      ).catch(() => undefined);
      if (days === undefined) continue;
      for (const dir of under) found.set(dir, daysBelow(days, toPosix(relative(top, dir))));
    }
  };
  await Promise.all(Array.from({ length: Math.min(GIT_AT_ONCE, asks.length) }, lane));
  return found;
}

/** The last commit's day of every file git's history has below `folders` of the work tree at `top`, by path from `top`. */
async function fileDaysIn(top: string, folders: readonly string[]): Promise<Map<string, string>> {
  // `%x01` starts each commit; with -z each name ends in NUL. The walk is newest first, so a file's first day is its last commit's.
  const output = (await runGit(top, ['log', '--format=%x01%cs', '--name-only', '-z', '--no-renames', '--', ...folders])).toString('utf8');
  const days = new Map<string, string>();
  for (const commit of output.split('\x01')) {
    const [day, ...names] = commit.split('\0');
    if (!isIsoDay(day)) continue;
    for (const raw of names) {
      const name = raw.startsWith('\n') ? raw.slice(1) : raw;
      if (name !== '' && !days.has(name)) days.set(name, day);
    }
  }
  return days;
}

/** The days of the files below `folder` (a path from the top; `''` for the top itself), by path from `folder`. */
function daysBelow(days: ReadonlyMap<string, string>, folder: string): Map<string, string> {
  const prefix = folder === '' ? '' : `${folder}/`;
  const below = new Map<string, string>();
  for (const [name, day] of days) if (name.startsWith(prefix)) below.set(name.slice(prefix.length), day);
  return below;
}

/** The latest of the commit days of `paths` (relative to the portfolio's folder), or `undefined` when git has none of them. */
export function latestCommitDay(days: CommitDays, paths: Iterable<string>): string | undefined {
  let latest: string | undefined;
  for (const path of paths) {
    const day = days.get(path);
    if (day !== undefined && (latest === undefined || day > latest)) latest = day;
  }
  return latest;
}
