// The cohort page in a real Chromium, its own content security policy in force: every request
// refused and recorded (none may be made), the sorter allowed by its hash and nothing else.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { errorRow, renderCohortHtml, type CohortRow } from '../../src/core';
import { withRag } from '../../src/core/cohort/cohortRow';
import { launchChromium } from '../../bench/launchChromium';
import { findChromium } from '../../src/cli/reportPdf';

const TODAY = '2026-06-30';

function row(path: string, apprentice: string, covered: number, errors: number): CohortRow {
  return withRag(
    {
      ...errorRow(path, ''),
      error: null,
      apprentice,
      standard: 'ST0792',
      version: '1.2',
      covered,
      total: 47,
      errors,
      warnings: 0,
      evidence: covered,
      hours: { logged: 10, target: 100, expected: 10 },
      ready: false,
      failing: ['coverage'],
      gatewayDue: '2027-06-30',
      report: `reports/${path}.html`,
    },
    TODAY,
  );
}

describe('The cohort page in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let page: Page;
  const requests: string[] = [];
  const violations: string[] = [];

  before(async function () {
    if (!findChromium()) {
      if (process.env.CI && process.env.CI !== 'false') throw new Error('Expected chromium (CI is set), found none');
      console.log('      skipped: chromium not found; these tests run in CI');
      this.skip();
    }
    const rows = [
      row('ada', 'Ada <img src="http://127.0.0.1:9/a.png">', 9, 0),
      row('bo', 'Bo', 40, 2),
      row('cy', 'Cy <script>fetch("http://127.0.0.1:9/")</script>', 12, 0),
      errorRow('broken', 'portfolio.yaml is not usable: <iframe src="http://127.0.0.1:9/">'),
    ];
    const html = renderCohortHtml(rows, { today: TODAY, problems: [{ path: 'notes', problem: 'not a portfolio' }] });
    browser = await launchChromium();
    // The page's own policy stays in force: the sorter must run because its hash is allowed, and nothing else may.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.on('request', (request) => requests.push(request.url()));
    await context.route('**/*', (route) => {
      requests.push(`routed ${route.request().url()}`);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') violations.push(message.text());
    });
    await page.setContent(html, { waitUntil: 'load' });
  });

  after(async () => {
    await browser?.close();
  });

  // By its text: the sort arrow (CSS content) joins the button's accessible name once sorted.
  const heading = (name: string) => page.locator('thead button', { hasText: new RegExp(`^${name}$`) });

  const column = (heading: string) =>
    page.evaluate((name) => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).document;
      const headings = Array.from(doc.querySelectorAll('thead th')).map((th) => th.textContent ?? '');
      const index = headings.indexOf(name);
      return Array.from(doc.querySelectorAll(`tbody tr td:nth-child(${index + 1})`)).map((td) => td.textContent ?? '');
    }, heading);

  it('Should make no request and break no policy, the hostile names included', async () => {
    assert.deepEqual(requests, []);
    assert.deepEqual(violations, []);
    assert.equal(await page.locator('tbody img, tbody iframe, tbody script').count(), 0);
  });

  it('Should show a row per portfolio, each apprentice linked to their report', async () => {
    assert.equal(await page.locator('tbody tr').count(), 4);
    assert.equal(await page.locator('tbody a[href="reports/bo.html"]').textContent(), 'Bo');
    assert.deepEqual(await column('rag'), ['green', 'red', 'green', 'red']);
  });

  it('Should sort a column of numbers as numbers when its heading is clicked, reverse on a second click, and keep unknown figures last', async () => {
    await heading('covered').click();
    assert.deepEqual(await column('covered'), ['9', '12', '40', '']);
    assert.equal(await page.locator('th[aria-sort=ascending]').textContent(), 'covered');
    await heading('covered').click();
    assert.deepEqual(await column('covered'), ['40', '12', '9', '']);
  });

  it('Should sort by RAG status red first, through its sort key', async () => {
    await heading('rag').click();
    assert.deepEqual(await column('rag'), ['red', 'red', 'green', 'green']);
  });
});
