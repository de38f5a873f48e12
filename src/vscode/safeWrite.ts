// The one way the editor writes a file: Export Report, New Evidence, Add Standard and Create
// portfolio.yaml come here, and Sign Off asks `writeRefusal` before its edit. The core's walk
// (checkWriteTarget) refuses a symbolic link anywhere from the workspace folder down to the
// target, as the CLI's writer does: a repository opened in the editor can hold links too.
import * as vscode from 'vscode';
import { basename, checkWriteTarget, describeReadError, dirname, relativePath, writeRootFor, type PathKind } from '../core';

/** Where a write must stay: inside this portfolio's root, when given. */
export interface WriteBounds {
  readonly portfolio?: vscode.Uri;
}

/**
 * Why `target` may not be written, or `undefined` when it may: it leaves the portfolio, or a link
 * lies anywhere from the workspace folder holding it (else the portfolio, else its top-level
 * folder) down to it.
 */
export async function writeRefusal(target: vscode.Uri, bounds: WriteBounds = {}): Promise<string | undefined> {
  const { portfolio } = bounds;
  if (portfolio && (portfolio.scheme !== target.scheme || portfolio.authority !== target.authority || !relativePath(portfolio.path, target.path))) {
    return `it is outside the portfolio in ${vscode.workspace.asRelativePath(portfolio)}`;
  }
  const bases = [vscode.workspace.getWorkspaceFolder(target)?.uri, portfolio]
    .filter((base): base is vscode.Uri => base !== undefined && base.scheme === target.scheme && base.authority === target.authority)
    .map((base) => base.path);
  try {
    const check = await checkWriteTarget(writeRootFor(target.path, bases), target.path, (path) => kindAt(target.with({ path })));
    return check.ok ? undefined : check.reason;
  } catch (error) {
    return describeReadError(error);
  }
}

/** Writes `bytes` to `target` unless `writeRefusal` refuses it, which is then shown; resolves to whether it wrote. */
export async function writeFileSafely(target: vscode.Uri, bytes: Uint8Array, bounds: WriteBounds = {}): Promise<boolean> {
  const refusal = await writeRefusal(target, bounds);
  if (refusal) {
    void vscode.window.showErrorMessage(`Cannot write ${vscode.workspace.asRelativePath(target)}: ${refusal}.`);
    return false;
  }
  // The folders on the way are real folders by now, so the missing ones are made inside them.
  const folder = dirname(target.path);
  await vscode.workspace.fs.createDirectory(target.with({ path: folder }));
  // Written beside the target and renamed over it, as the CLI's writer does: the rename replaces
  // the name itself, so a link put there after the check is replaced, not followed, and no half
  // file is ever seen.
  const temporary = target.with({ path: `${folder}/.${basename(target.path)}.${Math.random().toString(16).slice(2, 14)}.tmp` });
  await vscode.workspace.fs.writeFile(temporary, bytes);
  try {
    await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
    throw error;
  }
  return true;
}

/** What is at `uri`: its stat carries the symbolic-link bit alongside the type of what the link names. */
async function kindAt(uri: vscode.Uri): Promise<PathKind | undefined> {
  let type: vscode.FileType;
  try {
    type = (await vscode.workspace.fs.stat(uri)).type;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
  if (type & vscode.FileType.SymbolicLink) return 'symbolic link';
  if (type & vscode.FileType.Directory) return 'folder';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}
