import type { DirectoryEntry, EntryType, FileStat, PortfolioFileSystem } from '../../src/core';

interface MemoryFile {
  bytes: Uint8Array;
  mtime: number;
}

const encoder = new TextEncoder();

/** `/a/b/c` → `/a/b`; the root's parent is the root. */
function parentOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}

/** `/a/b/c` → `c`. */
function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * An in-memory `PortfolioFileSystem` for unit tests. Built from absolute `/`-separated paths;
 * folders exist implicitly above every file, or explicitly through `mkdir`. Every `write` moves
 * the clock on, so a rewritten file always has a newer mtime, and every `stat` and `readFile`
 * is counted so tests can prove what the index's parse cache spared.
 */
export class MemoryFileSystem implements PortfolioFileSystem {
  private readonly files = new Map<string, MemoryFile>();
  /** Child names of every folder, so listing a folder costs its size, not the whole tree's. */
  private readonly folders = new Map<string, Set<string>>([['/', new Set()]]);
  /** Symbolic links, with the type the host reports for each (a host that follows links reports its target's). */
  private readonly links = new Map<string, EntryType>();
  private clock = 1_000;

  /** Number of `readFile` calls, per path. */
  readonly reads = new Map<string, number>();
  /** Number of `stat` calls, per path. */
  readonly stats = new Map<string, number>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  /** Total `readFile` calls since the last `resetCounters`. */
  get readCount(): number {
    return [...this.reads.values()].reduce((sum, n) => sum + n, 0);
  }

  /** Total `stat` calls since the last `resetCounters`. */
  get statCount(): number {
    return [...this.stats.values()].reduce((sum, n) => sum + n, 0);
  }

  /** The paths read since the last `resetCounters`, sorted. */
  readPaths(): string[] {
    return [...this.reads.keys()].sort();
  }

  /** Forgets the call counts. */
  resetCounters(): void {
    this.reads.clear();
    this.stats.clear();
  }

  /** Creates or replaces a file (and its folders) with a newer mtime than anything before. */
  write(path: string, content: string | Uint8Array): void {
    if (this.folders.has(path)) throw new Error(`MemoryFileSystem: ${path} is a folder`);
    this.mkdir(parentOf(path));
    this.folders.get(parentOf(path))!.add(nameOf(path));
    const bytes = typeof content === 'string' ? encoder.encode(content) : content;
    this.files.set(path, { bytes, mtime: ++this.clock });
  }

  /** Creates a folder and its parents; a no-op when it exists. */
  mkdir(path: string): void {
    if (this.folders.has(path)) return;
    if (this.files.has(path)) throw new Error(`MemoryFileSystem: ${path} is a file`);
    this.mkdir(parentOf(path));
    this.folders.get(parentOf(path))!.add(nameOf(path));
    this.folders.set(path, new Set());
  }

  /** Creates a symbolic link at `path`, listed and stat-ed with the type `reported`, as a host that follows links would. */
  link(path: string, reported: EntryType): void {
    this.mkdir(parentOf(path));
    this.folders.get(parentOf(path))!.add(nameOf(path));
    this.links.set(path, reported);
  }

  /** Deletes a file, or a folder with everything below it. */
  delete(path: string): void {
    const prefix = `${path}/`;
    for (const file of [...this.files.keys()]) if (file === path || file.startsWith(prefix)) this.files.delete(file);
    for (const folder of [...this.folders.keys()]) if (folder === path || folder.startsWith(prefix)) this.folders.delete(folder);
    for (const link of [...this.links.keys()]) if (link === path || link.startsWith(prefix)) this.links.delete(link);
    this.folders.get(parentOf(path))?.delete(nameOf(path));
  }

  /** The current text of a file, for assertions. */
  text(path: string): string {
    const file = this.files.get(path);
    if (!file) throw new Error(`MemoryFileSystem: no file at ${path}`);
    return new TextDecoder().decode(file.bytes);
  }

  async stat(path: string): Promise<FileStat | undefined> {
    this.stats.set(path, (this.stats.get(path) ?? 0) + 1);
    const linked = this.links.get(path);
    if (linked) return { type: linked, mtime: 0, size: 0, symbolicLink: true };
    const file = this.files.get(path);
    if (file) return { type: 'file', mtime: file.mtime, size: file.bytes.length };
    if (this.folders.has(path)) return { type: 'directory', mtime: 0, size: 0 };
    return undefined;
  }

  async readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    this.reads.set(path, (this.reads.get(path) ?? 0) + 1);
    const file = this.files.get(path);
    if (!file) throw new Error(`ENOENT: no such file, open '${path}'`);
    return maxBytes === undefined ? file.bytes : file.bytes.subarray(0, maxBytes);
  }

  async readDirectory(path: string): Promise<readonly DirectoryEntry[]> {
    const children = this.folders.get(path);
    if (!children) throw new Error(`ENOTDIR: not a folder, scandir '${path}'`);
    const prefix = path === '/' ? '/' : `${path}/`;
    return [...children].sort().map((name): DirectoryEntry => {
      const linked = this.links.get(prefix + name);
      return linked ? [name, linked, 'symbolic-link'] : [name, this.folders.has(prefix + name) ? 'directory' : 'file'];
    });
  }
}
