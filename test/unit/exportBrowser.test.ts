// The submission pack's page and the report in a real Chromium: every request refused and recorded
// (none may be made), axe-core finding no serious or critical accessibility violation, and the pack
// printed to A4 with each evidence piece starting its own page (checked with poppler's pdftotext).
// The pages are kept under test-results/export/ to look at.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildReportModel, collectEvidenceImages, lifecycleReportInput, PortfolioIndex, prepareSubmissionPack, renderReportHtml } from '../../src/core';
import { launchChromium } from '../../bench/launchChromium';
import { NodeFileSystem, toPosix } from '../../src/cli/nodeFileSystem';
import { findChromium, printPdf } from '../../src/cli/reportPdf';

const RESULTS = resolve('test-results', 'export');
const FIXTURE = toPosix(resolve('test', 'fixtures', 'export'));
const SAMPLE = toPosix(resolve('examples', 'sample-portfolio'));
const TODAY = '2026-12-05';

/** A portfolio whose Markdown and front matter would make requests if any of it were trusted. */
function hostilePortfolio(): string {
  const root = mkdtempSync(join(tmpdir(), 'ksb-hostile-pack-'));
  mkdirSync(join(root, 'evidence'));
  writeFileSync(join(root, 'portfolio.yaml'), 'standard: ST0792\nversion: "1.2"\noption: post-production-coordinator\nevidence: ["evidence/**/*.md"]\n');
  writeFileSync(
    join(root, 'evidence', 'attack.md'),
    [
      '---',
      'title: "<img src=http://127.0.0.1:9/t.png><link rel=stylesheet href=//127.0.0.1:9/a.css>"',
      'ksbs:',
      '  K1: "<iframe src=http://127.0.0.1:9/></iframe>"',
      '---',
      '',
      '<script src="http://127.0.0.1:9/x.js"></script>',
      '<img src="http://127.0.0.1:9/raw.png"> <video src="http://127.0.0.1:9/v.mp4"></video>',
      '',
      '![tracker](http://127.0.0.1:9/pixel.gif) ![up](../../../etc/hostname) [run](javascript:fetch("http://127.0.0.1:9/"))',
      '',
      '<style>body{background:url(http://127.0.0.1:9/bg.png)}</style>',
      '',
    ].join('\n'),
  );
  return toPosix(root);
}

function hasProgram(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function load(root: string): Promise<{ fs: NodeFileSystem; index: PortfolioIndex }> {
  const fs = new NodeFileSystem();
  const index = new PortfolioIndex(fs, root, { today: () => TODAY });
  await index.load();
  return { fs, index };
}

async function packHtml(root: string): Promise<string> {
  const { fs, index } = await load(root);
  return (await prepareSubmissionPack(fs, index, { ...lifecycleReportInput(index, TODAY), generated: TODAY, commit: '0123abc' })).html;
}

async function reportHtml(root: string): Promise<string> {
  const { fs, index } = await load(root);
  const images = await collectEvidenceImages(fs, index.root, index.allFiles());
  return renderReportHtml(buildReportModel(index, { ...lifecycleReportInput(index, TODAY), generated: TODAY, images }));
}

/** axe-core's violations as `rule (impact): where`, serious and critical ones only. */
interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

describe('The submission pack in Chromium', function () {
  this.timeout(180_000);
  let browser: Browser | undefined;
  let context: BrowserContext;
  const requests: string[] = [];
  const axeSource = readFileSync(resolve('node_modules', 'axe-core', 'axe.min.js'), 'utf8');

  before(async function () {
    const missing = !findChromium() ? 'chromium' : ['pdftoppm', 'pdftotext'].find((program) => !hasProgram(program));
    if (missing) {
      if (process.env.CI && process.env.CI !== 'false') throw new Error(`Expected ${missing} (CI is set), found none`);
      console.log(`      skipped: ${missing} not found; these tests run in CI`);
      this.skip();
    }
    rmSync(RESULTS, { recursive: true, force: true });
    mkdirSync(RESULTS, { recursive: true });
    browser = await launchChromium();
    // The page's own policy would refuse a request before it is made, and axe's script: bypassed, so the markup itself is tested.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    context.on('request', (request) => requests.push(request.url()));
    await context.route('**/*', (route) => {
      requests.push(`routed ${route.request().url()}`);
      return route.abort('blockedbyclient');
    });
  });

  after(async () => {
    await browser?.close();
  });

  /** Opens `html`, asserts it made no request, and resolves to axe-core's serious and critical violations. */
  async function openAndCheck(name: string, html: string): Promise<Violation[]> {
    writeFileSync(join(RESULTS, `${name}.html`), html);
    requests.length = 0;
    const page = await context.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      assert.deepEqual(requests, [], `expected ${name} to make no request`);
      await page.screenshot({ path: join(RESULTS, `${name}.png`) });
      await page.addScriptTag({ content: axeSource });
      const violations = (await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
        return (await axe.run({ exclude: [] }, { resultTypes: ['violations'] })).violations;
      })) as Violation[];
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    } finally {
      await page.close();
    }
  }

  const describeViolations = (list: Violation[]) => list.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');

  for (const [name, root] of [
    ['pack-fixture', () => FIXTURE],
    ['pack-sample', () => SAMPLE],
    ['pack-hostile', hostilePortfolio],
  ] as const) {
    it(`Should open the ${name.slice(5)} pack with no request and no serious or critical axe-core violation`, async () => {
      const html = await packHtml(root());
      assert.match(html, /<article class="piece"/);
      const violations = await openAndCheck(name, html);
      assert.deepEqual(violations, [], describeViolations(violations));
    });
  }

  it('Should open the report with no request and no serious or critical axe-core violation', async () => {
    const violations = await openAndCheck('report-sample', await reportHtml(SAMPLE));
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it('Should print the pack to A4 with each evidence piece starting a page', async () => {
    const html = await packHtml(SAMPLE);
    const { pdf, refused } = await printPdf(html);
    assert.deepEqual(refused, []);
    const pdfPath = join(RESULTS, 'pack.pdf');
    writeFileSync(pdfPath, pdf);
    execFileSync('pdftoppm', ['-r', '40', '-png', pdfPath, join(RESULTS, 'page')]);
    const info = execFileSync('pdfinfo', [pdfPath]).toString();
    assert.match(info, /Page size:\s+59\d(?:\.\d+)? x 84\d(?:\.\d+)? pts \(A4\)/);
    const pageCount = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    const pages = Array.from({ length: pageCount }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdfPath, '-']).toString());
    const titles = [...html.matchAll(/<h2 id="piece-(\d+)-title"><span class="number-label">\d+\.<\/span> ([^<]+)<\/h2>/g)].map((m) => `${m[1]}. ${m[2]}`);
    assert.equal(titles.length, 11);
    for (const title of titles) {
      const at = pages.findIndex((text) => text.trimStart().startsWith(title.slice(0, 30)));
      assert.ok(at >= 0, `expected a page starting with "${title}"`);
    }
    // A heading may wrap in print: compare its words, not its line breaks.
    assert.ok(pages.some((text) => text.replace(/\s+/g, ' ').includes('Annex: the evidence mapped against the KSBs of the standard')));
  });
});
