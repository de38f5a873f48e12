// The editor commands, driven through their arguments (no quick picks or input boxes) on the
// basic fixture: every file a test changes or creates is put back or deleted at its end.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KsbPortfolioApi } from '../../../src/extension';
import { extensionApi, topLevel, untilPortfolios, untilTree, withDeadline } from '../coverageHelpers';
import { uriExists } from '../../../src/vscode/vscodeFileSystem';
import { closeAllEditorsDiscardingChanges, fixtureUri } from '../helpers';

/** How long a test waits for the file watcher to report a file written behind the editor's back. */
const WATCHER_DEADLINE_MS = 45_000;

const decoder = new TextDecoder();

async function readText(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

/**
 * Writes `text` back to `uri` if what a test did to restore it did not, so a failure cannot leave
 * the fixture changed; resolves with the text it found, for the test to assert on.
 */
async function restoreText(uri: vscode.Uri, text: string): Promise<string> {
  const found = await readText(uri);
  if (found !== text) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return found;
}

describe('Commands', () => {
  let api: KsbPortfolioApi;

  before(async () => {
    api = await extensionApi();
  });

  afterEach(async () => {
    await closeAllEditorsDiscardingChanges();
  });

  it('Should copy the coverage as a Markdown report to the clipboard', async () => {
    const markdown = await withDeadline(vscode.commands.executeCommand<string>('ksbPortfolio.copyCoverageMarkdown'), 'the copy command');
    assert.ok(markdown, 'the command returned no Markdown');
    assert.ok(markdown.startsWith('# KSB coverage: Junior production coordinator (ST0792 v1.2)\n'), markdown.slice(0, 100));
    assert.match(markdown, /\*\*Option:\*\* Post production coordinator/);
    assert.match(markdown, /\*\*Apprentice:\*\* Alex Test/);
    assert.match(markdown, /^## Knowledge \(10\/22 \(45%\)\)$/m);
    assert.match(markdown, /^\| K24 \| .* \| \[Conform and online booking for episode 1\]\(evidence\/valid-list\.md\) \|$/m);
    assert.match(markdown, /^\| \*\*All\*\* \| \*\*18\*\* \| \*\*46\*\* \| \*\*39%\*\* \|$/m);
    assert.equal(await withDeadline(vscode.env.clipboard.readText(), 'reading the clipboard (the harness must grant the page clipboard-read)'), markdown);
  });

  it('Should create a new evidence file from the template in the evidence folder, open it, and refuse to overwrite it', async function () {
    // Two waits on the file watcher (a config written, then deleted, behind the editor's back),
    // which a busy machine can hold up for many seconds: their deadlines are long, the test's too.
    this.timeout(120_000);
    // In a portfolio of its own, dropped at the end with everything it indexed, so the fixture's
    // counts cannot depend on when VS Code disposes the closed document.
    const folder = fixtureUri('integration-new-evidence');
    const config = vscode.Uri.joinPath(folder, 'portfolio.yaml');
    const expected = vscode.Uri.joinPath(folder, 'evidence', '2026-04-10-integration-test-evidence.md');
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(await readText(fixtureUri('portfolio.yaml'))));
    try {
      // Loaded from its config, not merely found: a watcher can see the file before its text.
      await untilTree(
        api,
        () => untilPortfolios(api, 2, 'the second portfolio', WATCHER_DEADLINE_MS),
        (list) => list.some((p) => /^integration-new-evidence: ST0792 v1\.2 · Post production coordinator · /.test(p)),
        'the second portfolio loaded from its config',
        WATCHER_DEADLINE_MS,
      );
      const args = { title: 'Integration test evidence', date: '2026-04-10', codes: ['K5', 'S1'], portfolio: folder };
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('ksbPortfolio.newEvidence', args);
      assert.equal(uri?.toString(), expected.toString());
      const text = await readText(expected);
      assert.ok(text.startsWith('---\ntitle: Integration test evidence\ndate: 2026-04-10\nksbs: [K5, S1]\n---\n'), text);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), expected.toString());
      // The new claims count as soon as the file is there.
      const portfolios = await untilTree(
        api,
        () => untilPortfolios(api, 2, 'two portfolios'),
        (list) => list.some((p) => p.startsWith('integration-new-evidence: ') && p.endsWith(' · 2/46')),
        'K5 and S1 covered in the new portfolio',
      );
      assert.ok(
        portfolios.some((p) => p.endsWith('Post production coordinator · 18/46')),
        `the fixture's own counts changed: ${portfolios.join(' | ')}`,
      );

      const again = await vscode.commands.executeCommand<vscode.Uri | undefined>('ksbPortfolio.newEvidence', { ...args, codes: ['B1'] });
      assert.equal(again, undefined, 'a second file with the same title and date must not be written');
      assert.match(await readText(expected), /ksbs: \[K5, S1\]/);
    } finally {
      await closeAllEditorsDiscardingChanges();
      // The config first, so the workspace drops the portfolio, then its folder.
      if (await uriExists(config)) await vscode.workspace.fs.delete(config);
      await untilTree(
        api,
        () => topLevel(api),
        (top) => top[0] === 'Knowledge 10/22',
        'one portfolio again',
        WATCHER_DEADLINE_MS,
      );
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });

  it('Should insert a KSB code at the cursor as an undoable edit', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '---\nksbs: []\n---\n' });
    const editor = await vscode.window.showTextDocument(document);
    try {
      editor.selection = new vscode.Selection(1, 7, 1, 7);
      const inserted = await vscode.commands.executeCommand<boolean>('ksbPortfolio.findKsb', 'S5');
      assert.equal(inserted, true);
      assert.equal(document.getText(), '---\nksbs: [S5]\n---\n');
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), '---\nksbs: []\n---\n');
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('Should set the option in portfolio.yaml and reload the coverage', async () => {
    const config = fixtureUri('portfolio.yaml');
    const original = await readText(config);
    assert.match(original, /^option: post-production-coordinator$/m);
    let restored = original;
    try {
      assert.equal(await vscode.commands.executeCommand<boolean>('ksbPortfolio.selectOption', 'production-coordinator'), true);
      const edited = await readText(config);
      assert.equal(edited, original.replace('option: post-production-coordinator', 'option: production-coordinator'));
      // Production coordinator: K1-K23 (23 knowledge); the view follows the saved file.
      await untilTree(
        api,
        () => api.coverage.treeView?.description,
        (d) => d === 'ST0792 v1.2 · Production coordinator',
        'the new option in the view',
      );
      const top = await untilTree(
        api,
        () => topLevel(api),
        (t) => t[0]?.endsWith('/23'),
        'the production coordinator counts',
      );
      assert.match(top[0], /^Knowledge \d+\/23$/);
    } finally {
      await vscode.commands.executeCommand<boolean>('ksbPortfolio.selectOption', 'post-production-coordinator');
      restored = await restoreText(config, original);
    }
    assert.equal(restored, original, 'selecting the option back restores the file byte for byte');
    await untilTree(
      api,
      () => topLevel(api),
      (top) => top[0] === 'Knowledge 10/22',
      'the post production counts again',
    );
  });

  it('Should refuse an option the standard does not have, leaving portfolio.yaml alone', async () => {
    const config = fixtureUri('portfolio.yaml');
    const original = await readText(config);
    assert.equal(await vscode.commands.executeCommand<boolean>('ksbPortfolio.selectOption', 'editor'), false);
    assert.equal(await readText(config), original);
  });

  it('Should set the version in portfolio.yaml, quoted', async () => {
    const config = fixtureUri('portfolio.yaml');
    const original = await readText(config);
    let restored = original;
    try {
      assert.equal(await vscode.commands.executeCommand<boolean>('ksbPortfolio.selectVersion', '1.1'), true);
      assert.match(await readText(config), /^version: "1\.1"$/m);
      await untilTree(
        api,
        () => api.coverage.treeView?.description,
        // The option id stays; 1.1 (the retired Media production co-ordinator standard) titles it its own way.
        (d) => d === 'ST0792 v1.1 · Post Production, VFX and Animation Production',
        'version 1.1 and its title of the post production option in the view',
      );
    } finally {
      await vscode.commands.executeCommand<boolean>('ksbPortfolio.selectVersion', '1.2');
      restored = await restoreText(config, original);
    }
    assert.equal(restored, original, 'selecting version 1.2 back restores the file byte for byte');
    await untilTree(
      api,
      () => api.coverage.treeView?.description,
      (d) => d === 'ST0792 v1.2 · Post production coordinator',
      'version 1.2 again',
    );
  });

  it('Should refuse to create portfolio.yaml where one exists', async () => {
    const config = fixtureUri('portfolio.yaml');
    const original = await readText(config);
    assert.equal(await vscode.commands.executeCommand('ksbPortfolio.createConfig'), undefined);
    assert.equal(await readText(config), original);
  });

  it('Should create portfolio.yaml from the template, and show each portfolio at the top of the tree', async () => {
    const folder = fixtureUri('integration-second-portfolio');
    const config = vscode.Uri.joinPath(folder, 'portfolio.yaml');
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('ksbPortfolio.createConfig', { folder, option: 'production-coordinator' });
      assert.equal(uri?.toString(), config.toString());
      const text = await readText(config);
      assert.match(text, /^standard: ST0792$/m);
      assert.match(text, /^version: "1\.2"$/m);
      assert.match(text, /^option: production-coordinator/m);
      // Two portfolios: one top-level node each, described by standard, option and counts.
      // The tree may show the new portfolio before its config is read (a watcher can see the file
      // before its text): wait for the described state, with the deadline, not for two nodes.
      const described = /^integration-second-portfolio: ST0792 v1\.2 · Production coordinator · 0\/\d+$/;
      const portfolios = await untilTree(
        api,
        () => untilPortfolios(api, 2, 'two portfolio nodes'),
        (list) => list.some((p) => described.test(p)),
        'the second portfolio described by its config',
      );
      assert.ok(
        portfolios.some((p) => described.test(p)),
        portfolios.join(' | '),
      );
    } finally {
      await closeAllEditorsDiscardingChanges();
      // The config first, so the workspace drops the portfolio, then its folder.
      if (await uriExists(config)) await vscode.workspace.fs.delete(config);
      await untilTree(
        api,
        () => topLevel(api),
        (top) => top[0] === 'Knowledge 10/22',
        'one portfolio again',
      );
      if (await uriExists(folder)) await vscode.workspace.fs.delete(folder, { recursive: true });
    }
    assert.deepEqual((await topLevel(api))[0], 'Knowledge 10/22');
  });

  it('Should focus the coverage view', async () => {
    await vscode.commands.executeCommand('ksbPortfolio.showCoverage');
    const view = api.coverage.treeView!;
    if (!view.visible) {
      await new Promise<void>((resolve) => {
        const listener = view.onDidChangeVisibility((event) => {
          if (event.visible) {
            listener.dispose();
            resolve();
          }
        });
      });
    }
    assert.equal(view.visible, true);
  });

  it('Should reload every portfolio on refresh', async () => {
    await vscode.commands.executeCommand('ksbPortfolio.refresh');
    await untilTree(
      api,
      () => topLevel(api),
      (top) => top[0] === 'Knowledge 10/22',
      'the counts after a reload',
    );
  });
});
