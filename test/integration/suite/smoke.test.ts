// The packaged extension is installed, activates on a portfolio workspace, and Markdown opens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixtureUri, waitFor, workspaceFolder } from '../helpers';

describe('smoke', () => {
  it('has the extension installed', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    assert.equal(extension.packageJSON.name, 'ksb-portfolio');
  });

  it('opens the fixture workspace, with portfolio.yaml at its root', async () => {
    const stat = await vscode.workspace.fs.stat(fixtureUri('portfolio.yaml'));
    assert.equal(stat.type, vscode.FileType.File);
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
    assert.ok(workspaceFolder().name.length > 0);
  });

  it('activates on a workspace that contains portfolio.yaml', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    // workspaceContains:**/portfolio.yaml activates it without anyone calling activate().
    await waitFor(() => extension.isActive, `${EXTENSION_ID} to activate`, 30_000);
    assert.equal(extension.isActive, true);
  });

  it('opens a Markdown file in an editor', async () => {
    const [uri] = await vscode.workspace.findFiles('**/*.md', '**/node_modules/**', 1);
    assert.ok(uri, 'the fixture has no Markdown file');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'markdown');
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    assert.ok(document.lineCount > 0);
  });
});
