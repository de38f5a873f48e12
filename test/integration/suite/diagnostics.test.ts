// Diagnostics as the user sees them in the Problems panel: every fixture file, opened or not,
// kept current as files are edited, created and deleted, with severities from the settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, diagnosticsWhere, expected, shown } from '../diagnosticsHelpers';
import { fixtureUri } from '../helpers';

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
    const diagnostic = vscode.languages.getDiagnostics(fixtureUri('evidence/wrong-option.md')).find((d) => d.code === 'ksb.wrong-option');
    assert.ok(diagnostic);
    assert.equal(diagnostic.range.start.line, 5);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /K17 .*belongs to Production coordinator/);
  });

  it('Should report the YAML error at its real line in the file', () => {
    const diagnostic = vscode.languages.getDiagnostics(fixtureUri('evidence/yaml-error.md')).find((d) => d.code === 'frontmatter.yaml-error');
    assert.ok(diagnostic);
    assert.equal(diagnostic.range.start.line, 5);
  });

  it('Should point a duplicate at the first claim through related information', () => {
    const diagnostic = vscode.languages.getDiagnostics(fixtureUri('evidence/duplicate.md')).find((d) => d.code === 'ksb.duplicate-code');
    assert.ok(diagnostic?.relatedInformation?.length === 1);
    const related = diagnostic.relatedInformation[0];
    assert.equal(related.location.uri.toString(), fixtureUri('evidence/duplicate.md').toString());
    assert.ok(related.location.range.start.line < diagnostic.range.start.line);
  });

  it('Should update diagnostics as the user types, before saving', async () => {
    const uri = fixtureUri('evidence/valid-list.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const line = document.getText().split(/\r?\n/).findIndex((l) => l.startsWith('ksbs:'));
    const closing = document.lineAt(line).text.lastIndexOf(']');
    await editor.edit((edit) => edit.insert(new vscode.Position(line, closing), ', K30'));
    try {
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

  it('Should follow the per-rule severity setting, including ignore', async () => {
    const uri = fixtureUri('evidence/duplicate.md');
    const config = vscode.workspace.getConfiguration('ksbPortfolio');
    await config.update('diagnostics.rules', { 'ksb.duplicate-code': 'error', 'ksb.unknown-code': 'ignore' }, vscode.ConfigurationTarget.Workspace);
    try {
      await diagnosticsWhere(
        uri,
        (_, diagnostics) => diagnostics.find((d) => d.code === 'ksb.duplicate-code')?.severity === vscode.DiagnosticSeverity.Error,
        'the duplicate to become an error',
      );
      await diagnosticsWhere(fixtureUri('evidence/unknown.md'), (lines) => lines.length === 0, 'ignored unknown codes to disappear');
    } finally {
      await config.update('diagnostics.rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhere(fixtureUri('evidence/unknown.md'), (lines) => lines.length === 4, 'unknown codes to come back');
    assert.equal(vscode.languages.getDiagnostics(uri).find((d) => d.code === 'ksb.duplicate-code')?.severity, vscode.DiagnosticSeverity.Warning);
  });
});
