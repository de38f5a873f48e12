// `ksbPortfolio.exportPack`: the submission pack, as `ksb export` makes it (without the PDF, which
// needs a browser the editor cannot start), saved where the user says. The pack's code is loaded
// from its own bundle when the command runs (packLoader.ts).
import * as vscode from 'vscode';
import { lifecycleReportInput, today } from '../../core';
import { loadPackModule } from '../packLoader';
import type { PortfolioWorkspace } from '../portfolioWorkspace';
import { writeFileSafely } from '../safeWrite';
import { choosePortfolio, refuseUntilConfigFixed } from './choosePortfolio';
import { portfolioCommit } from './report';

/** Arguments of `ksbPortfolio.exportPack`, for tests and other extensions. */
export interface ExportPackArgs {
  /** Where to save, instead of asking. */
  readonly target?: vscode.Uri;
}

/** What the export did: the ZIP written and the files it left out (each with why). */
export interface ExportPackResult {
  readonly target: vscode.Uri;
  readonly leftOut: readonly { readonly path: string; readonly reason: string }[];
}

/** Exports the submission pack of a portfolio; resolves to what was written, `undefined` when cancelled or refused. */
export async function exportPack(
  workspace: PortfolioWorkspace,
  extension: { readonly uri: vscode.Uri; readonly version: string },
  args: ExportPackArgs,
  root: vscode.Uri | undefined,
): Promise<ExportPackResult | undefined> {
  const portfolio = await choosePortfolio(workspace, root);
  if (!portfolio) return undefined;
  await workspace.settled();
  const { index, fs, rootUri } = portfolio;
  if (!index.coverage()) return refuseUntilConfigFixed();
  const target =
    args.target ??
    (await vscode.window.showSaveDialog({
      title: 'Export Submission Pack',
      defaultUri: vscode.Uri.joinPath(rootUri, '..', 'submission.zip'),
      filters: { 'ZIP archive': ['zip'] },
    }));
  if (!target) return undefined;
  const day = today();
  // Git answers while the evidence is read and parsed.
  const asked = portfolioCommit(rootUri, target);
  const bytes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Exporting the submission pack' }, async () => {
    let packCode: Awaited<ReturnType<typeof loadPackModule>>;
    try {
      packCode = await loadPackModule(extension.uri);
    } catch (error) {
      void vscode.window.showErrorMessage(`Cannot export the submission pack: ${(error as Error).message}. Reinstalling the extension may help.`);
      return undefined;
    }
    const { prepareSubmissionPack, zipPreparedPack } = packCode;
    const pack = await prepareSubmissionPack(
      fs,
      index,
      asked.then((git) => ({
        ...lifecycleReportInput(index, day),
        generated: day,
        commit: git && (git.dirty ? `${git.commit} (with uncommitted changes)` : git.commit),
      })),
    );
    const git = await asked;
    try {
      return {
        pack,
        zip: zipPreparedPack(pack, {
          commit: git?.commit ?? null,
          dirty: git?.dirty ?? null,
          tool: 'KSB Portfolio for VS Code',
          version: extension.version,
          generated: day,
        }).zip,
      };
    } catch (error) {
      void vscode.window.showErrorMessage(`Cannot export the submission pack: ${(error as Error).message}.`);
      return undefined;
    }
  });
  if (!bytes || !(await writeFileSafely(target, bytes.zip))) return undefined;
  const leftOut = bytes.pack.files.leftOut.map(({ path, reason }) => ({ path, reason }));
  const where = vscode.workspace.asRelativePath(target);
  if (leftOut.length > 0) {
    void vscode.window.showWarningMessage(
      `Exported the submission pack to ${where}, without ${leftOut.length} linked ${leftOut.length === 1 ? 'file' : 'files'}: ${leftOut[0].path} (${leftOut[0].reason})${leftOut.length > 1 ? ' and more, listed in its portfolio.html' : ''}.`,
    );
  } else void vscode.window.showInformationMessage(`Exported the submission pack (${bytes.pack.files.evidence.length} evidence files) to ${where}.`);
  return { target, leftOut };
}
