// Prints the report to PDF with a local Chromium through playwright-core, which stays out of the
// CLI bundle (loaded only for --pdf) so `ksb` works without it. Every network request is refused.
import { accessSync, constants, statSync } from 'node:fs';
import CHROMIUM_FLAGS from './chromiumFlags.json';
import { UsageError } from './usageError';

/** Where Chromium is looked for when KSB_CHROMIUM is not set, as the test harness does. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The environment variable naming a Chromium to use. */
export const CHROMIUM_ENV = 'KSB_CHROMIUM';

/**
 * Flags for a headless Chromium that talks to no server of its own (updates, sync, safe browsing).
 * A data file, so the test harness (plain .mjs) launches its Chromium with the same list.
 */
export const CHROMIUM_ARGS: readonly string[] = CHROMIUM_FLAGS;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The Chromium to print with: `$KSB_CHROMIUM`, else the first known path that exists; `undefined` when none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env[CHROMIUM_ENV];
  if (named) {
    if (!isExecutable(named)) throw new UsageError(`${CHROMIUM_ENV}=${named} is not an executable file`);
    return named;
  }
  return CHROMIUM_CANDIDATES.find(isExecutable);
}

/** What the print reports: the PDF and the requests it refused (none, for a self-contained report). */
export interface PrintResult {
  readonly pdf: Uint8Array;
  readonly refused: readonly string[];
}

type Playwright = typeof import('playwright-core');

/** playwright-core, loaded on first use; a UsageError naming the fix when it is not installed. */
export async function loadPlaywright(): Promise<Playwright> {
  try {
    return await import('playwright-core');
  } catch {
    throw new UsageError(
      '--pdf needs the playwright-core package, which is not installed: run `npm install playwright-core` beside ksb, or print the HTML from a browser',
    );
  }
}

/** Launches a headless Chromium with the flags above (no sandbox as root, where it cannot start one). */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env) {
  const executablePath = findChromium(env);
  if (!executablePath) {
    throw new UsageError(
      `--pdf needs Chromium, found none at ${CHROMIUM_CANDIDATES.join(', ')}: install it (Debian: apt-get install chromium) or set ${CHROMIUM_ENV}=/path/to/chromium`,
    );
  }
  const { chromium } = await loadPlaywright();
  const asRoot = process.getuid?.() === 0;
  try {
    return await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, ...(asRoot ? ['--no-sandbox'] : [])], timeout: 60_000 });
  } catch (error) {
    throw new UsageError(`cannot start Chromium at ${executablePath}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Prints `html` to an A4 PDF, with page numbers in the footer, refusing every request the page makes. */
export async function printPdf(html: string, env: NodeJS.ProcessEnv = process.env): Promise<PrintResult> {
  const browser = await launchChromium(env);
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const refused: string[] = [];
    await context.route('**/*', (route) => {
      refused.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#555"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    });
    return { pdf, refused };
  } finally {
    await browser.close().catch(() => {});
  }
}
