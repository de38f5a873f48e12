// Hover on KSB codes in the fixture portfolio (ST0792 v1.2, post production coordinator).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KsbPortfolioApi } from '../../../src/extension';
import { KsbHoverProvider } from '../../../src/vscode/hover';
import { PortfolioWorkspace } from '../../../src/vscode/portfolioWorkspace';
import { EXTENSION_ID, fixtureUri } from '../helpers';

/** The text of every hover at `position`, joined. */
async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n\n');
}

/** The position of the `occurrence`-th `text` on `line` of a fixture file, plus `offset`. */
async function positionOf(uri: vscode.Uri, line: number, text: string, offset = 1): Promise<vscode.Position> {
  const document = await vscode.workspace.openTextDocument(uri);
  const character = document.lineAt(line).text.indexOf(text);
  assert.ok(character >= 0, `${text} is not on line ${line + 1} of ${uri.path}`);
  return new vscode.Position(line, character + offset);
}

describe('hover on KSB codes', () => {
  before(async () => {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as KsbPortfolioApi;
    await api.workspace.settled();
  });

  it('shows the full text, option, duties and evidence of K24 in front matter', async () => {
    const uri = fixtureUri('evidence/valid-list.md');
    const text = await hoverText(uri, await positionOf(uri, 3, 'K24'));
    assert.match(text, /\*\*K24\*\* · Knowledge · Post production coordinator/);
    assert.ok(text.includes('How to interpret post-production process, workflows and functions to meet deliverables.'), text);
    assert.match(text, /- Duty 11: /);
    assert.match(text, /1 evidence file claims K24/);
    assert.match(text, /\[evidence\/valid-list\.md\]\(\S+valid-list\.md#L4/);
  });

  it('counts every file that validly claims S21', async () => {
    const uri = fixtureUri('evidence/valid-list.md');
    const text = await hoverText(uri, await positionOf(uri, 3, 'S21'));
    // valid-list.md, invalid-field.md (bad date, good claims), wrong-option.md and nested/deep/valid.md
    assert.match(text, /4 evidence files claim S21/);
  });

  it('says that ST0792 v1.2 has no K30 and suggests the nearest codes', async () => {
    const uri = fixtureUri('evidence/unknown.md');
    const text = await hoverText(uri, await positionOf(uri, 5, 'K30'));
    assert.match(text, /ST0792 v1\.2 has no K30 \(it has K1-K29\)/);
    assert.match(text, /\*\*K29\*\*/);
  });

  it('asks "did you mean K9?" on the near miss k9', async () => {
    const uri = fixtureUri('evidence/unknown.md');
    assert.match(await hoverText(uri, await positionOf(uri, 6, 'k9')), /did you mean K9\?/);
  });

  it('says a code of the production option does not count here', async () => {
    const uri = fixtureUri('evidence/wrong-option.md');
    assert.match(await hoverText(uri, await positionOf(uri, 5, 'K17')), /Not part of the Post production coordinator option/);
  });

  it('hovers on a code in the body only where it reads as a KSB reference (ksbPortfolio.bodyCodes: references)', async () => {
    const uri = fixtureUri('evidence/code-in-code.md');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const example = [...Array(editor.document.lineCount).keys()].find((n) => editor.document.lineAt(n).text.includes('`ksbs: [K99]`'));
    assert.ok(example !== undefined, 'code-in-code.md should mention `ksbs: [K99]`');
    // A claim written out as an example in inline code is not a reference: nothing of ours on it.
    assert.doesNotMatch(await hoverText(uri, await positionOf(uri, example, 'K99')), /K99/);
    const tagged = editor.document.lineCount;
    assert.ok(await editor.edit((edit) => edit.insert(editor.document.lineAt(tagged - 1).range.end, '\nBriefed the runner on safety [K4].\n')));
    try {
      assert.match(await hoverText(uri, await positionOf(uri, tagged, 'K4')), /\*\*K4\*\* · Knowledge/);
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.equal(editor.document.isDirty, false);
    }
  });

  it('hovers on a code in portfolio.yaml', async () => {
    const uri = fixtureUri('portfolio.yaml');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# Our option adds K24 to K29\n')));
    try {
      const text = await hoverText(uri, await positionOf(uri, 0, 'K24'));
      assert.match(text, /\*\*K24\*\* · Knowledge · Post production coordinator/);
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.equal(editor.document.isDirty, false);
    }
  });

  it('shows nothing of ours on a word that is not a code', async () => {
    const uri = fixtureUri('evidence/valid-list.md');
    const text = await hoverText(uri, await positionOf(uri, 1, 'Conform'));
    assert.doesNotMatch(text, /ST0792/);
  });

  it('answers a hover asked for while the portfolio is still loading', async () => {
    const uri = fixtureUri('evidence/valid-list.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const position = await positionOf(uri, 3, 'K24');
    // A workspace of our own, asked at once: its first scan of the folder has not even started.
    const workspace = new PortfolioWorkspace();
    const tokens = new vscode.CancellationTokenSource();
    try {
      const asked = new KsbHoverProvider(workspace).provideHover(document, position, tokens.token);
      assert.equal(workspace.all().length, 0, 'the portfolio should not be loaded yet when the hover is asked for');
      const hover = await asked;
      assert.ok(hover, 'no hover once the portfolio had loaded');
      assert.match((hover.contents[0] as vscode.MarkdownString).value, /\*\*K24\*\* · Knowledge/);
    } finally {
      tokens.dispose();
      workspace.dispose();
    }
  });
});
