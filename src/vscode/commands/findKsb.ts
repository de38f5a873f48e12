import * as vscode from 'vscode';
import { builtinCatalogue, defaultStandard } from '../../core';
import type { PortfolioWorkspace } from '../portfolioWorkspace';
import { ksbItems } from './ksbPicks';

/** `ksbPortfolio.findKsb`: inserts a code (given, or picked from the KSBs) at every cursor. */
export async function findKsb(workspace: PortfolioWorkspace, code: string | undefined): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Open a file to insert a KSB code at the cursor.');
    return false;
  }
  if (code === undefined) {
    const portfolio = workspace.portfolioFor(editor.document.uri) ?? workspace.active();
    // Outside a portfolio, offer every KSB of the latest shipped standard.
    const standard = portfolio?.index.portfolio?.standard ?? defaultStandard(builtinCatalogue());
    if (!standard) return false;
    const picked = await vscode.window.showQuickPick(ksbItems(standard, portfolio?.index.portfolio?.option?.id, true), {
      title: `Find KSB: ${standard.label}`,
      placeHolder: 'Type a code or words of a KSB; Enter inserts its code at the cursor',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked || !('ksb' in picked)) return false;
    code = picked.ksb.code;
  }
  const text = code;
  return editor.edit((builder) => {
    for (const selection of editor.selections) builder.replace(selection, text);
  });
}
