// Completion of KSB codes in the fixture portfolio (ST0792 v1.2, post production coordinator),
// as the editor's suggest widget receives it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KsbPortfolioApi } from '../../../src/extension';
import { KsbCompletionProvider } from '../../../src/vscode/completion';
import { PortfolioWorkspace } from '../../../src/vscode/portfolioWorkspace';
import { EXTENSION_ID, fixtureUri } from '../helpers';

/** The items VS Code's suggest widget would get at `position`, with the first `resolve` resolved. */
async function completionsAt(uri: vscode.Uri, position: vscode.Position, resolve = 0): Promise<vscode.CompletionList> {
  return vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, undefined, resolve);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Our KSB items (other extensions may add words), in the order the widget shows them unfiltered. */
function codeItems(list: vscode.CompletionList): vscode.CompletionItem[] {
  return list.items
    .filter((item) => item.kind === vscode.CompletionItemKind.EnumMember)
    .sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)));
}

function labels(items: readonly vscode.CompletionItem[]): string[] {
  return items.map(labelOf);
}

/** Opens a fixture file in an editor, inserts `text` at `position`, and returns the editor. */
async function editedFixture(path: string, position: vscode.Position, text: string): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixtureUri(path)));
  assert.ok(await editor.edit((edit) => edit.insert(position, text)), `could not edit ${path}`);
  return editor;
}

/** Throws away the unsaved edit in `editor`, so no test leaves a changed fixture behind. */
async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(editor.document.isDirty, false, `${editor.document.uri.path} is still changed`);
}

describe('completion of KSB codes', () => {
  before(async () => {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as KsbPortfolioApi;
    await api.workspace.settled();
  });

  it('offers the codes of the post production option after `[`, claimed codes last', async () => {
    // evidence/valid-list.md line 4: `ksbs: [K1, K24, S21, B1]`
    const uri = fixtureUri('evidence/valid-list.md');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.lineAt(3).text, 'ksbs: [K1, K24, S21, B1]');
    const items = codeItems(await completionsAt(uri, new vscode.Position(3, 'ksbs: ['.length)));
    const shown = labels(items);
    for (const code of ['K2', 'K24', 'K29', 'S21', 'S23', 'B4']) assert.ok(shown.includes(code), `${code} should be offered`);
    for (const code of ['K17', 'K23', 'S18', 'S20']) assert.ok(!shown.includes(code), `${code} belongs to the production option`);
    assert.deepEqual(shown.slice(-4), ['K1', 'K24', 'S21', 'B1']);
    assert.equal(shown[0], 'K2');
  });

  it('answers completion asked for while the portfolio is still loading', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('evidence/valid-list.md'));
    // A workspace of our own, asked at once: its first scan of the folder has not even started.
    const workspace = new PortfolioWorkspace();
    const tokens = new vscode.CancellationTokenSource();
    try {
      const asked = new KsbCompletionProvider(workspace).provideCompletionItems(document, new vscode.Position(3, 'ksbs: ['.length), tokens.token);
      assert.equal(workspace.all().length, 0, 'the portfolio should not be loaded yet when completion is asked for');
      const list = await asked;
      assert.ok(list, 'no completion once the portfolio had loaded');
      assert.ok(labels(list.items).includes('K24'), 'K24 should be offered');
    } finally {
      tokens.dispose();
      workspace.dispose();
    }
  });

  it('describes each code by kind and option, with its text as documentation', async () => {
    const uri = fixtureUri('evidence/valid-list.md');
    const list = await completionsAt(uri, new vscode.Position(3, 'ksbs: ['.length), 100);
    const k24 = list.items.find((item) => labelOf(item) === 'K24');
    assert.ok(k24, 'K24 should be offered');
    assert.equal(k24.detail, 'Knowledge · Post production coordinator');
    const documentation = k24.documentation instanceof vscode.MarkdownString ? k24.documentation.value : String(k24.documentation);
    assert.match(documentation, /How to interpret post-production process, workflows and functions to meet deliverables\./);
    assert.match(documentation, /Duty 11/);
  });

  it('narrows a typed `S2` to S2 and S21-S23, replacing what was typed', async () => {
    const line = 3;
    const at = new vscode.Position(line, 'ksbs: [K1, K24, S21, B1'.length);
    const editor = await editedFixture('evidence/valid-list.md', at, ', S2');
    try {
      const cursor = at.translate(0, ', S2'.length);
      const items = codeItems(await completionsAt(editor.document.uri, cursor));
      assert.deepEqual(labels(items).sort(), ['S2', 'S21', 'S22', 'S23']);
      const s22 = items.find((item) => labelOf(item) === 'S22')!;
      const range = s22.range as { inserting: vscode.Range; replacing: vscode.Range };
      assert.ok(range.inserting.isEqual(new vscode.Range(cursor.translate(0, -2), cursor)));
      assert.equal(editor.document.getText(range.inserting), 'S2');
    } finally {
      await revert(editor);
    }
  });

  it('inserts `K1: ` on a new line of a block map', async () => {
    // evidence/valid-map.md: `ksbs:` on line 4, four `  CODE: "why"` lines after it.
    const editor = await editedFixture('evidence/valid-map.md', new vscode.Position(8, 0), '  \n');
    try {
      const items = codeItems(await completionsAt(editor.document.uri, new vscode.Position(8, 2)));
      const k1 = items.find((item) => labelOf(item) === 'K1');
      assert.equal(k1?.insertText, 'K1: ');
      assert.deepEqual(labels(items).slice(-4), ['K2', 'K25', 'S22', 'B4']);
    } finally {
      await revert(editor);
    }
  });

  it('inserts the code after `- ` in a block list', async () => {
    // evidence/block-list.md: `ksbs:` on line 4, `  - K2`, `  - K28`, `  - S23`, `  - B3` after it.
    const editor = await editedFixture('evidence/block-list.md', new vscode.Position(8, 0), '  - \n');
    try {
      const items = codeItems(await completionsAt(editor.document.uri, new vscode.Position(8, 4)));
      assert.equal(items.find((item) => labelOf(item) === 'S21')?.insertText, 'S21');
      assert.ok(!labels(items).includes('S18'));
      assert.deepEqual(labels(items).slice(-4), ['K2', 'K28', 'S23', 'B3']);
    } finally {
      await revert(editor);
    }
  });

  it('offers nothing of ours in the body', async () => {
    const uri = fixtureUri('evidence/valid-list.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const list = await completionsAt(uri, new vscode.Position(document.lineCount - 2, 0));
    assert.deepEqual(codeItems(list), []);
  });
});
