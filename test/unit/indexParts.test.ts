// The parts of the portfolio index, each on its own: the tree walk, the link targets, the config
// loader and the claim index. The index tests check them together; these pin what each part
// promises, so a change to one shows where it broke.
import assert from 'node:assert/strict';
import { DiagnosticCode, type DirectoryEntry, type EntryFlag, type EntryType, type FileStat, type PortfolioFileSystem } from '../../src/core';
import { type Claim } from '../../src/core/read/frontMatter';
import { ClaimIndex } from '../../src/core/portfolio/claimIndex';
import { ConfigLoader } from '../../src/core/portfolio/configLoader';
import { LinkTargets } from '../../src/core/portfolio/linkTargets';
import { walkTree, type WalkRecord } from '../../src/core/portfolio/treeWalk';
import { configFor, ROOT, tinyStandard } from './inlinePortfolio';
import { MemoryFileSystem } from './memoryFileSystem';

/** An entry the memory file system cannot hold: a symbolic link, a pipe, a name that is not UTF-8. */
interface OddEntry {
  readonly type: EntryType;
  readonly flag?: EntryFlag;
}

/** A MemoryFileSystem with odd entries added and folders whose listing is denied. */
class OddFileSystem implements PortfolioFileSystem {
  constructor(
    readonly inner: MemoryFileSystem,
    private readonly odd: Record<string, OddEntry> = {},
    private readonly denied: readonly string[] = [],
  ) {
    for (const path of Object.keys(odd)) inner.mkdir(path.slice(0, path.lastIndexOf('/')));
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const odd = this.odd[path];
    if (odd) return { type: odd.type, mtime: 0, size: 0, ...(odd.flag === 'symbolic-link' && { symbolicLink: true }) };
    return this.inner.stat(path);
  }

  async readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    if (this.odd[path]) throw new Error(`test: ${path} must never be read`);
    return this.inner.readFile(path, maxBytes);
  }

  async readDirectory(path: string): Promise<readonly DirectoryEntry[]> {
    if (this.denied.includes(path)) throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
    const added = Object.entries(this.odd)
      .filter(([odd]) => odd.slice(0, odd.lastIndexOf('/')) === path)
      .map(([odd, { type, flag }]): DirectoryEntry => [odd.slice(odd.lastIndexOf('/') + 1), type, flag]);
    return [...(await this.inner.readDirectory(path)), ...added];
  }
}

function emptyRecord(): WalkRecord {
  return { knownPaths: new Set(), knownFolders: new Set(), symbolicLinks: new Set(), unread: new Map() };
}

/** Walks the whole portfolio at ROOT; returns the Markdown files found (sorted) and the record. */
async function walk(fs: PortfolioFileSystem, isExcluded?: (relative: string) => boolean) {
  const record = emptyRecord();
  const markdownFiles: string[] = [];
  await walkTree({ fs, root: ROOT, isExcluded, record }, ROOT, markdownFiles);
  return {
    markdownFiles: markdownFiles.sort(),
    record,
    unread: new Map([...record.unread].map(([path, diagnostics]) => [path, diagnostics.map((d) => d.code)])),
  };
}

const at = (relative: string) => `${ROOT}/${relative}`;
const RANGE = { start: { line: 1, character: 7 }, end: { line: 1, character: 9 } };

describe('Tree walk', () => {
  it('Should collect the Markdown files and know every file and folder it saw', async () => {
    const fs = new MemoryFileSystem({
      [at('portfolio.yaml')]: 'x',
      [at('evidence/a.md')]: '',
      [at('evidence/deep/b.markdown')]: '',
      [at('evidence/photo.png')]: '',
    });
    const { markdownFiles, record, unread } = await walk(fs);
    assert.deepEqual(markdownFiles, [at('evidence/a.md'), at('evidence/deep/b.markdown')]);
    assert.ok(record.knownPaths.has(at('evidence/photo.png')));
    assert.deepEqual([...record.knownFolders].sort(), [ROOT, at('evidence'), at('evidence/deep')]);
    assert.equal(unread.size, 0);
  });

  it('Should report every symbolic link alike, whatever type the host gives it, without following any', async () => {
    const fs = new OddFileSystem(new MemoryFileSystem({ [at('evidence/a.md')]: '' }), {
      [at('evidence/linked.md')]: { type: 'file', flag: 'symbolic-link' },
      [at('evidence/linked-folder')]: { type: 'directory', flag: 'symbolic-link' },
      [at('evidence/linked.png')]: { type: 'other', flag: 'symbolic-link' },
      [at('node_modules')]: { type: 'other', flag: 'symbolic-link' },
    });
    const { markdownFiles, record, unread } = await walk(fs);
    assert.deepEqual(markdownFiles, [at('evidence/a.md')]);
    // A link is neither a known file nor a folder: what it leads to is not the portfolio's to tell.
    assert.deepEqual([...record.symbolicLinks].sort(), [at('evidence/linked-folder'), at('evidence/linked.md'), at('evidence/linked.png')]);
    for (const link of record.symbolicLinks) assert.ok(!record.knownPaths.has(link) && !record.knownFolders.has(link), link);
    assert.deepEqual(
      unread,
      new Map([
        [at('evidence/linked.md'), [DiagnosticCode.SymbolicLink]],
        [at('evidence/linked-folder'), [DiagnosticCode.SymbolicLink]],
        [at('evidence/linked.png'), [DiagnosticCode.SymbolicLink]],
      ]),
    );
    const messages = new Set([...record.unread.values()].map((diagnostics) => diagnostics[0].message));
    assert.deepEqual(
      [...messages],
      ['Expected a file or folder, found a symbolic link: links are never followed, so neither it nor anything through it was checked'],
    );
  });

  it('Should report a named pipe named like Markdown and a name that is not UTF-8, reading neither', async () => {
    const fs = new OddFileSystem(new MemoryFileSystem({ [at('evidence/a.md')]: '' }), {
      [at('evidence/pipe.md')]: { type: 'other' },
      [at('evidence/pipe.txt')]: { type: 'other' },
      [at('evidence/caf\uFFFD.md')]: { type: 'file', flag: 'undecodable-name' },
    });
    const { markdownFiles, record, unread } = await walk(fs);
    assert.deepEqual(markdownFiles, [at('evidence/a.md')]);
    assert.deepEqual(
      unread,
      new Map([
        [at('evidence/pipe.md'), [DiagnosticCode.UnreadableFile]],
        [at('evidence/caf\uFFFD.md'), [DiagnosticCode.UnreadableFile]],
      ]),
    );
    assert.match(record.unread.get(at('evidence/pipe.md'))![0].message, /named pipe, socket or device/);
    assert.match(record.unread.get(at('evidence/caf\uFFFD.md'))![0].message, /name in UTF-8/);
    assert.ok(record.knownPaths.has(at('evidence/pipe.txt')));
  });

  it('Should report a folder it cannot list, and go on with the rest', async () => {
    const inner = new MemoryFileSystem({ [at('evidence/a.md')]: '', [at('locked/b.md')]: '' });
    const { markdownFiles, record, unread } = await walk(new OddFileSystem(inner, {}, [at('locked')]));
    assert.deepEqual(markdownFiles, [at('evidence/a.md')]);
    assert.deepEqual(unread, new Map([[at('locked'), [DiagnosticCode.UnreadableFile]]]));
    assert.match(record.unread.get(at('locked'))![0].message, /^Expected a folder that can be read, found an error: .*: the files in it were not checked$/);
    assert.ok(!record.knownFolders.has(at('locked')));
  });

  it('Should know the files of a nested portfolio without collecting or reporting them', async () => {
    const fs = new OddFileSystem(new MemoryFileSystem({ [at('a.md')]: '', [at('other/portfolio.yaml')]: 'x', [at('other/b.md')]: '' }), {
      [at('other/linked.md')]: { type: 'file', flag: 'symbolic-link' },
    });
    const { markdownFiles, record, unread } = await walk(fs);
    assert.deepEqual(markdownFiles, [at('a.md')]);
    assert.ok(record.knownPaths.has(at('other/b.md')) && record.knownFolders.has(at('other')));
    assert.equal(unread.size, 0);
  });

  it('Should leave out skipped and excluded folders whole', async () => {
    const fs = new MemoryFileSystem({
      [at('a.md')]: '',
      [at('node_modules/pkg/readme.md')]: '',
      [at('drafts/b.md')]: '',
      [at('notes/c.md')]: '',
      [at('notes/skip.md')]: '',
    });
    const { markdownFiles, record } = await walk(fs, (relative) => relative === 'drafts' || relative === 'notes/skip.md');
    assert.deepEqual(markdownFiles, [at('a.md'), at('notes/c.md')]);
    for (const gone of [at('node_modules'), at('drafts')]) assert.ok(!record.knownFolders.has(gone), gone);
    assert.ok(!record.knownPaths.has(at('notes/skip.md')));
  });
});

describe('Link targets', () => {
  it('Should resolve a link from the root when it starts with / and from the file’s folder otherwise', () => {
    const links = new LinkTargets(new MemoryFileSystem(), ROOT);
    assert.equal(links.linkTarget(at('evidence/a.md'), '/assets/x.png'), at('assets/x.png'));
    assert.equal(links.linkTarget(at('evidence/a.md'), '../assets/x.png'), at('assets/x.png'));
    assert.equal(links.linkTarget(at('evidence/a.md'), 'x.png'), at('evidence/x.png'));
  });

  it('Should tell what the walk never reaches: outside the root, skipped, excluded or below a linked folder', () => {
    const links = new LinkTargets(new MemoryFileSystem(), ROOT, (relative) => relative === 'drafts');
    links.symbolicLinks.add(at('linked'));
    for (const outside of ['/elsewhere/x.png', at('node_modules/x/y.md'), at('drafts/deep/x.png'), at('drafts'), at('linked/x.png')]) {
      assert.equal(links.isOutsideWalk(outside), true, outside);
    }
    for (const inside of [ROOT, at('evidence/x.png'), at('drafts-not/x.png'), at('linked')]) assert.equal(links.isOutsideWalk(inside), false, inside);
  });

  it('Should know a target from the walk without a stat, look once at one the walk skips, and never at one outside the root', async () => {
    const fs = new MemoryFileSystem({ '/elsewhere/there.png': '', [at('node_modules/pkg/there.png')]: '' });
    const links = new LinkTargets(fs, ROOT);
    links.knownPaths.add(at('evidence/x.png'));
    links.knownFolders.add(ROOT);
    links.knownFolders.add(at('evidence'));
    links.symbolicLinks.add(at('evidence/linked'));
    const from = at('evidence/a.md');
    const targets = [
      '../../elsewhere/there.png',
      '../../elsewhere/missing.png',
      'x.png',
      '.',
      '../node_modules/pkg/there.png',
      '../node_modules/pkg/missing.png',
      'linked/x.png',
    ];
    const linksOf = () => targets.map((target) => ({ target, range: RANGE }));
    fs.resetCounters();
    await links.statUnwalkedTargets([from, from], linksOf);
    await links.statUnwalkedTargets([from], linksOf);
    // From the root down, the walk's folders skipped: node_modules once, then each target once.
    assert.deepEqual([...fs.stats.entries()].sort(), [
      [at('node_modules'), 2],
      [at('node_modules/pkg'), 2],
      [at('node_modules/pkg/missing.png'), 1],
      [at('node_modules/pkg/there.png'), 1],
    ]);
    const state = (target: string) => links.stateOf(target).kind;
    assert.equal(state('/elsewhere/there.png'), 'outside');
    assert.equal(state('/elsewhere/missing.png'), 'outside');
    assert.equal(state(at('node_modules/pkg/there.png')), 'found');
    assert.equal(state(at('node_modules/pkg/missing.png')), 'missing');
    assert.equal(state(at('evidence/x.png')), 'found');
    assert.equal(state(at('evidence')), 'found');
    assert.equal(state(at('evidence/y.png')), 'missing');
    assert.equal(state(at('evidence/linked')), 'symbolic-link');
    assert.deepEqual(links.stateOf(at('evidence/linked/x.png')), { kind: 'through-link', symbolicLink: 'evidence/linked' });

    fs.write(at('node_modules/pkg/missing.png'), '');
    fs.resetCounters();
    assert.deepEqual((await links.restatUnwalkedTargetsAround(at('node_modules/pkg'))).sort(), [
      at('node_modules/pkg/missing.png'),
      at('node_modules/pkg/there.png'),
    ]);
    assert.equal(state(at('node_modules/pkg/missing.png')), 'found');
    assert.deepEqual(await links.restatUnwalkedTargetsAround('/elsewhere'), []);
    assert.ok(![...fs.stats.keys()].some((path) => path.startsWith('/elsewhere')));
  });

  it('Should know which files link to a target, and forget them again', () => {
    const links = new LinkTargets(new MemoryFileSystem(), ROOT);
    const range = RANGE;
    links.addLinks(at('a.md'), [
      { target: 'assets/x.png', range },
      { target: 'assets', range },
    ]);
    links.addLinks(at('notes/b.md'), [{ target: '../assets/x.png', range }]);
    assert.deepEqual(links.sourcesLinkingTo(at('assets/x.png')), [at('a.md'), at('notes/b.md')]);
    assert.deepEqual(links.targetsAtOrBelow(at('assets')), [at('assets/x.png'), at('assets')]);
    links.removeLinks(at('a.md'), [{ target: 'assets/x.png', range }]);
    assert.deepEqual(links.sourcesLinkingTo(at('assets/x.png')), [at('notes/b.md')]);
  });
});

describe('Config loader', () => {
  it('Should resolve the config and add the standards/ folder’s data to a copy of the shipped catalogue', async () => {
    const fs = new MemoryFileSystem({ [at('portfolio.yaml')]: 'standard: ST9999\n', [at('standards/ST9999-1.0.yaml')]: tinyStandard() });
    const loader = new ConfigLoader(fs, ROOT);
    await loader.load();
    assert.equal(loader.portfolio?.standard.reference, 'ST9999');
    assert.ok(loader.catalogue.get('ST0792', '1.2'));
    assert.deepEqual([...loader.diagnostics.values()].flat(), []);
  });

  it('Should keep the workspace standards in the catalogue while it reads them again', async () => {
    const fs = new MemoryFileSystem({ [at('portfolio.yaml')]: 'standard: ST9999\n', [at('standards/ST9999-1.0.yaml')]: tinyStandard() });
    const loader = new ConfigLoader(fs, ROOT);
    await loader.load();
    const reloading = loader.load();
    // Completion and hover in portfolio.yaml read the catalogue at any moment, a reload's too.
    assert.ok(loader.catalogue.get('ST9999'), 'ST9999 went missing during the reload');
    await reloading;
    assert.ok(loader.catalogue.get('ST9999'));
  });

  it('Should report configured standards paths that are missing, absolute or outside the portfolio', async () => {
    const fs = new MemoryFileSystem({
      [at('portfolio.yaml')]: `${configFor('production-coordinator')}standards: [data/missing.yaml, /etc/x.yaml, ../x.yaml]\n`,
    });
    const loader = new ConfigLoader(fs, ROOT);
    await loader.load();
    const messages = (loader.diagnostics.get(loader.configPath) ?? []).map((d) => [d.code, d.message]);
    assert.deepEqual(
      messages.map(([code]) => code),
      [DiagnosticCode.InvalidConfig, DiagnosticCode.InvalidConfig, DiagnosticCode.InvalidConfig],
    );
    assert.match(messages[0][1], /found none/);
    assert.match(messages[1][1], /absolute path `\/etc\/x\.yaml`/);
    assert.match(messages[2][1], /`\.\.\/x\.yaml`, which is outside it/);
  });

  it('Should refuse a config that is a symbolic link without reading it', async () => {
    const fs = new OddFileSystem(new MemoryFileSystem(), { [at('portfolio.yaml')]: { type: 'file', flag: 'symbolic-link' } });
    const loader = new ConfigLoader(fs, ROOT);
    await loader.load();
    assert.equal(loader.portfolio, undefined);
    assert.deepEqual(
      loader.diagnostics.get(loader.configPath)?.map((d) => d.message),
      ['Expected `portfolio.yaml` to be a readable text file, found a symbolic link: links are never followed, so it was not read'],
    );
  });

  it('Should count the standards/ folder and the configured paths as standard data, even when the config does not resolve', async () => {
    const fs = new MemoryFileSystem({ [at('portfolio.yaml')]: 'standard: NOPE\nstandards: [data/extra.yaml]\n' });
    const loader = new ConfigLoader(fs, ROOT);
    await loader.load();
    assert.equal(loader.portfolio, undefined);
    for (const path of [at('standards'), at('standards/x.yaml'), at('data'), at('data/extra.yaml'), ROOT])
      assert.equal(loader.isStandardDataPath(path), true, path);
    for (const path of [at('evidence/a.md'), at('data/other.yaml'), '/elsewhere/standards']) assert.equal(loader.isStandardDataPath(path), false, path);
  });
});

describe('Claim index', () => {
  const claim = (code: string): Claim => ({ code, range: RANGE, removeRange: RANGE });
  it('Should list the evidence for a code and forget a file’s claims when told', () => {
    const claims = new ClaimIndex();
    claims.add('a.md', 'A', [claim('K1'), claim('S2')]);
    claims.add('b.md', undefined, [claim('K1')]);
    assert.deepEqual(claims.evidenceFor('K1'), [
      { relativePath: 'a.md', title: 'A', range: RANGE },
      { relativePath: 'b.md', title: undefined, range: RANGE },
    ]);
    claims.remove('a.md', [claim('K1')]);
    assert.deepEqual(
      claims.evidenceFor('K1').map((e) => e.relativePath),
      ['b.md'],
    );
    assert.deepEqual(
      claims.evidenceFor('S2').map((e) => e.relativePath),
      ['a.md'],
    );
    assert.deepEqual(claims.evidenceFor('B1'), []);
  });
});
