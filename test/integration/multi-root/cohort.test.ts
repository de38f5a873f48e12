// Show Cohort in a multi-root workspace of two portfolios: one webview tab, a row for each folder,
// the same rows `ksb cohort` gives for them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CohortRow } from '../../../src/core';
import { extensionApi, withDeadline } from '../coverageHelpers';
import { closeAllEditorsDiscardingChanges, waitFor } from '../helpers';

const COHORT_VIEW_TYPE = 'ksbPortfolio.cohort';

function cohortTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(COHORT_VIEW_TYPE));
}

describe('Show Cohort', function () {
  // The command waits for every portfolio to settle; a loaded machine can take longer than mocha's 20 s.
  this.timeout(120_000);

  after(async () => {
    await closeAllEditorsDiscardingChanges();
  });

  it('Should show one tab with a row per portfolio of the workspace, with its apprentice, coverage and RAG status', async () => {
    const api = await extensionApi();
    await api.workspace.settled();
    assert.equal(cohortTabs().length, 0, 'expected no cohort tab before the command');
    const shown = await withDeadline(vscode.commands.executeCommand<{ rows: CohortRow[]; html: string }>('ksbPortfolio.showCohort'), 'Show Cohort', 30_000);
    // The tab reaches the extension host's tab list after the panel is made.
    await waitFor(() => cohortTabs().length === 1 && cohortTabs()[0].label === 'KSB Cohort (2)', 'one tab titled KSB Cohort (2)');
    const expected = api.workspace.all().map((p) => ({
      version: p.index.portfolio?.standard.version ?? null,
      option: p.index.portfolio?.option?.id ?? null,
      covered: p.index.coverage()?.summary.covered ?? null,
    }));
    assert.deepEqual(
      shown.rows.map(({ version, option, covered }) => ({ version, option, covered })),
      expected,
    );
    for (const row of shown.rows) {
      assert.equal(row.error, null);
      assert.match(row.rag, /^(red|amber|green)$/);
    }
    assert.equal((shown.html.match(/<tr><td/g) ?? []).length, 2);
    assert.match(shown.html, /script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    // Asked again, the same tab comes forward rather than a second one.
    await withDeadline(vscode.commands.executeCommand('ksbPortfolio.showCohort'), 'Show Cohort again', 30_000);
    await waitFor(
      () => vscode.window.tabGroups.all.some((group) => group.activeTab && cohortTabs().includes(group.activeTab)),
      'the cohort tab to come forward',
    );
    assert.equal(cohortTabs().length, 1, 'expected the cohort tab to be reused');
  });
});
