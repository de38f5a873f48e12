import * as vscode from 'vscode';
import { basename, relativePath } from '../core';

/** A portfolio's name for people: its folder relative to the workspace folder, or the workspace folder's name. */
export function portfolioLabel(rootUri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(rootUri);
  if (!folder) return basename(rootUri.path);
  const relative = relativePath(folder.uri.path, rootUri.path) ?? '';
  if (!relative) return folder.name;
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${folder.name}/${relative}` : relative;
}
