import * as vscode from 'vscode';
import type { EntryType, FileStat, PortfolioFileSystem } from '../core';

/** Whether anything (file or folder) exists at `uri`, on any file system the editor has. */
export async function uriExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * The core's file access over `vscode.workspace.fs`, so the same code reads local folders,
 * remote ones and github.dev's virtual file system. Core paths are the URI's path component.
 */
export class VscodeFileSystem implements PortfolioFileSystem {
  constructor(private readonly base: vscode.Uri) {}

  /** The URI of a core path, on the same scheme and authority as the portfolio root. */
  uri(path: string): vscode.Uri {
    return this.base.with({ path });
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(this.uri(path));
      return { type: stat.type & vscode.FileType.Directory ? 'directory' : 'file', mtime: stat.mtime, size: stat.size };
    } catch {
      return undefined;
    }
  }

  async readFile(path: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.uri(path));
  }

  async readDirectory(path: string): Promise<Array<[string, EntryType]>> {
    const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
    const result: Array<[string, EntryType]> = [];
    for (const [name, type] of entries) {
      // Symbolic links to folders are not walked, so a link loop cannot hang the index.
      if (type & vscode.FileType.SymbolicLink && type & vscode.FileType.Directory) continue;
      if (type & vscode.FileType.Directory) result.push([name, 'directory']);
      else if (type & vscode.FileType.File) result.push([name, 'file']);
    }
    return result;
  }
}
