// The assessor's report in the editor: Open Report shows a webview tab, Export Report writes the
// file with the matrix. Nothing in the fixture changes; the exported files go to a temporary folder.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import * as vscode from 'vscode';
import type { KsbPortfolioApi } from '../../../src/extension';
import { extensionApi, withDeadline } from '../coverageHelpers';
import { closeAllEditorsDiscardingChanges } from '../helpers';

const REPORT_VIEW_TYPE = 'ksbPortfolio.report';

function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(REPORT_VIEW_TYPE));
}

/** The number of `<tr>` rows in the `#mapping-matrix` table of a report. */
function matrixRows(html: string): number {
  const table = html.slice(html.indexOf('<table id="mapping-matrix"'));
  return (table.slice(0, table.indexOf('</table>')).match(/<tr><th scope="row">/g) ?? []).length;
}

describe('Report', () => {
  let api: KsbPortfolioApi;
  let evidenceFiles: number;
  let folder: string;

  before(async () => {
    api = await extensionApi();
    await api.workspace.settled();
    const portfolio = api.workspace.all().find((p) => p.index.coverage());
    assert.ok(portfolio, 'expected a usable portfolio in the fixture');
    evidenceFiles = portfolio.index.allFiles().filter((f) => f.isEvidence).length;
    assert.ok(evidenceFiles > 0, 'expected evidence in the fixture');
    folder = mkdtempSync(path.join(tmpdir(), 'ksb-report-'));
  });

  after(async () => {
    rmSync(folder, { recursive: true, force: true });
    await closeAllEditorsDiscardingChanges();
  });

  it('Should open the report in a webview tab beside the editor, with a matrix row per evidence file', async () => {
    assert.equal(reportTabs().length, 0, 'expected no report tab before the command');
    const html = await withDeadline(vscode.commands.executeCommand<string>('ksbPortfolio.openReport'), 'Open Report', 30_000);
    assert.ok(html, 'the command returned no HTML');
    assert.equal(reportTabs().length, 1, 'expected one report tab');
    assert.equal(matrixRows(html), evidenceFiles);
    assert.match(html, /script-src 'nonce-[A-Za-z0-9]{32}'/);
    // Asked again, the same tab comes forward rather than a second one.
    await withDeadline(vscode.commands.executeCommand<string>('ksbPortfolio.openReport'), 'Open Report again', 30_000);
    assert.equal(reportTabs().length, 1, 'expected the report tab to be reused');
  });

  it('Should export the report to a file with the matrix and no script, and the matrix as CSV', async () => {
    const target = vscode.Uri.file(path.join(folder, 'report.html'));
    const written = await withDeadline(vscode.commands.executeCommand<vscode.Uri>('ksbPortfolio.exportReport', { target }), 'Export Report', 30_000);
    assert.equal(written?.toString(), target.toString());
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(html, /^<!DOCTYPE html>/);
    assert.equal(matrixRows(html), evidenceFiles);
    assert.doesNotMatch(html, /<script/);

    const csvTarget = vscode.Uri.file(path.join(folder, 'matrix.csv'));
    await withDeadline(vscode.commands.executeCommand<vscode.Uri>('ksbPortfolio.exportReport', { target: csvTarget }), 'Export Report as CSV', 30_000);
    const csv = new TextDecoder().decode(await vscode.workspace.fs.readFile(csvTarget));
    assert.equal(csv.split('\r\n').filter(Boolean).length, evidenceFiles + 1);
  });

  it('Should export the submission pack: every evidence file rendered and packed, with a manifest whose hashes match', async () => {
    const target = vscode.Uri.file(path.join(folder, 'submission.zip'));
    const result = await withDeadline(
      vscode.commands.executeCommand<{ target: vscode.Uri } | undefined>('ksbPortfolio.exportPack', { target }),
      'Export Submission Pack',
      60_000,
    );
    assert.equal(result?.target.toString(), target.toString());
    const entries = unzipSync(await vscode.workspace.fs.readFile(target));
    const html = new TextDecoder().decode(entries['portfolio.html']);
    assert.doesNotMatch(html, /<script/);
    assert.equal((html.match(/<article class="piece"/g) ?? []).length, evidenceFiles);
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { files: { path: string; bytes: number; sha256: string }[] };
    assert.deepEqual(
      manifest.files.map((f) => f.path).sort(),
      Object.keys(entries)
        .filter((name) => name !== 'manifest.json')
        .sort(),
    );
    for (const file of manifest.files) assert.equal(createHash('sha256').update(entries[file.path]).digest('hex'), file.sha256, file.path);
    const portfolio = api.workspace.all().find((p) => p.index.coverage())!;
    for (const evidence of portfolio.index.allFiles().filter((f) => f.isEvidence))
      assert.ok(entries[evidence.relativePath], `expected ${evidence.relativePath} in the pack`);
  });
});
