import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { run, UsageError } from '../../src/cli/main';
import { checkWritable, writeFileSafely } from '../../src/cli/safeWrite';
import type { FetchedResponse } from '../../src/core/catalogue/standardsApi';
import { softwareDeveloperFixture } from './apiServer';
import { assertUsageError, ensureCliBuilt, type ProcessRun } from './processHarness';

// Writes into a hostile tree: a pull request can commit a symbolic link where ksb writes (an
// --output file, an evidence folder, .gitignore, standards/), pointing at a runner's ~/.bashrc.
// Every write must refuse it in one line and leave every file outside the portfolio as it was.

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const CONFIG = 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\n';
const EVIDENCE = '---\ntitle: Call sheet\ndate: 2026-01-10\nksbs: [K1]\n---\nBody.\n';
const BASHRC = 'export PATH=/usr/bin\n';

let base: string;

/** A repository in `base/name` with a portfolio, beside `base/name-outside/` holding a `.bashrc` and a `notes.md` a link may lead to. */
function hostileTree(name: string): { root: string; outside: string } {
  const root = path.join(base, name);
  const outside = path.join(base, `${name}-outside`);
  mkdirSync(path.join(root, 'evidence'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(root, 'portfolio.yaml'), CONFIG);
  writeFileSync(path.join(root, 'evidence', 'own.md'), EVIDENCE);
  writeFileSync(path.join(outside, '.bashrc'), BASHRC);
  writeFileSync(path.join(outside, 'notes.md'), EVIDENCE);
  return { root, outside };
}

/** Every file below `dir` with its bytes, to prove nothing there changed and nothing was added. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = entry.isSymbolicLink() ? `-> ${path.basename(full)}` : readFileSync(full, 'latin1');
    }
  };
  walk(dir);
  return files;
}

function ksb(cwd: string, ...args: string[]): ProcessRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    killSignal: 'SIGKILL',
    env: { ...process.env, KSB_TODAY: '2026-06-30' },
  });
  assert.equal(result.error, undefined, `ksb ${args.join(' ')} did not finish: ${result.error?.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Asserts `promise` rejects with a one-line UsageError matching `message`. */
async function rejectsWithUsage(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof UsageError, `expected a UsageError, found ${String(error)}`);
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /\n/);
    return true;
  });
}

describe('Hostile trees where ksb writes', function () {
  this.timeout(120_000);

  before(() => {
    ensureCliBuilt(REPO);
    base = mkdtempSync(path.join(tmpdir(), 'ksb-writes-'));
  });

  after(() => rmSync(base, { recursive: true, force: true }));

  describe('the CLI writer', () => {
    it('Should refuse a target that is a symbolic link, leaving the file it points to as it was', async () => {
      const { root, outside } = hostileTree('link-target');
      symlinkSync(path.join(outside, '.bashrc'), path.join(root, 'out.sarif'));
      await rejectsWithUsage(
        writeFileSafely({ root, path: path.join(root, 'out.sarif'), label: 'out.sarif' }, 'pwned'),
        /^cannot write out\.sarif: it is a symbolic link, and no write goes through a link$/,
      );
      assert.equal(readFileSync(path.join(outside, '.bashrc'), 'utf8'), BASHRC);
      assert.ok(lstatSync(path.join(root, 'out.sarif')).isSymbolicLink(), 'the link itself is left too');
    });

    it('Should refuse a target below a linked folder, writing nothing into the folder it points to', async () => {
      const { root, outside } = hostileTree('linked-parent');
      symlinkSync(outside, path.join(root, 'evidence', 'shared'));
      const before = snapshot(outside);
      await rejectsWithUsage(
        writeFileSafely({ root, path: path.join(root, 'evidence', 'shared', 'new', 'notes.md'), label: 'evidence/shared/new/notes.md' }, 'pwned'),
        /^cannot write evidence\/shared\/new\/notes\.md: evidence\/shared is a symbolic link/,
      );
      assert.deepEqual(snapshot(outside), before);
    });

    it('Should refuse a dangling link rather than create the file it names', async () => {
      const { root, outside } = hostileTree('dangling');
      symlinkSync(path.join(outside, 'created-by-ksb'), path.join(root, '.gitignore'));
      await rejectsWithUsage(writeFileSafely({ root, path: path.join(root, '.gitignore'), label: '.gitignore' }, 'x'), /it is a symbolic link/);
      assert.ok(!existsSync(path.join(outside, 'created-by-ksb')));
    });

    it('Should refuse a path that `..` leads out of its root', async () => {
      const { root, outside } = hostileTree('dot-dot');
      const before = snapshot(outside);
      await rejectsWithUsage(
        writeFileSafely({ root, path: path.join(root, 'evidence', '..', '..', 'dot-dot-outside', '.bashrc'), label: 'x' }, 'pwned'),
        /^cannot write x: it is outside .*, where this write must stay$/,
      );
      assert.deepEqual(snapshot(outside), before);
    });

    it('Should refuse a named pipe without blocking on it', async () => {
      const { root } = hostileTree('pipe');
      const made = spawnSync('mkfifo', [path.join(root, 'pipe')]);
      assert.equal(made.status, 0, `mkfifo failed: ${made.stderr}`);
      await rejectsWithUsage(checkWritable({ root, path: path.join(root, 'pipe'), label: 'pipe' }), /^cannot write pipe: expected a file, found a named pipe$/);
    });

    it('Should make missing folders, replace a file keeping its mode, and leave no temporary file', async () => {
      const { root } = hostileTree('plain');
      const file = path.join(root, 'evidence', 'own.md');
      spawnSync('chmod', ['640', file]);
      await writeFileSafely({ root, path: file, label: 'evidence/own.md' }, 'replaced');
      assert.equal(readFileSync(file, 'utf8'), 'replaced');
      assert.equal(statSync(file).mode & 0o777, 0o640);
      await writeFileSafely({ root, path: path.join(root, 'reports', '2026', 'ksb.sarif'), label: 'reports/2026/ksb.sarif' }, '{}');
      assert.equal(readFileSync(path.join(root, 'reports', '2026', 'ksb.sarif'), 'utf8'), '{}');
      assert.deepEqual(readdirSync(path.join(root, 'evidence')), ['own.md']);
    });
  });

  describe('ksb commands', () => {
    it('Should refuse --output through a link for check, report, summary and coverage, leaving the file outside as it was', () => {
      const { root, outside } = hostileTree('outputs');
      symlinkSync(path.join(outside, '.bashrc'), path.join(root, 'ksb.sarif'));
      symlinkSync(outside, path.join(root, 'reports'));
      const before = snapshot(outside);
      const runs: Array<[string[], RegExp]> = [
        [['check', '--format', 'sarif', '--output', 'ksb.sarif', '.'], /^ksb: cannot write --output ksb\.sarif: it is a symbolic link/],
        [['check', '--format', 'json', '--output', 'reports/ksb.json', '.'], /^ksb: cannot write --output reports\/ksb\.json: reports is a symbolic link/],
        [['report', '-o', 'ksb.sarif', '.'], /^ksb: cannot write --output ksb\.sarif: it is a symbolic link/],
        [['report', '-o', 'reports/.bashrc', '.'], /reports is a symbolic link/],
        [['summary', '--output', 'reports/.bashrc', '.'], /reports is a symbolic link/],
        [['coverage', '--format', 'json', '--output', 'ksb.sarif', '.'], /it is a symbolic link/],
        [['check', '--output', path.join(root, 'reports', '.bashrc'), '.'], /reports is a symbolic link/],
      ];
      for (const [args, message] of runs) {
        const result = ksb(root, ...args);
        assert.equal(result.status, 2, `ksb ${args.join(' ')}: ${result.stderr}`);
        assert.match(result.stderr.trimEnd(), message);
        assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      }
      assert.deepEqual(snapshot(outside), before);
    });

    it('Should refuse diff --output, which it would otherwise ignore', () => {
      assertUsageError(ksb(base, 'diff', 'HEAD', '--output', 'x.md'), /^ksb: diff takes no --output/);
    });

    it('Should refuse to sign off a file through a linked evidence folder, writing none of the files asked', () => {
      const { root, outside } = hostileTree('signoff-linked');
      symlinkSync(outside, path.join(root, 'evidence', 'shared'));
      const before = { outside: snapshot(outside), own: readFileSync(path.join(root, 'evidence', 'own.md'), 'utf8') };
      assertUsageError(
        ksb(root, 'signoff', 'evidence/own.md', 'evidence/shared/notes.md', '--by', 'Sam', '--role', 'employer'),
        /^ksb: cannot write evidence\/shared\/notes\.md: evidence\/shared is a symbolic link, and no write goes through a link$/,
      );
      assert.deepEqual(snapshot(outside), before.outside);
      assert.equal(readFileSync(path.join(root, 'evidence', 'own.md'), 'utf8'), before.own);
    });

    it('Should refuse to sign off a file in no portfolio, and one reached through a linked portfolio folder', () => {
      const { root, outside } = hostileTree('signoff-outside');
      const before = snapshot(outside);
      assertUsageError(
        ksb(root, 'signoff', '../signoff-outside-outside/notes.md', '--by', 'Sam', '--role', 'employer'),
        /^ksb: cannot sign off \.\.\/signoff-outside-outside\/notes\.md: it is in no portfolio \(no portfolio\.yaml above it\)/,
      );
      // A linked folder that holds a portfolio.yaml of its own is still a link on the way from here.
      writeFileSync(path.join(outside, 'portfolio.yaml'), CONFIG);
      symlinkSync(outside, path.join(root, 'other'));
      const withConfig = snapshot(outside);
      assertUsageError(ksb(root, 'signoff', 'other/notes.md', '--by', 'Sam', '--role', 'employer'), /other is a symbolic link/);
      assert.deepEqual(snapshot(outside), withConfig);
      assert.deepEqual(Object.keys(before), ['.bashrc', 'notes.md']);
    });

    it('Should refuse init through a linked evidence folder before writing anything', () => {
      const { outside } = hostileTree('init-evidence');
      const fresh = path.join(base, 'init-evidence-new');
      mkdirSync(fresh);
      symlinkSync(outside, path.join(fresh, 'evidence'));
      const before = snapshot(outside);
      assertUsageError(
        ksb(fresh, 'init', '--standard', 'ST0792', '--option', 'production-coordinator', '--yes'),
        /^ksb: cannot write evidence\/2026-06-30-my-first-piece-of-evidence\.md: evidence is a symbolic link, and no write goes through a link; nothing was written$/,
      );
      assert.deepEqual(snapshot(outside), before);
      assert.deepEqual(readdirSync(fresh), ['evidence'], 'no portfolio.yaml, no .gitignore');
    });

    it('Should refuse init on a dangling .gitignore link in one line, with nothing written', () => {
      const { outside } = hostileTree('init-gitignore');
      const fresh = path.join(base, 'init-gitignore-new');
      mkdirSync(fresh);
      symlinkSync(path.join(outside, 'gitignore-made-by-ksb'), path.join(fresh, '.gitignore'));
      const result = ksb(base, 'init', 'init-gitignore-new', '--standard', 'ST0792', '--option', 'production-coordinator', '--yes');
      assertUsageError(
        result,
        /^ksb: cannot write init-gitignore-new\/\.gitignore: it is a symbolic link, and no write goes through a link; nothing was written$/,
      );
      assert.deepEqual(readdirSync(fresh), ['.gitignore']);
      assert.ok(!existsSync(path.join(outside, 'gitignore-made-by-ksb')));
    });

    it('Should refuse init into a folder reached through a link below the working folder', () => {
      const { outside } = hostileTree('init-root');
      symlinkSync(outside, path.join(base, 'init-root-link'));
      const before = snapshot(outside);
      assertUsageError(
        ksb(base, 'init', 'init-root-link/new', '--standard', 'ST0792', '--option', 'production-coordinator', '--yes'),
        /init-root-link is a symbolic link/,
      );
      assert.deepEqual(snapshot(outside), before);
    });

    it('Should refuse standard add into a linked standards folder, leaving the folder it points to as it was', () => {
      const { root, outside } = hostileTree('standard-linked');
      symlinkSync(outside, path.join(root, 'standards'));
      writeFileSync(path.join(base, 'ST0116_1.1.json'), JSON.stringify(softwareDeveloperFixture()));
      const before = snapshot(outside);
      assertUsageError(
        ksb(root, 'standard', 'add', path.join(base, 'ST0116_1.1.json')),
        /^ksb: cannot write standards\/ST0116_1\.1\.json: standards is a symbolic link/,
      );
      assert.deepEqual(snapshot(outside), before);
    });
  });

  describe('standard files nested 100 000 deep', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const deepStandard = () => JSON.stringify(softwareDeveloperFixture()).replace(/}$/, `,"extra":${deep}}`);

    it('Should refuse one for ksb init --from and ksb standard add FILE in one line naming the file, as ksb check does in standards/', () => {
      const { root } = hostileTree('deep');
      writeFileSync(path.join(base, 'ST0116_1.1.json'), deepStandard());
      const message = /^ksb: Expected `ST0116_1\.1\.json` nested at most 100 levels deep, found deeper/;
      assertUsageError(ksb(root, 'standard', 'add', path.join(base, 'ST0116_1.1.json')), message);
      mkdirSync(path.join(base, 'deep-init'));
      assertUsageError(ksb(path.join(base, 'deep-init'), 'init', '--from', path.join(base, 'ST0116_1.1.json'), '--yes'), message);
      assert.deepEqual(readdirSync(path.join(base, 'deep-init')), []);

      mkdirSync(path.join(root, 'standards'));
      writeFileSync(path.join(root, 'standards', 'ST0116_1.1.json'), deepStandard());
      const check = ksb(root, 'check', '.');
      assert.equal(check.status, 1, check.stderr);
      assert.match(
        check.stdout,
        /^standards\/ST0116_1\.1\.json:1:1 error standard\.invalid-data Expected `standards\/ST0116_1\.1\.json` nested at most 100 levels deep/m,
      );
    });

    it('Should refuse one from the standards API (--api) in one line naming the answer', async () => {
      const { root } = hostileTree('deep-api');
      const fetcher = async (): Promise<FetchedResponse> => ({ status: 200, text: deepStandard() });
      await rejectsWithUsage(
        run(['standard', 'add', 'ST0116', '--dir', root, '--api', 'https://api.example.test/api'], () => undefined, { env: {}, fetcher }),
        /^Expected the answer from https:\/\/api\.example\.test\/api\/ST0116 nested at most 100 levels deep/,
      );
      assert.ok(!existsSync(path.join(root, 'standards')));
    });
  });
});
