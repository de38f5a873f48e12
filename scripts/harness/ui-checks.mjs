// Checks of the workbench as a user sees it, run in the page after the extension-host suite.
// Each check is a function (page, context) that throws on failure; runUiChecks() runs the listed
// ones in order, takes a screenshot after each (and on failure), and returns results in the same
// shape as the suite's: { title, state, error, duration }.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './paths.mjs';

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

/** Opens a workspace file through Quick Open (the palette without its `>`), as a user would. */
export async function openFile(page, relativePath) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.fill(relativePath);
  const name = relativePath.split('/').pop();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: TIMEOUT });
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
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
// Checks of the workbench

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
// Checks of the extension's features

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

/** Hovering a KSB code in an evidence file shows a hover that names the code. */
export async function hoverAppearsOverCode(page, { workspaceDir }) {
  const file = firstEvidenceWithClaims(workspaceDir);
  await openFile(page, file);
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  const line = editor.locator('.view-line', { hasText: /ksbs:\s*\[/ }).first();
  await line.waitFor({ state: 'visible', timeout: TIMEOUT });
  // The grammar colours letter and number apart, so find the code's screen position in the text.
  // Right after the editor opens its lines can be in the page before they are laid out (a zero
  // box at 0,0), so wait for the code to have a box rather than measure once.
  const measured = await page
    .waitForFunction(
      () => {
        const element = [...document.querySelectorAll('.editor-group-container.active .monaco-editor .view-line')].find((l) => /ksbs:\s*\[/.test(l.textContent));
        if (!element) return false;
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        const nodes = [];
        let text = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          nodes.push({ node, start: text.length });
          text += node.textContent;
        }
        const match = /[KSB]\d+/.exec(text);
        if (!match) return { code: null };
        const at = match.index + 1; // inside the code, not on its first character's edge
        const { node, start } = nodes.findLast((n) => n.start <= at);
        const range = document.createRange();
        range.setStart(node, at - start);
        range.setEnd(node, at - start + 1);
        const box = range.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return false;
        return { code: match[0], x: box.x + box.width / 2, y: box.y + box.height / 2 };
      },
      undefined,
      { timeout: TIMEOUT },
    )
    .catch(() => {
      throw new Error(`the ksbs line of ${file} was never laid out on screen`);
    });
  const target = await measured.jsonValue();
  if (!target.code) throw new Error(`no KSB code on the ksbs line of ${file}`);
  await page.mouse.move(target.x, target.y);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: target.code }).first();
  await hover.waitFor({ state: 'visible', timeout: TIMEOUT });
}

/** A command's title as package.json declares it: what menus show. */
function commandTitle(command) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const entry = manifest.contributes.commands.find((c) => c.command === command);
  if (!entry) throw new Error(`package.json declares no command ${command}`);
  return entry.title;
}

/** Right-clicks in the active editor's text and returns the context menu's entries, then closes it. */
async function editorContextMenuLabels(page) {
  const text = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  await text.waitFor({ state: 'visible', timeout: TIMEOUT });
  await text.click({ button: 'right', position: { x: 40, y: 8 } });
  const menu = page.locator('.context-view .monaco-menu').first();
  await menu.waitFor({ state: 'visible', timeout: TIMEOUT });
  const labels = await menu.locator('.action-item .action-label').allInnerTexts();
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden', timeout: TIMEOUT });
  return labels.map((label) => label.trim()).filter(Boolean);
}

/**
 * The editor's context menu offers Find KSB in an evidence file and not in other Markdown: the
 * `ksbPortfolio.isEvidence` context key follows the active editor. The key is set a moment after
 * the editor opens, so each expectation is awaited by opening the menu again until it holds.
 */
export async function findKsbOnlyInEvidenceContextMenu(page, { workspaceDir }) {
  const title = commandTitle('ksbPortfolio.findKsb');
  // Outside the fixture's `evidence` globs, so not evidence even though it is Markdown.
  const notEvidence = 'notes/README.md';
  if (!existsSync(join(workspaceDir, notEvidence))) throw new Error(`the fixture has no ${notEvidence}`);
  const expectMenu = async (file, shown) => {
    await openFile(page, file);
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      const labels = await editorContextMenuLabels(page);
      if (labels.includes(title) === shown) return;
      if (Date.now() > deadline) {
        throw new Error(`the editor context menu of ${file} ${shown ? 'lacks' : 'shows'} "${title}": ${labels.join(', ')}`);
      }
    }
  };
  const evidence = firstEvidenceWithClaims(workspaceDir);
  await expectMenu(evidence, true);
  await expectMenu(notEvidence, false);
  await expectMenu(evidence, true);
}

/** A Markdown file under evidence/ whose front matter claims codes on one line (`ksbs: [K1, S2]`). */
function firstEvidenceWithClaims(workspaceDir) {
  const preferred = join(workspaceDir, 'evidence', 'valid-list.md');
  if (existsSync(preferred)) return 'evidence/valid-list.md';
  for (const name of readdirSync(join(workspaceDir, 'evidence')).sort()) {
    if (name.endsWith('.md') && /ksbs: \[/.test(readFileSync(join(workspaceDir, 'evidence', name), 'utf8'))) return `evidence/${name}`;
  }
  throw new Error('no evidence file with `ksbs: [...]` in the fixture');
}

/**
 * The Problems panel lists the fixture's diagnostics: filtered by each code that the fixture's
 * `expect:` markers name, it shows as many entries as the markers expect.
 */
export async function problemsPanelListsDiagnostics(page, { workspaceDir }) {
  const expected = new Map();
  for (const { code } of expectedDiagnosticCodes(workspaceDir)) expected.set(code, (expected.get(code) ?? 0) + 1);
  if (expected.size === 0) throw new Error('the fixture expects no diagnostics');
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: TIMEOUT });
  const filter = page.locator('.part.panel .viewpane-filter input').first();
  await filter.waitFor({ state: 'visible', timeout: TIMEOUT });
  const wrong = [];
  for (const [code, count] of expected) {
    await filter.fill(code);
    const rows = panel.locator('.monaco-list-row .marker-code', { hasText: exactly(code) });
    try {
      await rows.first().waitFor({ state: 'visible', timeout: TIMEOUT });
    } catch {
      wrong.push(`${code}: none shown, ${count} expected`);
      continue;
    }
    const shown = await rows.count();
    if (shown !== count) wrong.push(`${code}: ${shown} shown, ${count} expected`);
  }
  await filter.fill('');
  // The whole list again for the screenshot, and the total on the Problems tab.
  const total = [...expected.values()].reduce((a, b) => a + b, 0);
  await page.locator('.part.panel .viewpane-filter-badge', { hasText: /showing/i }).waitFor({ state: 'hidden', timeout: TIMEOUT }).catch(() => {});
  const badge = page.locator('.part.panel .composite.title .action-item.checked .badge-content, .part.panel .panel-switcher-container .action-item.checked .badge-content').first();
  const shownTotal = Number((await badge.innerText({ timeout: TIMEOUT }).catch(() => 'NaN')).trim());
  if (shownTotal !== total) wrong.push(`the Problems tab counts ${shownTotal}, the markers ${total}`);
  if (wrong.length) throw new Error(`the Problems panel differs from the fixture's markers: ${wrong.join('; ')}`);
}

/** The checks run on every `npm run test:integration`, in order. */
export const CHECKS = [
  ['the workbench loads', workbenchLoaded],
  ['the Explorer lists the fixture\'s files', explorerShowsFixtureFiles],
  ['the Problems panel lists the fixture\'s diagnostics', problemsPanelListsDiagnostics],
  ['the coverage view is visible with its counts', coverageViewShowsCounts],
  ['a hover appears over a KSB code', hoverAppearsOverCode],
  ['the editor context menu offers Find KSB in evidence files only', findKsbOnlyInEvidenceContextMenu],
];

/**
 * Checks whose feature is not there yet: written, listed here so they are not forgotten, and run
 * only with KSB_UI_CHECKS=all. Move one to CHECKS when its feature lands.
 */
export const PENDING_CHECKS = [];

/** KSB_UI_CHECKS=all also runs the checks waiting for features (to try them while building one). */
export function selectedChecks() {
  return process.env.KSB_UI_CHECKS === 'all' ? [...CHECKS, ...PENDING_CHECKS] : CHECKS;
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');

const slug = (title) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export async function runUiChecks(page, { workspaceDir, screenshotsDir, checks = selectedChecks(), onResult = () => {}, label = 'UI', shotPrefix = '' }) {
  mkdirSync(screenshotsDir, { recursive: true });
  const results = [];
  for (const [index, [title, check]] of checks.entries()) {
    const started = Date.now();
    const shot = join(screenshotsDir, `${shotPrefix}${String(index + 1).padStart(2, '0')}-${slug(title)}.png`);
    try {
      await check(page, { workspaceDir });
      await page.screenshot({ path: shot });
      results.push({ title: `${label}: ${title}`, state: 'passed', duration: Date.now() - started });
      onResult(results.at(-1));
    } catch (error) {
      await page.screenshot({ path: shot.replace(/\.png$/, '-FAILED.png') }).catch(() => {});
      await page.keyboard.press('Escape').catch(() => {}); // close a palette left open
      results.push({ title: `${label}: ${title}`, state: 'failed', duration: Date.now() - started, error: stripAnsi(error?.message ?? String(error)) });
      onResult(results.at(-1));
    }
  }
  return results;
}
