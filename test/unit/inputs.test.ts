import assert from 'node:assert/strict';
import { analyzeText, applyLevels, DiagnosticCode } from '../../src/core';
import { analyzeBytes, MAX_LINK_SCAN_LENGTH } from '../../src/core/read/analysis';
import { DEFAULT_RULE_LEVELS } from '../../src/core/rules/registry';
import { diagnose, DOC, loadPortfolio, marked, POST_PRODUCTION_CONFIG, ROOT, showRange, withCode } from './inlinePortfolio';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** An evidence document whose K30 claim and missing link are marked, to check positions. */
const MARKED = marked(['---', 'title: Positions', 'ksbs: [K1, ⟦K30⟧]', '---', '', 'See ⟦[the plan](attachments/plan.pdf)⟧.', ''].join('\n'));

/** `code@range` of each diagnostic, sorted, for comparing whole results. */
function summary(diagnostics: readonly { code: string; range: Parameters<typeof showRange>[0] }[]): string[] {
  return diagnostics.map((d) => `${d.code}@${showRange(d.range)}`).sort();
}

/** What the marked document must give in any encoding or line ending. */
const EXPECTED = [`${DiagnosticCode.UnknownCode}@${showRange(MARKED.ranges[0])}`, `${DiagnosticCode.MissingAttachment}@${showRange(MARKED.ranges[1])}`].sort();

describe('Line endings and encodings', () => {
  it('Should report the same positions with CRLF line endings as with LF', async () => {
    assert.deepEqual(summary(await diagnose(MARKED.text)), EXPECTED);
    assert.deepEqual(summary(await diagnose(MARKED.text.replace(/\n/g, '\r\n'))), EXPECTED);
  });

  it('Should read a title without a trailing carriage return from a CRLF file', () => {
    const analysis = analyzeText('---\r\ntitle: Windows\r\nksbs: [K1]\r\n---\r\nBody\r\n');
    assert.equal(analysis.frontMatter?.title, 'Windows');
    assert.deepEqual(
      analysis.frontMatter?.claims.map((c) => c.code),
      ['K1'],
    );
  });

  it('Should find the claims of a file with a UTF-8 BOM and keep positions as if the BOM were not there', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(MARKED.text)]);
    assert.deepEqual(summary(await diagnose(bytes)), EXPECTED);
    const analysis = analyzeBytes(bytes);
    assert.deepEqual(
      analysis.frontMatter?.claims.map((c) => c.code),
      ['K1', 'K30'],
    );
  });

  it('Should read UTF-16 LE with a BOM, find its claims and report the same positions', async () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MARKED.text, 'utf16le')]));
    assert.deepEqual(summary(await diagnose(bytes)), EXPECTED);
    const { index } = await loadPortfolio({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/doc.md': bytes });
    assert.equal(index.evidenceFor('K1').length, 1);
  });

  it('Should report invalid UTF-8 as an unreadable file and nothing else', async () => {
    const bytes = new Uint8Array([...utf8('---\nksbs: [K1]\n---\nCaf'), 0xc3, 0x28, ...utf8(' au lait\n')]);
    const diagnostics = await diagnose(bytes);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [DiagnosticCode.UnreadableFile],
    );
    assert.match(diagnostics[0].message, /not valid UTF-8/);
  });

  it('Should report binary bytes as an unreadable file without crashing, and count no claims', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, ...utf8('---\nksbs: [K1]\n---\n'), 0xff, 0x00]);
    const { index } = await loadPortfolio({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/doc.md': bytes });
    const diagnostics = index.diagnosticsFor(DOC);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [DiagnosticCode.UnreadableFile],
    );
    assert.match(diagnostics[0].message, /binary content/);
    assert.equal(showRange(diagnostics[0].range), '0:0-0:0');
    assert.deepEqual(index.evidenceFor('K1'), []);
  });
});

describe('Files without usable front matter', () => {
  it('Should report an evidence file with no front matter as claiming nothing, on line 1', async () => {
    const diagnostics = await diagnose('# Meeting notes\n\nNo front matter here.\n');
    assert.deepEqual(summary(diagnostics), [`${DiagnosticCode.NoKsbs}@0:0-0:0`]);
    assert.match(diagnostics[0].message, /found no front matter/);
  });

  it('Should not crash on an empty file and report it as claiming nothing', async () => {
    assert.equal(analyzeBytes(new Uint8Array()).unreadable, false);
    const diagnostics = await diagnose('');
    assert.deepEqual(summary(diagnostics), [`${DiagnosticCode.NoKsbs}@0:0-0:0`]);
  });

  it('Should report front matter that is never closed as a YAML error on line 1 only', async () => {
    const document = '---\ntitle: Never closed\nksbs: [K1, K30]\n\nThe body runs on.\n';
    const { index } = await loadPortfolio({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/doc.md': document });
    const diagnostics = index.diagnosticsFor(DOC);
    assert.deepEqual(
      diagnostics.map((d) => `${d.code}@${d.range.start.line}`),
      [`${DiagnosticCode.YamlError}@0`],
    );
    assert.match(diagnostics[0].message, /closing `---`/);
    assert.deepEqual(index.evidenceFor('K1'), []);
  });

  it('Should treat a `---` line that is not at the start of the file as Markdown, not front matter', () => {
    const analysis = analyzeText('Intro\n---\nksbs: [K1]\n---\n');
    assert.equal(analysis.frontMatter, undefined);
  });
});

describe('Large files', () => {
  it('Should check the front matter of a 5 MB file, skip its links and say so in an information diagnostic', async () => {
    const line = 'Logged the rushes from the second unit and passed notes to the edit. '.repeat(2) + '\n';
    const body = line.repeat(Math.ceil(5_000_000 / line.length)) + 'See [the plan](attachments/missing-plan.pdf).\n';
    const document = `---\ntitle: A very long log\nksbs: [K1, S21, K30]\n---\n${body}`;
    assert.ok(document.length > 5_000_000 && document.length > MAX_LINK_SCAN_LENGTH);

    const { index } = await loadPortfolio({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/log.md': document });
    const path = `${ROOT}/evidence/log.md`;
    const diagnostics = index.diagnosticsFor(path);
    const tooLarge = withCode(diagnostics, DiagnosticCode.FileTooLarge);
    assert.equal(tooLarge.length, 1, JSON.stringify(diagnostics));
    assert.match(tooLarge[0].message, /5\.\d MB/);
    assert.equal(DEFAULT_RULE_LEVELS[DiagnosticCode.FileTooLarge], 'information');
    assert.equal(applyLevels(tooLarge)[0].level, 'information');
    // The front matter is still checked: K30 is unknown and the valid claims count.
    assert.equal(withCode(diagnostics, DiagnosticCode.UnknownCode).length, 1);
    assert.equal(withCode(diagnostics, DiagnosticCode.MissingAttachment).length, 0);
    assert.deepEqual(
      index.evidenceFor('K1').map((e) => e.relativePath),
      ['evidence/log.md'],
    );
    assert.equal(index.evidenceFor('S21').length, 1);
  });
});

describe('Folders named like Markdown files', () => {
  it('Should not treat a folder named `x.md` as a file, and not crash', async () => {
    const { fs, index } = await loadPortfolio({
      'portfolio.yaml': POST_PRODUCTION_CONFIG,
      'evidence/x.md/inner.txt': 'A file inside a folder named x.md',
      'evidence/real.md': '---\nksbs: [K1]\n---\nSee [the folder](x.md/inner.txt).\n',
    });
    assert.equal(index.file(`${ROOT}/evidence/x.md`), undefined);
    assert.deepEqual(index.diagnosticsFor(`${ROOT}/evidence/x.md`), []);
    assert.deepEqual([...index.allDiagnostics().keys()], []);
    assert.deepEqual(
      index.allFiles().map((f) => f.relativePath),
      ['evidence/real.md'],
    );
    assert.equal(fs.reads.get(`${ROOT}/evidence/x.md`), undefined);

    await index.refresh(`${ROOT}/evidence/x.md`);
    assert.equal(index.file(`${ROOT}/evidence/x.md`), undefined);
    assert.deepEqual([...index.allDiagnostics().keys()], []);
  });
});
