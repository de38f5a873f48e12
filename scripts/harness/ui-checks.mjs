// Checks of the workbench as a user sees it, run in the page after the extension-host suite.
// Each check is a function (page, context) that throws on failure; runUiChecks() runs the listed
// ones in order, takes a screenshot after each (and on failure), and returns results in the same
// shape as the suite's: { title, state, error, duration }.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const TIMEOUT = 20_000;

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text) => new RegExp(`^${escapeRegExp(text)}$`);

// ---------------------------------------------------------------------------------------------
// Workbench helpers

/** Runs a command from the Command Palette by its label, as a user would. */
export async function runCommand(page, label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
}

/** Opens a workspace file through Quick Open (Ctrl+P), as a user would. */
export async function openFile(page, relativePath) {
  await runCommand(page, 'Go to File...');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.fill(relativePath);
  const name = relativePath.split('/').pop();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: TIMEOUT });
  await input.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: TIMEOUT });
}

/** Files and folders at the root of the workspace, as the Explorer lists them (no dotfiles). */
function topLevelEntries(workspaceDir) {
  return readdirSync(workspaceDir).filter((name) => !name.startsWith('.')).sort();
}

/** Codes named by `expect:` markers in the fixture (see test/fixtures/README.md). */
export function expectedDiagnosticCodes(workspaceDir) {
  const codes = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(md|ya?ml)$/.test(name)) {
        for (const match of readFileSync(full, 'latin1').matchAll(/expect: ([^\n>]*?)(?:-->|\r?\n|$)/g)) {
          for (const code of match[1].trim().split(/\s+/)) if (code) codes.push({ file: relative(workspaceDir, full), code });
        }
      } else if (name === 'expected.json' && dir === workspaceDir) {
        for (const d of JSON.parse(readFileSync(full, 'utf8')).diagnostics ?? []) codes.push({ file: d.file, code: d.code });
      }
    }
  };
  walk(workspaceDir);
  return codes;
}

// ---------------------------------------------------------------------------------------------
// Checks that run now

export async function workbenchLoaded(page) {
  for (const part of ['.monaco-workbench', '.part.activitybar', '.part.sidebar', '.part.editor', '.part.statusbar']) {
    await page.locator(part).first().waitFor({ state: 'visible', timeout: TIMEOUT });
  }
  // The web client says so when it lost its server; that must not be on screen.
  const disconnected = await page.locator('.monaco-dialog-box', { hasText: /cannot reconnect|disconnected/i }).count();
  if (disconnected) throw new Error('the workbench shows a disconnection dialog');
}

export async function explorerShowsFixtureFiles(page, { workspaceDir }) {
  await runCommand(page, 'View: Show Explorer');
  const view = page.locator('.explorer-folders-view');
  await view.waitFor({ state: 'visible', timeout: TIMEOUT });
  const expected = topLevelEntries(workspaceDir);
  if (expected.length === 0) throw new Error(`${workspaceDir} is empty`);
  const missing = [];
  for (const name of expected) {
    const row = view.locator('.monaco-list-row .label-name').filter({ hasText: exactly(name) }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: TIMEOUT });
    } catch {
      missing.push(name);
    }
  }
  if (missing.length) throw new Error(`the Explorer does not list ${missing.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// Checks waiting for features (not yet in the default list; add them to CHECKS when they land)

/** The KSB Portfolio coverage view is visible and shows counts such as "3/12" or "25%". */
export async function coverageViewShowsCounts(page) {
  await runCommand(page, 'KSB Portfolio: Show Coverage');
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /coverage/i }) }).first();
  await pane.waitFor({ state: 'visible', timeout: TIMEOUT });
  const rows = pane.locator('.monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  const text = (await pane.innerText()).replace(/\s+/g, ' ');
  if (!/\d+\s*\/\s*\d+|\d+\s*%/.test(text)) throw new Error(`the coverage view shows no counts: "${text.slice(0, 200)}"`);
}

/** Hovering a KSB code in an evidence file shows a hover with the code's text. */
export async function hoverAppearsOverCode(page, { workspaceDir }) {
  const file = expectedDiagnosticCodes(workspaceDir).length >= 0 ? 'evidence/valid-list.md' : null;
  await openFile(page, file);
  const code = page.locator('.monaco-editor .view-line span', { hasText: /^[KSB]\d+$/ }).first();
  await code.waitFor({ state: 'visible', timeout: TIMEOUT });
  const label = (await code.innerText()).trim();
  await code.hover();
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: label }).first();
  await hover.waitFor({ state: 'visible', timeout: TIMEOUT });
}

/** The Problems panel lists the fixture's diagnostics (every expected code appears). */
export async function problemsPanelListsDiagnostics(page, { workspaceDir }) {
  const expected = expectedDiagnosticCodes(workspaceDir);
  if (expected.length === 0) throw new Error('the fixture expects no diagnostics');
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: TIMEOUT });
  await panel.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: TIMEOUT });
  // Rows are virtualised: collapse nothing, just scroll through and collect what is rendered.
  const seen = new Set();
  const list = panel.locator('.monaco-list').first();
  for (let i = 0; i < 50; i++) {
    for (const text of await panel.locator('.monaco-list-row').allInnerTexts()) seen.add(text.replace(/\s+/g, ' '));
    const atEnd = await list.evaluate((el) => {
      const scrollable = el.querySelector('.monaco-scrollable-element') ?? el;
      const before = scrollable.scrollTop;
      scrollable.dispatchEvent(new WheelEvent('wheel', { deltaY: 400, bubbles: true }));
      return before;
    });
    const newCount = seen.size;
    if (i > 0 && newCount === atEnd) break;
  }
  const all = [...seen].join('\n');
  const missing = [...new Set(expected.map((e) => e.code))].filter((code) => !all.includes(code));
  if (missing.length) throw new Error(`the Problems panel does not show ${missing.join(', ')}`);
}

/** The checks run on every `npm run test:integration`, in order. */
export const CHECKS = [
  ['the workbench loads', workbenchLoaded],
  ['the Explorer lists the fixture\'s files', explorerShowsFixtureFiles],
];

/** Waiting for their features; listed so they are not forgotten. */
export const PENDING_CHECKS = [
  ['the coverage view is visible with its counts', coverageViewShowsCounts],
  ['a hover appears over a KSB code', hoverAppearsOverCode],
  ['the Problems panel lists the fixture\'s diagnostics', problemsPanelListsDiagnostics],
];

const slug = (title) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export async function runUiChecks(page, { workspaceDir, screenshotsDir, checks = CHECKS }) {
  mkdirSync(screenshotsDir, { recursive: true });
  const results = [];
  for (const [index, [title, check]] of checks.entries()) {
    const started = Date.now();
    const shot = join(screenshotsDir, `${String(index + 1).padStart(2, '0')}-${slug(title)}.png`);
    try {
      await check(page, { workspaceDir });
      await page.screenshot({ path: shot });
      results.push({ title: `UI: ${title}`, state: 'passed', duration: Date.now() - started });
    } catch (error) {
      await page.screenshot({ path: shot.replace(/\.png$/, '-FAILED.png') }).catch(() => {});
      await page.keyboard.press('Escape').catch(() => {}); // close a palette left open
      results.push({ title: `UI: ${title}`, state: 'failed', duration: Date.now() - started, error: error?.message ?? String(error) });
    }
  }
  return results;
}
