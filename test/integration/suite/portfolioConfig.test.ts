// Diagnostics on portfolio.yaml itself: the extension checks it, since yamlValidation needs
// another extension (Red Hat YAML) to do anything.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, diagnosticsWhere, expected, ours, shown } from '../diagnosticsHelpers';
import { codeOf, fixtureUri } from '../helpers';

describe('portfolio.yaml diagnostics', () => {
  before(async () => {
    await activeApi();
  });

  it('Should report an unknown option at its line, naming the valid ones, and clear it once fixed', async () => {
    const config = fixtureUri('portfolio.yaml');
    const original = await vscode.workspace.fs.readFile(config);
    const text = new TextDecoder().decode(original);
    const optionLine = text.split('\n').findIndex((line) => line.startsWith('option:'));
    assert.ok(optionLine >= 0, 'the fixture config should set an option');
    try {
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(text.replace(/^option: .*$/m, 'option: editor')));
      await diagnosticsWhere(config, (lines) => lines.includes(`${optionLine + 1}:portfolio.invalid-config`), 'the unknown option to be reported');
      const diagnostic = ours(config).find((d) => codeOf(d) === 'portfolio.invalid-config');
      assert.equal(diagnostic?.severity, vscode.DiagnosticSeverity.Error);
      assert.match(
        diagnostic?.message ?? '',
        /Unexpected option `editor` for ST0792 v1\.2: expected one of `production-coordinator` \(Production coordinator\), `post-production-coordinator`/,
      );
      assert.equal(diagnostic?.range.start.character, 'option: '.length);
    } finally {
      await vscode.workspace.fs.writeFile(config, original);
    }
    await diagnosticsWhere(config, (lines) => lines.length === 0, 'portfolio.yaml to be clean again');
    // The evidence is checked against the restored option again.
    const wrongOption = fixtureUri('evidence/wrong-option.md');
    const want = await expected(wrongOption);
    await diagnosticsWhere(wrongOption, (lines) => JSON.stringify(lines) === JSON.stringify(want), 'the evidence diagnostics to come back');
    assert.deepEqual(shown(wrongOption), want);
  });
});
