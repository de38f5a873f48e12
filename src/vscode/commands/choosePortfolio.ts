import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core';
import { portfolioLabel } from '../labels';
import type { OpenPortfolio, PortfolioWorkspace } from '../portfolioWorkspace';

/** The portfolio a command acts on: the one holding `hint`, the active editor's, the only one, or one the user picks. */
export async function choosePortfolio(workspace: PortfolioWorkspace, hint: vscode.Uri | undefined): Promise<OpenPortfolio | undefined> {
  await workspace.ready;
  const fromHint = hint && workspace.portfolioFor(hint);
  if (fromHint) return fromHint;
  const editorUri = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = editorUri && workspace.portfolioFor(editorUri);
  if (fromEditor) return fromEditor;
  const all = workspace.all();
  if (all.length <= 1) {
    if (all.length === 0) void vscode.window.showErrorMessage(`No portfolio here: create a ${CONFIG_FILE_NAME} first.`);
    return all[0];
  }
  const picked = await vscode.window.showQuickPick(
    all.map((portfolio) => ({ label: portfolioLabel(portfolio.rootUri), description: portfolio.index.portfolio?.standard.label, portfolio })),
    { title: 'Which portfolio?' },
  );
  return picked?.portfolio;
}

/**
 * Says that `portfolio.yaml` must be fixed before a command can act, and resolves to nothing: for a
 * portfolio whose config names no standard and version this extension knows.
 */
export function refuseUntilConfigFixed(): undefined {
  void vscode.window.showErrorMessage(`Fix ${CONFIG_FILE_NAME} first: it names no standard and version this extension knows.`);
  return undefined;
}
