// The coverage tree and the status bar item on the basic fixture (ST0792 v1.2, post production
// coordinator; see test/fixtures/README.md). Its valid claims cover K1-K4 and K24-K29 (10 of 22
// knowledge), S3 and S21-S23 (4 of 20 skills) and B1-B4 (4 of 4): 18 of 46.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KsbPortfolioApi } from '../../../src/extension';
import { extensionApi, replaceAndSave, rows, rowStarting, topLevel, untilTree } from '../coverageHelpers';
import { closeAllEditorsDiscardingChanges, fixtureUri } from '../helpers';

const FIXTURE_TOP_LEVEL = [
  'Knowledge 10/22',
  'Skills 4/20',
  'Behaviours 4/4',
  // The basic fixture tracks no lifecycle: only `requirements` (none listed) passes.
  'Gateway: not ready 1 of 7 checks pass',
  'Evidence claiming no KSB 1',
  'Files with problems 7',
];

describe('Coverage view', () => {
  let api: KsbPortfolioApi;

  before(async () => {
    api = await extensionApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('ksbPortfolio.groupByKind');
    await vscode.commands.executeCommand('ksbPortfolio.showAll');
    await closeAllEditorsDiscardingChanges();
  });

  it('Should show covered/total per kind, the gateway, then evidence claiming nothing and files with problems', async () => {
    await untilTree(
      api,
      () => topLevel(api),
      (top) => top.join() === FIXTURE_TOP_LEVEL.join(),
      'the fixture counts',
    );
    assert.deepEqual(await topLevel(api), FIXTURE_TOP_LEVEL);
  });

  it('Should describe the view with the standard, version and option', async () => {
    await untilTree(
      api,
      () => api.coverage.treeView?.description,
      (d) => d !== undefined,
      'the view description',
    );
    assert.equal(api.coverage.treeView?.description, 'ST0792 v1.2 · Post production coordinator');
  });

  it('Should list a covered KSB with a pass icon, its evidence count and its evidence files', async () => {
    const knowledge = rowStarting(await rows(api), 'Knowledge');
    const k1 = rowStarting(await rows(api, knowledge.node), 'K1 ');
    assert.match(k1.label, /^K1 How structure, vision and purpose/);
    assert.equal(k1.description, '3 files');
    assert.equal(k1.icon, 'pass');
    assert.ok(k1.collapsible);
    const tooltip = k1.item.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /How structure, vision and purpose affects production/);
    assert.match(tooltip.value, /Duties/);

    const evidence = await rows(api, k1.node);
    assert.deepEqual(
      evidence.map((r) => `${r.label} | ${r.description}`),
      [
        'Claims with codes that ST0792 v1.2 does not have | not signed off · evidence/unknown.md',
        'Conform and online booking for episode 1 | not signed off · evidence/valid-list.md',
        'Clearing archive for the title sequence | not signed off · evidence/wrong-option.md',
      ],
    );
  });

  it('Should list an uncovered KSB with an empty circle and no children', async () => {
    const knowledge = rowStarting(await rows(api), 'Knowledge');
    const k5 = rowStarting(await rows(api, knowledge.node), 'K5 ');
    assert.equal(k5.icon, 'circle-large-outline');
    assert.equal(k5.description, 'no evidence');
    assert.equal(k5.collapsible, false);
  });

  it('Should leave out the KSBs of the other option', async () => {
    const knowledge = rowStarting(await rows(api), 'Knowledge');
    const codes = (await rows(api, knowledge.node)).map((r) => r.label.split(' ')[0]);
    assert.ok(codes.includes('K24') && !codes.includes('K17'), codes.join(', '));
  });

  it('Should open an evidence file at the line of its claim', async () => {
    const knowledge = rowStarting(await rows(api), 'Knowledge');
    const k24 = rowStarting(await rows(api, knowledge.node), 'K24 ');
    const [evidence] = await rows(api, k24.node);
    const command = evidence.item.command;
    assert.ok(command, 'the evidence row has no command');
    assert.equal(command.command, 'ksbPortfolio.openEvidence');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), fixtureUri('evidence/valid-list.md').toString());
    // `ksbs: [K1, K24, S21, B1]` is line 4; the selection is the code.
    assert.equal(editor.selection.start.line, 3);
    assert.equal(editor.document.getText(editor.selection), 'K24');
  });

  it('Should list the evidence that claims nothing and the files with problems, with counts', async () => {
    const top = await rows(api);
    const unclaimed = await rows(api, rowStarting(top, 'Evidence claiming no KSB').node);
    assert.deepEqual(
      unclaimed.map((r) => r.description),
      ['evidence/no-ksbs.md'],
    );
    const problems = await rows(api, rowStarting(top, 'Files with problems').node);
    assert.deepEqual(
      problems.map((r) => `${r.label}: ${r.description}`),
      [
        'attachments.md: 1 problem · evidence/attachments.md',
        'duplicate.md: 1 problem · evidence/duplicate.md',
        'invalid-field.md: 1 problem · evidence/invalid-field.md',
        'no-ksbs.md: 1 problem · evidence/no-ksbs.md',
        'unknown.md: 4 problems · evidence/unknown.md',
        'wrong-option.md: 2 problems · evidence/wrong-option.md',
        'yaml-error.md: 1 problem · evidence/yaml-error.md',
      ],
    );
    assert.equal(rowStarting(problems, 'unknown.md').icon, 'error');
  });

  it('Should group by the duties of the option and back by kind', async () => {
    await vscode.commands.executeCommand('ksbPortfolio.groupByDuty');
    const duties = await untilTree(
      api,
      () => rows(api),
      (list) => list[0]?.label.startsWith('Duty '),
      'duty groups',
    );
    const labels = duties.map((r) => r.label);
    assert.ok(
      labels.some((l) => l.startsWith('Duty 11:')),
      labels.join(' | '),
    );
    assert.ok(!labels.some((l) => l.startsWith('Duty 9:') || l.startsWith('Duty 10:')), 'duties 9 and 10 belong to the other option');
    assert.match(rowStarting(duties, 'Duty 1:').description, /^\d+\/10$/);
    // A KSB sits under every duty that lists it.
    const underDuty1 = await rows(api, rowStarting(duties, 'Duty 1:').node);
    assert.ok(underDuty1.some((r) => r.label.startsWith('K1 ')));

    await vscode.commands.executeCommand('ksbPortfolio.groupByKind');
    const kinds = await untilTree(
      api,
      () => topLevel(api),
      (top) => top[0] === 'Knowledge 10/22',
      'kind groups again',
    );
    assert.deepEqual(kinds, FIXTURE_TOP_LEVEL);
  });

  it('Should show only uncovered KSBs when filtered, keeping the counts', async () => {
    await vscode.commands.executeCommand('ksbPortfolio.showOnlyUncovered');
    const knowledge = rowStarting(await rows(api), 'Knowledge');
    assert.equal(knowledge.description, '10/22');
    const shown = await rows(api, knowledge.node);
    assert.equal(shown.length, 12);
    assert.ok(shown.every((r) => r.icon === 'circle-large-outline'));
    assert.ok(api.coverage.treeView?.message);

    await vscode.commands.executeCommand('ksbPortfolio.showAll');
    assert.equal((await rows(api, rowStarting(await rows(api), 'Knowledge').node)).length, 22);
  });

  it('Should show the coverage of the portfolio in the status bar', async () => {
    const state = await untilTree(
      api,
      () => api.coverage.statusBar,
      (s) => s?.text === 'KSB 18/46',
      'the status bar',
    );
    assert.equal(state?.visible, true);
    assert.match(state?.tooltip ?? '', /Knowledge: 10\/22/);
    assert.match(state?.tooltip ?? '', /Skills: 4\/20/);
    assert.match(state?.tooltip ?? '', /Behaviours: 4\/4/);
  });

  it('Should update the counts, the KSB and the status bar after an edit adds a code', async () => {
    const uri = fixtureUri('evidence/valid-list.md');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const original = document.getText();
    const claims = 'ksbs: [K1, K24, S21, B1]';
    assert.ok(original.includes(claims), 'the fixture changed: valid-list.md no longer claims K1, K24, S21, B1');
    try {
      await replaceAndSave(document, original.replace(claims, 'ksbs: [K1, K24, S21, B1, S1]'));
      await untilTree(
        api,
        async () => [...(await topLevel(api)), api.coverage.statusBar?.text],
        (seen) => seen.includes('Skills 5/20') && seen.includes('KSB 19/46'),
        'Skills 5/20 and KSB 19/46 after claiming S1',
      );
      const skills = rowStarting(await rows(api), 'Skills');
      const s1 = rowStarting(await rows(api, skills.node), 'S1 ');
      assert.equal(s1.icon, 'pass');
      assert.deepEqual(
        (await rows(api, s1.node)).map((r) => r.description),
        ['not signed off · evidence/valid-list.md'],
      );
    } finally {
      await replaceAndSave(document, original);
    }
    await untilTree(
      api,
      async () => [...(await topLevel(api)), api.coverage.statusBar?.text],
      (seen) => seen.includes('Skills 4/20') && seen.includes('KSB 18/46'),
      'the counts back at Skills 4/20 and KSB 18/46',
    );
  });
});
