// A git repository for the sign-off verification benchmark: 1 000 evidence files, written by the
// apprentice over 20 commits and signed off by the employer over 10 commits of hers, twice over:
// under `verify-signoffs: commits` (`verified/`) and under `off` (`plain/`), so a round times
// verifying against one cold check of the same files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { currentDigest } from '../src/core';

/** Bump when the repository's content changes, so a stale one is rebuilt. */
const REPOSITORY_VERSION = 3;
const MARKER = '.git/ksb-bench-signoff.json';

/** Signed evidence files in each of the two folders. */
export const SIGNED_FILES = 1_000;

const EMPLOYER = { name: 'Priya Shah', email: 'priya@northlight.example' };
const APPRENTICE = { name: 'Sam Patel', email: 'sam@apprentice.example' };

/** Commits the apprentice writes the evidence in, and the employer signs it off in. */
const WRITING_COMMITS = 20;
const SIGNING_COMMITS = 10;

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: devNull,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: EMPLOYER.name,
  GIT_AUTHOR_EMAIL: EMPLOYER.email,
  GIT_COMMITTER_NAME: EMPLOYER.name,
  GIT_COMMITTER_EMAIL: EMPLOYER.email,
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

function git(cwd: string, who: typeof EMPLOYER, ...args: string[]): void {
  const env = { ...GIT_ENV, GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email };
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env, maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
}

/** The repository and its two portfolio folders. */
export interface SignoffRepository {
  readonly verified: string;
  readonly plain: string;
}

/** Returns the benchmark's repository, building it under `cacheDir` if needed. */
export function ensureSignoffRepository(cacheDir: string, log: (line: string) => void): SignoffRepository {
  const root = join(cacheDir, `signoff-v${REPOSITORY_VERSION}`);
  const repository = { verified: join(root, 'verified'), plain: join(root, 'plain') };
  if (existsSync(join(root, MARKER))) return repository;
  const started = Date.now();
  rmSync(root, { recursive: true, force: true });
  const folders = [
    [repository.verified, 'commits'],
    [repository.plain, 'off'],
  ] as const;
  mkdirSync(root, { recursive: true });
  git(root, EMPLOYER, 'init', '-q', '-b', 'main');
  const name = (i: number) => join('evidence', `e${String(i).padStart(4, '0')}.md`);
  const unsigned = (i: number) => `---\ntitle: Evidence ${i}\ndate: 2025-12-01\nksbs: [K${(i % 20) + 1}]\n---\n\nWhat was done, number ${i}.\n`;
  for (const [folder, mode] of folders) {
    mkdirSync(join(folder, 'evidence'), { recursive: true });
    writeFileSync(
      join(folder, 'portfolio.yaml'),
      `standard: ST0792\nversion: "1.2"\noption: production-coordinator\nevidence: ["evidence/**/*.md"]\npeople:\n  - {name: ${EMPLOYER.name}, roles: [employer], email: ${EMPLOYER.email}}\nverify-signoffs: ${mode}\n`,
    );
  }
  // The apprentice writes the evidence a batch at a time...
  for (let batch = 0; batch < WRITING_COMMITS; batch++) {
    for (let i = batch; i < SIGNED_FILES; i += WRITING_COMMITS) for (const [folder] of folders) writeFileSync(join(folder, name(i)), unsigned(i));
    git(root, APPRENTICE, 'add', '-A');
    git(root, APPRENTICE, 'commit', '-q', '-m', `Evidence, batch ${batch + 1}`);
  }
  // ...and the employer signs it off a batch at a time, in commits of her own.
  for (let batch = 0; batch < SIGNING_COMMITS; batch++) {
    for (let i = batch; i < SIGNED_FILES; i += SIGNING_COMMITS) {
      const digest = currentDigest(unsigned(i));
      if (!digest.ok) throw new Error(digest.reason);
      const signed = unsigned(i).replace(
        '---\n\n',
        `signoff:\n  - by: ${EMPLOYER.name}\n    role: employer\n    date: 2025-12-02\n    digest: "${digest.digest}"\n---\n\n`,
      );
      for (const [folder] of folders) writeFileSync(join(folder, name(i)), signed);
    }
    git(root, EMPLOYER, 'add', '-A');
    git(root, EMPLOYER, 'commit', '-q', '-m', `Signed off, batch ${batch + 1}`);
  }
  // Packed, as a clone is: thousands of loose objects would time the disk, not the walk.
  git(root, EMPLOYER, 'gc', '-q');
  writeFileSync(join(root, MARKER), JSON.stringify({ version: REPOSITORY_VERSION }));
  log(
    `sign-off repository: ${SIGNED_FILES} signed files twice over ${WRITING_COMMITS + SIGNING_COMMITS} commits, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return repository;
}
