// The report in a real Chromium: every request refused and recorded (none may be made), the
// matrix read from the DOM, and the print to PDF checked page by page with poppler's tools. The
// PDF's pages are kept as PNGs under test-results/report/ to look at.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildReportModel, collectEvidenceImages, renderReportHtml, type ReportModel } from '../../src/core';
import { launchChromium } from '../../bench/launchChromium';
import { findChromium, printPdf } from '../../src/cli/reportPdf';
import { loadPortfolio, POST_PRODUCTION_CONFIG, ROOT } from './inlinePortfolio';

const RESULTS = resolve('test-results', 'report');
/** Enough evidence that the matrix's every printed part runs over several A4 pages. */
const EVIDENCE_FILES = 60;
const CODES = ['K1', 'K5', 'K12', 'S3', 'S14', 'B2'];

/** Whether a program is on the PATH. */
function hasProgram(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** What is missing to run these tests, or `undefined` when all is there. */
function missingTool(): string | undefined {
  if (!findChromium()) return 'chromium';
  for (const program of ['pdftoppm', 'pdftotext']) if (!hasProgram(program)) return program;
  return undefined;
}

/** A PNG of one pixel: an embedded image that must load from its data: URI, not from a server. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A portfolio with hostile markup that would make requests if it were not escaped. */
async function fixture(): Promise<{ model: ReportModel; claims: number }> {
  const files: Record<string, string | Uint8Array> = { 'portfolio.yaml': `${POST_PRODUCTION_CONFIG}apprentice: Robin Tester\n`, 'evidence/shot.png': PIXEL };
  let claims = 0;
  for (let i = 0; i < EVIDENCE_FILES; i++) {
    const codes = CODES.filter((_, c) => (i + c) % 3 === 0);
    claims += codes.length;
    const title = i === 0 ? '<img src="http://127.0.0.1:9/x.png"> <link rel=stylesheet href=//127.0.0.1:9/a.css>' : `Evidence ${String(i).padStart(3, '0')}`;
    files[`evidence/e${String(i).padStart(3, '0')}.md`] = [
      '---',
      `title: ${JSON.stringify(title)}`,
      `date: 2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
      'ksbs:',
      ...codes.map((code) => `  ${code}: Shown by <iframe src="http://127.0.0.1:9/"> in file ${i}`),
      '---',
      '',
      i === 1 ? '![A shot of the set](shot.png)' : 'Body.',
      '',
    ].join('\n');
  }
  const { fs, index } = await loadPortfolio(files);
  const images = await collectEvidenceImages(fs, ROOT, index.allFiles());
  return { model: buildReportModel(index, { generated: '2026-12-02', commit: '0123abc', employer: 'Acme <b>TV</b>', images }), claims };
}

describe('The report in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let page: Page;
  let model: ReportModel;
  let html: string;
  let claims: number;
  const requests: string[] = [];

  before(async function () {
    const missing = missingTool();
    if (missing) {
      if (process.env.CI && process.env.CI !== 'false') throw new Error(`Expected ${missing} (CI is set), found none`);
      console.log(`      skipped: ${missing} not found; these tests run in CI`);
      this.skip();
    }
    ({ model, claims } = await fixture());
    html = renderReportHtml(model);
    rmSync(RESULTS, { recursive: true, force: true });
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'report.html'), html);
    browser = await launchChromium();
    // The file's own policy would refuse a request before it is made: bypassed, so the markup itself is tested.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    // Recorded twice over: any request the page starts, and any that reaches the router (refused).
    context.on('request', (request) => requests.push(request.url()));
    await context.route('**/*', (route) => {
      requests.push(`routed ${route.request().url()}`);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
  });

  after(async () => {
    await browser?.close();
  });

  it('Should make no request at all, the hostile titles included', async () => {
    assert.deepEqual(requests, []);
    // The embedded image did load, from its data: URI.
    assert.equal(await page.locator('img.thumb').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), 1);
  });

  it('Should have a matrix row per evidence file and a marked cell per claim, titled by its justification', async () => {
    const matrix = page.locator('#mapping-matrix');
    assert.equal(await matrix.locator('tbody tr').count(), EVIDENCE_FILES);
    assert.equal(await matrix.locator('td[data-claimed]').count(), claims);
    const headers = await matrix.locator('thead th').allTextContents();
    assert.equal(headers.length, model.codes.length + 1);
    // Row 4 (e003) claims the codes whose index c has (3 + c) % 3 === 0: K1 and S3.
    const row = matrix.locator('tbody tr').nth(3);
    assert.match((await row.locator('th').textContent()) ?? '', /^Evidence 003/);
    const claimed = await row
      .locator('td')
      .evaluateAll((cells) => cells.flatMap((cell, i) => (cell.hasAttribute('data-claimed') ? [`${i}=${cell.getAttribute('title')}`] : [])));
    const column = (code: string) => headers.indexOf(code) - 1;
    assert.deepEqual(claimed, [
      `${column('K1')}=K1: Shown by <iframe src="http://127.0.0.1:9/"> in file 3`,
      `${column('S3')}=S3: Shown by <iframe src="http://127.0.0.1:9/"> in file 3`,
    ]);
    assert.equal(await page.locator('iframe, link, script').count(), 0);
    assert.match((await matrix.locator('tbody tr').first().locator('th a').textContent()) ?? '', /^<img src=/);
  });

  it('Should fit a phone screen, with only the tables scrolling sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const width = await page.evaluate(
        () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
      );
      assert.ok(width <= 390, `expected the page no wider than the phone's 390 px, found ${width}`);
      await page.screenshot({ path: join(RESULTS, 'phone.png') });
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.screenshot({ path: join(RESULTS, 'report.png') });
  });

  it('Should print to A4 with the matrix header row on every page of the matrix', async () => {
    const { pdf, refused } = await printPdf(html);
    assert.deepEqual(refused, []);
    const pdfPath = join(RESULTS, 'report.pdf');
    writeFileSync(pdfPath, pdf);
    execFileSync('pdftoppm', ['-r', '50', '-png', pdfPath, join(RESULTS, 'page')]);
    const pageCount = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath]).toString())?.[1]);
    const pages = Array.from({ length: pageCount }, (_, i) =>
      execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', pdfPath, '-']).toString(),
    );
    const first = pages.findIndex((text) => text.includes('Mapping matrix, part 1 of'));
    const next = pages.findIndex((text) => text.includes('Knowledge, skills and behaviours'));
    assert.ok(first >= 0 && next > first + 1, `expected the matrix over several pages, found it on pages ${first + 1} to ${next}`);
    for (let i = first; i < next; i++) {
      assert.match(pages[i], /Evidence \(title, date, path\)/, `expected the header row on page ${i + 1}`);
      assert.match(pages[i], /\b[KSB]\d+\b.*\b[KSB]\d+\b/, `expected KSB codes in the header of page ${i + 1}`);
    }
    // Every code is in some part, and every part shows the evidence titles.
    const matrixText = pages.slice(first, next).join('\n');
    for (const code of model.codes) assert.match(matrixText, new RegExp(`\\b${code}\\b`), `expected ${code} in the printed matrix`);
    const parts = Number(/part 1 of (\d+)/.exec(matrixText)?.[1]);
    assert.equal((matrixText.match(/Evidence 059/g) ?? []).length, parts);
    assert.ok(pages.at(-1)?.includes('Problems') || model.problems.length === 0);
  });
});
