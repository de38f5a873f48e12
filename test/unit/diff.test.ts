import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import * as path from 'node:path';
import { assertUsageError, ensureCliBuilt, type ProcessRun } from './processHarness';

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');

/** git and the CLI see none of this machine's git configuration, only what a test sets. */
const ISOLATED_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: devNull,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.org',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.org',
  NO_COLOR: '1',
};

type CliResult = ProcessRun;

let scratch: string;

/** Runs git in `cwd`; throws with its stderr when it fails. */
function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: ISOLATED_ENV });
  assert.equal(result.status, 0, `git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Runs `node dist/cli.js ...args` in `cwd`. */
function ksb(cwd: string, ...args: string[]): CliResult {
  // git looks for a repository no higher than the scratch folder, wherever the temporary folder is.
  const env = { ...ISOLATED_ENV, GIT_CEILING_DIRECTORIES: scratch };
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `ksb diff ... --format json`, parsed, with the exit status. */
function diffJson(cwd: string, ...args: string[]): { status: number | null; report: DiffReport } {
  const result = ksb(cwd, 'diff', ...args, '--format', 'json');
  assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
  return { status: result.status, report: JSON.parse(result.stdout) as DiffReport };
}

interface ReportedProblem {
  file: string;
  line: number;
  column: number;
  code: string;
  severity: string;
  message: string;
}

interface DiffReport {
  base: { revision: string; commit: string };
  head: { revision: string | null; commit: string | null };
  folder: string;
  newlyCovered: Array<{ code: string; kind: string; text: string; evidence: string[] }>;
  noLongerCovered: Array<{ code: string; kind: string; text: string; evidence: string[] }>;
  evidence: {
    added: Array<{ file: string; title: string | null; claims: string[] }>;
    removed: Array<{ file: string; title: string | null; claims: string[] }>;
    changed: Array<{ file: string; previousFile: string | null; title: string | null; claimsAdded: string[]; claimsDropped: string[] }>;
  };
  problems: { introduced: ReportedProblem[]; fixed: ReportedProblem[] };
  coverage: { before: { covered: number; total: number } | null; after: { covered: number; total: number } | null };
  signoffs: Record<'added' | 'renewed' | 'removed' | 'stale', Array<{ file: string; by: string; role: string; date: string }>>;
}

/** Writes files below `root` (paths relative to it); `null` deletes one. */
function write(root: string, files: Record<string, string | null>): void {
  for (const [relative, text] of Object.entries(files)) {
    const full = path.join(root, relative);
    if (text === null) {
      unlinkSync(full);
      continue;
    }
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

/** A new repository in a fresh folder below the scratch folder. */
function newRepository(name: string): string {
  const root = path.join(scratch, name);
  mkdirSync(root, { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  return root;
}

/** Stages everything and commits; returns the commit id. */
function commit(root: string, message: string): string {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
  return git(root, 'rev-parse', 'HEAD').trim();
}

const CONFIG = 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\nevidence: ["evidence/**/*.md"]\n';

function evidence(title: string, codes: string, body = 'Body.\n'): string {
  return `---\ntitle: ${JSON.stringify(title)}\ndate: 2026-01-10\nksbs: [${codes}]\n---\n\n${body}`;
}

/** A body long enough that git pairs the file with its renamed self even after a small edit. */
const LONG_BODY = Array.from({ length: 40 }, (_, i) => `Line ${i} of what I did on the harbour shoot, in some detail.`).join('\n') + '\n';

describe('ksb diff', function () {
  this.timeout(60_000);

  before(function () {
    if (spawnSync('git', ['--version']).status !== 0) this.skip();
    ensureCliBuilt(REPO);
    scratch = mkdtempSync(path.join(tmpdir(), 'ksb-diff-'));
  });

  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  describe('between two commits', () => {
    let repo: string;
    let twoCommits: ReturnType<typeof diffJson>;
    before(() => {
      repo = newRepository('two-commits');
      write(repo, {
        'portfolio.yaml': CONFIG,
        'evidence/kept.md': evidence('Kept', 'K1, S1'),
        'evidence/edited.md': evidence('Edited', 'K2, K3'),
        'evidence/gone.md': evidence('Gone', 'K4, B1', 'A reflection on the archive session and what the footage log taught me.\n'),
        'evidence/moving.md': evidence('Moving', 'S2', LONG_BODY),
        'evidence/broken.md': evidence('Broken', 'K5, K30'),
        'evidence/still-broken.md': evidence('Still broken', 'K6, S99'),
      });
      commit(repo, 'base');
      write(repo, {
        'evidence/edited.md': evidence('Edited', 'K2, S3, K40'),
        'evidence/gone.md': null,
        'evidence/new.md': evidence('New', 'K7, B2', 'Budget reconciliation for the studio day: purchase orders, invoices, a tracker.\n'),
        'evidence/broken.md': evidence('Broken', 'K5'),
        // Three lines more above the claims: its problem moves down but stays the same problem.
        'evidence/still-broken.md': `---\ntitle: "Still broken"\nsummary: one\ncontext: two\nrole: three\ndate: 2026-01-10\nksbs: [K6, S99]\n---\n\nBody.\n`,
      });
      renameSync(path.join(repo, 'evidence/moving.md'), path.join(repo, 'evidence/moved.md'));
      write(repo, { 'evidence/moved.md': evidence('Moving', 'S2, S4', LONG_BODY) });
      commit(repo, 'head');
      // The base checked out: the head is read from git's objects, not from disk.
      git(repo, 'checkout', '-q', '--detach', 'main~1');
      twoCommits = diffJson(repo, 'main~1', 'main');
    });

    it('Should find the same diff when the head is checked out and read from disk', () => {
      git(repo, 'checkout', '-q', 'main');
      try {
        assert.deepEqual(diffJson(repo, 'main~1', 'main'), twoCommits);
      } finally {
        git(repo, 'checkout', '-q', '--detach', 'main~1');
      }
    });

    it('Should list evidence added, removed, renamed and changed with the claims each added or dropped', () => {
      const { report } = twoCommits;
      assert.deepEqual(report.evidence.added, [{ file: 'evidence/new.md', title: 'New', claims: ['K7', 'B2'] }]);
      assert.deepEqual(report.evidence.removed, [{ file: 'evidence/gone.md', title: 'Gone', claims: ['K4', 'B1'] }]);
      assert.deepEqual(
        report.evidence.changed.map((c) => [c.file, c.previousFile, c.claimsAdded, c.claimsDropped]),
        [
          ['evidence/broken.md', null, [], []],
          ['evidence/edited.md', null, ['S3'], ['K3']],
          ['evidence/moved.md', 'evidence/moving.md', ['S4'], []],
          ['evidence/still-broken.md', null, [], []],
        ],
      );
    });

    it('Should list the KSBs newly covered and no longer covered, with the evidence on the side that covers them', () => {
      const { report } = twoCommits;
      assert.deepEqual(
        report.newlyCovered.map((k) => [k.code, k.evidence]),
        [
          ['K7', ['evidence/new.md']],
          ['S3', ['evidence/edited.md']],
          ['S4', ['evidence/moved.md']],
          ['B2', ['evidence/new.md']],
        ],
      );
      assert.deepEqual(
        report.noLongerCovered.map((k) => [k.code, k.evidence]),
        [
          ['K3', ['evidence/edited.md']],
          ['K4', ['evidence/gone.md']],
          ['B1', ['evidence/gone.md']],
        ],
      );
      assert.deepEqual([report.coverage.before?.covered, report.coverage.after?.covered, report.coverage.after?.total], [9, 10, report.coverage.before?.total]);
    });

    it('Should pair problems by file, code and message so a problem that only moved lines is neither fixed nor introduced', () => {
      const { status, report } = twoCommits;
      assert.deepEqual(
        report.problems.introduced.map((p) => `${p.file}:${p.line} ${p.code}`),
        ['evidence/edited.md:4 ksb.unknown-code'],
      );
      assert.deepEqual(
        report.problems.fixed.map((p) => `${p.file}:${p.line} ${p.code}`),
        ['evidence/broken.md:4 ksb.unknown-code'],
      );
      assert.equal(status, 1, 'an introduced error fails the diff');
    });

    it('Should print the text report: coverage, KSBs, evidence and problems on their own lines', () => {
      const result = ksb(repo, 'diff', 'main~1', 'main');
      assert.equal(result.status, 1, result.stderr);
      const lines = result.stdout.trimEnd().split('\n');
      assert.equal(lines[0], 'Portfolio: main~1 → main');
      assert.match(lines[1], /^Coverage: 9\/\d+ \(\d+%\) → 10\/\d+ \(\d+%\), \+1$/);
      assert.ok(lines.includes('  added    evidence/new.md: +K7 +B2'), result.stdout);
      assert.ok(lines.includes('  removed  evidence/gone.md: -K4 -B1'), result.stdout);
      assert.ok(lines.includes('  renamed  evidence/moved.md (from evidence/moving.md): +S4'), result.stdout);
      assert.ok(lines.includes('  changed  evidence/edited.md: +S3 -K3'), result.stdout);
      assert.ok(
        lines.some((l) => /^ {2}introduced evidence\/edited\.md:4:\d+ error ksb\.unknown-code Unexpected code `K40`/.test(l)),
        result.stdout,
      );
      assert.ok(
        lines.some((l) => /^ {2}fixed {6}evidence\/broken\.md:4:\d+ error ksb\.unknown-code Unexpected code `K30`/.test(l)),
        result.stdout,
      );
      assert.equal(lines[lines.length - 1], 'The change introduces errors.');
    });

    it('Should print the documented JSON shape', () => {
      const { report } = twoCommits;
      assert.deepEqual(Object.keys(report), ['base', 'head', 'folder', 'newlyCovered', 'noLongerCovered', 'evidence', 'problems', 'coverage', 'signoffs']);
      assert.deepEqual(Object.keys(report.signoffs), ['added', 'renewed', 'removed', 'stale']);
      assert.deepEqual(Object.keys(report.evidence), ['added', 'removed', 'changed']);
      assert.deepEqual(Object.keys(report.problems), ['introduced', 'fixed']);
      assert.deepEqual(Object.keys(report.coverage), ['before', 'after']);
      assert.deepEqual(Object.keys(report.coverage.after!), ['standard', 'version', 'option', 'covered', 'total', 'byKind']);
      assert.deepEqual(Object.keys(report.newlyCovered[0]), ['code', 'kind', 'text', 'evidence']);
      assert.deepEqual(Object.keys(report.evidence.changed[0]), ['file', 'previousFile', 'title', 'claimsAdded', 'claimsDropped']);
      assert.deepEqual(Object.keys(report.problems.introduced[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'code', 'severity', 'message']);
      assert.deepEqual(report.base, { revision: 'main~1', commit: git(repo, 'rev-parse', 'main~1').trim() });
      assert.deepEqual(report.head, { revision: 'main', commit: git(repo, 'rev-parse', 'main').trim() });
      assert.equal(report.folder, '');
    });

    it('Should exit 0 and say nothing changed when both revisions are the same', () => {
      const result = ksb(repo, 'diff', 'main', 'main');
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /No change to the evidence, the sign-offs, the coverage or the problems\.\n$/);
    });

    it('Should exit 0 when the change only fixes errors', () => {
      const fixOnly = newRepository('fix-only');
      write(fixOnly, { 'portfolio.yaml': CONFIG, 'evidence/a.md': evidence('A', 'K1, K30') });
      commit(fixOnly, 'broken');
      write(fixOnly, { 'evidence/a.md': evidence('A', 'K1') });
      commit(fixOnly, 'fixed');
      const fixed = ksb(fixOnly, 'diff', 'HEAD~1', 'HEAD');
      assert.equal(fixed.status, 0, fixed.stdout);
      assert.match(fixed.stdout, /Problems: 0 introduced, 1 fixed/);
    });

    it('Should refuse an unknown --format with exit 2', () => {
      assertUsageError(ksb(repo, 'diff', 'main~1', '--format', 'github'), /unknown --format github: expected text, markdown or json/);
    });
  });

  describe('against the working tree', () => {
    it('Should compare with the working tree by default, an untracked file included and an ignored one left out', () => {
      const repo = newRepository('working-tree');
      write(repo, { 'portfolio.yaml': CONFIG, '.gitignore': 'evidence/private/\n', 'evidence/a.md': evidence('A', 'K1') });
      commit(repo, 'base');
      write(repo, {
        'evidence/untracked.md': evidence('Untracked', 'K2'),
        'evidence/private/ignored.md': evidence('Ignored', 'K3'),
        'evidence/a.md': evidence('A', 'K1, S1'),
      });
      const { report } = diffJson(repo, 'HEAD');
      assert.deepEqual(report.head, { revision: null, commit: null });
      assert.deepEqual(
        report.evidence.added.map((e) => e.file),
        ['evidence/untracked.md'],
      );
      assert.deepEqual(
        report.evidence.changed.map((e) => [e.file, e.claimsAdded]),
        [['evidence/a.md', ['S1']]],
      );
      assert.deepEqual(
        report.newlyCovered.map((k) => k.code),
        ['K2', 'S1'],
      );
      const text = ksb(repo, 'diff', 'HEAD');
      assert.match(text.stdout, /^Portfolio: HEAD → the working tree\n/);
    });

    it('Should see a folder that only the head has as missing at the base, and one only the base has as there', () => {
      const repo = newRepository('folders');
      write(repo, {
        'portfolio.yaml': CONFIG,
        'evidence/a.md': evidence('A', 'K1', '[the old shoot](old-shoot/) and [the new shoot](new-shoot/)\n'),
        'evidence/old-shoot/notes.md': evidence('Old', 'K2'),
      });
      commit(repo, 'base');
      rmSync(path.join(repo, 'evidence/old-shoot'), { recursive: true });
      write(repo, { 'evidence/new-shoot/notes.md': evidence('New', 'K3') });
      const { report } = diffJson(repo, 'HEAD');
      const where = (p: ReportedProblem) => `${p.file} ${p.code} ${/`([^`]+)`/.exec(p.message)?.[1]}`;
      assert.deepEqual(report.problems.introduced.map(where), ['evidence/a.md evidence.missing-attachment old-shoot/']);
      assert.deepEqual(report.problems.fixed.map(where), ['evidence/a.md evidence.missing-attachment new-shoot/']);
    });

    it('Should take a second name that is a folder as the portfolio folder, with the working tree as HEAD', () => {
      const repo = newRepository('folder-second');
      write(repo, { 'portfolio/portfolio.yaml': CONFIG, 'portfolio/evidence/a.md': evidence('A', 'K1') });
      commit(repo, 'base');
      write(repo, { 'portfolio/evidence/b.md': evidence('B', 'K2') });
      const { report } = diffJson(repo, 'HEAD', 'portfolio');
      assert.deepEqual(
        report.evidence.added.map((e) => e.file),
        ['evidence/b.md'],
      );
      assert.equal(report.head.revision, null);
    });
  });

  describe('a portfolio in a subfolder', () => {
    it('Should compare only the subfolder, with paths relative to the portfolio and links outside it never looked at in either revision', () => {
      const repo = newRepository('subfolder');
      write(repo, {
        'README.md': '# Repo\n',
        'shared/handbook.pdf': 'pdf',
        'apprentices/jess/portfolio.yaml': CONFIG,
        'apprentices/jess/evidence/a.md': evidence('A', 'K1', 'See [the handbook](../../../shared/handbook.pdf).\n'),
        'apprentices/sam/portfolio.yaml': CONFIG,
        'apprentices/sam/evidence/x.md': evidence('X', 'K9'),
      });
      commit(repo, 'base');
      write(repo, {
        'apprentices/jess/evidence/b.md': evidence('B', 'K2'),
        'apprentices/sam/evidence/y.md': evidence('Y', 'K8'),
        'shared/handbook.pdf': null,
      });
      commit(repo, 'head');
      const { report } = diffJson(path.join(repo, 'apprentices'), 'HEAD~1', 'HEAD', 'jess');
      assert.equal(report.folder, 'apprentices/jess');
      assert.deepEqual(
        report.evidence.added.map((e) => e.file),
        ['evidence/b.md'],
      );
      // The handbook outside the portfolio was there at the base and is gone at the head: the link
      // to it is the same problem on both sides, for nothing outside the portfolio is looked at.
      assert.deepEqual(report.problems, { introduced: [], fixed: [] });
      const check = JSON.parse(ksb(path.join(repo, 'apprentices', 'jess'), 'check', '--format', 'json').stdout) as { diagnostics: ReportedProblem[] };
      assert.deepEqual(
        check.diagnostics.map((p) => `${p.file} ${p.code}`),
        ['evidence/a.md evidence.link-outside'],
      );
      const text = ksb(path.join(repo, 'apprentices'), 'diff', 'HEAD~1', 'HEAD', 'jess');
      assert.match(text.stdout, /^Portfolio in apprentices\/jess: HEAD~1 → HEAD\n/);
      // With the base checked out, the head is read from git: the same again.
      const head = git(repo, 'rev-parse', 'HEAD').trim();
      git(repo, 'checkout', '-q', '--detach', 'HEAD~1');
      const fromGit = diffJson(path.join(repo, 'apprentices'), 'HEAD', head, 'jess');
      assert.deepEqual(fromGit.report.problems, report.problems);
      assert.deepEqual(fromGit.report.evidence, report.evidence);
    });

    it('Should find the portfolio through a symbolic link to its folder from outside the repository', () => {
      const repo = newRepository('linked-folder');
      write(repo, { 'p/portfolio.yaml': CONFIG, 'p/evidence/a.md': evidence('A', 'K1') });
      commit(repo, 'base');
      write(repo, { 'p/evidence/b.md': evidence('B', 'K2') });
      const link = path.join(scratch, 'link-to-portfolio');
      symlinkSync(path.join(repo, 'p'), link);
      const { report } = diffJson(scratch, 'HEAD', link);
      assert.equal(report.folder, 'p');
      assert.deepEqual(
        report.evidence.added.map((e) => e.file),
        ['evidence/b.md'],
      );
    });

    it('Should find the same diff whether the base is reached file by file or loaded whole (a link out of the portfolio)', () => {
      // Git's changes told to the index one path at a time, against a whole load of the base: the
      // second repository only adds an unchanged file linking out of the portfolio, which forces it.
      const build = (name: string, linkOut: boolean) => {
        const repo = newRepository(name);
        write(repo, {
          'shared/handbook.pdf': 'pdf',
          'p/portfolio.yaml': CONFIG,
          'p/evidence/kept.md': evidence('Kept', 'K1', '[plan](../attachments/plan.pdf) [old](old/)\n'),
          'p/evidence/old/a.md': evidence('Old A', 'K2, K30'),
          'p/evidence/edited.md': evidence('Edited', 'K3'),
          'p/evidence/moving.md': evidence('Moving', 'S1', LONG_BODY),
          'p/attachments/plan.pdf': 'plan',
          'p/evidence/nested/portfolio.yaml': CONFIG,
          'p/evidence/nested/x.md': evidence('Nested', 'K9'),
          ...(linkOut ? { 'p/evidence/out.md': evidence('Out', 'K1', '[handbook](../../shared/handbook.pdf)\n') } : {}),
        });
        commit(repo, 'base');
        rmSync(path.join(repo, 'p/evidence/old'), { recursive: true });
        rmSync(path.join(repo, 'p/attachments/plan.pdf'));
        rmSync(path.join(repo, 'p/evidence/nested/portfolio.yaml'));
        renameSync(path.join(repo, 'p/evidence/moving.md'), path.join(repo, 'p/evidence/moved.md'));
        write(repo, {
          'p/evidence/edited.md': evidence('Edited', 'K3, K4, K31'),
          'p/evidence/new/b.md': evidence('New B', 'S2', LONG_BODY.replace(/harbour/g, 'studio')),
        });
        const head = commit(repo, 'head');
        const fromDisk = diffJson(repo, 'HEAD~1', 'HEAD', 'p').report;
        git(repo, 'checkout', '-q', '--detach', 'HEAD~1');
        const fromGit = diffJson(repo, 'HEAD', head, 'p').report;
        const { base: _base, head: _head, ...rest } = fromGit;
        assert.deepEqual({ ...fromDisk, base: _base, head: _head }, fromGit, `${name}: from disk and from git`);
        return rest;
      };
      const fileByFile = build('file-by-file', false);
      const whole = build('whole', true);
      assert.deepEqual(whole, fileByFile);
      assert.deepEqual(
        fileByFile.problems.introduced.map((p) => `${p.file} ${p.code}`),
        ['evidence/edited.md ksb.unknown-code', 'evidence/kept.md evidence.missing-attachment', 'evidence/kept.md evidence.missing-attachment'],
      );
      assert.deepEqual(
        fileByFile.problems.fixed.map((p) => `${p.file} ${p.code}`),
        ['evidence/old/a.md ksb.unknown-code'],
      );
      // The nested portfolio's config is gone at the head: its evidence is this portfolio's now.
      assert.deepEqual(
        fileByFile.evidence.added.map((e) => e.file),
        ['evidence/nested/x.md', 'evidence/new/b.md'],
      );
    });

    it('Should treat a portfolio that did not exist at the base as all new', () => {
      const repo = newRepository('new-portfolio');
      write(repo, { 'README.md': '# Repo\n' });
      commit(repo, 'base');
      write(repo, { 'p/portfolio.yaml': CONFIG, 'p/evidence/a.md': evidence('A', 'K1, S1') });
      commit(repo, 'head');
      const { status, report } = diffJson(repo, 'HEAD~1', 'HEAD', 'p');
      assert.equal(status, 0);
      assert.equal(report.coverage.before, null);
      assert.equal(report.coverage.after?.covered, 2);
      assert.deepEqual(
        report.evidence.added.map((e) => e.file),
        ['evidence/a.md'],
      );
    });
  });

  describe('what it refuses', () => {
    it('Should exit 2 with one line for an unknown revision', () => {
      const repo = newRepository('unknown-revision');
      write(repo, { 'portfolio.yaml': CONFIG });
      commit(repo, 'base');
      assertUsageError(ksb(repo, 'diff', 'no-such-branch'), /^ksb: unknown revision "no-such-branch": expected a branch, tag or commit of this repository$/);
      assertUsageError(ksb(repo, 'diff', 'HEAD', 'no-such-branch', '.'), /unknown revision "no-such-branch"/);
    });

    it('Should exit 2 with one line outside a git repository', () => {
      const folder = path.join(scratch, 'not-a-repo');
      write(folder, { 'portfolio.yaml': CONFIG });
      assertUsageError(ksb(folder, 'diff', 'main'), /^ksb: not a git repository: \. \(ksb diff compares revisions of one\)$/);
    });

    it('Should refuse a revision that looks like an option, and write no file it names', () => {
      const repo = newRepository('option-like');
      write(repo, { 'portfolio.yaml': CONFIG });
      commit(repo, 'base');
      assertUsageError(ksb(repo, 'diff', '--', '--output=x'), /unknown revision `--output=x`: expected a branch, tag or commit, not an option/);
      assertUsageError(ksb(repo, 'diff', 'HEAD', '--', '--output=y', '.'), /unknown revision `--output=y`/);
      assert.ok(!existsSync(path.join(repo, 'x')) && !existsSync(path.join(repo, 'y')), 'no file was written');
    });

    it('Should tell a shallow clone without the base to fetch with fetch-depth: 0', () => {
      const origin = newRepository('shallow-origin');
      write(origin, { 'portfolio.yaml': CONFIG, 'evidence/a.md': evidence('A', 'K1') });
      const base = commit(origin, 'base');
      write(origin, { 'evidence/b.md': evidence('B', 'K2') });
      commit(origin, 'head');
      const clone = path.join(scratch, 'shallow-clone');
      git(scratch, 'clone', '-q', '--depth', '1', `file://${origin}`, clone);
      assertUsageError(ksb(clone, 'diff', base), /unknown revision ".+" in a shallow clone: .*`fetch-depth: 0`/);
      assertUsageError(ksb(clone, 'diff', 'HEAD~1'), /shallow clone.*fetch-depth: 0/);
      // Once the history is there, the same command runs.
      git(clone, 'fetch', '-q', '--unshallow');
      const { report } = diffJson(clone, base);
      assert.deepEqual(
        report.evidence.added.map((e) => e.file),
        ['evidence/b.md'],
      );
    });

    it('Should exit 2 when the head has no portfolio.yaml', () => {
      const repo = newRepository('no-config');
      write(repo, { 'README.md': '# Repo\n' });
      commit(repo, 'base');
      assertUsageError(ksb(repo, 'diff', 'HEAD'), /no portfolio\.yaml in \.: expected the portfolio's config file/);
      assertUsageError(ksb(repo, 'diff', 'HEAD', 'HEAD', '.'), /no portfolio\.yaml in \. at HEAD/);
    });
  });

  describe('odd files', () => {
    it('Should handle file names with spaces, non-ASCII letters and a line break', () => {
      const repo = newRepository('odd-names');
      write(repo, { 'portfolio.yaml': CONFIG, 'evidence/plain.md': evidence('Plain', 'K1') });
      commit(repo, 'base');
      write(repo, {
        'evidence/with space é.md': evidence('Spaced', 'K2'),
        'evidence/line\nbreak.md': evidence('Broken name', 'K3, K77'),
      });
      const head = commit(repo, 'head');
      const onDisk = diffJson(repo, 'HEAD~1', 'HEAD');
      git(repo, 'checkout', '-q', '--detach', 'HEAD~1');
      const { report } = diffJson(repo, 'HEAD', head);
      assert.deepEqual(report.evidence, onDisk.report.evidence, 'the same from disk and from git');
      assert.deepEqual(report.problems, onDisk.report.problems, 'the same from disk and from git');
      git(repo, 'checkout', '-q', head);
      assert.deepEqual(
        report.evidence.added.map((e) => e.file),
        ['evidence/line\nbreak.md', 'evidence/with space é.md'],
      );
      assert.deepEqual(
        report.problems.introduced.map((p) => p.file),
        ['evidence/line\nbreak.md'],
      );
      const text = ksb(repo, 'diff', 'HEAD~1', 'HEAD');
      // The text report keeps one thing a line: the line break is shown JSON-quoted.
      assert.ok(text.stdout.includes('  added    "evidence/line\\nbreak.md": +K3'), text.stdout);
      assert.ok(text.stdout.includes('  added    evidence/with space é.md: +K2'), text.stdout);
      // Working tree against the head: nothing changed, the odd names included.
      const same = ksb(repo, 'diff', 'HEAD');
      assert.equal(same.status, 0, same.stderr);
      assert.match(same.stdout, /No change/);
    });

    it('Should report a name that is not UTF-8 and a file over the read limit alike at both revisions', () => {
      const repo = newRepository('undecodable');
      write(repo, { 'portfolio.yaml': CONFIG, 'evidence/large.md': evidence('Large', 'K1', `${'x'.repeat(100)}\n`.repeat(15_000)) });
      writeFileSync(Buffer.from([...Buffer.from(path.join(repo, 'evidence/')), 0xff, 0xfe, ...Buffer.from('.md')]), evidence('Odd', 'K2'));
      const base = commit(repo, 'base');
      write(repo, { 'evidence/b.md': evidence('B', 'K3') });
      const head = commit(repo, 'head');
      const check = JSON.parse(ksb(repo, 'check', '--format', 'json').stdout) as { diagnostics: ReportedProblem[] };
      assert.deepEqual(check.diagnostics.map((d) => d.code).sort(), ['file.too-large', 'file.unreadable']);
      // From disk (the head checked out) and from git's objects (the base checked out): nothing but b.md changed.
      const fromDisk = diffJson(repo, base, head).report;
      git(repo, 'checkout', '-q', '--detach', base);
      const fromGit = diffJson(repo, base, head).report;
      for (const report of [fromDisk, fromGit]) {
        assert.deepEqual(report.problems, { introduced: [], fixed: [] });
        assert.deepEqual(
          report.evidence.added.map((e) => e.file),
          ['evidence/b.md'],
        );
        assert.deepEqual(report.evidence.changed, []);
      }
    });

    it('Should report a committed symbolic link as the working tree does, and a new one as a problem introduced', () => {
      const repo = newRepository('symlinks');
      write(repo, { 'portfolio.yaml': CONFIG, 'evidence/real.md': evidence('Real', 'K1') });
      symlinkSync('real.md', path.join(repo, 'evidence/link.md'));
      commit(repo, 'base');
      // Same tree on disk and in the commit: the link's file.symlink is on both sides.
      const same = diffJson(repo, 'HEAD');
      assert.deepEqual(same.report.problems, { introduced: [], fixed: [] });
      const check = ksb(repo, 'check', '--format', 'json');
      const checked = (JSON.parse(check.stdout) as { diagnostics: ReportedProblem[] }).diagnostics;
      assert.deepEqual(
        checked.map((d) => `${d.file} ${d.code}`),
        ['evidence/link.md file.symlink'],
      );

      symlinkSync('evidence', path.join(repo, 'evidence-link'));
      symlinkSync('nowhere.md', path.join(repo, 'evidence/dangling.md'));
      const links = commit(repo, 'links');
      const fromDisk = diffJson(repo, 'HEAD~1', 'HEAD');
      git(repo, 'checkout', '-q', '--detach', 'HEAD~1');
      const { status, report } = diffJson(repo, 'HEAD', links);
      assert.deepEqual(report.problems, fromDisk.report.problems, 'the same from disk and from git');
      git(repo, 'checkout', '-q', links);
      assert.equal(status, 0, 'a symbolic link is a warning');
      // As on disk: every link is reported alike, the dangling one as the one to a folder.
      assert.deepEqual(
        report.problems.introduced.map((p) => `${p.file} ${p.code} ${p.severity} ${p.message}`),
        ['evidence-link', 'evidence/dangling.md'].map((file) => `${file} file.symlink warning ${report.problems.introduced[0].message}`),
      );
      const onDisk = (JSON.parse(ksb(repo, 'check', '--format', 'json').stdout) as { diagnostics: ReportedProblem[] }).diagnostics;
      assert.deepEqual(
        onDisk.map((d) => `${d.file} ${d.code}`),
        ['evidence-link file.symlink', 'evidence/dangling.md file.symlink', 'evidence/link.md file.symlink'],
      );
    });
  });

  describe('markdown', () => {
    it('Should escape a hostile title and message so the comment has no HTML, mention, table break or code span from them', () => {
      const repo = newRepository('hostile');
      write(repo, { 'portfolio.yaml': CONFIG, 'evidence/a.md': evidence('A', 'K1') });
      commit(repo, 'base');
      const hostile = '<script>alert(1)</script> | `code` @octocat #12 **bold** [link](https://example.org)';
      write(repo, { 'evidence/b | `c`.md': evidence(hostile, 'K2, K99') });
      commit(repo, 'head');
      const result = ksb(repo, 'diff', 'HEAD~1', 'HEAD', '--format', 'markdown');
      assert.equal(result.status, 1, result.stderr);
      const md = result.stdout;
      assert.ok(md.startsWith('<!-- ksb-diff -->\n'), md);
      assert.ok(!md.includes('<script>'), md);
      assert.ok(!/(^|[^\\])@octocat/.test(md) && md.includes('\\@\u200boctocat'), md);
      assert.ok(md.includes('\\#\u200b12'), md);
      assert.ok(md.includes('\\*\\*bold\\*\\*') && md.includes('\\[link\\]\\(https'), md);
      // Every table row keeps its columns: no unescaped pipe from the title or the path.
      for (const row of md.split('\n').filter((line) => line.startsWith('| '))) {
        const cells = row.replace(/\\\|/g, '').split('|').length - 2;
        assert.ok([2, 3, 4].includes(cells), `row with ${cells} cells: ${row}`);
      }
      // The path is a code span fenced longer than the backticks inside it.
      assert.ok(md.includes('`` evidence/b \\| `c`.md ``'), md);
    });
  });
});
