// Helpers for integration tests that run inside VS Code's extension host.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'ksb-portfolio.ksb-portfolio';

/** A diagnostic's code as text, whether VS Code holds it plain or with the link to its rule. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/**
 * Polls `condition` until it returns a truthy value, or fails after `timeoutMs` with `what`.
 * For state that VS Code offers no event for; prefer awaiting an event or a promise when one exists.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The workspace's single folder: the copy of test/fixtures/basic that the harness opened. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder;
}

/** A URI for a path relative to the workspace folder. */
export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, relativePath);
}

/**
 * Reverts every document with unsaved changes, then closes all editors. Closing a changed editor
 * waits on a "Save changes?" dialog that no test answers, so cleanup must never leave one changed.
 */
export async function closeAllEditorsDiscardingChanges(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand(document.isUntitled ? 'workbench.action.revertAndCloseActiveEditor' : 'workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
