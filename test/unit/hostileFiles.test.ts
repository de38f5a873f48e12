import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem } from '../../src/cli/nodeFileSystem';
import { DiagnosticCode, MARKDOWN_READ_LIMIT, PortfolioIndex, type PortfolioFileSystem } from '../../src/core';
import { MemoryFileSystem } from './memoryFileSystem';

// Inputs a careless or hostile repository can hold: pipes and devices where files should be,
// symbolic links out of the portfolio, names that are not UTF-8, files far too large, folders
// and files that cannot be read. Each must give a clear diagnostic or message, never a hang, a
// crash or a silent gap. The CLI runs as a child process with a deadline, so a hang fails the
// test instead of stopping the suite.

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const CONFIG = 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\n';
const EVIDENCE = '---\ntitle: Call sheet\nksbs: [K1]\n---\nBody.\n';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function ksb(cwd: string, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.error, undefined, `ksb ${args.join(' ')} did not finish: ${result.error?.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A portfolio in a fresh temporary folder, with its outside neighbour `outside/` for escapes. */
function makePortfolio(files: Record<string, string> = {}): { base: string; root: string } {
  const base = mkdtempSync(path.join(tmpdir(), 'ksb-hostile-'));
  const root = path.join(base, 'portfolio');
  mkdirSync(path.join(root, 'evidence'), { recursive: true });
  mkdirSync(path.join(base, 'outside'));
  writeFileSync(path.join(root, 'portfolio.yaml'), CONFIG);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return { base, root };
}

function mkfifo(at: string): void {
  const made = spawnSync('mkfifo', [at]);
  assert.equal(made.status, 0, `mkfifo failed: ${made.stderr}`);
}

function checkJson(root: string): { status: number | null; diagnostics: Array<{ file: string; line: number; code: string; message: string }> } {
  const result = ksb(root, 'check', '--format', 'json', '.');
  assert.ok(result.stdout.startsWith('{'), `Expected JSON, found stdout ${result.stdout} stderr ${result.stderr}`);
  return { status: result.status, diagnostics: JSON.parse(result.stdout).diagnostics };
}

describe('Hostile files on disk (CLI)', function () {
  this.timeout(120_000);
  const made: string[] = [];
  const portfolio = (files?: Record<string, string>) => {
    const result = makePortfolio(files);
    made.push(result.base);
    return result;
  };

  before(function () {
    if (process.platform === 'win32') this.skip();
    const indexSources = path.join(REPO, 'src', 'core', 'portfolio');
    const indexChanged = Math.max(...readdirSync(indexSources).map((name) => statSync(path.join(indexSources, name)).mtimeMs));
    if (!existsSync(CLI) || statSync(CLI).mtimeMs < indexChanged) {
      const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, encoding: 'utf8' });
      assert.equal(build.status, 0, `node esbuild.mjs failed:\n${build.stderr}`);
    }
  });
  after(() => {
    for (const base of made) rmSync(base, { recursive: true, force: true });
  });

  it('Should report a .md named pipe and a .md link to /dev/zero without reading either', () => {
    const { root } = portfolio({ 'evidence/a.md': EVIDENCE });
    mkfifo(path.join(root, 'evidence', 'pipe.md'));
    symlinkSync('/dev/zero', path.join(root, 'evidence', 'zero.md'));
    const { diagnostics } = checkJson(root);
    const byFile = new Map(diagnostics.map((d) => [d.file, d]));
    assert.equal(byFile.get('evidence/pipe.md')?.code, DiagnosticCode.UnreadableFile);
    assert.match(byFile.get('evidence/pipe.md')!.message, /named pipe, socket or device/);
    assert.equal(byFile.get('evidence/zero.md')?.code, DiagnosticCode.SymbolicLink);
    assert.equal(byFile.has('evidence/a.md'), false);
  });

  it('Should refuse at once a portfolio.yaml that is a named pipe or a folder', () => {
    const pipe = portfolio({ 'evidence/a.md': EVIDENCE });
    rmSync(path.join(pipe.root, 'portfolio.yaml'));
    mkfifo(path.join(pipe.root, 'portfolio.yaml'));
    const folder = portfolio({ 'evidence/a.md': EVIDENCE });
    rmSync(path.join(folder.root, 'portfolio.yaml'));
    mkdirSync(path.join(folder.root, 'portfolio.yaml'));
    for (const [root, found] of [
      [pipe.root, /found a named pipe$/],
      [folder.root, /found a folder$/],
    ] as const) {
      for (const command of ['check', 'coverage']) {
        const run = ksb(root, command, '.');
        assert.equal(run.status, 2, `${command} in ${root}: ${run.stdout}${run.stderr}`);
        assert.match(run.stderr.trimEnd(), found);
        assert.equal(run.stderr.trimEnd().split('\n').length, 1);
      }
    }
  });

  it('Should follow no link to a portfolio.yaml elsewhere, and say so', () => {
    const { base, root } = portfolio({ 'evidence/a.md': EVIDENCE });
    writeFileSync(path.join(base, 'outside', 'portfolio.yaml'), CONFIG);
    rmSync(path.join(root, 'portfolio.yaml'));
    symlinkSync(path.join(base, 'outside', 'portfolio.yaml'), path.join(root, 'portfolio.yaml'));
    const { status, diagnostics } = checkJson(root);
    assert.equal(status, 1);
    assert.deepEqual(
      diagnostics.map((d) => `${d.file} ${d.code} ${d.message}`),
      [
        'portfolio.yaml portfolio.invalid-config Expected `portfolio.yaml` to be a readable text file, found a symbolic link: links are never followed, so it was not read',
      ],
    );
  });

  it('Should refuse standards that name /dev/zero, a named pipe or a folder outside the portfolio, naming none of their paths', () => {
    const { base, root } = portfolio({ 'evidence/a.md': EVIDENCE });
    mkfifo(path.join(root, 'pipe.yaml'));
    symlinkSync('/dev/zero', path.join(root, 'zero.yaml'));
    writeFileSync(path.join(base, 'outside', 'secret.yaml'), 'reference: ST9999\ntitle: SECRET-TEXT\n');
    writeFileSync(path.join(root, 'portfolio.yaml'), `${CONFIG}standards: [pipe.yaml, zero.yaml, ../outside, /etc]\n`);
    const { status, diagnostics } = checkJson(root);
    assert.equal(status, 1);
    const messages = diagnostics.filter((d) => d.file === 'portfolio.yaml').map((d) => d.message);
    assert.equal(messages.length, 4, messages.join('\n'));
    assert.ok(messages.some((m) => /named pipe, socket or device/.test(m)));
    assert.ok(messages.some((m) => /symbolic link at `zero\.yaml`/.test(m)));
    assert.ok(messages.some((m) => /`\.\.\/outside`, which is outside it/.test(m)));
    assert.ok(messages.some((m) => /the absolute path `\/etc`/.test(m)));
    const everything = JSON.stringify(diagnostics);
    assert.doesNotMatch(everything, /SECRET-TEXT/);
    assert.equal(everything.includes(base), false, 'no absolute path in the output');
  });

  it('Should not read a linked .md that points outside the portfolio, and should say so', () => {
    const { base, root } = portfolio({ 'evidence/a.md': EVIDENCE });
    writeFileSync(path.join(base, 'outside', 'secret.md'), '---\nksbs: [SECRET-CODE]\n---\n');
    symlinkSync(path.join(base, 'outside', 'secret.md'), path.join(root, 'evidence', 'linked.md'));
    const run = ksb(root, 'check', '.');
    assert.doesNotMatch(run.stdout, /SECRET-CODE/);
    assert.match(run.stdout, /evidence\/linked\.md:1:1 warning file\.symlink Expected a file or folder, found a symbolic link/);
  });

  it('Should report a linked evidence folder, and links through a linked assets folder alike whether their files are there', () => {
    const { base, root } = portfolio({
      'evidence/a.md': `${EVIDENCE}![plan](../assets/plan.png) and ![gone](../assets/gone.png)\n`,
    });
    mkdirSync(path.join(base, 'outside', 'more-evidence'));
    writeFileSync(path.join(base, 'outside', 'more-evidence', 'b.md'), EVIDENCE);
    writeFileSync(path.join(base, 'outside', 'plan.png'), 'png');
    symlinkSync(path.join(base, 'outside', 'more-evidence'), path.join(root, 'evidence', 'more'));
    symlinkSync(path.join(base, 'outside'), path.join(root, 'assets'));
    const { diagnostics } = checkJson(root);
    const summary = diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`).sort();
    assert.deepEqual(summary, [
      'assets:1 file.symlink',
      'evidence/a.md:6 evidence.link-outside',
      'evidence/a.md:6 evidence.link-outside',
      'evidence/more:1 file.symlink',
    ]);
    const [plan, gone] = diagnostics.filter((d) => d.code === 'evidence.link-outside').map((d) => d.message);
    assert.equal(plan.replace('plan', 'gone'), gone);
    assert.match(plan, /through the symbolic link `assets`/);
  });

  it('Should report a Markdown file whose name is not valid UTF-8', function () {
    const { root } = portfolio({ 'evidence/a.md': EVIDENCE });
    try {
      writeFileSync(Buffer.concat([Buffer.from(path.join(root, 'evidence') + '/'), Buffer.from([0xff, 0xfe]), Buffer.from('.md')]), EVIDENCE);
    } catch {
      this.skip(); // A file system that insists on UTF-8 names cannot hold such a file at all.
    }
    const { diagnostics } = checkJson(root);
    const reported = diagnostics.filter((d) => d.code === DiagnosticCode.UnreadableFile);
    assert.equal(reported.length, 1, JSON.stringify(diagnostics));
    assert.match(reported[0].message, /name in UTF-8/);
    assert.match(reported[0].file, /^evidence\/.*\.md$/);
  });

  it('Should read only the start of a huge evidence file and still count its claims', () => {
    const { root } = portfolio({ 'evidence/huge.md': `---\nksbs: [K1]\n---\n${'x'.repeat(3 * MARKDOWN_READ_LIMIT)}[gone](gone.png)\n` });
    const { diagnostics } = checkJson(root);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [DiagnosticCode.FileTooLarge],
    );
    assert.match(diagnostics[0].message, /only its front matter was read/);
    const coverage = JSON.parse(ksb(root, 'coverage', '--format', 'json', '.').stdout);
    assert.equal(coverage.ksbs.find((k: { code: string }) => k.code === 'K1').covered, true);
  });

  it('Should count a huge file whose front matter runs past the part read as evidence with front matter too large', () => {
    const { root } = portfolio({ 'evidence/huge.md': `---\nksbs: [K1]\nnotes: |\n${'  line\n'.repeat(MARKDOWN_READ_LIMIT / 3)}---\n` });
    const run = ksb(root, 'check', '--format', 'json', '.');
    const codes = JSON.parse(run.stdout)
      .diagnostics.map((d: { code: string }) => d.code)
      .sort();
    assert.deepEqual(codes, [DiagnosticCode.FileTooLarge, DiagnosticCode.FrontMatterTooLarge]);
    assert.match(ksb(root, 'check', '.').stdout, /in 1 file/);
  });

  it('Should not read the portfolio to look a code up', () => {
    const { root } = portfolio({ 'evidence/a.md': EVIDENCE });
    mkfifo(path.join(root, 'evidence', 'would-hang-if-opened-blocking.md'));
    writeFileSync(path.join(root, 'evidence', 'broken.md'), '\u0000binary');
    const run = ksb(root, 'lookup', 'K1');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^K1 \(Knowledge, ST0792 v1\.2/);
  });
});

/** Wraps a file system so chosen paths fail as a permission error would (the suite may run as root). */
class DenyingFileSystem implements PortfolioFileSystem {
  constructor(
    private readonly inner: MemoryFileSystem,
    private readonly denied: ReadonlySet<string>,
  ) {}

  stat: PortfolioFileSystem['stat'] = (p) => this.inner.stat(p);

  readFile: PortfolioFileSystem['readFile'] = async (p, maxBytes) => {
    if (this.denied.has(p)) throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
    return this.inner.readFile(p, maxBytes);
  };

  readDirectory: PortfolioFileSystem['readDirectory'] = async (p) => {
    if (this.denied.has(p)) throw Object.assign(new Error(`EACCES: permission denied, scandir '${p}'`), { code: 'EACCES' });
    return this.inner.readDirectory(p);
  };
}

describe('Unreadable files and folders (core)', () => {
  it('Should report a portfolio.yaml that is a folder, for the editor, which has no CLI check before it', async () => {
    const memory = new MemoryFileSystem({ '/p/evidence/a.md': EVIDENCE });
    memory.mkdir('/p/portfolio.yaml');
    const index = new PortfolioIndex(memory, '/p');
    await index.load();
    assert.equal(index.portfolio, undefined);
    assert.deepEqual(
      index.diagnosticsFor('/p/portfolio.yaml').map((d) => `${d.code} ${d.message}`),
      ['portfolio.invalid-config Expected `portfolio.yaml` to be a readable text file, found a folder'],
    );
  });

  it('Should report an unreadable portfolio.yaml as a config problem, without its absolute path', async () => {
    const memory = new MemoryFileSystem({ '/p/portfolio.yaml': CONFIG, '/p/evidence/a.md': EVIDENCE });
    const index = new PortfolioIndex(new DenyingFileSystem(memory, new Set(['/p/portfolio.yaml'])), '/p');
    await index.load();
    assert.equal(index.portfolio, undefined);
    const [problem] = index.diagnosticsFor('/p/portfolio.yaml');
    assert.equal(problem.code, DiagnosticCode.InvalidConfig);
    assert.equal(problem.message, 'Expected `portfolio.yaml` to be a readable text file, found an error: permission denied');
  });

  it('Should report a folder it may not list instead of dropping its evidence silently', async () => {
    const memory = new MemoryFileSystem({ '/p/portfolio.yaml': CONFIG, '/p/evidence/a.md': EVIDENCE, '/p/evidence/locked/b.md': EVIDENCE });
    const index = new PortfolioIndex(new DenyingFileSystem(memory, new Set(['/p/evidence/locked'])), '/p');
    await index.load();
    const [problem] = index.diagnosticsFor('/p/evidence/locked');
    assert.equal(problem.code, DiagnosticCode.UnreadableFile);
    assert.match(problem.message, /^Expected a folder that can be read, found an error: permission denied: the files in it were not checked$/);
    assert.ok(index.allDiagnostics().has('/p/evidence/locked'));
  });

  it('Should report an unreadable evidence file without its absolute path', async () => {
    const memory = new MemoryFileSystem({ '/p/portfolio.yaml': CONFIG, '/p/evidence/a.md': EVIDENCE });
    const index = new PortfolioIndex(new DenyingFileSystem(memory, new Set(['/p/evidence/a.md'])), '/p');
    await index.load();
    assert.deepEqual(
      index.diagnosticsFor('/p/evidence/a.md').map((d) => d.message),
      ['Expected a readable file, found an error: permission denied'],
    );
  });
});

describe('NodeFileSystem on pipes and devices', () => {
  it('Should refuse to read a named pipe at once instead of waiting for a writer', async function () {
    if (process.platform === 'win32') this.skip();
    const base = mkdtempSync(path.join(tmpdir(), 'ksb-fifo-'));
    try {
      mkfifo(path.join(base, 'pipe.md'));
      const fs = new NodeFileSystem();
      assert.equal((await fs.stat(path.join(base, 'pipe.md')))?.type, 'other');
      await assert.rejects(fs.readFile(path.join(base, 'pipe.md')), /not a regular file: a named pipe/);
      await assert.rejects(fs.readFile('/dev/zero', 10), /not a regular file: a device/);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('Should read no more than asked of a file', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'ksb-head-'));
    try {
      writeFileSync(path.join(base, 'big.md'), 'x'.repeat(100_000));
      assert.equal((await new NodeFileSystem().readFile(path.join(base, 'big.md'), 1000)).length, 1000);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
