import assert from 'node:assert/strict';
import {
  buildReportModel,
  collectEvidenceImages,
  renderMatrixCsv,
  renderMatrixMarkdown,
  renderReportHtml,
  type ReportInput,
  type ReportModel,
} from '../../src/core';
import { csvField } from '../../src/core/report/matrixText';
import { toBase64 } from '../../src/core/report/reportImages';
import { loadPortfolio, POST_PRODUCTION_CONFIG, ROOT, tinyStandard } from './inlinePortfolio';

/** An evidence document with front matter lines. */
const evidence = (...frontMatter: string[]) => `---\n${frontMatter.join('\n')}\n---\n\nBody.\n`;

const INPUT: ReportInput = { generated: '2026-12-02' };

async function modelOf(files: Record<string, string | Uint8Array>, input: ReportInput = INPUT): Promise<ReportModel> {
  const { index } = await loadPortfolio(files);
  return buildReportModel(index, input);
}

/** The HTML between `<body>` and `</body>`, where nothing from the portfolio may become markup. */
function body(html: string): string {
  return html.slice(html.indexOf('<body>'), html.indexOf('</body>'));
}

const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)>" onmouseover="x' & <style>`;

describe('The report model', () => {
  it('Should have one evidence row per evidence file and its valid claims, each code once', async () => {
    const model = await modelOf({
      'portfolio.yaml': POST_PRODUCTION_CONFIG,
      'evidence/a.md': evidence('title: A', 'date: 2026-01-02', 'ksbs:', '  K1: Planned the shoot', '  S1: Booked the crew'),
      'evidence/b.md': evidence('title: B', 'ksbs: [K1, K1, K99]'),
      'notes/c.md': evidence('title: Not evidence'),
    });
    assert.deepEqual(
      model.evidence.map((e) => [e.path, e.title, e.date, e.claims.map((c) => `${c.code}=${c.justification ?? ''}`)]),
      [
        ['evidence/a.md', 'A', '2026-01-02', ['K1=Planned the shoot', 'S1=Booked the crew']],
        ['evidence/b.md', 'B', undefined, ['K1=']],
      ],
    );
    const k1 = model.ksbs.find((k) => k.ksb.code === 'K1');
    assert.deepEqual(
      k1?.evidence.map((e) => [e.path, e.justification]),
      [
        ['evidence/a.md', 'Planned the shoot'],
        ['evidence/b.md', undefined],
      ],
    );
    assert.equal(model.codes[0], 'K1');
    assert.ok(
      model.problems.some((p) => p.path === 'evidence/b.md'),
      'expected the unknown K99 among the problems',
    );
  });

  it('Should read titles and justifications of a CRLF file as one line each', async () => {
    const model = await modelOf({
      'portfolio.yaml': POST_PRODUCTION_CONFIG,
      'evidence/a.md': '---\r\ntitle: "First\\r\\nsecond"\r\nksbs:\r\n  K1: >\r\n    Folded\r\n    text\r\n---\r\nBody\r\n',
    });
    assert.equal(model.evidence[0].title, 'First second');
    assert.equal(model.evidence[0].claims[0].justification, 'Folded text');
  });

  it('Should use the path as the title of a file without one', async () => {
    const model = await modelOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/untitled.md': evidence('ksbs: [K1]') });
    assert.equal(model.evidence[0].title, 'evidence/untitled.md');
  });

  it('Should take sign-off, hours and gateway from the input, and leave them out without it', async () => {
    const files = { 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence('title: A', 'ksbs: [K1]') };
    const plain = await modelOf(files);
    assert.equal(plain.hasSignoffs, false);
    assert.equal(plain.hasOtjHours, false);
    const html = renderReportHtml(plain);
    assert.doesNotMatch(html, /Sign-off|Off-the-job|Gateway checklist/);

    const withLifecycle = await modelOf(files, {
      ...INPUT,
      signoffState: () => 'stale',
      signoffs: () => [{ by: 'Mo Mentor', role: 'mentor', date: '2026-02-01', current: false }],
      otjHours: () => 7.5,
      gateway: { ready: false, checks: [{ id: 'coverage', ok: false, detail: '3 KSBs without evidence' }] },
    });
    const full = renderReportHtml(withLifecycle);
    assert.match(full, /Changed since signed/);
    assert.match(full, /Mo Mentor \(mentor\), 2026-02-01, before the last change/);
    assert.match(full, /Off-the-job hours in these evidence files<\/th><td class="number">7.5</);
    assert.match(full, /✗ Not ready for gateway/);
    assert.match(full, /✗ Not met<\/strong> <code>coverage<\/code>: 3 KSBs without evidence/);
  });
});

describe('The HTML report', () => {
  it('Should escape hostile titles, justifications and paths everywhere', async () => {
    const title = JSON.stringify(HOSTILE);
    const model = await modelOf({
      'portfolio.yaml': `${POST_PRODUCTION_CONFIG}apprentice: ${title}\n`,
      'evidence/<b>&"x".md': evidence(`title: ${title}`, 'ksbs:', `  K1: ${title}`),
    });
    const html = renderReportHtml(model, {});
    const inBody = body(html);
    assert.doesNotMatch(inBody, /<script|<img src=x|<style>|" onmouseover/);
    assert.match(inBody, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(inBody, /data-claimed title="K1: &lt;script&gt;/);
    assert.match(inBody, /href="evidence\/%3Cb%3E%26%22x%22.md"/);
    assert.doesNotMatch(html, /<script/);
  });

  it('Should carry a strict content security policy and name no remote address', async () => {
    const html = renderReportHtml(await modelOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence('title: A', 'ksbs: [K1]') }));
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;/);
    assert.doesNotMatch(html, /https?:\/\/|\/\/[a-z]|<script|<link|@import|url\(/i);
  });

  it('Should add only the nonce-d script it is given, for the webview', async () => {
    const model = await modelOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG });
    const html = renderReportHtml(model, { script: { nonce: 'abc123', source: 'void 0;' } });
    assert.match(html, /script-src 'nonce-abc123'/);
    assert.match(html, /<script nonce="abc123">void 0;<\/script>/);
  });

  it('Should say there is no evidence yet, with an empty matrix', async () => {
    const html = renderReportHtml(await modelOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG }));
    assert.match(html, /No evidence files yet/);
    assert.match(html, /<table id="mapping-matrix"[^>]*>.*?<tbody>\s*<\/tbody>/s);
    assert.match(html, /0 of \d+ KSBs/);
  });

  it('Should render without a usable config, listing the problems on their own page', async () => {
    const model = await modelOf({ 'portfolio.yaml': 'standard: ST0000\n', 'evidence/a.md': evidence('title: A', 'ksbs: [K1]') });
    assert.equal(model.standard, undefined);
    const html = renderReportHtml(model);
    assert.match(html, /Not mapped/);
    assert.match(html, /No matrix/);
    assert.match(html, /<section id="problems" class="page"[^>]*>\s*<h2[^>]*>Problems \(\d+\)/);
    assert.match(html, /portfolio\.yaml:1/);
  });

  it('Should print a wide matrix in parts and a narrow one whole', async () => {
    const wide = renderReportHtml(await modelOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence('title: A', 'ksbs: [K1]') }));
    assert.match(wide, /<table id="mapping-matrix" class="matrix" /);
    assert.equal(countParts(wide), 5);
    const narrow = renderReportHtml(
      await modelOf({
        'portfolio.yaml': 'standard: ST9999\nversion: "1.0"\n',
        'standards/tiny.yaml': tinyStandard(),
        'a.md': evidence('title: A', 'ksbs: [K1]'),
      }),
    );
    assert.match(narrow, /<table id="mapping-matrix" class="matrix whole" /);
    assert.equal(countParts(narrow), 0);
  });

  it('Should show the cover facts it is given', async () => {
    const model = await modelOf(
      { 'portfolio.yaml': `${POST_PRODUCTION_CONFIG}apprentice: Sam\n` },
      { generated: '2026-12-02', commit: 'abc1234', employer: 'Acme TV', provider: 'College', mentor: 'Mo', start: '2025-09-01', end: '2027-03-31' },
    );
    const html = renderReportHtml(model);
    for (const fact of [
      'Sam',
      'Acme TV',
      'College',
      'Mo',
      '2025-09-01',
      '2027-03-31',
      '2026-12-02',
      'abc1234',
      'Post production coordinator',
      '<dt>Level</dt><dd>4</dd>',
    ]) {
      assert.ok(html.includes(fact), `expected ${fact} on the cover`);
    }
  });

  it('Should keep headings in order and give every header cell a scope', async () => {
    const html = renderReportHtml(await modelOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence('title: A', 'ksbs: [K1]') }));
    const levels = [...html.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]));
    levels.forEach((level, i) => assert.ok(i === 0 ? level === 1 : level <= levels[i - 1] + 1, `heading ${i} jumps from h${levels[i - 1]} to h${level}`));
    assert.equal([...html.matchAll(/<th(?![^>]*scope=)[ >]/g)].length, 0, 'expected no th without scope');
  });

  it('Should embed small images and link large ones, never reading outside the root', async () => {
    const small = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const { fs, index } = await loadPortfolio({
      'portfolio.yaml': POST_PRODUCTION_CONFIG,
      'evidence/a.md': `${evidence('title: A', 'ksbs: [K1]')}![shot](shot.png) ![big](big.jpg) ![out](../../../etc/x.png) [doc](notes.pdf)\n`,
      'evidence/shot.png': small,
      'evidence/big.jpg': new Uint8Array(2000),
      'evidence/notes.pdf': 'x',
    });
    const images = await collectEvidenceImages(fs, ROOT, index.allFiles(), { maxImageBytes: 1000, maxTotalBytes: 10_000 });
    const list = images.get('evidence/a.md') ?? [];
    assert.deepEqual(
      list.map((i) => [i.path, i.dataUri]),
      [
        ['evidence/shot.png', `data:image/png;base64,${Buffer.from(small).toString('base64')}`],
        ['evidence/big.jpg', undefined],
      ],
    );
    const html = renderReportHtml(buildReportModel(index, { ...INPUT, images, linkPrefix: '../' }));
    assert.match(html, /<img src="data:image\/png;base64,[^"]+" alt="evidence\/shot.png"/);
    assert.match(html, /<a href="..\/evidence\/big.jpg" class="attachment">/);
  });

  it('Should encode base64 as Node does', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 100, 70_000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37) & 255);
      assert.equal(toBase64(bytes), Buffer.from(bytes).toString('base64'));
    }
  });

  it('Should render 10 000 evidence files in well under a second per thousand', async function () {
    this.timeout(120_000);
    const files: Record<string, string> = { 'portfolio.yaml': POST_PRODUCTION_CONFIG };
    for (let i = 0; i < 10_000; i++)
      files[`evidence/${String(i).padStart(5, '0')}.md`] = evidence(`title: Evidence ${i}`, 'ksbs:', `  K${(i % 20) + 1}: Because ${i}`, '  S1: Also');
    const { index } = await loadPortfolio(files);
    const started = performance.now();
    const html = renderReportHtml(buildReportModel(index, INPUT));
    const elapsed = performance.now() - started;
    // A row in the screen matrix, and one in each printed part.
    assert.equal((html.match(/<tr><th scope="row"><a href="evidence\//g) ?? []).length, 10_000);
    assert.equal((html.match(/<tr><th scope="row">Evidence \d+<td/g) ?? []).length, 10_000 * countParts(html));
    assert.ok(elapsed < 10_000, `expected under 10 s, took ${Math.round(elapsed)} ms`);
    assert.ok(html.length < 32 * 1024 * 1024, `expected under 32 MB, found ${html.length}`);
  });
});

/** How many printed parts the matrix has. */
function countParts(html: string): number {
  return (html.match(/class="matrix matrix-part"/g) ?? []).length;
}

describe('The matrix as Markdown and CSV', () => {
  const files = {
    'portfolio.yaml': POST_PRODUCTION_CONFIG,
    'evidence/a.md': evidence(`title: ${JSON.stringify('=HYPERLINK("http://x") | *bold* <b>')}`, 'date: 2026-01-02', 'ksbs: [K1, S2]'),
    'evidence/b.md': evidence('title: "-2+3"', 'ksbs: [K2]'),
  };

  it('Should escape Markdown in cells and mark claims with ✓', async () => {
    const markdown = renderMatrixMarkdown(await modelOf(files));
    const row = markdown.split('\n').find((line) => line.includes('evidence/a.md'));
    assert.ok(row);
    assert.match(row, /^\| =HYPERLINK\("http:\/\/x"\) \\\| \\\*bold\\\* \\<b\\> \| 2026-01-02 \| evidence\/a.md \| ✓ \|/);
    const header = markdown.split('\n').find((line) => line.startsWith('| Evidence'));
    const cells = (line: string) => line.split(/(?<!\\)\|/).length;
    assert.equal(cells(row), cells(header ?? ''), 'expected as many cells in the row as in the header');
  });

  it('Should defuse formulas and quote fields in CSV', async () => {
    const csv = renderMatrixCsv(await modelOf(files));
    assert.ok(csv.startsWith('\uFEFFTitle,Date,Path,K1,'));
    const lines = csv.slice(1).split('\r\n');
    assert.match(lines[1], /^"'=HYPERLINK\(""http:\/\/x""\) \| \*bold\* <b>",2026-01-02,evidence\/a.md,x,/);
    assert.match(lines[2], /^'-2\+3,,evidence\/b.md,,x,/);
    assert.equal(lines.at(-1), '');
  });

  it('Should quote CSV fields only when they need it', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('\t=1'), "'\t=1");
    assert.equal(csvField(' lead'), '" lead"');
  });

  it('Should say there is no matrix without a usable config', async () => {
    const model = await modelOf({ 'portfolio.yaml': 'standard: ST0000\n' });
    assert.match(renderMatrixMarkdown(model), /No matrix/);
    assert.equal(renderMatrixCsv(model), '\uFEFFTitle,Date,Path\r\n');
  });
});
