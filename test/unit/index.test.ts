import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { DiagnosticCode, PortfolioIndex } from '../../src/core';
import { configFor, loadPortfolio, POST_PRODUCTION_CONFIG, ROOT, tinyStandard, withCode } from './inlinePortfolio';
import { MemoryFileSystem } from './memoryFileSystem';

const at = (relative: string) => `${ROOT}/${relative}`;

/** An evidence document claiming `ksbs` (YAML after `ksbs: `) with an optional body. */
const evidence = (ksbs: string, body = 'Body.\n') => `---\ntitle: Evidence\nksbs: ${ksbs}\n---\n\n${body}`;

/** The relative paths of the evidence for `code`. */
function evidencePaths(index: PortfolioIndex, code: string): string[] {
  return index
    .evidenceFor(code)
    .map((e) => e.relativePath)
    .sort();
}

/** The codes of one file's diagnostics. */
function codesOf(index: PortfolioIndex, relative: string): string[] {
  return index.diagnosticsFor(at(relative)).map((d) => d.code);
}

describe('Coverage', () => {
  it('Should count covered and total KSBs per kind for the post production option', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': POST_PRODUCTION_CONFIG,
      'evidence/a.md': evidence('[K1, S1, B1]'),
      'evidence/b.md': evidence('[K1, K24]'),
    });
    const coverage = index.coverage();
    assert.ok(coverage);
    // v1.2 post production: K1-K16 + K24-K29, S1-S17 + S21-S23, B1-B4.
    assert.deepEqual(coverage.byKind, {
      knowledge: { covered: 2, total: 22 },
      skill: { covered: 1, total: 20 },
      behaviour: { covered: 1, total: 4 },
    });
    assert.deepEqual(coverage.summary, { covered: 4, total: 46 });
    assert.deepEqual(evidencePaths(index, 'K1'), ['evidence/a.md', 'evidence/b.md']);
  });

  it('Should not count unknown or wrong-option claims, and count a duplicate once', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': POST_PRODUCTION_CONFIG,
      'evidence/a.md': evidence('[K1, K1, K30, K17, S18, k2]'),
    });
    const coverage = index.coverage()!;
    assert.deepEqual(coverage.summary, { covered: 1, total: 46 });
    const k1 = coverage.entries.find((e) => e.ksb.code === 'K1')!;
    assert.deepEqual(
      k1.evidence.map((e) => e.relativePath),
      ['evidence/a.md'],
    );
    for (const code of ['K2', 'K17', 'S18', 'K30']) assert.deepEqual(index.evidenceFor(code), [], code);
    assert.equal(
      coverage.entries.some((e) => e.ksb.code === 'K17'),
      false,
      'K17 is not applicable to the post production option',
    );
  });

  it('Should have no coverage without a usable config', async () => {
    const { index } = await loadPortfolio({ 'portfolio.yaml': 'standard: ST0000\n', 'evidence/a.md': evidence('[K1]') });
    assert.equal(index.coverage(), undefined);
  });
});

describe('Loading', () => {
  it('Should have its config before the files are read, and say it is loading until they are', async () => {
    const fs = new MemoryFileSystem({ [at('portfolio.yaml')]: POST_PRODUCTION_CONFIG, [at('evidence/a.md')]: evidence('[K1]') });
    const index = new PortfolioIndex(fs, ROOT);
    assert.equal(index.isLoading, false);
    const loading = index.load();
    await index.configured;
    assert.equal(index.portfolio?.option?.id, 'post-production-coordinator');
    assert.equal(index.isLoading, true);
    assert.equal(fs.reads.get(at('evidence/a.md')), undefined, 'no evidence should be read yet');
    await loading;
    assert.equal(index.isLoading, false);
    assert.deepEqual(evidencePaths(index, 'K1'), ['evidence/a.md']);
  });

  it('Should count a config that cannot be read as configured, so nothing waits forever', async () => {
    const index = new PortfolioIndex(new MemoryFileSystem({ [at('evidence/a.md')]: evidence('[K1]') }), ROOT);
    await index.load();
    await index.configured;
    assert.equal(index.portfolio, undefined);
  });
});

describe('Parse cache', () => {
  const files = {
    'portfolio.yaml': POST_PRODUCTION_CONFIG,
    'evidence/a.md': evidence('[K1]'),
    'evidence/b.md': evidence('[K2]'),
    'evidence/c/d.md': evidence('[K3]'),
  };
  const markdownReads = (fs: MemoryFileSystem) => fs.readPaths().filter((p) => p.endsWith('.md'));

  it('Should read no Markdown file again on a second load when mtimes and sizes are unchanged', async () => {
    const { fs, index } = await loadPortfolio(files);
    assert.equal(markdownReads(fs).length, 3);
    fs.resetCounters();
    await index.load();
    assert.deepEqual(markdownReads(fs), []);
    assert.deepEqual(evidencePaths(index, 'K3'), ['evidence/c/d.md']);
  });

  it('Should re-read only the changed file on the next load', async () => {
    const { fs, index } = await loadPortfolio(files);
    fs.resetCounters();
    fs.write(at('evidence/b.md'), evidence('[K5]'));
    await index.load();
    assert.deepEqual(markdownReads(fs), [at('evidence/b.md')]);
    assert.deepEqual(evidencePaths(index, 'K2'), []);
    assert.deepEqual(evidencePaths(index, 'K5'), ['evidence/b.md']);
  });

  it('Should re-read a file rewritten with the same size but a newer mtime', async () => {
    const { fs, index } = await loadPortfolio(files);
    fs.resetCounters();
    fs.write(at('evidence/a.md'), evidence('[K9]'));
    await index.load();
    assert.deepEqual(markdownReads(fs), [at('evidence/a.md')]);
    assert.deepEqual(evidencePaths(index, 'K9'), ['evidence/a.md']);
  });
});

describe('Refreshing one path', () => {
  async function portfolio() {
    return loadPortfolio({
      'portfolio.yaml': POST_PRODUCTION_CONFIG,
      'evidence/a.md': evidence('[K1, K2]', 'See [the plan](attachments/plan.pdf).\n'),
      'evidence/b.md': evidence('[K3]'),
    });
  }

  it('Should update the diagnostics and coverage of an edited file, reading only that file', async () => {
    const { fs, index } = await portfolio();
    assert.deepEqual(codesOf(index, 'evidence/b.md'), []);
    fs.resetCounters();
    fs.write(at('evidence/b.md'), evidence('[K4, K30]'));
    await index.refresh(at('evidence/b.md'));
    assert.deepEqual(fs.readPaths(), [at('evidence/b.md')]);
    assert.deepEqual(codesOf(index, 'evidence/b.md'), [DiagnosticCode.UnknownCode]);
    assert.deepEqual(evidencePaths(index, 'K3'), []);
    assert.deepEqual(evidencePaths(index, 'K4'), ['evidence/b.md']);
    assert.equal(index.coverage()!.summary.covered, 3);
  });

  it('Should add a created file to diagnostics and coverage', async () => {
    const { fs, index } = await portfolio();
    fs.write(at('evidence/new/c.md'), evidence('[K5, K5]'));
    await index.refresh(at('evidence/new/c.md'));
    assert.deepEqual(codesOf(index, 'evidence/new/c.md'), [DiagnosticCode.DuplicateCode]);
    assert.deepEqual(evidencePaths(index, 'K5'), ['evidence/new/c.md']);
    assert.equal(index.coverage()!.summary.covered, 4);
  });

  it('Should drop a deleted file from diagnostics and coverage', async () => {
    const { fs, index } = await portfolio();
    fs.write(at('evidence/b.md'), evidence('[K3, K30]'));
    await index.refresh(at('evidence/b.md'));
    assert.ok(index.allDiagnostics().has(at('evidence/b.md')));
    fs.delete(at('evidence/b.md'));
    await index.refresh(at('evidence/b.md'));
    assert.equal(index.file(at('evidence/b.md')), undefined);
    assert.equal(index.allDiagnostics().has(at('evidence/b.md')), false);
    assert.deepEqual(evidencePaths(index, 'K3'), []);
    assert.equal(index.coverage()!.summary.covered, 2);
  });

  it('Should drop every file under a deleted folder', async () => {
    const { fs, index } = await portfolio();
    fs.write(at('evidence/old/x.md'), evidence('[K7]'));
    await index.refresh(at('evidence/old/x.md'));
    assert.deepEqual(evidencePaths(index, 'K7'), ['evidence/old/x.md']);
    fs.delete(at('evidence/old'));
    await index.refresh(at('evidence/old'));
    assert.deepEqual(evidencePaths(index, 'K7'), []);
  });

  it('Should clear the missing-attachment diagnostic of the linking file when the attachment is created', async () => {
    const { fs, index } = await portfolio();
    assert.deepEqual(codesOf(index, 'evidence/a.md'), [DiagnosticCode.MissingAttachment]);
    fs.write(at('evidence/attachments/plan.pdf'), '%PDF-1.7');
    await index.refresh(at('evidence/attachments/plan.pdf'));
    assert.deepEqual(codesOf(index, 'evidence/a.md'), []);
  });

  it('Should report the attachment as missing again when it is deleted', async () => {
    const { fs, index } = await portfolio();
    fs.write(at('evidence/attachments/plan.pdf'), '%PDF-1.7');
    await index.refresh(at('evidence/attachments/plan.pdf'));
    fs.delete(at('evidence/attachments/plan.pdf'));
    await index.refresh(at('evidence/attachments/plan.pdf'));
    assert.deepEqual(codesOf(index, 'evidence/a.md'), [DiagnosticCode.MissingAttachment]);
  });

  it('Should clear the missing-attachment error of a link to a folder deleted and then created again with a file in it', async () => {
    const { fs, index } = await loadPortfolio({
      'portfolio.yaml': POST_PRODUCTION_CONFIG,
      'evidence/a.md': evidence('[K1]', 'See [the folder](sub).\n'),
      'evidence/sub/b.txt': 'b',
    });
    assert.deepEqual(codesOf(index, 'evidence/a.md'), []);
    fs.delete(at('evidence/sub'));
    await index.remove(at('evidence/sub'));
    assert.deepEqual(codesOf(index, 'evidence/a.md'), [DiagnosticCode.MissingAttachment]);
    // The watcher may report only the file, not the folder created for it.
    fs.write(at('evidence/sub/c.md'), evidence('[K2]'));
    await index.refresh(at('evidence/sub/c.md'));
    assert.deepEqual(codesOf(index, 'evidence/a.md'), []);
  });

  it('Should drop the claims of a folder moved in when its new parent folder is deleted', async () => {
    const { fs, index } = await portfolio();
    fs.write(at('evidence/new/batch/moved.md'), evidence('[K9]'));
    await index.refresh(at('evidence/new/batch'));
    assert.deepEqual(evidencePaths(index, 'K9'), ['evidence/new/batch/moved.md']);
    fs.delete(at('evidence/new'));
    await index.remove(at('evidence/new'));
    assert.deepEqual(evidencePaths(index, 'K9'), []);
    assert.equal(index.file(at('evidence/new/batch/moved.md')), undefined);
  });

  it('Should know a folder made for a file whose creation was reported only once it was gone again', async () => {
    const { fs, index } = await loadPortfolio({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence('[K1]', 'See [the folder](sub).\n') });
    fs.write(at('evidence/sub/deep/b.md'), evidence('[K2]'));
    fs.delete(at('evidence/sub/deep'));
    await index.remove(at('evidence/sub/deep/b.md'));
    assert.deepEqual(codesOf(index, 'evidence/a.md'), []);
  });

  it('Should clear a missing-attachment error once the linked file appears in a folder the host excludes', async () => {
    const fs = new MemoryFileSystem({
      [at('portfolio.yaml')]: POST_PRODUCTION_CONFIG,
      [at('evidence/a.md')]: evidence('[K1]', 'See [the draft](drafts/b.md).\n'),
    });
    const index = new PortfolioIndex(fs, ROOT, { isExcluded: (relative) => /(^|\/)drafts(\/|$)/.test(relative) });
    await index.load();
    assert.deepEqual(codesOf(index, 'evidence/a.md'), [DiagnosticCode.MissingAttachment]);
    fs.write(at('evidence/drafts/b.md'), 'draft');
    await index.refresh(at('evidence/drafts/b.md'));
    assert.deepEqual(codesOf(index, 'evidence/a.md'), []);
    fs.delete(at('evidence/drafts'));
    await index.remove(at('evidence/drafts'));
    assert.deepEqual(codesOf(index, 'evidence/a.md'), [DiagnosticCode.MissingAttachment]);
  });

  it('Should tell listeners after a refresh', async () => {
    const { fs, index } = await portfolio();
    let calls = 0;
    const stop = index.onDidChange(() => calls++);
    fs.write(at('evidence/b.md'), evidence('[K8]'));
    await index.refresh(at('evidence/b.md'));
    assert.ok(calls >= 1);
    stop();
  });
});

describe('Unsaved documents', () => {
  it('Should use the unsaved text over the disk version until the document is closed', async () => {
    const { fs, index } = await loadPortfolio({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence('[K1]') });
    await index.setDocument(at('evidence/a.md'), evidence('[K2, K30]'));
    assert.deepEqual(codesOf(index, 'evidence/a.md'), [DiagnosticCode.UnknownCode]);
    assert.deepEqual(evidencePaths(index, 'K1'), []);
    assert.deepEqual(evidencePaths(index, 'K2'), ['evidence/a.md']);
    assert.equal(fs.text(at('evidence/a.md')), evidence('[K1]'));

    index.clearDocument(at('evidence/a.md'));
    assert.deepEqual(codesOf(index, 'evidence/a.md'), []);
    assert.deepEqual(evidencePaths(index, 'K1'), ['evidence/a.md']);
  });

  it('Should keep the unsaved text when the portfolio is loaded again', async () => {
    const { index } = await loadPortfolio({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence('[K1]') });
    await index.setDocument(at('evidence/a.md'), evidence('[K6]'));
    await index.load();
    assert.deepEqual(evidencePaths(index, 'K6'), ['evidence/a.md']);
  });
  it('Should resolve the links into a skipped folder of an unsaved text of a file not on disk when the portfolio is loaded again', async () => {
    const fs = new MemoryFileSystem({ [at('portfolio.yaml')]: POST_PRODUCTION_CONFIG, [at('node_modules/kit/plan.pdf')]: '%PDF', '/shared/plan.pdf': '%PDF' });
    const index = new PortfolioIndex(fs, ROOT);
    await index.load();
    // An editor still open on a file deleted from disk.
    await index.setDocument(at('evidence/gone.md'), evidence('[K1]', 'See [the plan](../node_modules/kit/plan.pdf) and [this](../../shared/plan.pdf).\n'));
    assert.deepEqual(codesOf(index, 'evidence/gone.md'), ['evidence.link-outside']);
    await index.load();
    assert.deepEqual(codesOf(index, 'evidence/gone.md'), ['evidence.link-outside']);
    assert.deepEqual(
      [...fs.stats.keys()].filter((path) => path.startsWith('/shared')),
      [],
    );
  });

  it('Should not count the unsaved text of a file the walk does not index', async () => {
    const fs = new MemoryFileSystem({ [at('portfolio.yaml')]: POST_PRODUCTION_CONFIG.replace('["evidence/**/*.md"]', '["**/*.md"]') });
    const index = new PortfolioIndex(fs, ROOT, { isExcluded: (relative) => relative === 'drafts' });
    await index.load();
    await index.setDocument(at('drafts/a.md'), evidence('[K1]'));
    await index.setDocument(at('node_modules/pkg/README.md'), evidence('[K2]'));
    assert.deepEqual(index.allFiles(), []);
    assert.deepEqual(evidencePaths(index, 'K1'), []);
  });
});

describe('Standards from the workspace', () => {
  it('Should load an extra standard from the standards/ folder next to the config', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': 'standard: ST9999\nevidence: ["evidence/**/*.md"]\n',
      'standards/ST9999-1.0.yaml': tinyStandard(),
      'evidence/a.md': evidence('[K1, S1, K3]'),
    });
    assert.deepEqual([...index.allDiagnostics().keys()], [at('evidence/a.md')]);
    assert.equal(index.portfolio?.standard.label, 'ST9999 v1.0');
    const unknown = withCode(index.diagnosticsFor(at('evidence/a.md')), DiagnosticCode.UnknownCode);
    assert.equal(unknown.length, 1);
    assert.match(unknown[0].message, /`K3`.*ST9999 v1\.0 has K1-K2/);
    assert.deepEqual(index.coverage()!.summary, { covered: 2, total: 3 });
    // The shipped standards stay available next to the workspace's.
    assert.ok(index.standards.get('ST0792', '1.2'));
  });

  it('Should load a standard from a path named in the config, and report a configured path that does not exist', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': 'standard: ST9999\nstandards: [data/tiny.yaml, data/missing.yaml]\n',
      'data/tiny.yaml': tinyStandard(),
    });
    assert.equal(index.portfolio?.standard.reference, 'ST9999');
    const problems = index.diagnosticsFor(at('portfolio.yaml'));
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0].code, DiagnosticCode.InvalidConfig);
    assert.match(problems[0].message, /data\/missing\.yaml/);
  });

  it('Should report a broken standard data file with the file and field, at the field', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': 'standard: ST9999\n',
      'standards/ST9999-1.0.yaml': tinyStandard({ firstCode: 'k1' }),
      'evidence/a.md': evidence('[K1]'),
    });
    const diagnostics = index.diagnosticsFor(at('standards/ST9999-1.0.yaml'));
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(diagnostics[0].code, DiagnosticCode.InvalidStandard);
    assert.match(diagnostics[0].message, /standards\/ST9999-1\.0\.yaml/);
    assert.match(diagnostics[0].message, /ksbs\[0\]\.code/);
    assert.equal(diagnostics[0].range.start.line, 12, 'the line of `code: k1`');
    // The broken standard is not loaded, so the config cannot use it.
    const config = index.diagnosticsFor(at('portfolio.yaml'));
    assert.equal(config.length, 1);
    assert.match(config[0].message, /Unexpected standard `ST9999`/);
  });

  it('Should report a standard data file with too many aliases instead of failing the load', async () => {
    const aliases = Array.from({ length: 101 }, () => '  - *tiny\n').join('');
    const { index } = await loadPortfolio({
      'portfolio.yaml': POST_PRODUCTION_CONFIG,
      'standards/ST9999-1.0.yaml': `${tinyStandard().replace('title: Tiny test standard', 'title: &tiny Tiny test standard')}extra:\n${aliases}`,
      'evidence/a.md': evidence('[K1]'),
    });
    const diagnostics = index.diagnosticsFor(at('standards/ST9999-1.0.yaml'));
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [[DiagnosticCode.InvalidStandard, 23]], // the first `*tiny`
      JSON.stringify(diagnostics),
    );
    assert.match(diagnostics[0].message, /^Expected at most 100 alias expansions/);
    // The portfolio itself still loads on the shipped standard.
    assert.deepEqual(evidencePaths(index, 'K1'), ['evidence/a.md']);
  });

  it("Should quote zod's English message for a field out of range", async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': 'standard: ST9999\n',
      'standards/ST9999-1.0.yaml': tinyStandard().replace('level: 3', 'level: 9'),
    });
    const diagnostics = index.diagnosticsFor(at('standards/ST9999-1.0.yaml'));
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.message]),
      [[3, 'standards/ST9999-1.0.yaml: level: Too big: expected number to be <=8']],
    );
  });

  it('Should reload the standards when a standard data file is refreshed', async () => {
    const { fs, index } = await loadPortfolio({
      'portfolio.yaml': 'standard: ST9999\n',
      'standards/ST9999-1.0.yaml': tinyStandard({ firstCode: 'k1' }),
    });
    const reference = () => index.portfolio?.standard.reference;
    assert.equal(reference(), undefined);
    fs.write(at('standards/ST9999-1.0.yaml'), tinyStandard());
    await index.refresh(at('standards/ST9999-1.0.yaml'));
    assert.equal(reference(), 'ST9999');
    assert.deepEqual(index.diagnosticsFor(at('standards/ST9999-1.0.yaml')), []);
  });
  it('Should load the standards when the standards/ folder appears', async () => {
    const { fs, index } = await loadPortfolio({ 'portfolio.yaml': 'standard: ST9999\n' });
    const reference = () => index.portfolio?.standard.reference;
    assert.equal(reference(), undefined);
    fs.write(at('standards/ST9999-1.0.yaml'), tinyStandard());
    await index.refresh(at('standards'));
    assert.equal(reference(), 'ST9999');
  });

  it('Should report a configured standard file missing once the folder above it is deleted', async () => {
    const { fs, index } = await loadPortfolio({
      'portfolio.yaml': 'standard: ST9999\nstandards: [data/tiny/ST9999.yaml]\n',
      'data/tiny/ST9999.yaml': tinyStandard(),
    });
    assert.deepEqual(index.diagnosticsFor(at('portfolio.yaml')), []);
    fs.delete(at('data'));
    await index.remove(at('data'));
    const messages = index.diagnosticsFor(at('portfolio.yaml')).map((d) => d.message);
    assert.ok(
      messages.some((message) => message.includes('`data/tiny/ST9999.yaml`')),
      messages.join('\n'),
    );
  });
});

describe('Which files are evidence', () => {
  it('Should ignore files outside the evidence globs, even with bad claims', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': POST_PRODUCTION_CONFIG,
      'evidence/a.md': evidence('[K1]'),
      'notes/todo.md': evidence('[K5, K30]', 'See [x](missing.pdf).\n'),
      'README.md': '# Readme\n',
    });
    assert.deepEqual([...index.allDiagnostics().keys()], []);
    assert.deepEqual(index.evidenceFor('K5'), []);
    assert.equal(index.file(at('notes/todo.md')), undefined);
  });

  it('Should follow a config with several globs', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': configFor('post-production-coordinator').replace('["evidence/**/*.md"]', '["evidence/*.md", "logs/**/*.markdown"]'),
      'evidence/a.md': evidence('[K1]'),
      'evidence/deep/b.md': evidence('[K2]'),
      'logs/2026/c.markdown': evidence('[K3]'),
    });
    assert.deepEqual(evidencePaths(index, 'K1'), ['evidence/a.md']);
    assert.deepEqual(evidencePaths(index, 'K2'), []);
    assert.deepEqual(evidencePaths(index, 'K3'), ['logs/2026/c.markdown']);
  });

  it('Should not walk into node_modules', async () => {
    const { fs, index } = await loadPortfolio({
      'portfolio.yaml': configFor('post-production-coordinator').replace('["evidence/**/*.md"]', '["**/*.md"]'),
      'evidence/a.md': evidence('[K1]'),
      'node_modules/some-package/README.md': evidence('[K30]'),
      'evidence/node_modules/x/README.md': evidence('[K2]'),
    });
    assert.deepEqual([...index.allDiagnostics().keys()], []);
    assert.deepEqual(evidencePaths(index, 'K2'), []);
    assert.ok(
      fs.readPaths().every((p) => !p.includes('/node_modules/')),
      fs.readPaths().join(', '),
    );
  });
});

describe('Refreshing paths the walk skips', () => {
  it('Should not index a file in node_modules when a watcher reports it', async () => {
    const { fs, index } = await loadPortfolio({
      'portfolio.yaml': configFor('post-production-coordinator').replace('["evidence/**/*.md"]', '["**/*.md"]'),
      'evidence/a.md': evidence('[K1]'),
    });
    fs.write(at('node_modules/pkg/README.md'), evidence('[K30, K2]'));
    await index.refresh(at('node_modules/pkg/README.md'));
    assert.equal(index.file(at('node_modules/pkg/README.md'))?.relativePath, undefined, 'node_modules/pkg/README.md should not be indexed');
    assert.deepEqual([...index.allDiagnostics().keys()], []);
    assert.deepEqual(evidencePaths(index, 'K2'), []);
  });

  it('Should not index a file the host excludes when a watcher reports it', async () => {
    const fs = new MemoryFileSystem({
      [at('portfolio.yaml')]: POST_PRODUCTION_CONFIG.replace('["evidence/**/*.md"]', '["**/*.md"]'),
      [at('build/copy.md')]: evidence('[K30]'),
    });
    const index = new PortfolioIndex(fs, ROOT, { isExcluded: (relative) => relative === 'build' || relative.startsWith('build/') });
    await index.load();
    assert.deepEqual([...index.allDiagnostics().keys()], []);
    fs.write(at('build/copy.md'), evidence('[K30, K31]'));
    await index.refresh(at('build/copy.md'));
    assert.equal(index.file(at('build/copy.md'))?.relativePath, undefined, 'build/copy.md should not be indexed');
    assert.deepEqual([...index.allDiagnostics().keys()], []);
  });
  it('Should not index a file reported in a folder the host excludes, though its own path is not excluded', async () => {
    const fs = new MemoryFileSystem({
      [at('portfolio.yaml')]: POST_PRODUCTION_CONFIG,
      [at('evidence/a.md')]: evidence('[K1]', 'See [the draft](drafts/b.md).\n'),
      [at('evidence/drafts/b.md')]: evidence('[K2]'),
    });
    const index = new PortfolioIndex(fs, ROOT, { isExcluded: (relative) => relative.endsWith('/drafts') });
    await index.load();
    assert.deepEqual(evidencePaths(index, 'K2'), []);
    fs.write(at('evidence/drafts/b.md'), evidence('[K2, K30]'));
    await index.refresh(at('evidence/drafts/b.md'));
    assert.equal(index.file(at('evidence/drafts/b.md')), undefined, 'evidence/drafts/b.md should not be indexed');
    assert.deepEqual(evidencePaths(index, 'K2'), []);
  });
});

describe('Scaling', () => {
  /** A portfolio of `count` evidence files in folders of 20, each claiming codes and linking a file. */
  function generated(count: number): MemoryFileSystem {
    const files: Record<string, string> = { [at('portfolio.yaml')]: POST_PRODUCTION_CONFIG };
    for (let i = 0; i < count; i++) {
      const folder = `evidence/f${Math.floor(i / 20)}`;
      files[at(`${folder}/att-${i}.txt`)] = `attachment ${i}`;
      files[at(`${folder}/e-${i}.md`)] = evidence(
        `[K${(i % 16) + 1}, S${(i % 17) + 1}, B${(i % 4) + 1}${i % 10 === 0 ? ', K30' : ''}]`,
        `Work log ${i}. See [the attachment](att-${i}.txt) and [a missing one](gone-${i}.pdf).\n`,
      );
    }
    return new MemoryFileSystem(files);
  }

  async function timeLoad(count: number): Promise<number> {
    const fs = generated(count);
    const index = new PortfolioIndex(fs, ROOT);
    const start = performance.now();
    await index.load();
    const elapsed = performance.now() - start;
    assert.equal(index.allFiles().length, count);
    assert.equal(index.allDiagnostics().size, count);
    return elapsed;
  }

  async function median(count: number): Promise<number> {
    const times: number[] = [];
    for (let run = 0; run < 3; run++) times.push(await timeLoad(count));
    return times.sort((a, b) => a - b)[1];
  }

  it('Should index 2 000 files in less than 25 times the time of 200 files', async function () {
    this.timeout(120_000);
    await timeLoad(50); // Warm up the parser and the JIT so the small run is not charged for it.
    const small = await median(200);
    const large = await median(2000);
    const ratio = large / small;
    assert.ok(ratio < 25, `Expected roughly linear growth: 200 files took ${small.toFixed(1)} ms, 2 000 took ${large.toFixed(1)} ms (x${ratio.toFixed(1)})`);
  });
});

describe('Files with huge numbers of findings', () => {
  it('Should count a front matter claiming one code 60 000 times once, and report the duplicates in one diagnostic', async () => {
    // 60 000 claims fit under the front matter limit; 200 000 are over it (frontmatter.too-large).
    const claims = Array.from({ length: 60_000 }, () => 'K1').join(', ');
    const { index } = await loadPortfolio({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence(`[${claims}]`) });
    assert.deepEqual(evidencePaths(index, 'K1'), ['evidence/a.md']);
    const duplicates = withCode(index.diagnosticsFor(at('evidence/a.md')), DiagnosticCode.DuplicateCode);
    assert.equal(duplicates.length, 1);
    assert.match(duplicates[0].message, /59999 more times/);
  });

  it('Should refuse a front matter claiming one code 200 000 times as too large, not overflow the stack', async () => {
    const claims = Array.from({ length: 200_000 }, () => 'K1').join(', ');
    const { index } = await loadPortfolio({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence(`[${claims}]`) });
    assert.deepEqual(
      index.diagnosticsFor(at('evidence/a.md')).map((d) => d.code),
      [DiagnosticCode.FrontMatterTooLarge],
    );
  });

  it('Should report 150 000 missing attachments of one file without overflowing the stack', async () => {
    const links = '[](g)\n'.repeat(150_000); // Under the link-scan limit.
    const { index } = await loadPortfolio({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence('[K1]', links) });
    assert.equal(withCode(index.diagnosticsFor(at('evidence/a.md')), DiagnosticCode.MissingAttachment).length, 150_000);
  });
});

describe('A diagnostics-only index (ksb check)', () => {
  it('Should report exactly what the full index reports, and keep no parse or claim of any file', async () => {
    const files = {
      'portfolio.yaml': POST_PRODUCTION_CONFIG,
      'evidence/a.md': evidence('[K1, K1, S21, K30]', '[plan](missing.pdf) [here](b.md)'),
      'evidence/b.md': evidence('[K17]'),
      'evidence/c.md': '---\nksbs: [K1\n---\n',
      'notes/readme.md': '# Notes\n',
    };
    const full = (await loadPortfolio(files)).index;
    const memory = new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([name, text]) => [at(name), text])));
    const slim = new PortfolioIndex(memory, ROOT, { diagnosticsOnly: true });
    await slim.load();
    assert.deepEqual([...slim.allDiagnostics()].sort(), [...full.allDiagnostics()].sort());
    assert.ok(full.allDiagnostics().size >= 3, 'the fixture should have problems in several files');
    assert.deepEqual(
      slim.allFiles().map((f) => [f.relativePath, f.isEvidence]),
      full.allFiles().map((f) => [f.relativePath, f.isEvidence]),
    );
    for (const file of slim.allFiles()) {
      assert.equal(file.analysis.frontMatter, undefined, `${file.relativePath} keeps its front matter`);
      assert.deepEqual(file.validClaims, []);
    }
    assert.deepEqual(slim.evidenceFor('K1'), []);
  });
});
