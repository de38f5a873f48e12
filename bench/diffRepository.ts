// A git repository for the `ksb diff` benchmark: a generated portfolio committed as the base, then
// 50 of its evidence files changed (edited claims, renames with and without edits, additions,
// deletions) and committed as the head. Written once under .cache/bench/ and reused while its marker matches.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { dirname, join } from 'node:path';
import type { GeneratedPortfolio } from './generate';

/** Bump when the repository's content or history changes, so a stale one is rebuilt. */
const REPOSITORY_VERSION = 2;
const MARKER = '.git/ksb-bench-diff.json';

/** How the 50 changed files are split, and what the diff must then report. */
export const DIFF_CHANGES = { claimsEdited: 20, renamedUnchanged: 5, renamedEdited: 5, added: 10, removed: 10 } as const;

/** The repository and its two commits. */
export interface DiffRepository {
  readonly root: string;
  readonly base: string;
  readonly head: string;
  /** A second working tree of the repository with the base checked out, where the head is read from git's objects. */
  readonly baseCheckout: string;
  /** Evidence files changed between them: the 50 of DIFF_CHANGES. */
  readonly changedFiles: number;
}

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: devNull,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.org',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.org',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: GIT_ENV, maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Returns the benchmark's repository over `portfolio`, building it under `cacheDir` if needed. */
export function ensureDiffRepository(cacheDir: string, portfolio: GeneratedPortfolio, log: (line: string) => void): DiffRepository {
  const root = join(cacheDir, `diff-v${REPOSITORY_VERSION}-${portfolio.root.split('/').pop()}`);
  const markerPath = join(root, MARKER);
  if (existsSync(markerPath)) {
    try {
      const repository = JSON.parse(readFileSync(markerPath, 'utf8')) as DiffRepository;
      if (existsSync(repository.baseCheckout)) return { ...repository, root };
    } catch {
      // A broken marker: build again below (as for a missing second working tree).
    }
  }
  const started = Date.now();
  const baseCheckout = `${root}-at-base`;
  rmSync(root, { recursive: true, force: true });
  rmSync(baseCheckout, { recursive: true, force: true });
  cpSync(portfolio.root, root, { recursive: true });
  // What a real repository would do: dependencies are not committed.
  writeFileSync(join(root, '.gitignore'), 'node_modules/\n');
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  const base = git(root, 'rev-parse', 'HEAD').trim();

  // Ordinary evidence files (no planted problem), spread through the portfolio.
  const planted = new Set(Object.values(portfolio.problems).flat());
  const tracked = git(root, 'ls-files', '-z', 'evidence')
    .split('\0')
    .filter((path) => path.endsWith('.md') && !planted.has(path) && path !== portfolio.largeFile && !path.includes('/node_modules/'));
  const total = Object.values(DIFF_CHANGES).reduce((a, b) => a + b, 0);
  const step = Math.floor(tracked.length / total);
  const picked = Array.from({ length: total }, (_, i) => tracked[i * step]);
  let next = 0;
  const take = (count: number) => picked.slice(next, (next += count));
  const editClaims = (path: string) => {
    const full = join(root, path);
    const text = readFileSync(full, 'utf8');
    const edited = text.replace(/^ksbs:[\s\S]*?(?=^---)/m, 'ksbs: [K1, S1, B1, K22]\n');
    if (edited === text) throw new Error(`could not edit the claims of ${path}`);
    writeFileSync(full, edited);
  };
  for (const path of take(DIFF_CHANGES.claimsEdited)) editClaims(path);
  for (const path of take(DIFF_CHANGES.renamedUnchanged)) renameSync(join(root, path), join(root, path.replace(/\.md$/, '-moved.md')));
  for (const path of take(DIFF_CHANGES.renamedEdited)) {
    const to = path.replace(/\.md$/, '-moved.md');
    renameSync(join(root, path), join(root, to));
    editClaims(to);
  }
  for (const path of take(DIFF_CHANGES.added)) {
    const to = join(root, dirname(path), `added-${path.split('/').pop()}`);
    writeFileSync(to, `---\ntitle: "Added evidence"\ndate: 2026-02-01\nksbs: [K2, S2]\n---\n\nWhat I did on the new shoot, and why.\n`);
  }
  for (const path of take(DIFF_CHANGES.removed)) unlinkSync(join(root, path));
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'head: 50 evidence files changed');
  const head = git(root, 'rev-parse', 'HEAD').trim();
  // Packed, as a clone's objects are: loose objects would cost a file each.
  git(root, 'repack', '-a', '-d', '-q');
  git(root, 'worktree', 'add', '-q', '--detach', baseCheckout, base);
  const repository: DiffRepository = { root, base, head, baseCheckout, changedFiles: total };
  writeFileSync(markerPath, JSON.stringify(repository, null, 2));
  log(`built the diff repository in ${root} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return repository;
}
