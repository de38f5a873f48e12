// Completion and hover in the fixture's portfolio.yaml (ST0792 v1.2, post production coordinator),
// with the hand-made API standard ST9001 in a `standards/` folder each test makes and removes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KsbPortfolioApi } from '../../../src/extension';
import { extensionApi } from '../coverageHelpers';
import { closeAllEditorsDiscardingChanges, fixtureUri } from '../helpers';
import { API_STANDARD_TEXT, removeStandards, standardsFolder, untilKnown } from '../standardFixture';

const CONFIG = () => fixtureUri('portfolio.yaml');

/** Our value items at the end of `line` of portfolio.yaml, in the order the widget shows them unfiltered. */
async function valuesAt(line: number, character?: number): Promise<vscode.CompletionItem[]> {
  const document = await vscode.workspace.openTextDocument(CONFIG());
  const position = new vscode.Position(line, character ?? document.lineAt(line).text.length);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, undefined, 1);
  return list.items
    .filter((item) => item.kind === vscode.CompletionItemKind.Value || item.kind === vscode.CompletionItemKind.Property)
    .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

async function hoverAt(line: number, character: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', CONFIG(), new vscode.Position(line, character));
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n\n');
}

describe('portfolio.yaml completion and hover', () => {
  let api: KsbPortfolioApi;

  before(async () => {
    api = await extensionApi();
  });

  beforeEach(async () => {
    await vscode.workspace.fs.createDirectory(standardsFolder());
    const file = vscode.Uri.joinPath(standardsFolder(), 'ST9001_1.0.json');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(API_STANDARD_TEXT));
    api.workspace.wrote(file);
    await untilKnown(api, 'ST9001');
  });

  afterEach(async () => {
    await closeAllEditorsDiscardingChanges();
    await removeStandards(api);
  });

  it('Should offer the shipped ST0792 and the workspace API standard ST9001 after standard:', async () => {
    const items = await valuesAt(0);
    assert.deepEqual(items.map(labelOf), ['ST0792', 'ST9001']);
    assert.equal(items[0].detail, 'Junior production coordinator · 1.0, 1.1, 1.2 · shipped');
    assert.equal(items[1].detail, 'Test rig technician · 1.0 · in this portfolio');
    const documentation = items[0].documentation;
    assert.match(typeof documentation === 'string' ? documentation : (documentation?.value ?? ''), /\*\*Versions:\*\*/);
  });

  it("Should offer the chosen standard's versions, latest first and quoted, after version:", async () => {
    const items = await valuesAt(1);
    assert.deepEqual(items.map(labelOf), ['1.2', '1.1', '1.0']);
    assert.equal((items[1].insertText as string) ?? '', '"1.1"');
  });

  it("Should offer the chosen version's option ids after option:, titled", async () => {
    const items = await valuesAt(2);
    assert.deepEqual(items.map(labelOf), ['production-coordinator', 'post-production-coordinator']);
    assert.match(String(items[1].detail), /^Post production coordinator · /);
  });

  it('Should offer the options of the workspace standard once standard: names it, unsaved', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(CONFIG()));
    assert.ok(await editor.edit((edit) => edit.replace(new vscode.Range(0, 10, 0, 16), 'ST9001')));
    assert.ok(await editor.edit((edit) => edit.replace(new vscode.Range(1, 9, 1, 14), '"1.0"')));
    assert.deepEqual((await valuesAt(2)).map(labelOf), ['hydraulic-rigs', 'electrical-rigs']);
    const hover = await hoverAt(0, 12);
    assert.match(hover, /\*\*ST9001 v1\.0\*\* · Test rig technician · level 3/);
    assert.match(hover, /\*\*Source:\*\* workspace file `standards\/ST9001_1\.0\.json`/);
  });

  it("Should show the standard's title, status and source on hover over standard:", async () => {
    const text = await hoverAt(0, 12);
    assert.match(text, /\*\*ST0792 v1\.2\*\* · Junior production coordinator · level 4/);
    assert.match(text, /\*\*Source:\*\* shipped with KSB Portfolio/);
    assert.match(text, /- 1\.2 \(latest, this portfolio\)/);
  });

  it("Should show the option's own KSB count on hover over option:", async () => {
    assert.match(await hoverAt(2, 12), /\*\*Post production coordinator\*\* \(`post-production-coordinator`\)[\s\S]*\*\*Own KSBs:\*\* 6 knowledge, 3 skills/);
  });

  it('Should offer the fields the config does not have on a new line', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(CONFIG()));
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((edit) => edit.insert(end, editor.document.lineAt(end.line).text === '' ? '' : '\n')));
    const items = await valuesAt(editor.document.lineCount - 1, 0);
    assert.deepEqual(items.map(labelOf), [
      'standards',
      'start',
      'end',
      'weekly-hours',
      'employer',
      'provider',
      'mentor',
      'otj-target',
      'placeholders',
      'site-root',
      'gateway',
      'assessment',
      'people',
      'verify-signoffs',
    ]);
  });

  it("Should say what the apprenticeship's fields are for on their keys, those of gateway: too", async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(CONFIG()));
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const added = `${editor.document.lineAt(end.line).text === '' ? '' : '\n'}weekly-hours: 30\ngateway:\n  review-interval: 12 weeks\n`;
    assert.ok(await editor.edit((edit) => edit.insert(end, added)));
    const line = (text: string) =>
      editor.document
        .getText()
        .split('\n')
        .findIndex((l) => l.startsWith(text));
    assert.match(await hoverAt(line('weekly-hours'), 3), /\*\*weekly-hours\*\* · Contracted hours a week/);
    assert.match(await hoverAt(line('  review-interval'), 5), /\*\*gateway\.review-interval\*\* · The longest gap between progress reviews/);
  });
});
