// Drives Debian's Chromium with playwright-core to open VS Code's web client, which is what starts
// the extension host. Chromium is closed as a cleanup (and killed by playwright on exit).
import { chromium } from 'playwright-core';
import CHROMIUM_FLAGS from '../../src/cli/chromiumFlags.json' with { type: 'json' };
import { onCleanup } from './cleanup.mjs';
import { log } from './log.mjs';

// The CLI's --pdf flags (src/cli/reportPdf.ts), plus no sandbox: the harness runs in containers, often as root.
const CHROMIUM_ARGS = ['--no-sandbox', ...CHROMIUM_FLAGS];

/** Launches Chromium headless; returns { browser, close() }. */
export async function launchBrowser(executablePath) {
  const browser = await chromium.launch({
    executablePath,
    headless: process.env.KSB_HEADED !== '1',
    args: CHROMIUM_ARGS,
    // The harness's own handlers stop code-server as well as the browser.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let closed = false;
  async function close() {
    if (closed) return;
    closed = true;
    unregister();
    await browser.close().catch(() => {});
  }
  const unregister = onCleanup(close);
  return { browser, close };
}

/**
 * Opens the workbench at `url` and waits until VS Code has rendered it. Browser console errors are
 * collected in `consoleErrors` for diagnosis.
 */
export async function openWorkbench(browser, url, { timeoutMs = 90_000 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // vscode.env.clipboard goes through the page's navigator.clipboard, which needs permission.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  log(`workbench loaded at ${page.url()}`);
  return { page, context, consoleErrors };
}
