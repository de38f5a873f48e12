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

/** How much larger than the part asked for a file may be for the editor to read it whole and cut it. */
const WHOLE_READ_FACTOR = 16;

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
      // VS Code gives a link its target's type, size and time (or Unknown when it leads nowhere):
      // none of that is the portfolio's to tell, so a link is reported as the CLI reports one.
      if (stat.type & vscode.FileType.SymbolicLink) return SYMBOLIC_LINK;
      return { type: entryType(stat.type), mtime: stat.mtime, size: stat.size };
    } catch {
      return undefined;
    }
  }

  async readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    const uri = this.uri(path);
    // The editor's file system has no ranged read, so a file far larger than asked for is refused
    // rather than read whole (the index then reports it unreadable); one a little larger is cut.
    if (maxBytes !== undefined) {
      const { size } = await vscode.workspace.fs.stat(uri);
      if (size > WHOLE_READ_FACTOR * maxBytes) throw new Error(`the file is ${Math.round(size / 1_000_000)} MB, too large for the editor to read a part of`);
    }
    const bytes = await vscode.workspace.fs.readFile(uri);
    return maxBytes !== undefined && bytes.length > maxBytes ? bytes.subarray(0, maxBytes) : bytes;
  }

  async readDirectory(path: string): Promise<DirectoryEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
    return entries.map(([name, type]): DirectoryEntry => (type & vscode.FileType.SymbolicLink ? [name, 'other', 'symbolic-link'] : [name, entryType(type)]));
  }
}

/** A symbolic link as the core sees one, with nothing of its target. */
const SYMBOLIC_LINK: FileStat = { type: 'other', mtime: 0, size: 0, symbolicLink: true };

/** The core's entry type of a VS Code file type without the symbolic-link bit. */
function entryType(type: vscode.FileType): EntryType {
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}
