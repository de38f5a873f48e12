/**
 * What kind of entry a path names. `other` is anything that is neither a regular file nor a folder
 * (a named pipe, a socket, a device such as `/dev/zero`): the core never reads one, since reading
 * it can block forever or never end.
 */
export type EntryType = 'file' | 'directory' | 'other';

/** Why a directory entry needs more care than its type says. */
export type EntryFlag =
  /**
   * The entry is a symbolic link. Links are never followed, so the core ignores the type given
   * with one (a host that looks at the target's type reports it; one that does not, `other`).
   */
  | 'symbolic-link'
  /** The name is not valid UTF-8 on disk; the name given is a lossy rendering that cannot be opened. */
  | 'undecodable-name';

/** One entry of a folder: its name, its type, and a flag when it is a link or has an odd name. */
export type DirectoryEntry = readonly [name: string, type: EntryType, flag?: EntryFlag];

/** Size and modification time of a file, enough to tell whether a cached parse is still good. */
export interface FileStat {
  readonly type: EntryType;
  readonly mtime: number;
  readonly size: number;
  /** True when the path itself is a symbolic link: the core then uses nothing else of the stat. */
  readonly symbolicLink?: boolean;
}

/**
 * The only way the core reaches files. Paths are absolute and `/`-separated; the CLI backs this
 * with `node:fs`, the extension with `vscode.workspace.fs` (which also works in the browser).
 */
export interface PortfolioFileSystem {
  /**
   * The entry's stat, or `undefined` when nothing exists at `path`. A symbolic link at `path` is
   * reported as one (`symbolicLink`), dangling or not; the core never asks for a path past one
   * (see `statInsideRoot`), so a host need not follow links to answer.
   */
  stat(path: string): Promise<FileStat | undefined>;
  /**
   * The bytes of a regular file, at most `maxBytes` of them from its start when given; rejects
   * when the file cannot be read or is not a regular file.
   */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  /** The entries of a directory (not recursive). */
  readDirectory(path: string): Promise<readonly DirectoryEntry[]>;
}
