// Finding and loading the portfolio a command was pointed at, and the folder prefixes its paths are printed with.
import { accessSync, constants, existsSync, lstatSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { applyLevels, CONFIG_FILE_NAME, describeReadError, PortfolioIndex, toReported, type IndexOptions } from '../core';
import { GitSignoffHistory } from './gitSignoffHistory';
import { describeType, NodeFileSystem, toPosix } from './nodeFileSystem';
import { oneLine } from './printable';
import { UsageError } from './usageError';

/** The one folder a single-portfolio command was given (default: `.`); a UsageError for more. */
export function oneFolder(command: string, folders: readonly string[]): string {
  if (folders.length > 1) throw new UsageError(`${command} takes one folder, found ${folders.length}: run it once per portfolio`);
  return folders[0] ?? '.';
}

/**
 * `dir`'s path from the root of the git repository holding it, with a trailing slash (empty at the
 * root), as code scanning and test reports resolve paths; the current folder's prefix outside git.
 */
export function repositoryPrefix(dir: string): string {
  const absolute = resolve(dir);
  for (let folder = absolute; ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) {
      const inside = toPosix(relative(folder, absolute));
      return inside === '' ? '' : `${inside}/`;
    }
    if (dirname(folder) === folder) return folderPrefix(dir);
  }
}

/**
 * The coverage of a loaded portfolio, or a UsageError: coverage of a config with errors (an
 * unknown option, say) would count the wrong KSBs, so it is refused, as check fails.
 */
export function usableCoverage(index: PortfolioIndex) {
  const configPath = `${index.root}/${CONFIG_FILE_NAME}`;
  const configProblems = toReported(new Map([[configPath, applyLevels(index.diagnosticsFor(configPath))]]), index);
  const errors = configProblems.filter((d) => d.severity === 'error');
  const coverage = index.coverage();
  if (!coverage || errors.length > 0) {
    const problems = errors.length > 0 ? errors : configProblems;
    const reasons = problems.filter((p) => p.message.trim() !== '').map((p) => `${p.line}:${p.column} ${p.message}`);
    throw new UsageError(`${CONFIG_FILE_NAME} is not usable: ${oneLine(reasons.join('; ') || 'no standard could be resolved from it')}`);
  }
  return coverage;
}

/** Loads the portfolio in `dir`, which assertPortfolioFolder has found. */
export async function loadPortfolioOn(days: Pick<IndexOptions, 'today' | 'latestToday'>, dir: string, options: IndexOptions): Promise<PortfolioIndex> {
  // git proves sign-offs when portfolio.yaml asks (`verify-signoffs`); the index asks only then.
  const root = toPosix(resolve(dir));
  const index = new PortfolioIndex(new NodeFileSystem(), root, { ...days, signoffHistory: new GitSignoffHistory(root), ...options });
  await index.load();
  return index;
}

/** Throws a one-line UsageError unless `dir` is a folder with a readable `portfolio.yaml` file. */
export function assertPortfolioFolder(dir: string): void {
  const absolute = resolve(dir);
  const folder = statSync(absolute, { throwIfNoEntry: false });
  if (!folder) throw new UsageError(`no such directory: ${dir}`);
  if (!folder.isDirectory()) throw new UsageError(`not a directory: ${dir}`);
  const configPath = resolve(absolute, CONFIG_FILE_NAME);
  // lstat: a symbolic link is never followed, so it is answered the same wherever it leads (the core reports it).
  const config = lstatSync(configPath, { throwIfNoEntry: false });
  if (config?.isSymbolicLink()) return;
  if (!config) {
    throw new UsageError(
      `no ${CONFIG_FILE_NAME} in ${dir}: create one with \`standard: ST0792\` and \`option: production-coordinator\` (or post-production-coordinator)`,
    );
  }
  // A folder, FIFO or device named portfolio.yaml is no config: reading it would find nothing, block or never end.
  if (!config.isFile()) throw new UsageError(`${CONFIG_FILE_NAME} in ${dir} is not a file: expected a YAML file, found ${describeType(config)}`);
  try {
    accessSync(configPath, constants.R_OK);
  } catch (error) {
    throw new UsageError(`cannot read ${CONFIG_FILE_NAME} in ${dir}: ${describeReadError(error)}`);
  }
}

/** `dir` as written, with `/` separators and one trailing slash; `.` adds nothing. */
export function folderPrefix(dir: string): string {
  const posix = toPosix(dir);
  const trimmed = posix.replace(/\/+$/, '');
  if (trimmed === '.' || (trimmed === '' && posix === '')) return '';
  return `${trimmed}/`;
}

/** Every file's diagnostics at their configured levels, leaving out files with none left. */
export function levelAll(index: PortfolioIndex) {
  const result = new Map<string, ReturnType<typeof applyLevels>>();
  for (const [path, diagnostics] of index.allDiagnostics()) {
    const leveled = applyLevels(diagnostics);
    if (leveled.length > 0) result.set(path, leveled);
  }
  return result;
}

/** The one portfolio a command was pointed at, loaded, and its coverage; a UsageError when it is missing or not usable. */
export async function loadUsablePortfolio(command: string, folders: readonly string[], load: (dir: string) => Promise<PortfolioIndex>) {
  const dir = oneFolder(command, folders);
  assertPortfolioFolder(dir);
  const index = await load(dir);
  return { index, coverage: usableCoverage(index) };
}
