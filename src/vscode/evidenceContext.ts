import * as vscode from 'vscode';
import { ContextKeys } from './constants';
import type { PortfolioWorkspace } from './portfolioWorkspace';

/** Keeps the `ksbPortfolio.isEvidence` context key in step with the active editor. */
export function trackEvidenceContext(workspace: PortfolioWorkspace): vscode.Disposable {
  let last: boolean | undefined;
  const update = () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const isEvidence = uri !== undefined && workspace.portfolioFor(uri)?.index.file(uri.path)?.isEvidence === true;
    if (isEvidence === last) return;
    last = isEvidence;
    void vscode.commands.executeCommand('setContext', ContextKeys.isEvidence, isEvidence);
  };
  void workspace.ready.then(update);
  return vscode.Disposable.from(vscode.window.onDidChangeActiveTextEditor(update), workspace.onDidChange(update));
}
