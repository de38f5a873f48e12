import { promises as fs } from 'node:fs';
import type { EntryType, FileStat, PortfolioFileSystem } from '../core';

/** The core's file access backed by `node:fs`. */
export class NodeFileSystem implements PortfolioFileSystem {
  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const stat = await fs.stat(path);
      return { type: stat.isDirectory() ? 'directory' : 'file', mtime: stat.mtimeMs, size: stat.size };
    } catch {
      return undefined;
    }
  }

  async readFile(path: string): Promise<Uint8Array> {
    return fs.readFile(path);
  }

  async readDirectory(path: string): Promise<Array<[string, EntryType]>> {
    const entries = await fs.readdir(path, { withFileTypes: true });
    const result: Array<[string, EntryType]> = [];
    for (const entry of entries) {
      if (entry.isDirectory()) result.push([entry.name, 'directory']);
      else if (entry.isFile()) result.push([entry.name, 'file']);
      else if (entry.isSymbolicLink()) {
        // A linked file counts as present; linked folders are not walked, so a link loop cannot hang us.
        const stat = await this.stat(`${path}/${entry.name}`);
        if (stat?.type === 'file') result.push([entry.name, 'file']);
      }
    }
    return result;
  }
}
