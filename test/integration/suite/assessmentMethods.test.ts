// Method scoping in the editor, on test/fixtures/assessment (copied into the workspace as a second,
// nested portfolio before each test and removed after it): with `assessment:` the coverage view
// and the status bar count the discussion method's 16 KSBs only (10 covered), and the 30 KSBs the
// presentation assesses sit apart under "Assessed by other methods", each saying so.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KsbPortfolioApi } from '../../../src/extension';
import { extensionApi, rows, rowStarting, untilTree, type Row } from '../coverageHelpers';
import { closeAllEditorsDiscardingChanges, fixtureUri, waitFor } from '../helpers';

const FOLDER = 'assessment';
const fileUri = (relative: string) => fixtureUri(`${FOLDER}/${relative}`);

/** The fixture in the repository: the harness names the repository; the compiled suite sits four folders below it. */
function fixtureSource(): vscode.Uri {
  const repo = process.env.KSB_REPO_ROOT || path.resolve(__dirname, '..', '..', '..', '..');
  return vscode.Uri.file(path.join(repo, 'test', 'fixtures', FOLDER));
}

/** The rows of the assessment portfolio's node (the tree lists portfolios while there are two). */
async function portfolioRows(api: KsbPortfolioApi): Promise<Row[]> {
  const top = await rows(api);
  return rows(api, rowStarting(top, FOLDER).node);
}

describe('Assessment methods in the editor', () => {
  let api: KsbPortfolioApi;

  before(async () => {
    api = await extensionApi();
  });

  beforeEach(async () => {
    await vscode.workspace.fs.copy(fixtureSource(), fixtureUri(FOLDER), { overwrite: false });
    api.workspace.wrote(fileUri('portfolio.yaml'));
    await waitFor(
      () => api.workspace.all().some((p) => p.rootUri.path.endsWith(`/${FOLDER}`) && p.index.portfolio && !p.index.isLoading),
      'the assessment portfolio to load',
    );
    await api.workspace.settled();
  });

  afterEach(async () => {
    await closeAllEditorsDiscardingChanges();
    await vscode.workspace.fs.delete(fixtureUri(FOLDER), { recursive: true, useTrash: false });
    await waitFor(() => api.workspace.all().length === 1, 'the assessment portfolio to close');
  });

  it('Should count only the method’s KSBs in the coverage view, and list the others as assessed by other methods', async () => {
    const top = await untilTree(
      api,
      async () => (await portfolioRows(api)).map((r) => `${r.label} ${r.description}`),
      (seen) => seen.includes('Knowledge 5/9') && seen.includes('Assessed by other methods 30 KSBs, not counted'),
      'the method-scoped counts',
    );
    assert.deepEqual(top.slice(0, 4), ['Knowledge 5/9', 'Skills 3/3', 'Behaviours 2/4', 'Assessed by other methods 30 KSBs, not counted']);
    const others = await rows(api, rowStarting(await portfolioRows(api), 'Assessed by other methods').node);
    assert.equal(others.length, 30);
    const k6 = rowStarting(others, 'K6 ');
    assert.equal(k6.description, 'assessed by: Presentation with questions · 1 file');
    assert.equal(k6.icon, 'circle-slash');
    assert.ok(others.every((r) => r.description.startsWith('assessed by: Presentation with questions')));
  });

  it('Should show the method’s coverage in the status bar for the portfolio’s files', async () => {
    await vscode.window.showTextDocument(fileUri('evidence/conform.md'));
    const state = await untilTree(
      api,
      () => api.coverage.statusBar,
      (s) => s?.text === 'KSB 10/16',
      'the status bar to count the method’s KSBs',
    );
    assert.equal(state?.visible, true);
    assert.match(state?.tooltip ?? '', /\*\*KSB coverage\*\* 62%/);
    assert.match(
      state?.tooltip ?? '',
      /Counted for Professional discussion underpinned by a portfolio of evidence: 30 KSBs assessed by other methods not counted/,
    );
  });
});
