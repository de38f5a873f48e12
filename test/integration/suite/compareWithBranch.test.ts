// Compare with Branch in the real editor: first as the test profile has it (the Git extension
// disabled), then with it enabled on a repository made in the fixture workspace for the test and
// deleted again, with every setting and file put back in `finally`.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ComparisonResult } from '../../../src/vscode/commands';
import { extensionApi, withDeadline } from '../coverageHelpers';
import { closeAllEditorsDiscardingChanges, fixtureUri, waitFor, workspaceFolder } from '../helpers';

const COMMAND = 'ksbPortfolio.compareWithBranch';
const EVIDENCE = 'evidence/valid-list.md';
const CLAIMS = 'ksbs: [K1, K24, S21, B1]';

/** git in the fixture workspace, with an identity of its own so no user configuration is needed. */
function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=KSB Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd: workspaceFolder().uri.fsPath,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' },
  });
}

/** Turns the Git extension on, waiting until it says it is: it starts its model a moment after the setting changed. */
async function enableGit(): Promise<void> {
  await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
  const extension = vscode.extensions.getExtension<{ enabled: boolean }>('vscode.git');
  assert.ok(extension, 'code-server ships the Git extension');
  const exports = extension.isActive ? extension.exports : await extension.activate();
  await waitFor(() => exports.enabled, 'the Git extension to be enabled');
}

/** The labels of the open Markdown previews. */
function previewTabs(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType))
    .map((tab) => tab.label);
}

describe('Compare with Branch', function () {
  this.timeout(60_000);

  before(async () => {
    await extensionApi();
  });

  afterEach(async () => {
    await closeAllEditorsDiscardingChanges();
  });

  it('Should say in one message that the Git extension is disabled, and show nothing', async () => {
    assert.equal(vscode.workspace.getConfiguration('git').get('enabled'), false, 'the test profile turns git off');
    const result = await withDeadline(vscode.commands.executeCommand<ComparisonResult>(COMMAND, { ref: 'main' }), 'the compare command');
    assert.ok(result && 'problem' in result, `expected a problem, got ${JSON.stringify(result)}`);
    assert.match(result.problem, /Git extension is disabled \(setting `git\.enabled`\)/);
    assert.deepEqual(previewTabs(), []);
  });

  it('Should preview the newly covered KSB and the changed evidence against the branch', async () => {
    const evidence = fixtureUri(EVIDENCE);
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(evidence));
    assert.ok(original.includes(CLAIMS), 'the fixture claims what the test edits');
    try {
      git('init', '-q', '-b', 'main');
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
      await vscode.workspace.fs.writeFile(evidence, new TextEncoder().encode(original.replace(CLAIMS, 'ksbs: [K1, K24, S21, B1, K5]')));
      await enableGit();

      const result = await withDeadline(vscode.commands.executeCommand<ComparisonResult>(COMMAND, { ref: 'main' }), 'the compare command', 40_000);
      assert.ok(result && 'diff' in result, `expected a comparison, got ${JSON.stringify(result)}`);
      assert.deepEqual(
        result.diff.newlyCovered.map((k) => [k.code, k.evidence]),
        [['K5', [EVIDENCE]]],
      );
      assert.deepEqual(result.diff.noLongerCovered, []);
      assert.deepEqual(result.diff.evidence.changed, [
        { file: EVIDENCE, previousFile: null, title: 'Conform and online booking for episode 1', claimsAdded: ['K5'], claimsDropped: [] },
      ]);
      assert.match(result.markdown, /### KSB portfolio: ` main ` → the working tree/);
      assert.match(result.markdown, /\| \*\*K5\*\* Knowledge: .* \| ` evidence\/valid-list\.md ` \|/);
      assert.match(result.markdown, /\| changed \| ` evidence\/valid-list\.md ` .* \| \+K5 \|/);

      const shown = await vscode.workspace.openTextDocument(result.document);
      assert.equal(shown.getText(), result.markdown, 'the previewed document holds the Markdown returned');
      await waitFor(() => previewTabs().some((label) => label.includes('compared with main')), 'a Markdown preview of the comparison');

      const unknown = await withDeadline(vscode.commands.executeCommand<ComparisonResult>(COMMAND, { ref: 'no-such-branch' }), 'the compare command');
      assert.ok(unknown && 'problem' in unknown, `expected a problem, got ${JSON.stringify(unknown)}`);
      assert.match(unknown.problem, /^Unknown revision "no-such-branch"/);
    } finally {
      await vscode.workspace.fs.writeFile(evidence, new TextEncoder().encode(original));
      // The Git extension may still be reading the repository: retry rather than leave it.
      rmSync(`${workspaceFolder().uri.fsPath}/.git`, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      // The setting back as the profile had it; the extension itself stays on until a reload, with no repository left to open.
      await vscode.workspace.getConfiguration('git').update('enabled', false, vscode.ConfigurationTarget.Global);
    }
  });
});
