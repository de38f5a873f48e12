import { readdir, readFile, stat, type Dirent, type Stats } from 'node:fs';
import type { EntryType, FileStat, PortfolioFileSystem } from '../core';

/**
 * The core's file access backed by `node:fs`. It uses the callback API: `fs.promises.readFile`
 * opens a file handle and reads through it in several round trips, which made reading 10 000
 * small files take about 1.5 times as long.
 */
export class NodeFileSystem implements PortfolioFileSystem {
  stat(path: string): Promise<FileStat | undefined> {
    return new Promise((resolve) =>
      stat(path, (error: Error | null, stats: Stats) => resolve(error ? undefined : { type: stats.isDirectory() ? 'directory' : 'file', mtime: stats.mtimeMs, size: stats.size })),
    );
  }

  readFile(path: string): Promise<Uint8Array> {
    return new Promise((resolve, reject) => readFile(path, (error, data) => (error ? reject(error) : resolve(data))));
  }

  async readDirectory(path: string): Promise<Array<[string, EntryType]>> {
    const entries = await new Promise<Dirent[]>((resolve, reject) =>
      readdir(path, { withFileTypes: true }, (error, found) => (error ? reject(error) : resolve(found))),
    );
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
