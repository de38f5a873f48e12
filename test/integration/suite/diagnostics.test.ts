// Diagnostics as the user sees them in the Problems panel: every fixture file, opened or not,
// kept current as files are edited, created and deleted, with severities from the settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { uriExists } from '../../../src/vscode/vscodeFileSystem';
import { activeApi, diagnosticsWhere, expected, shown } from '../diagnosticsHelpers';
import { closeAllEditorsDiscardingChanges, codeOf, EXTENSION_ID, fixtureUri } from '../helpers';

describe('Diagnostics', () => {
  before(async () => {
    await activeApi();
  });

  const files = [
    'evidence/valid-list.md',
    'evidence/valid-map.md',
    'evidence/block-list.md',
    'evidence/wrong-option.md',
    'evidence/unknown.md',
    'evidence/duplicate.md',
    'evidence/yaml-error.md',
    'evidence/invalid-field.md',
    'evidence/no-ksbs.md',
    'evidence/attachments.md',
    'evidence/code-in-code.md',
    'evidence/crlf.md',
    'evidence/bom.md',
    'evidence/nested/deep/valid.md',
    'notes/README.md',
  ];
  for (const file of files) {
    it(`Should show exactly the diagnostics the markers of ${file} expect, without opening it`, async () => {
      const uri = fixtureUri(file);
      const want = await expected(uri);
      await diagnosticsWhere(uri, (lines) => JSON.stringify(lines) === JSON.stringify(want), `${file} to show ${want.join(', ') || 'nothing'}`);
      assert.deepEqual(shown(uri), want);
    });
  }

  it('Should report a wrong-option code with the option it belongs to', () => {
    const diagnostic = vscode.languages.getDiagnostics(fixtureUri('evidence/wrong-option.md')).find((d) => codeOf(d) === 'ksb.wrong-option');
    assert.ok(diagnostic);
    assert.equal(diagnostic.range.start.line, 5);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /K17 .*belongs to Production coordinator/);
  });

  it("Should link each diagnostic's code to its rule on the rules page of this release's tag", () => {
    const diagnostic = vscode.languages.getDiagnostics(fixtureUri('evidence/wrong-option.md')).find((d) => codeOf(d) === 'ksb.wrong-option');
    assert.ok(diagnostic && typeof diagnostic.code === 'object', 'the code carries a link');
    const version = String((vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { version: string }).version);
    assert.equal(diagnostic.code.target.toString(true), `https://github.com/ksb-portfolio/ksb-portfolio/blob/v${version}/docs/rules.md#ksbwrong-option`);
  });

  it('Should report the YAML error at its real line in the file', () => {
    const diagnostic = vscode.languages.getDiagnostics(fixtureUri('evidence/yaml-error.md')).find((d) => codeOf(d) === 'frontmatter.yaml-error');
    assert.ok(diagnostic);
    assert.equal(diagnostic.range.start.line, 5);
  });

  it('Should point a duplicate at the first claim through related information', () => {
    const diagnostic = vscode.languages.getDiagnostics(fixtureUri('evidence/duplicate.md')).find((d) => codeOf(d) === 'ksb.duplicate-code');
    assert.ok(diagnostic?.relatedInformation?.length === 1);
    const related = diagnostic.relatedInformation[0];
    assert.equal(related.location.uri.toString(), fixtureUri('evidence/duplicate.md').toString());
    assert.ok(related.location.range.start.line < diagnostic.range.start.line);
  });

  it('Should update diagnostics as the user types, before saving', async () => {
    const uri = fixtureUri('evidence/valid-list.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const line = document
      .getText()
      .split(/\r?\n/)
      .findIndex((l) => l.startsWith('ksbs:'));
    const closing = document.lineAt(line).text.lastIndexOf(']');
    try {
      await editor.edit((edit) => edit.insert(new vscode.Position(line, closing), ', K30'));
      await diagnosticsWhere(uri, (lines) => lines.includes(`${line + 1}:ksb.unknown-code`), 'K30 to be reported while unsaved');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    await diagnosticsWhere(uri, (lines) => lines.length === 0, 'the reverted file to be clean again');
    assert.equal(document.isDirty, false);
  });

  it('Should check a file created on disk and forget it when deleted', async () => {
    const uri = fixtureUri('evidence/created-by-test.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\nksbs: [K24, K99]\n---\nNew evidence.\n'));
    try {
      await diagnosticsWhere(uri, (lines) => lines.includes('2:ksb.unknown-code'), 'the new file to be checked');
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
    await diagnosticsWhere(uri, (lines) => lines.length === 0, 'the deleted file to lose its diagnostics');
  });

  /** Renames `from` to `to` with `rename`, checks the diagnostics moved, and renames it back. */
  async function renamedAndBack(
    from: string,
    to: string,
    rename: (from: vscode.Uri, to: vscode.Uri) => Thenable<unknown>,
    check?: (to: vscode.Uri) => void,
  ): Promise<void> {
    const [oldUri, newUri] = [fixtureUri(from), fixtureUri(to)];
    const want = await expected(oldUri);
    assert.ok(want.length > 0, `${from} should expect diagnostics`);
    await diagnosticsWhere(oldUri, (lines) => JSON.stringify(lines) === JSON.stringify(want), `${from} to show ${want.join(', ')} first`);
    await rename(oldUri, newUri);
    try {
      await diagnosticsWhere(newUri, (lines) => JSON.stringify(lines) === JSON.stringify(want), `${to} to show ${want.join(', ')}`);
      await diagnosticsWhere(oldUri, (lines) => lines.length === 0, `${from} to lose its diagnostics`);
      check?.(newUri);
    } finally {
      await rename(newUri, oldUri);
    }
    await diagnosticsWhere(oldUri, (lines) => JSON.stringify(lines) === JSON.stringify(want), `${from} to show ${want.join(', ')} again`);
    await diagnosticsWhere(newUri, (lines) => lines.length === 0, `${to} to lose its diagnostics again`);
  }

  it('Should move diagnostics to the new name when a file is renamed on disk, and back', async () => {
    await renamedAndBack(
      'evidence/duplicate.md',
      'evidence/renamed-by-test.md',
      (from, to) => vscode.workspace.fs.rename(from, to),
      (uri) => {
        // The duplicate's pointer to the first claim follows the file too.
        const related = vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'ksb.duplicate-code')?.relatedInformation?.[0];
        assert.equal(related?.location.uri.toString(), uri.toString());
      },
    );
  });

  it('Should move diagnostics with a file open in an editor that a workspace edit renames, and back', async () => {
    const renameByEdit = async (from: vscode.Uri, to: vscode.Uri) => {
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(from, to);
      assert.ok(await vscode.workspace.applyEdit(edit), `could not rename ${from.path}`);
    };
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixtureUri('evidence/unknown.md')));
    try {
      await renamedAndBack('evidence/unknown.md', 'evidence/renamed-by-edit.md', renameByEdit, (uri) => {
        assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the editor should follow the rename');
      });
    } finally {
      await closeAllEditorsDiscardingChanges();
    }
  });

  it("Should re-check the option's codes when portfolio.yaml changes on disk, and again when it is restored", async () => {
    // wrong-option.md claims K1 (core), K17 and S18 (production), S21 (post production).
    const config = fixtureUri('portfolio.yaml');
    const uri = fixtureUri('evidence/wrong-option.md');
    const want = await expected(uri);
    assert.deepEqual(want, ['6:ksb.wrong-option', '7:ksb.wrong-option']);
    await diagnosticsWhere(uri, (lines) => JSON.stringify(lines) === JSON.stringify(want), 'the post production diagnostics first');
    const original = await vscode.workspace.fs.readFile(config);
    const text = new TextDecoder().decode(original);
    assert.match(text, /^option: post-production-coordinator$/m);
    await vscode.workspace.fs.writeFile(
      config,
      new TextEncoder().encode(text.replace('option: post-production-coordinator', 'option: production-coordinator')),
    );
    try {
      await diagnosticsWhere(
        uri,
        (lines) => JSON.stringify(lines) === '["8:ksb.wrong-option"]',
        'only S21 to be the wrong option for a production coordinator',
      );
      const s21 = vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'ksb.wrong-option');
      assert.match(s21!.message, /S21 .*belongs to Post production coordinator/);
      // A file not touched by the change is re-checked too: K24 and S21 of valid-list.md.
      await diagnosticsWhere(
        fixtureUri('evidence/valid-list.md'),
        (lines) => JSON.stringify(lines) === '["4:ksb.wrong-option","4:ksb.wrong-option"]',
        'K24 and S21 of valid-list.md to be the wrong option',
      );
    } finally {
      await vscode.workspace.fs.writeFile(config, original);
    }
    await diagnosticsWhere(uri, (lines) => JSON.stringify(lines) === JSON.stringify(want), 'the post production diagnostics again');
    await diagnosticsWhere(fixtureUri('evidence/valid-list.md'), (lines) => lines.length === 0, 'valid-list.md to be clean again');
  });

  it('Should follow the per-rule severity setting, including ignore', async () => {
    const uri = fixtureUri('evidence/duplicate.md');
    const config = vscode.workspace.getConfiguration('ksbPortfolio');
    // A workspace setting is written to .vscode/settings.json, which the fixture does not have.
    const settingsFolder = fixtureUri('.vscode');
    const hadSettings = await uriExists(settingsFolder);
    try {
      await config.update('diagnostics.rules', { 'ksb.duplicate-code': 'error', 'ksb.unknown-code': 'ignore' }, vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhere(
        uri,
        (_, diagnostics) => diagnostics.find((d) => codeOf(d) === 'ksb.duplicate-code')?.severity === vscode.DiagnosticSeverity.Error,
        'the duplicate to become an error',
      );
      await diagnosticsWhere(fixtureUri('evidence/unknown.md'), (lines) => lines.length === 0, 'ignored unknown codes to disappear');
    } finally {
      await config.update('diagnostics.rules', undefined, vscode.ConfigurationTarget.Workspace);
      if (!hadSettings && (await uriExists(settingsFolder))) await vscode.workspace.fs.delete(settingsFolder, { recursive: true });
    }
    await diagnosticsWhere(fixtureUri('evidence/unknown.md'), (lines) => lines.length === 4, 'unknown codes to come back');
    assert.equal(vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'ksb.duplicate-code')?.severity, vscode.DiagnosticSeverity.Warning);
  });
});
