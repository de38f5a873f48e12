/** What kind of entry a path names. */
export type EntryType = 'file' | 'directory';

/** Size and modification time of a file, enough to tell whether a cached parse is still good. */
export interface FileStat {
  readonly type: EntryType;
  readonly mtime: number;
  readonly size: number;
}

/**
 * The only way the core reaches files. Paths are absolute and `/`-separated; the CLI backs this
 * with `node:fs`, the extension with `vscode.workspace.fs` (which also works in the browser).
 */
export interface PortfolioFileSystem {
  /** The entry's stat, or `undefined` when nothing exists at `path`. */
  stat(path: string): Promise<FileStat | undefined>;
  /** The file's bytes; rejects when it cannot be read. */
  readFile(path: string): Promise<Uint8Array>;
  /** The names and types of a directory's entries (not recursive). */
  readDirectory(path: string): Promise<ReadonlyArray<readonly [name: string, type: EntryType]>>;
}
