import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem, toPosix } from '../../src/cli/nodeFileSystem';
import { dirname, PortfolioIndex, relativePath, type DirectoryEntry, type FileStat, type PortfolioDiagnostic, type PortfolioFileSystem } from '../../src/core';
import { collectEvidenceImages } from '../../src/core/report/reportImages';
import { MemoryFileSystem } from './memoryFileSystem';
import { ensureCliBuilt } from './processHarness';

// Links in an untrusted portfolio (a pull request's tree on a CI runner) must not tell its author
// which paths exist on the runner: a Markdown link out of the portfolio, a link through a
// symbolic link, and a committed symbolic link are each answered the same whatever is at the other end.

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const CONFIG = 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\n';
const EVIDENCE = '---\ntitle: Call sheet\nksbs: [K1]\n---\n';

/** Passes every call on and records the paths asked about, to prove which the core touched. */
class RecordingFileSystem implements PortfolioFileSystem {
  readonly paths: string[] = [];

  constructor(private readonly inner: PortfolioFileSystem) {}

  stat(path: string): Promise<FileStat | undefined> {
    this.paths.push(path);
    return this.inner.stat(path);
  }

  readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    this.paths.push(path);
    return this.inner.readFile(path, maxBytes);
  }

  readDirectory(path: string): Promise<readonly DirectoryEntry[]> {
    this.paths.push(path);
    return this.inner.readDirectory(path);
  }
}

/** The paths asked about that lie outside `root`, or below a symbolic link in it (so the system followed the link). */
function pathsBeyond(root: string, asked: readonly string[]): string[] {
  return asked.filter((asked) => {
    if (relativePath(root, asked) === undefined) return true;
    for (let folder = dirname(asked); relativePath(root, folder) !== undefined && folder !== root; folder = dirname(folder)) {
      if (lstatSync(folder, { throwIfNoEntry: false })?.isSymbolicLink()) return true;
    }
    return false;
  });
}

/** `text` with each of `names` replaced by `NAME`, to compare messages that differ only in what they name. */
function withoutNames(text: string, names: readonly string[]): string {
  return names.reduce((result, name) => result.split(name).join('NAME'), text);
}

function describeAll(diagnostics: readonly PortfolioDiagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.message}`);
}

describe('Links that lead out of the portfolio', function () {
  this.timeout(60_000);
  const made: string[] = [];
  /** A portfolio in a fresh temporary folder `base/portfolio`, with `base/outside` next to it. */
  const portfolio = (files: Record<string, string>) => {
    const base = mkdtempSync(path.join(tmpdir(), 'ksb-links-'));
    made.push(base);
    const root = path.join(base, 'portfolio');
    mkdirSync(path.join(base, 'outside'), { recursive: true });
    for (const [name, text] of Object.entries({ 'portfolio.yaml': CONFIG, ...files })) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), text);
    }
    return { base, root, posixRoot: toPosix(root) };
  };
  const load = async (root: string) => {
    const fs = new RecordingFileSystem(new NodeFileSystem());
    const index = new PortfolioIndex(fs, root);
    await index.load();
    return { fs, index };
  };
  after(() => {
    for (const base of made) rmSync(base, { recursive: true, force: true });
  });

  it('Should report a link to a file outside the portfolio as it reports one to nothing there, without looking', async () => {
    const { base, posixRoot } = portfolio({
      'evidence/a.md': `${EVIDENCE}[passwd](../../../../../../../../etc/passwd) [neighbour](../../outside/secret.txt)\n`,
      'evidence/b.md': `${EVIDENCE}[none](../../../../../../../../no/such/file) [neighbour](../../outside/none.txt)\n`,
    });
    writeFileSync(path.join(base, 'outside', 'secret.txt'), 'secret');
    const { fs, index } = await load(posixRoot);
    const a = describeAll(index.diagnosticsFor(`${posixRoot}/evidence/a.md`));
    const b = describeAll(index.diagnosticsFor(`${posixRoot}/evidence/b.md`));
    assert.equal(a.length, 2, a.join('\n'));
    assert.ok(
      a.every((line) => line.startsWith('evidence.link-outside ')),
      a.join('\n'),
    );
    assert.deepEqual(
      a.map((line) => withoutNames(line, ['etc/passwd', 'secret.txt'])),
      b.map((line) => withoutNames(line, ['no/such/file', 'none.txt'])),
    );
    assert.match(a[0], /leads outside (it|the portfolio)/);
    assert.deepEqual(pathsBeyond(posixRoot, fs.paths), []);
  });

  it('Should report every symbolic link alike, whether its target is a file, a folder, inside, outside or nowhere', async () => {
    const { base, root, posixRoot } = portfolio({ 'notes.md': EVIDENCE, 'evidence/e.md': EVIDENCE });
    mkdirSync(path.join(base, 'outside', 'pictures'));
    writeFileSync(path.join(base, 'outside', 'pictures', 'plan.png'), 'png');
    const links: Record<string, string> = {
      'evidence/a.md': '/etc/passwd',
      'evidence/b.md': '/nonexistent/for/sure.md',
      'evidence/inside.md': '../notes.md',
      assets: path.join(base, 'outside', 'pictures'),
      gone: path.join(base, 'nowhere'),
      'secret.md': '/etc/passwd',
      'photo.png': '/etc/hostname',
    };
    for (const [name, target] of Object.entries(links)) symlinkSync(target, path.join(root, name));
    const { fs, index } = await load(posixRoot);
    const reported = Object.keys(links).map((name) => describeAll(index.diagnosticsFor(`${posixRoot}/${name}`)));
    for (const [i, name] of Object.keys(links).entries()) {
      assert.equal(reported[i].length, 1, `${name}: ${reported[i].join('\n')}`);
      assert.deepEqual(reported[i], reported[0], name);
    }
    assert.match(reported[0][0], /^file\.symlink /);
    assert.deepEqual(pathsBeyond(posixRoot, fs.paths), []);
  });

  it('Should report a link through a linked folder as reached through a link, whether anything is at its end', async () => {
    const { base, root, posixRoot } = portfolio({
      'evidence/e.md': `${EVIDENCE}![plan](../assets/plan.png) ![plan](../gone/plan.png)\n[a](../secret.md) [b](../dangling.md)\n`,
      'node_modules/.keep': '',
    });
    mkdirSync(path.join(base, 'outside', 'pictures'));
    writeFileSync(path.join(base, 'outside', 'pictures', 'plan.png'), 'png');
    symlinkSync(path.join(base, 'outside', 'pictures'), path.join(root, 'assets'));
    symlinkSync(path.join(base, 'nowhere'), path.join(root, 'gone'));
    symlinkSync('/etc/passwd', path.join(root, 'secret.md'));
    symlinkSync('/nonexistent.md', path.join(root, 'dangling.md'));
    const { fs, index } = await load(posixRoot);
    const found = describeAll(index.diagnosticsFor(`${posixRoot}/evidence/e.md`));
    assert.equal(found.length, 4, found.join('\n'));
    assert.ok(
      found.every((line) => line.startsWith('evidence.link-outside ')),
      found.join('\n'),
    );
    assert.equal(withoutNames(found[0], ['assets']), withoutNames(found[1], ['gone']));
    assert.equal(withoutNames(found[2], ['secret']), withoutNames(found[3], ['dangling']));
    assert.deepEqual(pathsBeyond(posixRoot, fs.paths), []);
  });

  it('Should never look through a linked folder the walk skips, such as node_modules', async () => {
    const { base, root, posixRoot } = portfolio({ 'evidence/e.md': `${EVIDENCE}[x](../node_modules/secret.txt) [y](../node_modules/none.txt)\n` });
    writeFileSync(path.join(base, 'outside', 'secret.txt'), 'secret');
    symlinkSync(path.join(base, 'outside'), path.join(root, 'node_modules'));
    const { fs, index } = await load(posixRoot);
    const found = describeAll(index.diagnosticsFor(`${posixRoot}/evidence/e.md`));
    assert.equal(found.length, 2, found.join('\n'));
    assert.equal(withoutNames(found[0], ['secret']), withoutNames(found[1], ['none']));
    assert.match(found[0], /^evidence\.link-outside .*symbolic link `node_modules`/);
    assert.deepEqual(pathsBeyond(posixRoot, fs.paths), []);
  });

  it('Should report links the host lists as files, folders or neither the same, for the core decides', async () => {
    const diagnosticsWith = async (type: DirectoryEntry[1]) => {
      const memory = new MemoryFileSystem({ '/p/portfolio.yaml': CONFIG, '/p/evidence/e.md': `${EVIDENCE}[x](../assets/x.png) [y](link.md)\n` });
      memory.link('/p/assets', type);
      memory.link('/p/evidence/link.md', type);
      const index = new PortfolioIndex(memory, '/p');
      await index.load();
      return [...index.allDiagnostics()].map(([file, diagnostics]) => `${file}: ${describeAll(diagnostics).join(' | ')}`);
    };
    const asFile = await diagnosticsWith('file');
    assert.equal(asFile.length, 3, asFile.join('\n'));
    assert.deepEqual(await diagnosticsWith('directory'), asFile);
    assert.deepEqual(await diagnosticsWith('other'), asFile);
  });

  it('Should report a folder that becomes a symbolic link while the editor watches, and the links through it, until it goes', async () => {
    const memory = new MemoryFileSystem({ '/p/portfolio.yaml': CONFIG, '/p/evidence/e.md': `${EVIDENCE}[x](../assets/x.png)\n`, '/p/assets/x.png': '' });
    const index = new PortfolioIndex(memory, '/p');
    await index.load();
    const codes = (path: string) => index.diagnosticsFor(path).map((d) => d.code);
    assert.deepEqual(codes('/p/evidence/e.md'), []);
    memory.delete('/p/assets');
    memory.link('/p/assets', 'directory');
    await index.refresh('/p/assets');
    assert.deepEqual(codes('/p/evidence/e.md'), ['evidence.link-outside']);
    assert.deepEqual(codes('/p/assets'), ['file.symlink']);
    memory.delete('/p/assets');
    await index.remove('/p/assets');
    assert.deepEqual(codes('/p/evidence/e.md'), ['evidence.missing-attachment']);
    assert.deepEqual(codes('/p/assets'), []);
  });

  it('Should name standard data through a linked folder the same whether it is there', async () => {
    const { base, root, posixRoot } = portfolio({ 'portfolio.yaml': `${CONFIG}standards: [linked/there.yaml, linked/none.yaml, zero.yaml, dangling.yaml]\n` });
    writeFileSync(path.join(base, 'outside', 'there.yaml'), 'reference: ST9999\n');
    symlinkSync(path.join(base, 'outside'), path.join(root, 'linked'));
    symlinkSync('/dev/zero', path.join(root, 'zero.yaml'));
    symlinkSync('/nonexistent.yaml', path.join(root, 'dangling.yaml'));
    const { fs, index } = await load(posixRoot);
    const messages = index.diagnosticsFor(`${posixRoot}/portfolio.yaml`).map((d) => d.message);
    assert.equal(messages.length, 4, messages.join('\n'));
    assert.equal(withoutNames(messages[0], ['there']), withoutNames(messages[1], ['none']));
    assert.equal(withoutNames(messages[2], ['zero']), withoutNames(messages[3], ['dangling']));
    assert.deepEqual(pathsBeyond(posixRoot, fs.paths), []);
  });

  it('Should embed no image in the report through a linked folder, and look at none', async () => {
    const { base, root, posixRoot } = portfolio({ 'evidence/e.md': `${EVIDENCE}![a](../pics/a.png) ![b](../../outside/b.png) ![c](c.png)\n` });
    writeFileSync(path.join(base, 'outside', 'a.png'), 'png');
    writeFileSync(path.join(base, 'outside', 'b.png'), 'png');
    writeFileSync(path.join(root, 'evidence', 'c.png'), 'png');
    symlinkSync(path.join(base, 'outside'), path.join(root, 'pics'));
    const { fs, index } = await load(posixRoot);
    fs.paths.length = 0;
    const images = await collectEvidenceImages(fs, posixRoot, index.allFiles());
    assert.deepEqual(
      [...images.values()].flat().map((image) => image.path),
      ['evidence/c.png'],
    );
    assert.deepEqual(pathsBeyond(posixRoot, fs.paths), []);
  });
});

describe('Links that lead out of the portfolio (CLI)', function () {
  this.timeout(120_000);
  const made: string[] = [];
  before(function () {
    if (process.platform === 'win32') this.skip();
    ensureCliBuilt(REPO);
  });
  after(() => {
    for (const base of made) rmSync(base, { recursive: true, force: true });
  });

  /**
   * Two copies of one portfolio (same files, same links, as a pull request commits them), one with
   * `outside/` next to it holding what the links lead to, one with nothing there.
   */
  const twins = (files: Record<string, string>, links: Record<string, string>, outside: Record<string, string>) =>
    [true, false].map((withOutside) => {
      const base = mkdtempSync(path.join(tmpdir(), 'ksb-links-cli-'));
      made.push(base);
      const root = path.join(base, 'portfolio');
      for (const [name, text] of Object.entries({ 'portfolio.yaml': CONFIG, ...files })) {
        mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        writeFileSync(path.join(root, name), text);
      }
      for (const [name, target] of Object.entries(links)) symlinkSync(target, path.join(root, name));
      if (withOutside) {
        for (const [name, text] of Object.entries(outside)) {
          mkdirSync(path.dirname(path.join(base, 'outside', name)), { recursive: true });
          writeFileSync(path.join(base, 'outside', name), text);
        }
      }
      return root;
    });

  const ksb = (cwd: string, ...args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
    return `${result.status}\n${result.stdout}\n${result.stderr}`;
  };

  it('Should print the same for every format whether what the links lead to exists on the runner', () => {
    const [there, notThere] = twins(
      {
        'evidence/a.md': `${EVIDENCE}[out](../../outside/secret.txt) ![through](../pics/plan.png) [to](../linked.md)\n`,
        'evidence/b.md': `${EVIDENCE}[far](../../../../../../../../../etc/passwd)\n`,
      },
      { pics: '../outside/pictures', 'linked.md': '../outside/secret.md', 'evidence/c.md': '../../outside/secret.md', config: '../outside/config' },
      { 'secret.txt': 'secret', 'secret.md': `${EVIDENCE}SECRET-TEXT\n`, 'pictures/plan.png': 'png', 'config/portfolio.yaml': CONFIG },
    );
    const runs = [
      ['check', '--format', 'github', '.'],
      ['check', '--format', 'json', '.'],
      ['check', '.'],
      ['summary', '.'],
    ];
    for (const args of runs) {
      const output = ksb(there, ...args);
      assert.equal(ksb(notThere, ...args), output, `ksb ${args.join(' ')}`);
      assert.doesNotMatch(output, /SECRET-TEXT/);
    }
    const github = ksb(there, 'check', '--format', 'github', '.');
    assert.match(github, /file=evidence\/b\.md.*evidence\.link-outside/);
    assert.match(github, /file=evidence\/c\.md.*file\.symlink/);
  });

  it('Should report a portfolio.yaml that is a symbolic link the same wherever it leads', () => {
    const outputs = [path.join('..', 'outside', 'portfolio.yaml'), '/dev/zero', '/nonexistent/portfolio.yaml', '/etc'].map((target) => {
      const base = mkdtempSync(path.join(tmpdir(), 'ksb-links-config-'));
      made.push(base);
      const root = path.join(base, 'portfolio');
      mkdirSync(path.join(root, 'evidence'), { recursive: true });
      mkdirSync(path.join(base, 'outside'));
      writeFileSync(path.join(base, 'outside', 'portfolio.yaml'), CONFIG);
      writeFileSync(path.join(root, 'evidence', 'a.md'), EVIDENCE);
      symlinkSync(target, path.join(root, 'portfolio.yaml'));
      return ksb(root, 'check', '--format', 'json', '.');
    });
    for (const output of outputs) assert.equal(output, outputs[0]);
    assert.match(outputs[0], /symbolic link/);
  });
});
