// The apprenticeship around the evidence in the editor, on test/fixtures/lifecycle-editor (copied
// into the workspace as a second, nested portfolio before each test and removed after it, since
// the runner wants the workspace as it found it after every test):
// the Sign Off command, the stale sign-off and its quick fix, the Gateway section, the evidence's
// sign-off states, the hours in the status bar, and completion and hover of the new fields. Every
// date of the fixture is in the past, `end` too, so nothing here moves with today.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { today } from '../../../src/core';
import type { KsbPortfolioApi } from '../../../src/extension';
import { extensionApi, rows, rowStarting, untilTree, type Row } from '../coverageHelpers';
import { diagnosticsWhere, shown } from '../diagnosticsHelpers';
import { closeAllEditorsDiscardingChanges, codeOf, fixtureUri, waitFor } from '../helpers';

const FOLDER = 'lifecycle-editor';
const fileUri = (relative: string) => fixtureUri(`${FOLDER}/${relative}`);

/** The fixture in the repository: the harness names the repository; the compiled suite sits four folders below it. */
function fixtureSource(): vscode.Uri {
  const repo = process.env.KSB_REPO_ROOT || path.resolve(__dirname, '..', '..', '..', '..');
  return vscode.Uri.file(path.join(repo, 'test', 'fixtures', FOLDER));
}

/** The rows of the lifecycle portfolio's node (the tree lists portfolios while there are two). */
async function portfolioRows(api: KsbPortfolioApi): Promise<Row[]> {
  const top = await rows(api);
  return rows(api, rowStarting(top, FOLDER).node);
}

/** The evidence rows under a KSB of the Knowledge group, as `label | description`. */
async function evidenceUnder(api: KsbPortfolioApi, code: string): Promise<Row[]> {
  const knowledge = rowStarting(await portfolioRows(api), 'Knowledge');
  return rows(api, rowStarting(await rows(api, knowledge.node), `${code} `).node);
}

/** The Gateway row (none while the portfolio has no coverage) and its checks, with what a timeout prints. */
interface GatewayRows {
  readonly gateway: Row | undefined;
  readonly checks: Row[];
  toJSON(): string[];
}

/**
 * The Gateway section once it shows the whole fixture. Until the debounced refresh after loading,
 * the view may still show a checklist computed from the portfolio half read (on a busy machine a
 * failing check had no place to open yet): wait for the state the tests assert, never sleep.
 */
async function loadedGateway(api: KsbPortfolioApi): Promise<{ gateway: Row; checks: Row[] }> {
  const read = async (): Promise<GatewayRows> => {
    const gateway = (await portfolioRows(api)).find((r) => r.label.startsWith('Gateway'));
    const checks = gateway ? await rows(api, gateway.node) : [];
    const described = (r: Row) => `${r.label}: ${r.description}${r.item.command ? ' (opens)' : ''}`;
    return { gateway, checks, toJSON: () => [gateway ? described(gateway) : 'no Gateway row', ...checks.map(described)] };
  };
  const loaded = ({ gateway, checks }: GatewayRows) => {
    const signoff = checks.find((r) => r.label === 'Employer sign-off');
    const hours = checks.find((r) => r.label === 'Off-the-job hours');
    return (
      gateway?.description === '4 of 7 checks pass' &&
      /changed since sign-off: evidence\/stale\.md; not signed off: evidence\/unsigned\.md/.test(signoff?.description ?? '') &&
      /62 hours of 100 hours/.test(hours?.description ?? '') &&
      signoff?.item.command !== undefined &&
      hours?.item.command !== undefined
    );
  };
  const { gateway, checks } = await untilTree(api, read, loaded, 'the Gateway section of the loaded fixture');
  assert.ok(gateway);
  return { gateway, checks };
}

/** The quick fixes offered for our diagnostic with `code` in `uri`. */
async function fixesFor(uri: vscode.Uri, code: string): Promise<vscode.CodeAction[]> {
  const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === code);
  assert.ok(diagnostic, `no ${code} in ${uri.path}; found ${shown(uri).join(', ')}`);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions.filter((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value);
}

describe('Lifecycle in the editor (sign-off, gateway, hours)', () => {
  let api: KsbPortfolioApi;

  before(async () => {
    api = await extensionApi();
  });

  beforeEach(async () => {
    await vscode.workspace.fs.copy(fixtureSource(), fixtureUri(FOLDER), { overwrite: false });
    api.workspace.wrote(fileUri('portfolio.yaml'));
    await waitFor(
      () => api.workspace.all().some((p) => p.rootUri.path.endsWith(`/${FOLDER}`) && p.index.portfolio && !p.index.isLoading),
      'the lifecycle portfolio to load',
    );
    await api.workspace.settled();
  });

  afterEach(async () => {
    await closeAllEditorsDiscardingChanges();
    await vscode.workspace.fs.delete(fixtureUri(FOLDER), { recursive: true, useTrash: false });
    await waitFor(() => api.workspace.all().length === 1, 'the lifecycle portfolio to close');
  });

  it('Should show a Gateway section that says not ready, with each check passing or failing in words and icons', async () => {
    const { gateway, checks } = await loadedGateway(api);
    assert.equal(gateway.label, 'Gateway: not ready');
    assert.equal(gateway.description, '4 of 7 checks pass');
    assert.equal(gateway.icon, 'error');
    assert.deepEqual(
      checks.map((r) => `${r.icon} ${r.label}: ${r.description.split(' · ')[0]}`),
      [
        'error KSB coverage: fail',
        'error Employer sign-off: fail',
        'error Off-the-job hours: fail',
        'pass Practical period: pass',
        'pass Progress reviews: pass',
        'pass Gateway requirements: pass',
        'pass No errors: pass',
      ],
    );
    const signoff = rowStarting(checks, 'Employer sign-off');
    assert.match(signoff.description, /changed since sign-off: evidence\/stale\.md; not signed off: evidence\/unsigned\.md/);
    assert.match(String(signoff.item.tooltip), /Employer sign-off: fails\. 1 of 3 evidence files signed off by the employer/);
    assert.match(rowStarting(checks, 'Off-the-job hours').description, /62 hours of 100 hours/);
  });

  it('Should open what a failing gateway check points at', async () => {
    const { checks } = await loadedGateway(api);
    const command = rowStarting(checks, 'Employer sign-off').item.command;
    assert.ok(command, 'the failing check has no command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), fileUri('evidence/stale.md').toString());

    const hours = rowStarting(checks, 'Off-the-job hours').item.command;
    assert.ok(hours, 'the failing hours check has no command');
    await vscode.commands.executeCommand(hours.command, ...(hours.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), fileUri('portfolio.yaml').toString());
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /^otj-target: 100/, 'the target the hours fall short of');

    assert.equal(rowStarting(checks, 'Practical period').item.command, undefined, 'a passing check with nothing to show opens nothing');
  });

  it('Should show each evidence file as signed, changed since sign-off or not signed off, naming who signed and when', async () => {
    const expected = [
      'verified-filled Edit decision list for the pilot | signed · evidence/signed.md',
      'warning Conform checklist | changed since sign-off · evidence/stale.md',
    ];
    // As the Gateway section, the rows may come from the portfolio half read until the refresh after loading.
    const asRead = (list: readonly Row[]) => list.map((r) => `${r.icon} ${r.label} | ${r.description}`);
    const underK1 = await untilTree(
      api,
      async () => {
        const list = await evidenceUnder(api, 'K1');
        // What a timeout prints: the rows as a user reads them, not their nodes.
        return Object.assign(list, { toJSON: () => asRead(list) });
      },
      (list) => JSON.stringify(asRead(list)) === JSON.stringify(expected),
      'the sign-off states under K1',
    );
    assert.deepEqual(asRead(underK1), expected);
    const signed = (rowStarting(underK1, 'Edit decision list').item.tooltip as vscode.MarkdownString).value;
    assert.match(signed, /Ravi Patel \(apprentice\) on 2024-02-14/);
    assert.match(signed, /Dana Reid \(employer\) on 2024-02-19/);
    const stale = (rowStarting(underK1, 'Conform checklist').item.tooltip as vscode.MarkdownString).value;
    assert.match(stale, /Dana Reid \(employer\) on 2024-03-11: \*\*changed since\*\*/);
    const [unsigned] = await evidenceUnder(api, 'K2');
    assert.equal(unsigned.description, 'not signed off · evidence/unsigned.md');
    assert.equal(unsigned.icon, 'circle-large-outline');
  });

  it('Should show the off-the-job hours against the target for the active portfolio only', async () => {
    await vscode.window.showTextDocument(fileUri('evidence/signed.md'));
    await untilTree(
      api,
      () => api.coverage.hoursStatusBar,
      (state) => state?.visible === true && state.text === '$(watch) OTJ 62/100 h',
      'the hours item to show the whole fixture',
    );
    assert.equal(api.coverage.hoursStatusBar?.text, '$(watch) OTJ 62/100 h');
    assert.match(api.coverage.hoursStatusBar?.tooltip ?? '', /Expected by today \(pro rata\): 100 hours: behind/);
    assert.match(api.coverage.hoursStatusBar?.tooltip ?? '', /`otj-target: 100` in portfolio\.yaml/);
    // The basic fixture sets no target: no hours item there.
    await vscode.window.showTextDocument(fixtureUri('evidence/valid-list.md'));
    await waitFor(() => api.coverage.hoursStatusBar?.visible === false, 'the hours item to hide in a portfolio without a target');
  });

  it('Should write a sign-off with the Sign Off command, as an undoable edit that the view follows', async () => {
    const uri = fileUri('evidence/unsigned.md');
    const editor = await vscode.window.showTextDocument(uri);
    const before = editor.document.getText();
    const result = await vscode.commands.executeCommand<{ signed: vscode.Uri[]; refused: unknown[] }>('ksbPortfolio.signOffEvidence', uri, {
      role: 'employer',
      by: 'Dana Reid',
    });
    assert.equal(result?.signed.length, 1, JSON.stringify(result));
    const text = editor.document.getText();
    assert.match(text, new RegExp(`\\nsignoff:\\n  - by: Dana Reid\\n    role: employer\\n    date: ${today()}\\n    digest: "v2:[0-9a-f]{12}"\\n---\\n`));
    assert.ok(editor.document.isDirty, 'the sign-off is an edit, not a save');
    await untilTree(
      api,
      async () => (await evidenceUnder(api, 'K2'))[0]?.description,
      (description) => description === 'signed · evidence/unsigned.md',
      'the evidence row to say signed',
    );
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === before, 'undo to restore the file');
  });

  it('Should refuse, without asking when told not to sign anyway, a file with errors, naming them', async () => {
    const uri = fileUri('evidence/unsigned.md');
    const editor = await vscode.window.showTextDocument(uri);
    const before = editor.document.getText();
    // An unknown code makes the file one with an error (ksb.unknown-code).
    const at = editor.document.positionAt(editor.document.getText().indexOf('ksbs: [') + 7);
    assert.ok(await editor.edit((edit) => edit.insert(at, 'K99, ')));
    await diagnosticsWhere(uri, (lines) => lines.some((l) => l.endsWith('ksb.unknown-code')), 'the unknown code to be reported');
    const result = await vscode.commands.executeCommand<{ signed: vscode.Uri[]; refused: { reason: string }[] }>('ksbPortfolio.signOffEvidence', uri, {
      role: 'employer',
      by: 'Dana Reid',
      force: false,
    });
    assert.equal(result?.signed.length, 0, JSON.stringify(result));
    assert.match(result?.refused[0]?.reason ?? '', /it has 1 error: ksb\.unknown-code at line \d+/);
    assert.ok(!editor.document.getText().includes('signoff:'), 'nothing was written');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === before, 'undo to restore the file');
  });

  it('Should refuse a role that is not one, saying which roles there are', async () => {
    const uri = fileUri('evidence/unsigned.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const result = await vscode.commands.executeCommand('ksbPortfolio.signOffEvidence', uri, { role: 'boss', by: 'Dana Reid' });
    assert.equal(result, undefined);
    assert.ok(!document.getText().includes('signoff:'), 'nothing was written');
  });

  it('Should report a sign-off as stale after an edit and clear it with the "Sign off again" quick fix', async () => {
    const uri = fileUri('evidence/signed.md');
    const editor = await vscode.window.showTextDocument(uri);
    await diagnosticsWhere(uri, (lines) => lines.length === 0, 'the signed file to be clean');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((edit) => edit.insert(end, 'Added after the sign-off.\n')));
    await diagnosticsWhere(uri, (lines) => lines.filter((l) => l.endsWith('signoff.stale')).length === 2, 'both sign-offs to go stale');

    const fixes = await fixesFor(uri, 'signoff.stale');
    const fix = fixes.find((a) => a.title.startsWith('Sign off again as '));
    assert.ok(fix?.edit, `expected a "Sign off again" fix, found ${fixes.map((a) => `"${a.title}"`).join(', ') || 'none'}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await diagnosticsWhere(uri, (lines) => lines.filter((l) => l.endsWith('signoff.stale')).length === 1, 'the renewed sign-off to be current');
    assert.match(editor.document.getText(), new RegExp(`date: ${today()}`));
  });

  it("Should complete a sign-off's role and explain a digest on hover, saying it matches the file", async () => {
    const uri = fileUri('evidence/signed.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const roleLine = document
      .getText()
      .split('\n')
      .findIndex((line) => line.trim() === 'role: employer');
    assert.ok(roleLine > 0);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(roleLine, document.lineAt(roleLine).text.length),
    );
    const ours = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const role of ['apprentice', 'employer', 'mentor', 'tutor']) assert.ok(ours.includes(role), ours.join(', '));

    const digestLine = roleLine + 2;
    assert.match(document.lineAt(digestLine).text, /digest:/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(digestLine, 6));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(
      text,
      /\*\*Matches the file now:\*\* the claims, text, date, hours, requirements, type and linked files are as Dana Reid \(employer\) on 2024-02-19 signed them/,
    );
  });
});
