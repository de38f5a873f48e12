// Quick fixes as the user applies them: found through the light bulb for a diagnostic, applied as
// an undoable edit, and the text and the diagnostics that follow.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, diagnosticsWhere, shown } from '../diagnosticsHelpers';
import { closeAllEditorsDiscardingChanges, codeOf, fixtureUri, waitFor } from '../helpers';

/** The quick fixes offered for the diagnostic with `code` on 1-based `line` of `uri`. */
async function fixesFor(uri: vscode.Uri, line: number, code: string): Promise<vscode.CodeAction[]> {
  const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === code && d.range.start.line === line - 1);
  assert.ok(diagnostic, `no ${code} on line ${line}; found ${shown(uri).join(', ')}`);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  // Actions come back through the command converted, without their diagnostics: tell ours by kind.
  return actions.filter((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value);
}

/** Opens a fixture file, applies the fix titled `title`, and returns the document. */
async function apply(uri: vscode.Uri, line: number, code: string, title: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  // The editor may answer the first request for a file it has just opened without our actions
  // (the light bulb asks again; there is no event for it): ask until the fix is there.
  let fixes: vscode.CodeAction[] = [];
  const fix = await waitFor(async () => {
    fixes = await fixesFor(uri, line, code);
    return fixes.find((a) => a.title === title);
  }, `a fix "${title}"`).catch(() => undefined);
  assert.ok(fix?.edit, `expected a fix "${title}", found ${fixes.map((a) => `"${a.title}"`).join(', ') || 'none'}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  return document;
}

/** Puts the active editor's file back as it is on disk. */
async function revert(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  assert.equal(document.isDirty, false);
}

describe('Quick fixes', () => {
  before(async () => {
    await activeApi();
  });

  it('Should replace a near-miss with the canonical code', async () => {
    const uri = fixtureUri('evidence/unknown.md');
    const document = await apply(uri, 7, 'ksb.unknown-code', 'Replace k9 with K9');
    try {
      assert.equal(document.lineAt(6).text.trim(), '- K9 # expect: ksb.unknown-code');
      await diagnosticsWhere(uri, (lines) => !lines.includes('7:ksb.unknown-code'), 'the fixed line to be clean');
    } finally {
      await revert(document);
    }
  });

  it('Should remove a code of the other option, leaving the list valid', async () => {
    const uri = fixtureUri('evidence/wrong-option.md');
    const before = (await vscode.workspace.openTextDocument(uri)).getText();
    const document = await apply(uri, 6, 'ksb.wrong-option', 'Remove K17 from ksbs');
    try {
      const after = document.getText();
      assert.ok(!after.includes('K17'), 'K17 is gone');
      assert.equal(after.split(/\r?\n/).length, before.split(/\r?\n/).length - 1, 'exactly its line is removed');
      await diagnosticsWhere(uri, (lines) => lines.length === 1 && lines[0].endsWith('ksb.wrong-option'), 'only S18 to be left');
    } finally {
      await revert(document);
    }
  });

  it('Should remove the second claim of a duplicate code', async () => {
    const uri = fixtureUri('evidence/duplicate.md');
    const document = await apply(uri, 7, 'ksb.duplicate-code', 'Remove duplicate K3 from ksbs');
    try {
      assert.equal(document.getText().match(/\bK3\b/g)?.length, 1);
      await diagnosticsWhere(uri, (lines) => lines.length === 0, 'the duplicate to be gone');
    } finally {
      await revert(document);
    }
  });

  it("Should claim the codes a file tags in its text, with the paragraph's first sentence, from the tagged-not-claimed fix", async () => {
    const uri = fixtureUri('evidence/tagged-not-claimed.md');
    const text = [
      '---',
      'title: Conform notes for the Tidelines edit',
      'ksbs: []',
      '---',
      '',
      'I prepared the conform for the online edit. Every reel was checked against the EDL [K7, S3].',
      '',
      'The proxies sat in an AWS S3 bucket overnight.',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      await diagnosticsWhere(uri, (lines) => lines.includes('6:evidence.tagged-not-claimed'), 'the tagged codes to be reported');
      const document = await apply(uri, 6, 'evidence.tagged-not-claimed', 'Claim K7, S3 tagged in the text');
      assert.match(
        document.getText(),
        /^---\ntitle: Conform notes for the Tidelines edit\nksbs:\n {2}K7: "I prepared the conform for the online edit\."\n {2}S3: "I prepared the conform for the online edit\."\n---\n\nI prepared/,
      );
      await diagnosticsWhere(uri, (lines) => lines.length === 0, 'the file to claim its tags, with nothing left to report');
    } finally {
      await closeAllEditorsDiscardingChanges();
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('Should add a ksbs field to evidence that claims nothing, and undo it', async () => {
    const uri = fixtureUri('evidence/no-ksbs.md');
    const document = await apply(uri, 1, 'evidence.no-ksbs', 'Add a ksbs: field to the front matter');
    try {
      assert.match(document.getText(), /\nksbs: \[\]\r?\n---/);
      await vscode.commands.executeCommand('undo');
      assert.doesNotMatch(document.getText(), /ksbs:/);
    } finally {
      await revert(document);
    }
  });

  it('Should rename a mistyped claims key to ksbs, and read its codes then', async function () {
    // A new file goes through the file watcher first, which is slower than an edit.
    this.timeout(60_000);
    const uri = fixtureUri('evidence/mistyped-key.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\ntitle: Mistyped key\nKSBs: [K1, S1]\n---\n\nText.\n'));
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await diagnosticsWhere(uri, (lines) => lines.includes('3:frontmatter.mistyped-ksbs'), 'the mistyped key to be reported');
      const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'frontmatter.mistyped-ksbs');
      assert.match(diagnostic?.message ?? '', /found `KSBs:`/);
      const fixed = await apply(uri, 3, 'frontmatter.mistyped-ksbs', 'Rename KSBs to ksbs');
      assert.equal(fixed.lineAt(2).text, 'ksbs: [K1, S1]');
      await diagnosticsWhere(uri, (lines) => !lines.includes('3:frontmatter.mistyped-ksbs'), 'the renamed key to be clean');
    } finally {
      await closeAllEditorsDiscardingChanges();
      await vscode.workspace.fs.delete(uri, { useTrash: false });
    }
  });

  it('Should offer to create portfolio.yaml for evidence without a config, and create it', async () => {
    const configUri = fixtureUri('portfolio.yaml');
    const original = await vscode.workspace.fs.readFile(configUri);
    const evidenceUri = fixtureUri('evidence/valid-list.md');
    await vscode.workspace.fs.delete(configUri);
    try {
      const document = await vscode.workspace.openTextDocument(evidenceUri);
      await vscode.window.showTextDocument(document);
      await diagnosticsWhere(evidenceUri, (lines) => lines.some((l) => l.endsWith('portfolio.missing-config')), 'the missing config to be reported');
      const line = Number(
        shown(evidenceUri)
          .find((l) => l.endsWith('portfolio.missing-config'))!
          .split(':')[0],
      );
      const [fix] = await fixesFor(evidenceUri, line, 'portfolio.missing-config');
      assert.ok(fix?.edit && fix.title.startsWith('Create portfolio.yaml'), `found ${fix?.title}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      // The new file opens with the template as an unsaved edit, as a user would see it; save it.
      const config = await vscode.workspace.openTextDocument(configUri);
      assert.ok(await config.save());
      const created = new TextDecoder().decode(await vscode.workspace.fs.readFile(configUri));
      assert.match(created, /^standard: ST0792$/m);
      assert.match(created, /^option: production-coordinator/m);
      await diagnosticsWhere(evidenceUri, (lines) => !lines.some((l) => l.endsWith('portfolio.missing-config')), 'the file to be governed again');
    } finally {
      await vscode.workspace.fs.writeFile(configUri, original);
      await closeAllEditorsDiscardingChanges();
      await (await activeApi()).workspace.settled();
    }
    // Back on the fixture's post production option: K24 is valid, so the file is clean.
    await diagnosticsWhere(fixtureUri('evidence/wrong-option.md'), (lines) => lines.length === 2, 'the fixture config to be back in force');
  });
});
