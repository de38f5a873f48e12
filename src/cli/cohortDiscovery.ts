// Finding the portfolios of a cohort: every folder holding a `portfolio.yaml` below the folders
// given, each clone or subfolder its own portfolio (as nested portfolios already are), skipping
// hidden folders and node_modules and never following a symbolic link.
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAME, describeReadError, type CohortProblem } from '../core';
import { toPosix } from './nodeFileSystem';
import { oneLine } from './printable';
import { UsageError } from './usageError';

/** A portfolio found: its absolute folder and the path the cohort shows for it. */
export interface FoundPortfolio {
  readonly dir: string;
  readonly path: string;
}

/** What discovery found: the portfolios in order, and the folders it names instead (not portfolios, links, unreadable). */
export interface Discovery {
  readonly portfolios: readonly FoundPortfolio[];
  readonly problems: readonly CohortProblem[];
  /** The folders given, or folders directly in them, that hold no portfolio at all. */
  readonly notPortfolios: readonly string[];
}

/** How deep below a folder given the walk looks: clones of clones are rare, runaway trees are not. */
export const COHORT_WALK_DEPTH = 12;

/** Folders never walked into: tooling and dependencies, not portfolios. */
function isSkipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** The path a folder is shown by: relative to the current folder when below it, else absolute; `/`-separated. */
export function shownPath(absolute: string): string {
  const inside = relative(process.cwd(), absolute);
  if (inside === '') return '.';
  return toPosix(inside.startsWith('..') ? absolute : inside);
}

/** Finds the portfolios below `dirs` (default: `.`); a UsageError when one of them is not a folder. */
export function findPortfolios(dirs: readonly string[]): Discovery {
  const roots = dirs.length > 0 ? dirs : ['.'];
  // Every folder is checked before any is walked, so a typo fails the run before it takes time.
  for (const dir of roots) {
    const stat = statSync(resolve(dir), { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`no such directory: ${oneLine(dir)}`);
    if (!stat.isDirectory()) throw new UsageError(`not a directory: ${oneLine(dir)}`);
  }
  const portfolios: FoundPortfolio[] = [];
  const problems: CohortProblem[] = [];
  const notPortfolios: string[] = [];
  const seen = new Set<string>();
  const walk = (folder: string, depth: number): number => {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch (error) {
      problems.push({ path: shownPath(folder), problem: `cannot be read: ${describeReadError(error)}` });
      return 0;
    }
    // The same folder given twice, or given inside another given folder, is one portfolio.
    if (seen.has(real)) return 1;
    seen.add(real);
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: shownPath(folder), problem: `cannot be read: ${describeReadError(error)}` });
      return 0;
    }
    let found = 0;
    if (entries.some((entry) => entry.name === CONFIG_FILE_NAME)) {
      portfolios.push({ dir: folder, path: shownPath(folder) });
      found++;
    }
    if (depth >= COHORT_WALK_DEPTH) return found;
    const isPortfolio = found > 0;
    const empty: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (isSkipped(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        // A linked clone is named, not followed: following links can loop or leave the folders given.
        const target = statSync(path, { throwIfNoEntry: false });
        if (target?.isDirectory())
          problems.push({ path: shownPath(path), problem: 'a symbolic link to a folder: not followed (give the folder it points to instead)' });
        continue;
      }
      if (!entry.isDirectory()) continue;
      const below = walk(path, depth + 1);
      if (below === 0) empty.push(shownPath(path));
      found += below;
    }
    // In a folder of clones, a clone without a portfolio is named; a portfolio's own folders are not.
    if (depth === 0 && !isPortfolio && found > 0) notPortfolios.push(...empty);
    return found;
  };
  for (const dir of roots) {
    const absolute = resolve(dir);
    // A folder given as a link is followed: the user named it.
    if (lstatSync(absolute).isSymbolicLink()) {
      const real = realpathSync(absolute);
      if (walk(real, 0) === 0) notPortfolios.push(shownPath(absolute));
    } else if (walk(absolute, 0) === 0) notPortfolios.push(shownPath(absolute));
  }
  return { portfolios, problems, notPortfolios };
}
