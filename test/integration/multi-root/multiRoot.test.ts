// A multi-root workspace (test/fixtures/multi-root/portfolios.code-workspace): two folders, each
// with its own portfolio.yaml, option and version. The harness runs this suite in its own pass.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KsbPortfolioApi } from '../../../src/extension';
import { extensionApi, untilPortfolios } from '../coverageHelpers';
import { diagnosticsWhere, expected, shown } from '../diagnosticsHelpers';
import { closeAllEditorsDiscardingChanges, waitFor } from '../helpers';

/** A file of the named workspace folder. */
function fileOf(folderName: string, relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === folderName);
  if (!folder) throw new Error(`no workspace folder named ${folderName}`);
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

const callSheet = () => fileOf('production', 'evidence/call-sheet.md');
const conform = () => fileOf('post-production', 'evidence/conform.md');

/** The text of every hover on the first `code` on `line` of `uri`. */
async function hoverText(uri: vscode.Uri, line: number, code: string): Promise<string> {
  const document = await vscode.workspace.openTextDocument(uri);
  const character = document.lineAt(line).text.indexOf(code);
  assert.ok(character >= 0, `${code} is not on line ${line + 1} of ${uri.path}`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character + 1));
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n\n');
}

/** Our KSB code labels offered at `position`. */
async function codesOffered(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

describe('multi-root workspace', () => {
  let api: KsbPortfolioApi;
  before(async () => {
    api = await extensionApi();
  });

  it('opens each workspace folder with a portfolio.yaml as its own portfolio, with its own config', () => {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    assert.equal(folders.length, 2, 'the harness should open the two-folder workspace');
    const portfolios = api.workspace.all().map((p) => {
      const portfolio = p.index.portfolio;
      return `${p.rootUri.toString()} v${portfolio?.standard.version} ${portfolio?.option?.id}`;
    });
    assert.deepEqual(portfolios.sort(), [`${folders[1]} v1.1 post-production-coordinator`, `${folders[0]} v1.2 production-coordinator`].sort());
  });

  it('checks each folder against its own option', async () => {
    await diagnosticsWhere(conform(), (lines) => lines.length > 0, 'the post-production evidence to be checked');
    assert.deepEqual(shown(conform()), await expected(conform()));
    assert.deepEqual(await expected(conform()), ['6:ksb.wrong-option']);
    // K17 is wrong for post production, and fine in the production folder.
    assert.deepEqual(shown(callSheet()), []);
  });

  it('hovers with the folder’s own option and evidence', async () => {
    const production = await hoverText(callSheet(), 3, 'K17');
    assert.match(production, /\*\*K17\*\* · Knowledge · Production coordinator/);
    assert.match(production, /1 evidence file claims K17\n- \[evidence\/call-sheet\.md\]\(\S*\/production\/evidence\/call-sheet\.md#L4/);
    // 1.1 is the retired Media production co-ordinator standard: its option titles are its own, K17 is the production option's and K24 is core.
    assert.match(await hoverText(conform(), 5, 'K17'), /Not part of the Post Production, VFX and Animation Production option/);
    assert.match(
      await hoverText(conform(), 4, 'K24'),
      /1 evidence file claims K24\n- \[evidence\/conform\.md\]\(\S*\/post-production\/evidence\/conform\.md#L5/,
    );
  });

  it('offers each folder the codes of its own option', async () => {
    const position = new vscode.Position(3, 'ksbs: ['.length);
    const production = await codesOffered(callSheet(), position);
    assert.ok(production.includes('K17') && !production.includes('K24'), production.join(' '));
    const document = await vscode.workspace.openTextDocument(conform());
    const postProduction = await codesOffered(conform(), new vscode.Position(4, document.lineAt(4).text.indexOf('K24')));
    assert.ok(postProduction.includes('K24') && !postProduction.includes('K17'), postProduction.join(' '));
  });

  it('shows each portfolio at the top of the coverage tree, and the active one in the status bar', async () => {
    const portfolios = await untilPortfolios(api, 2, 'two portfolio nodes');
    assert.deepEqual(portfolios.sort(), [
      'post-production: ST0792 v1.1 · Post Production, VFX and Animation Production · 1/71',
      'production: ST0792 v1.2 · Production coordinator · 3/47',
    ]);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(callSheet()));
    await waitFor(() => api.coverage.statusBar?.text === 'KSB 3/47', 'the status bar to show the production portfolio');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(conform()));
    await waitFor(() => api.coverage.statusBar?.text === 'KSB 1/71', 'the status bar to show the post-production portfolio');
    await closeAllEditorsDiscardingChanges();
  });
});
