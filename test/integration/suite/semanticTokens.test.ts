// Colour for KSB codes in the body of portfolio files, through the semantic tokens VS Code asks
// the extension for (the grammar colours only the `ksbs:` entry of front matter).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KsbPortfolioApi } from '../../../src/extension';
import { EXTENSION_ID, fixtureUri } from '../helpers';

/** The tokens VS Code gets for `uri`, decoded as `line:character:text:type.modifiers`. */
async function decodedTokens(document: vscode.TextDocument): Promise<string[]> {
  const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', document.uri);
  const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', document.uri);
  if (!legend || !tokens) return [];
  const decoded: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, modifierBits] = tokens.data.slice(i, i + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const modifiers = legend.tokenModifiers.filter((_, bit) => modifierBits & (1 << bit));
    const text = document.getText(new vscode.Range(line, character, line, character + length));
    decoded.push(`${line}:${character}:${text}:${[legend.tokenTypes[type], ...modifiers].join('.')}`);
  }
  return decoded;
}

describe('colour of KSB codes in the body', () => {
  before(async () => {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as KsbPortfolioApi;
    await api.workspace.settled();
  });

  it('colours the codes of the standard in an evidence body, by kind', async () => {
    // The fixture's last line: `The conform covered K1 and S21 in practice.` Code spans, links
    // and codes the standard lacks are left out too (unit tests: codeTokens.test.ts).
    const document = await vscode.workspace.openTextDocument(fixtureUri('evidence/valid-list.md'));
    assert.deepEqual(await decodedTokens(document), ['9:20:K1:ksbCode.knowledge', '9:27:S21:ksbCode.skill']);
  });

  it('leaves Markdown outside any portfolio uncoloured', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Moving the S3 bucket; see K2 and B1.\n' });
    try {
      assert.deepEqual(await decodedTokens(document), []);
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
