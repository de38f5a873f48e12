// Checks of the workbench as a user sees it, run in the page after the extension-host suite.
// Each check is a function (page, context) that throws on failure; runUiChecks() runs the listed
// ones in order, takes a screenshot after each (and on failure), and returns results in the same
// shape as the suite's: { title, state, error, duration }.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expectMarkers } from '../../test/expectMarkers.mjs';
import { restoreTree } from '../../test/integration/runner-extension/workspace-snapshot.js';
import { repoRoot } from './paths.mjs';

const TIMEOUT = 20_000;

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text) => new RegExp(`^${escapeRegExp(text)}$`);

// ---------------------------------------------------------------------------------------------
// Workbench helpers

/** The quick input's text box (the Command Palette, Quick Open, and the picks and boxes commands show). */
const quickInputBox = (page) => page.locator('.quick-input-widget input.input').first();

/** What has the keyboard focus in the page, for failure messages. */
async function focusDescription(page) {
  return page
    .evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return 'nothing';
      const where = element.closest('.quick-input-widget, .monaco-editor, .part');
      return `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}${where ? ` in ${String(where.className).split(' ').slice(0, 2).join('.')}` : ''}`;
    })
    .catch(() => 'unknown');
}

/**
 * Waits until the keyboard focus is in `locator`'s element (or inside it). The workbench moves the
 * focus a moment after it shows a widget (a quick input, an editor); keys pressed before then go
 * to whatever had it, such as the editor of a fixture file.
 */
async function focusIn(locator, what, timeout = TIMEOUT) {
  const page = locator.page();
  const element = await locator.elementHandle({ timeout: TIMEOUT });
  try {
    await page.waitForFunction((el) => el.isConnected && el.contains(document.activeElement), element, { timeout });
  } catch {
    throw new Error(`${what} never got the keyboard focus (it is on ${await focusDescription(page)})`);
  } finally {
    await element.dispose();
  }
}

/**
 * Clicks `locator` until it has the keyboard focus, for a widget the workbench does not focus
 * itself (a view's filter box): a click while the workbench is still moving the focus to the
 * view can lose the focus again. Fails at the deadline, saying where the focus is.
 */
async function clickToFocus(locator, what) {
  const deadline = Date.now() + TIMEOUT;
  for (let attempt = 0; ; attempt++) {
    // A click, as a user would; every other attempt focuses the element directly, for when the
    // click lands as the widget is laid out again (the web worker pass, under load).
    if (attempt % 2 === 0) await locator.click({ timeout: TIMEOUT });
    else await locator.focus({ timeout: TIMEOUT });
    try {
      return await focusIn(locator, what, 1000);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

/**
 * Types `text` into `input` in place of what it holds, once the workbench has given it the focus,
 * and checks that the text arrived there (and so nowhere else). `waitForFocus: false` is for a
 * box the workbench never focuses itself (a view's filter): it is focused here, then typed into.
 */
async function typeInto(input, text, what, { waitForFocus = true } = {}) {
  if (waitForFocus) await focusIn(input, what);
  await input.fill(text);
  const value = await input.inputValue();
  if (value !== text) throw new Error(`typed "${text}" into ${what}, which holds "${value}" (the focus is on ${await focusDescription(input.page())})`);
}

/**
 * The row of the open quick input that Enter would accept (the focused one), once it is the row
 * `matches` describes (a string: the row's label exactly; a RegExp: its text). While the list
 * still shows what it showed before the filter was typed, the focused row is another one.
 */
async function focusedRow(page, matches, what) {
  const rows = page.locator('.quick-input-list .monaco-list-row.focused');
  const row =
    typeof matches === 'string' ? rows.filter({ has: page.locator('.label-name', { hasText: exactly(matches) }) }) : rows.filter({ hasText: matches });
  try {
    await row.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  } catch {
    const focused = await rows
      .first()
      .innerText({ timeout: 1000 })
      .catch(() => 'none');
    throw new Error(`${what}: the focused row never became ${matches}; it is ${JSON.stringify(focused.replace(/\s+/g, ' '))}`);
  }
  return row.first();
}

/** Opens the Command Palette (or Quick Open, by the text typed) and types `text` into it once it has the focus. */
async function typeInPalette(page, text) {
  await page.keyboard.press('F1');
  const input = quickInputBox(page);
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await typeInto(input, text, 'the Command Palette');
  return input;
}

/** Starts a command from the Command Palette, without waiting for the palette to close (it may ask next). */
async function startCommand(page, label) {
  await typeInPalette(page, `>${label}`);
  // Commands whose labels contain this one may sort first ("Close All Editor Groups" before
  // "Close Editor"): click the row with exactly this label rather than accept the focused one.
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactly(label) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: TIMEOUT });
  await row.click();
}

/** Runs a command from the Command Palette by its label, as a user would, and waits for the palette to close. */
export async function runCommand(page, label) {
  await startCommand(page, label);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
}

/** The text of the active editor (its text area, where typed keys go). */
const activeEditor = (page) => page.locator('.editor-group-container.active .monaco-editor').first();

/**
 * Opens a workspace file through Quick Open (the palette without its `>`), as a user would, and
 * waits until its editor has the focus, so that keys pressed next reach it and nothing else.
 */
export async function openFile(page, relativePath) {
  await typeInPalette(page, relativePath);
  const name = relativePath.split('/').pop();
  const folder = relativePath.split('/').slice(0, -1).join('/');
  const row = await focusedRow(page, name, `Quick Open for ${relativePath}`);
  // Two files may share a name (README.md): the focused row must be in the right folder too.
  if (folder && !(await row.innerText()).includes(folder)) throw new Error(`Quick Open for ${relativePath} focuses ${await row.innerText()}`);
  await quickInputBox(page).press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: TIMEOUT });
  await focusIn(activeEditor(page), `the editor of ${relativePath}`);
}

/** Files and folders at the root of the workspace, as the Explorer lists them (no dotfiles). */
function topLevelEntries(workspaceDir) {
  return readdirSync(workspaceDir)
    .filter((name) => !name.startsWith('.'))
    .sort();
}

/** Codes named by `expect:` markers in the fixture (see test/fixtures/README.md). */
export function expectedDiagnosticCodes(workspaceDir) {
  const codes = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(md|ya?ml)$/.test(name)) {
        for (const { code } of expectMarkers(readFileSync(full, 'latin1'))) codes.push({ file: relative(workspaceDir, full), code });
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
    const row = view
      .locator('.monaco-list-row .label-name')
      .filter({ hasText: exactly(name) })
      .first();
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
        const element = [...document.querySelectorAll('.editor-group-container.active .monaco-editor .view-line')].find((l) =>
          /ksbs:\s*\[/.test(l.textContent),
        );
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
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: target.code }).first();
  // VS Code asks for a hover once per pointer move. On a loaded machine the web worker host can
  // still be starting the extension when it asks, and then shows nothing until the pointer moves
  // again: so do what a user does, move off and back, until the deadline.
  const deadline = Date.now() + 3 * TIMEOUT;
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(target.x, target.y);
    try {
      await hover.waitFor({ state: 'visible', timeout: Math.min(TIMEOUT / 2, Math.max(1, deadline - Date.now())) });
      return;
    } catch (error) {
      if (Date.now() >= deadline)
        throw new Error(`no hover over ${target.code} after ${attempt} pointer moves: ${error instanceof Error ? error.message.split('\n')[0] : error}`, {
          cause: error,
        });
    }
    await page.mouse.move(target.x, 5); // the title bar: nothing there hovers
  }
}

/**
 * In the page: the colour of each probe `[lineText, word]` in the active editor (the run of text
 * on the first line containing `lineText` that contains `word`), if `differ` pairs differ and
 * `same` pairs match; otherwise false, so waitForFunction keeps waiting.
 */
function coloursWhen({ probes, differ, same, settle }) {
  const lines = [...document.querySelectorAll('.editor-group-container.active .monaco-editor .view-line')].map((line) => ({
    text: line.textContent.replace(/\u00a0/g, ' '),
    runs: [...line.querySelectorAll('span[class*="mtk"]')].map((run) => ({
      text: run.textContent.replace(/\u00a0/g, ' '),
      color: getComputedStyle(run).color,
    })),
  }));
  const colours = {};
  for (const [name, [lineText, word]] of Object.entries(probes)) {
    colours[name] = lines.find((line) => line.text.includes(lineText))?.runs.find((run) => run.text.includes(word))?.color ?? null;
  }
  const ok = Object.values(colours).every(Boolean) && differ.every(([a, b]) => colours[a] !== colours[b]) && same.every(([a, b]) => colours[a] === colours[b]);
  return settle ? colours : ok && colours;
}

/** Waits until the active editor shows the colours `expected` describes; fails naming what it saw. */
async function expectColours(page, expected, what) {
  try {
    await page.waitForFunction(coloursWhen, { ...expected, settle: false }, { timeout: TIMEOUT });
  } catch {
    const seen = await page.evaluate(coloursWhen, { ...expected, settle: true });
    throw new Error(`${what}: expected ${JSON.stringify({ differ: expected.differ, same: expected.same })}, saw ${JSON.stringify(seen)}`);
  }
}

/**
 * KSB codes get a colour of their own in an evidence file, in front matter (the grammar, inside
 * the real Markdown and YAML grammars) and in the body (semantic tokens), the same in both. In
 * Markdown outside a portfolio, only a `ksbs:` entry is coloured: codes in other fields and in
 * prose stay as they were.
 */
export async function codesColouredInPortfolioFiles(page) {
  await openFile(page, 'evidence/valid-list.md');
  await expectColours(
    page,
    {
      probes: {
        frontMatterCode: ['ksbs: [K1', 'K1'],
        yamlValue: ['title: Conform', 'Conform'],
        bodyCode: ['The conform covered', 'K1'],
        prose: ['The conform covered', 'conform'],
      },
      differ: [
        ['frontMatterCode', 'yamlValue'],
        ['bodyCode', 'prose'],
      ],
      same: [['frontMatterCode', 'bodyCode']],
    },
    'codes in evidence/valid-list.md',
  );

  await runCommand(page, 'File: New Untitled Text File');
  // Until the new editor has the focus, typed text goes to valid-list.md's.
  await page.locator('.tabs-container .tab.active', { hasText: /^Untitled-\d+/ }).waitFor({ timeout: TIMEOUT });
  await focusIn(activeEditor(page), 'the untitled editor');
  await page.keyboard.insertText('---\nksbs: [K1]\ntitle: Moving the S3 bucket\n---\nSee K2 in the notes.\n');
  await startCommand(page, 'Change Language Mode');
  const input = page.locator('.quick-input-widget input[placeholder="Select Language Mode"]');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await typeInto(input, 'Markdown', 'the language pick');
  await focusedRow(page, /^Markdown\b/, 'the language pick');
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
  try {
    // The coloured `ksbs:` entry shows the document has been tokenized as Markdown; the rest of
    // this short document is tokenized by then too.
    await expectColours(
      page,
      {
        probes: {
          frontMatterCode: ['ksbs: [K1', 'K1'],
          yamlValue: ['title: Moving', 'Moving'],
          codeInValue: ['title: Moving', 'S3'],
          prose: ['See K2', 'See'],
          bodyCode: ['See K2', 'K2'],
        },
        differ: [['frontMatterCode', 'yamlValue']],
        same: [
          ['codeInValue', 'yamlValue'],
          ['bodyCode', 'prose'],
        ],
      },
      'codes in an untitled Markdown file',
    );
  } finally {
    await runCommand(page, 'View: Revert and Close Editor');
  }
}

/** Waits for the quick input titled `title` (a step of a multi-step command) to show. */
async function quickInputTitled(page, title) {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: TIMEOUT });
  // The title shows before the box has the focus; the focus moves from the previous step (or the
  // editor) only then.
  const input = quickInputBox(page);
  await focusIn(input, `the quick input "${title}"`);
  return input;
}

/**
 * New Evidence File as a user runs it: a title, today's date offered and changed, KSBs found by
 * words of their text and by code and ticked as the placeholder says (Down, then Space), then the
 * new file open with its claims.
 */
export async function newEvidenceThroughItsPrompts(page, { workspaceDir }) {
  const created = join(workspaceDir, 'evidence', '2026-05-01-graded-the-trailer.md');
  try {
    await startCommand(page, 'KSB Portfolio: New Evidence File');
    const title = await quickInputTitled(page, 'New Evidence File (1/3)');
    await typeInto(title, 'Graded the trailer', 'the title step');
    await title.press('Enter');
    const date = await quickInputTitled(page, 'New Evidence File (2/3)');
    const offered = await date.inputValue();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(offered)) throw new Error(`the date step offers "${offered}", not today's date`);
    await typeInto(date, '2026-05-01', 'the date step');
    await date.press('Enter');
    const filter = await quickInputTitled(page, 'New Evidence File (3/3)');
    const placeholder = await filter.getAttribute('placeholder');
    if (!placeholder?.includes('Down then Space')) throw new Error(`the KSB step's placeholder does not say how to tick: "${placeholder}"`);
    for (const [index, [typed, code]] of [
      ['interpret post-production', 'K24'],
      ['B1', 'B1'],
    ].entries()) {
      // Down moved the focus into the list; back to the filter, as a user would, by clicking it.
      if (index > 0) await clickToFocus(filter, 'the KSB step');
      await typeInto(filter, typed, 'the KSB step');
      // Down then Space ticks the first row: it must be the filtered list's, not the list before.
      await page.locator('.quick-input-list .monaco-list-row[data-index="0"]', { hasText: code }).waitFor({ state: 'visible', timeout: TIMEOUT });
      await filter.press('ArrowDown');
      await focusedRow(page, new RegExp(`^${code}(?!\\d)`), 'the KSB step after Down');
      await focusIn(page.locator('.quick-input-widget'), 'the KSB step after Down');
      await page.keyboard.press('Space');
      await page.locator('.quick-input-list .monaco-list-row[aria-checked="true"]', { hasText: code }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    }
    await filter.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: '2026-05-01-graded-the-trailer.md' }).waitFor({ timeout: TIMEOUT });
    const editor = page.locator('.editor-group-container.active .monaco-editor').first();
    await editor.locator('.view-line', { hasText: 'ksbs: [K24, B1]' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await editor.locator('.view-line', { hasText: 'title: Graded the trailer' }).waitFor({ state: 'visible', timeout: TIMEOUT });
  } finally {
    await page.keyboard.press('Escape');
    if (existsSync(created)) {
      await runCommand(page, 'View: Close Editor');
      rmSync(created);
    }
  }
}

/** Find KSB as a user runs it: words of a KSB's text find it, Enter inserts its code at the cursor. */
export async function findKsbInsertsTheCode(page) {
  await openFile(page, 'evidence/valid-map.md');
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await editor.locator('.view-line').first().click();
  await focusIn(editor, 'the editor of evidence/valid-map.md');
  await page.keyboard.press('Control+End');
  try {
    await startCommand(page, 'KSB Portfolio: Find KSB');
    const filter = await quickInputTitled(page, 'Find KSB');
    await typeInto(filter, 'interpret post-production', 'the Find KSB pick');
    await focusedRow(page, /^K24(?!\d)/, 'the Find KSB pick');
    await filter.press('Enter');
    await editor.locator('.view-line', { hasText: exactly('K24') }).waitFor({ state: 'visible', timeout: TIMEOUT });
  } finally {
    await page.keyboard.press('Escape');
    await runCommand(page, 'File: Revert File');
  }
}

/** Polls `read` (in Node) until `ok` holds, with the checks' deadline; for files on disk. */
async function until(read, ok, what) {
  const deadline = Date.now() + TIMEOUT;
  for (let value = read(); ; value = read()) {
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Select Option as a user runs it: the pick marks the current option; clicking another rewrites
 * `option:` in portfolio.yaml and the status bar follows; picking the first back restores the file
 * byte for byte (the edit touches that one value).
 */
export async function selectOptionThroughItsPick(page, { workspaceDir }) {
  const configFile = join(workspaceDir, 'portfolio.yaml');
  const original = readFileSync(configFile, 'utf8');
  const pick = async (label, expectCurrent) => {
    await startCommand(page, 'KSB Portfolio: Select Option');
    await quickInputTitled(page, 'Select Option of ST0792');
    const row = (text) => page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exactly(text) }) });
    await row(expectCurrent).filter({ hasText: '(current)' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await row(label).click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
  };
  try {
    await pick('Production coordinator', 'Post production coordinator');
    await until(
      () => readFileSync(configFile, 'utf8'),
      (text) => /^option: production-coordinator$/m.test(text),
      'portfolio.yaml to name the production option',
    );
    await page.locator('.statusbar-item', { hasText: /^KSB \d+\/47$/ }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await pick('Post production coordinator', 'Production coordinator');
    await until(
      () => readFileSync(configFile, 'utf8'),
      (text) => text === original,
      'portfolio.yaml to be as it was',
    );
    await page.locator('.statusbar-item', { hasText: /^KSB 18\/46$/ }).waitFor({ state: 'visible', timeout: TIMEOUT });
  } finally {
    await page.keyboard.press('Escape');
    if (readFileSync(configFile, 'utf8') !== original) writeFileSync(configFile, original);
  }
}

/**
 * Completion in portfolio.yaml offers a standard the portfolio brings as a public API file in its
 * `standards/` folder: in the web worker pass this is the browser bundle reading the workspace's
 * API JSON through the editor's file system. Typing `standard: ` on a new line opens the list (the
 * space is a trigger character); while the portfolio is still loading the file, the list is asked
 * for again, as a user would, until the deadline.
 */
export async function configCompletionOffersWorkspaceStandard(page, { workspaceDir }) {
  const standards = join(workspaceDir, 'standards');
  mkdirSync(standards, { recursive: true });
  writeFileSync(join(standards, 'ST9001_1.0.json'), readFileSync(join(repoRoot, 'test/fixtures/api-standards/ST9001_1.0.json')));
  try {
    await openFile(page, 'portfolio.yaml');
    const editor = activeEditor(page);
    await editor.locator('.view-line').first().click();
    await focusIn(editor, 'the editor of portfolio.yaml');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('standard: ');
    const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'ST9001' }).first();
    const deadline = Date.now() + 3 * TIMEOUT;
    for (let attempt = 1; ; attempt++) {
      try {
        await row.waitFor({ state: 'visible', timeout: Math.min(TIMEOUT / 4, Math.max(1, deadline - Date.now())) });
        break;
      } catch (error) {
        if (Date.now() >= deadline) {
          const shown = await page
            .locator('.suggest-widget .monaco-list-row')
            .allInnerTexts()
            .catch(() => []);
          throw new Error(`no ST9001 in the suggestions after ${attempt} tries; shown: ${JSON.stringify(shown.map((t) => t.replace(/\s+/g, ' ')))}`, {
            cause: error,
          });
        }
      }
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Space');
    }
    await page.locator('.suggest-widget .monaco-list-row', { hasText: 'ST0792' }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
  } finally {
    await page.keyboard.press('Escape');
    await runCommand(page, 'File: Revert File');
    rmSync(standards, { recursive: true, force: true });
  }
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
 * The Problems panel lists the fixture's diagnostics: with the panel maximized so every row is
 * rendered (the list is virtual), it shows each code as many times as the fixture's `expect:`
 * markers expect, and the Problems tab counts them all. The panel's filter box is not used: in
 * the web worker pass the workbench never gives it the focus, so what was typed never applied.
 */
export async function problemsPanelListsDiagnostics(page, { workspaceDir }) {
  const expected = new Map();
  for (const { code } of expectedDiagnosticCodes(workspaceDir)) expected.set(code, (expected.get(code) ?? 0) + 1);
  if (expected.size === 0) throw new Error('the fixture expects no diagnostics');
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: TIMEOUT });
  await runCommand(page, 'View: Toggle Maximized Panel');
  try {
    // Rows arrive as the diagnostics do: wait until every count is as expected (the page keeps
    // the counts it saw last), then report what is shown.
    await page
      .waitForFunction(
        (wanted) => {
          const counts = {};
          for (const el of document.querySelectorAll('.markers-panel .monaco-list-row .marker-code')) {
            const code = el.textContent.trim().replace(/^\(|\)$/g, '');
            counts[code] = (counts[code] ?? 0) + 1;
          }
          globalThis.ksbProblemCounts = counts;
          return Object.entries(wanted).every(([code, count]) => counts[code] === count);
        },
        Object.fromEntries(expected),
        { timeout: TIMEOUT },
      )
      .catch(() => undefined);
    const shown = await page.evaluate(() => globalThis.ksbProblemCounts ?? {});
    const wrong = [];
    for (const [code, count] of expected) {
      const found = shown[code] ?? 0;
      if (found === 0) wrong.push(`${code}: none shown, ${count} expected`);
      else if (found !== count) wrong.push(`${code}: ${found} shown, ${count} expected`);
    }
    for (const [code, found] of Object.entries(shown)) if (!expected.has(code)) wrong.push(`${code}: ${found} shown, none expected`);
    // The total on the Problems tab follows the diagnostics as they arrive: wait for it, then read it.
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    const badge = page
      .locator('.part.panel .composite.title .action-item.checked .badge-content, .part.panel .panel-switcher-container .action-item.checked .badge-content')
      .first();
    await badge
      .filter({ hasText: exactly(String(total)) })
      .waitFor({ state: 'visible', timeout: TIMEOUT })
      .catch(() => {});
    const shownTotal = Number((await badge.innerText({ timeout: TIMEOUT }).catch(() => 'NaN')).trim());
    if (shownTotal !== total) wrong.push(`the Problems tab counts ${shownTotal}, the markers ${total}`);
    if (wrong.length) throw new Error(`the Problems panel differs from the fixture's markers: ${wrong.join('; ')}`);
  } finally {
    await runCommand(page, 'View: Toggle Maximized Panel');
  }
}

/**
 * Export Submission Pack as a user runs it: the save dialog's offered place accepted, the pack's
 * code loaded from its own bundle (dist/pack.js, fetched and run in the web worker host), the ZIP
 * written with its page, and the message saying so.
 */
export async function exportPackThroughSaveDialog(page, { workspaceDir }) {
  // The command offers submission.zip beside the portfolio's folder, outside the workspace.
  const target = join(workspaceDir, '..', 'submission.zip');
  rmSync(target, { force: true });
  try {
    await startCommand(page, 'KSB Portfolio: Export Submission Pack...');
    const input = quickInputBox(page);
    await focusIn(input, 'the save dialog');
    const deadline = Date.now() + TIMEOUT;
    while (!(await input.inputValue()).endsWith('submission.zip')) {
      if (Date.now() > deadline) throw new Error(`the save dialog offers "${await input.inputValue()}", not submission.zip`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await input.press('Enter');
    await page.locator('.notification-list-item-message', { hasText: 'Exported the submission pack' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    const zip = readFileSync(target);
    if (zip.readUInt32LE(0) !== 0x04034b50) throw new Error(`${target} is not a ZIP`);
    if (!zip.includes(Buffer.from('portfolio.html')) || !zip.includes(Buffer.from('manifest.json')))
      throw new Error('the ZIP lacks portfolio.html or manifest.json');
  } finally {
    await page.keyboard.press('Escape');
    rmSync(target, { force: true });
  }
}

/** @typedef {[title: string, check: (page: import('playwright-core').Page, context: { workspaceDir: string }) => Promise<void>]} UiCheck */

/**
 * The checks run on every `npm run test:integration`, in order.
 * @type {UiCheck[]}
 */
export const CHECKS = [
  ['the workbench loads', workbenchLoaded],
  ["the Explorer lists the fixture's files", explorerShowsFixtureFiles],
  ["the Problems panel lists the fixture's diagnostics", problemsPanelListsDiagnostics],
  ['the coverage view is visible with its counts', coverageViewShowsCounts],
  ['a hover appears over a KSB code', hoverAppearsOverCode],
  ['KSB codes are coloured in portfolio files only', codesColouredInPortfolioFiles],
  ['New Evidence File runs through its prompts', newEvidenceThroughItsPrompts],
  ['Find KSB inserts the code found by its text', findKsbInsertsTheCode],
  ['the editor context menu offers Find KSB in evidence files only', findKsbOnlyInEvidenceContextMenu],
  ['Select Option rewrites portfolio.yaml through its pick', selectOptionThroughItsPick],
  ['completion in portfolio.yaml offers a standard from standards/', configCompletionOffersWorkspaceStandard],
  ['Export Submission Pack writes the ZIP through the save dialog', exportPackThroughSaveDialog],
];

/**
 * Checks whose feature is not there yet: written, listed here so they are not forgotten, and run
 * only with KSB_UI_CHECKS=all. Move one to CHECKS when its feature lands.
 * @type {UiCheck[]}
 */
export const PENDING_CHECKS = [];

/** KSB_UI_CHECKS=all also runs the checks waiting for features (to try them while building one). */
export function selectedChecks() {
  return process.env.KSB_UI_CHECKS === 'all' ? [...CHECKS, ...PENDING_CHECKS] : CHECKS;
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');

const slug = (title) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Puts the workbench and the workspace back after a check: closes a quick input left open,
 * reverts and closes editors with unsaved changes, and restores the files on disk to `pristine`
 * (a snapshot of the fixture). Returns what it found to put back (empty: the check left nothing).
 */
export async function putBack(page, { workspaceDir, pristine }) {
  const found = [];
  const widget = page.locator('.quick-input-widget');
  for (let tries = 0; tries < 3 && (await widget.isVisible().catch(() => false)); tries++) {
    await page.keyboard.press('Escape').catch(() => {});
    await widget.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {});
  }
  const dirtyTab = page.locator('.tabs-container .tab.dirty').first();
  for (let tries = 0; tries < 10 && (await dirtyTab.count()) > 0; tries++) {
    const name = (await dirtyTab.innerText().catch(() => '?')).trim().split('\n')[0];
    found.push(`unsaved changes in ${name}`);
    try {
      await dirtyTab.click();
      await page.locator('.tabs-container .tab.active.dirty').waitFor({ timeout: TIMEOUT });
      await runCommand(page, 'View: Revert and Close Editor');
    } catch (error) {
      found.push(`could not revert ${name}: ${error?.message ?? error}`);
      break;
    }
  }
  if (pristine) found.push(...restoreTree(pristine, workspaceDir));
  return found;
}

/**
 * Runs `checks` in order in `page`, each followed by a screenshot and by `putBack` (against
 * `pristine`, a snapshot of the fixture, when given): a check that leaves the workspace changed
 * fails, and the next one starts from the fixture as it was.
 * @param {import('playwright-core').Page} page
 * @param {{ workspaceDir: string, pristine?: import('../../test/integration/runner-extension/workspace-snapshot.js').TreeSnapshot, screenshotsDir: string, checks?: UiCheck[], onResult?: (result: object) => void, label?: string, shotPrefix?: string }} options
 */
export async function runUiChecks(
  page,
  { workspaceDir, pristine, screenshotsDir, checks = selectedChecks(), onResult = () => {}, label = 'UI', shotPrefix = '' },
) {
  mkdirSync(screenshotsDir, { recursive: true });
  const results = [];
  for (const [index, [title, check]] of checks.entries()) {
    const started = Date.now();
    const shot = join(screenshotsDir, `${shotPrefix}${String(index + 1).padStart(2, '0')}-${slug(title)}.png`);
    let error;
    try {
      await check(page, { workspaceDir });
      await page.screenshot({ path: shot });
    } catch (thrown) {
      error = stripAnsi(thrown?.message ?? String(thrown));
      await page.screenshot({ path: shot.replace(/\.png$/, '-FAILED.png') }).catch(() => {});
    }
    const left = await putBack(page, { workspaceDir, pristine }).catch((thrown) => [`could not put the workspace back: ${thrown?.message ?? thrown}`]);
    if (left.length) {
      const message = `left the workspace changed (put back for the next check): ${left.join(', ')}`;
      error = error ? `${error}\n${message}` : message;
    }
    results.push({ title: `${label}: ${title}`, state: error ? 'failed' : 'passed', duration: Date.now() - started, error });
    onResult(results.at(-1));
  }
  return results;
}
