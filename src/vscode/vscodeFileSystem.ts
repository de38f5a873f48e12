import * as vscode from 'vscode';
import type { DirectoryEntry, EntryType, FileStat, PortfolioFileSystem } from '../core';

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
      return { type: entryType(stat.type), mtime: stat.mtime, size: stat.size, ...(stat.type & vscode.FileType.SymbolicLink && { symbolicLink: true }) };
    } catch {
      return undefined;
    }
  }

  async readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    // The editor's file system has no ranged read; the index checks the size before it reads, so
    // this only trims a file that grew in between.
    const bytes = await vscode.workspace.fs.readFile(this.uri(path));
    return maxBytes !== undefined && bytes.length > maxBytes ? bytes.subarray(0, maxBytes) : bytes;
  }

  async readDirectory(path: string): Promise<DirectoryEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
    return entries.map(([name, type]): DirectoryEntry =>
      type & vscode.FileType.SymbolicLink ? [name, entryType(type), 'symbolic-link'] : [name, entryType(type)],
    );
  }
}

/** The core's entry type of a VS Code file type (which may carry the symbolic-link bit). */
function entryType(type: vscode.FileType): EntryType {
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}
