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

/** Our front-matter field names: the `Property` items. */
function fieldItems(list: vscode.CompletionList | undefined): vscode.CompletionItem[] {
  return (list?.items ?? []).filter((item) => item.kind === vscode.CompletionItemKind.Property);
}

/** Today as `YYYY-MM-DD` in local time, as the extension host sees it. */
function localDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The snippet an item inserts, or `undefined` when it inserts plain text. */
function snippetText(item: vscode.CompletionItem | undefined): string | undefined {
  return item?.insertText instanceof vscode.SnippetString ? item.insertText.value : undefined;
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

  it('finds K24 by typing words of its text, which the items carry as their filter text', async () => {
    // K24: "How to interpret post-production process, workflows and functions to meet deliverables."
    const at = new vscode.Position(3, 'ksbs: [K1, K24, S21, B1'.length);
    const typed = ', interpret post';
    const editor = await editedFixture('evidence/valid-list.md', at, typed);
    try {
      const cursor = at.translate(0, typed.length);
      const items = codeItems(await completionsAt(editor.document.uri, cursor));
      assert.deepEqual(labels(items), ['K24']);
      // The editor filters the typed words against filterText: it must hold the KSB text, not just the code.
      assert.match(items[0].filterText ?? '', /^K24 How to interpret post-production process/);
      const range = items[0].range as { inserting: vscode.Range };
      assert.equal(editor.document.getText(range.inserting), 'interpret post');
    } finally {
      await revert(editor);
    }
  });

  it('offers the codes in a flow map after a comma, as just the code, claimed codes last', async () => {
    const text = 'ksbs: {K24: "Read the post workflow", }\n';
    const editor = await editedFixture('evidence/no-ksbs.md', new vscode.Position(4, 0), text);
    try {
      const items = codeItems(await completionsAt(editor.document.uri, new vscode.Position(4, text.indexOf('}'))));
      const shown = labels(items);
      assert.equal(items.find((item) => labelOf(item) === 'S21')?.insertText, 'S21');
      for (const code of ['K1', 'K29', 'S21', 'B4']) assert.ok(shown.includes(code), `${code} should be offered`);
      assert.ok(!shown.includes('K17'), 'K17 belongs to the production option');
      assert.equal(shown.at(-1), 'K24');
      assert.equal(shown.indexOf('K24'), shown.length - 1, 'K24 is claimed and should be offered once, last');
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

describe('completion of front matter fields', () => {
  before(async () => {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as KsbPortfolioApi;
    await api.workspace.settled();
  });

  it('offers only the missing field names on an empty front matter line', async () => {
    // evidence/no-ksbs.md: a comment, `title:` and `date:`, no `ksbs:`; line 4 is the closing fence.
    const editor = await editedFixture('evidence/no-ksbs.md', new vscode.Position(4, 0), '\n');
    try {
      const fields = fieldItems(await completionsAt(editor.document.uri, new vscode.Position(4, 0)));
      assert.deepEqual(labels(fields).sort(), [
        'draft',
        'ksbs',
        'ksbs (with justifications)',
        'otj',
        'otj (dated entries)',
        'signoff (Sign Off Evidence…)',
        'type',
      ]);
    } finally {
      await revert(editor);
    }
    // evidence/valid-list.md has title, date and ksbs: only the sign-off, the hours and draft are left (no `type` where codes are claimed).
    const full = await editedFixture('evidence/valid-list.md', new vscode.Position(4, 0), '\n');
    try {
      assert.deepEqual(labels(fieldItems(await completionsAt(full.document.uri, new vscode.Position(4, 0)))).sort(), [
        'draft',
        'otj',
        'otj (dated entries)',
        'signoff (Sign Off Evidence…)',
      ]);
    } finally {
      await revert(full);
    }
  });

  it('inserts `ksbs: []` with the cursor inside and opens the code suggestions again', async () => {
    const editor = await editedFixture('evidence/no-ksbs.md', new vscode.Position(4, 0), '\n');
    try {
      const at = new vscode.Position(4, 0);
      const fields = fieldItems(await completionsAt(editor.document.uri, at));
      const ksbs = fields.find((item) => labelOf(item) === 'ksbs');
      assert.equal(snippetText(ksbs), 'ksbs: [$1]');
      assert.equal(ksbs!.command?.command, 'editor.action.triggerSuggest');
      assert.equal(snippetText(fields.find((item) => labelOf(item) === 'ksbs (with justifications)')), 'ksbs:\n  $1: $0');
      // Accept it as the suggest widget would, then ask again where the snippet left the cursor.
      const range = ksbs!.range as { inserting: vscode.Range };
      assert.ok(range.inserting.isEqual(new vscode.Range(at, at)));
      assert.ok(await editor.insertSnippet(ksbs!.insertText as vscode.SnippetString, range.inserting));
      assert.equal(editor.document.lineAt(4).text, 'ksbs: []');
      assert.ok(editor.selection.active.isEqual(new vscode.Position(4, 'ksbs: ['.length)));
      const codes = labels(codeItems(await completionsAt(editor.document.uri, editor.selection.active)));
      assert.ok(codes.includes('K24'), `K24 should be offered inside the new list, got ${codes.join(', ')}`);
    } finally {
      await revert(editor);
    }
  });

  it("offers today's date as a value after `date: `", async () => {
    // evidence/no-ksbs.md line 4: `date: 2026-03-20`; the item replaces the date written there.
    const uri = fixtureUri('evidence/no-ksbs.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const line = document.lineAt(3).text;
    assert.equal(line, 'date: 2026-03-20');
    const before = localDate();
    const list = await completionsAt(uri, new vscode.Position(3, line.length));
    const values = list.items.filter((item) => item.kind === vscode.CompletionItemKind.Value);
    assert.equal(values.length, 1, `one date expected, got ${labels(values).join(', ') || 'none'}`);
    assert.ok([before, localDate()].includes(labelOf(values[0])), `${labelOf(values[0])} is not today`);
    assert.equal(values[0].detail, 'Today');
    const range = values[0].range as { inserting: vscode.Range };
    assert.equal(document.getText(range.inserting), '2026-03-20');
  });
});
