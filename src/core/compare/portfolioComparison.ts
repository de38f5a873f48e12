import { applyLevels } from '../rules/registry';
import type { DirectoryEntry, FileStat, PortfolioFileSystem } from '../base/fileSystem';
import { PortfolioIndex, type IndexedFile, type IndexOptions } from '../portfolio/portfolioIndex';
import { fileSignoffs } from '../lifecycle/portfolioLifecycle';
import { basename, dirname, relativePath } from '../base/paths';
import { diffPortfolios, type FileChanges, type PortfolioDiff, type PortfolioSnapshot, type SnapshotSignoff } from './portfolioDiff';
import { toReported } from '../portfolio/reportedDiagnostics';

/**
 * One path that version control says differs between the base and the head, relative to the
 * portfolio root. Added files have no base path, deleted ones no head path, a rename has both.
 */
export interface ChangedPath {
  readonly basePath: string | undefined;
  readonly headPath: string | undefined;
  /** False when the bytes are known to be the same on both sides (a rename at 100% similarity). */
  readonly contentChanged: boolean;
}

/** The changes as the diff pairs files, plus every path touched on either side (what the index must hear of). */
export interface PortfolioChanges extends FileChanges {
  readonly touched: ReadonlySet<string>;
}

/** The base side of a comparison: its files, and how they differ from the head's. */
export interface ComparisonBase {
  readonly fileSystem: PortfolioFileSystem;
  readonly changes: readonly ChangedPath[];
}

/** What `comparePortfolio` compares. */
export interface ComparisonSides {
  /** The portfolio's root, an absolute `/`-separated path valid on both file systems. */
  readonly root: string;
  readonly head: PortfolioFileSystem;
  /** Asked for once the head is loaded, so a host can work the base out meanwhile. */
  readonly base: () => Promise<ComparisonBase>;
  readonly indexOptions?: IndexOptions;
}

/**
 * Compares a portfolio at two revisions with one index: it loads the head, snapshots it, then
 * shows the base by refreshing only the changed paths (see `showBase`), and diffs the snapshots.
 */
export async function comparePortfolio(sides: ComparisonSides): Promise<PortfolioDiff> {
  const switched = new SwitchedFileSystem(sides.head);
  const index = new PortfolioIndex(switched, sides.root, sides.indexOptions);
  await index.load();
  const headSnapshot = snapshotOf(index);

  const base = await sides.base();
  const changes = fileChangesOf(base.changes);
  const changedPaths = [...changes.touched].map((relative) => `${sides.root}/${relative}`);
  switched.switchTo(base.fileSystem, new Set(changedPaths));
  await showBase(index, base.fileSystem, changedPaths, sides.root);
  return diffPortfolios(snapshotOf(index), headSnapshot, changes);
}

/** Version control's changed paths in the diff's terms: renames paired, head paths whose bytes changed, every path touched. */
export function fileChangesOf(changedPaths: readonly ChangedPath[]): PortfolioChanges {
  const renamed = new Map<string, string>();
  const changed = new Set<string>();
  const touched = new Set<string>();
  for (const { basePath, headPath, contentChanged } of changedPaths) {
    if (basePath !== undefined) touched.add(basePath);
    if (headPath === undefined) continue;
    touched.add(headPath);
    if (basePath !== undefined && basePath !== headPath) renamed.set(basePath, headPath);
    if (contentChanged) changed.add(headPath);
  }
  return { renamed, changed, touched };
}

/** What a portfolio's index says now, in the terms a diff compares. */
export function snapshotOf(index: PortfolioIndex): PortfolioSnapshot {
  const leveled = new Map([...index.allDiagnostics()].map(([path, diagnostics]) => [path, applyLevels(diagnostics)]));
  return {
    coverage: index.coverage(),
    files: index.allFiles().map((file) => ({
      relativePath: file.relativePath,
      title: file.analysis.frontMatter?.title,
      isEvidence: file.isEvidence,
      claims: file.validClaims.map((claim) => claim.code),
      signoffs: snapshotSignoffs(file),
    })),
    problems: toReported(leveled, index),
  };
}

/** A file's sign-offs that count for a diff: well formed, not rejected, with their digests. */
function snapshotSignoffs(file: IndexedFile): SnapshotSignoff[] {
  const digests = new Map((file.analysis.frontMatter?.lifecycle?.signoffs ?? []).map((entry) => [entry.index, entry.digest ?? '']));
  return fileSignoffs(file).signoffs.map(({ index, by, role, date, current }) => ({ by, role, date, digest: digests.get(index) ?? '', current }));
}

/**
 * Brings the index from the head to the base by telling it of each path that differs, as an
 * editor's watcher would: what is the same on both sides is neither read nor checked again.
 * Folders only the head has are announced too, so they are forgotten. Names that are not UTF-8
 * cannot be told apart: with one, the base is loaded whole instead (its unchanged files still come
 * from the cache). Links out of the root need nothing: they are never looked at.
 */
async function showBase(index: PortfolioIndex, baseTree: PortfolioFileSystem, changedPaths: readonly string[], root: string): Promise<void> {
  if (changedPaths.some((path) => path.includes('\uFFFD'))) {
    await index.load();
    return;
  }
  const goneFolders = new Set<string>();
  for (const path of changedPaths) {
    for (let folder = dirname(path); folder !== root && relativePath(root, folder) !== undefined; folder = dirname(folder)) {
      if (goneFolders.has(folder)) break;
      if (await baseTree.stat(folder)) break;
      goneFolders.add(folder);
    }
  }
  for (const path of [...goneFolders, ...changedPaths]) await index.refresh(path);
}

/**
 * What the comparison's one index reads: the head, then the base. Modification times are made up
 * so the index's cache keeps an analysis exactly when version control says the bytes did not
 * change: 0 everywhere on the head, and on the base 0 for what was left alone and 1 for what changed.
 */
class SwitchedFileSystem implements PortfolioFileSystem {
  private changed: ReadonlySet<string> = new Set();
  private onBase = false;

  constructor(private current: PortfolioFileSystem) {}

  /** Shows the base from now on; `changed` are the absolute paths whose bytes differ from the head's. */
  switchTo(base: PortfolioFileSystem, changed: ReadonlySet<string>): void {
    this.current = base;
    this.changed = changed;
    this.onBase = true;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const stat = await this.current.stat(path);
    return stat && { ...stat, mtime: this.onBase && this.changed.has(path) ? 1 : 0 };
  }

  readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    return this.current.readFile(path, maxBytes);
  }

  readDirectory(path: string): Promise<readonly DirectoryEntry[]> {
    return this.current.readDirectory(path);
  }
}

/**
 * The base as the head's files with the changed ones put back as they were: for a host that can
 * read a file at a revision but cannot list a revision's tree (the editor's git extension). Files
 * the head added are hidden, files it deleted or renamed are shown again with their base bytes,
 * and folders holding only such files are listed too.
 */
export class BaseOverHeadFileSystem implements PortfolioFileSystem {
  /** Absolute path to the relative path to read at the base, for files the base has and the head changed. */
  private readonly restored = new Map<string, string>();
  /** Absolute paths of files only the head has. */
  private readonly hidden = new Set<string>();
  /** Folders that hold restored files, each with the names of its restored children and their types. */
  private readonly restoredChildren = new Map<string, Map<string, 'file' | 'directory'>>();
  private readonly contents = new Map<string, Promise<Uint8Array>>();

  /** `readBase` reads a file at the base by its path relative to the root. */
  constructor(
    private readonly head: PortfolioFileSystem,
    root: string,
    changes: readonly ChangedPath[],
    private readonly readBase: (relativePath: string) => Promise<Uint8Array>,
  ) {
    for (const { basePath, headPath } of changes) {
      if (headPath !== undefined && headPath !== basePath) this.hidden.add(`${root}/${headPath}`);
      if (basePath === undefined) continue;
      const path = `${root}/${basePath}`;
      this.restored.set(path, basePath);
      this.hidden.delete(path);
      let child = path;
      let type: 'file' | 'directory' = 'file';
      for (let folder = dirname(child); relativePath(root, folder) !== undefined; child = folder, folder = dirname(folder)) {
        let children = this.restoredChildren.get(folder);
        if (!children) this.restoredChildren.set(folder, (children = new Map()));
        children.set(basename(child), type);
        type = 'directory';
        if (folder === root) break;
      }
    }
  }

  async stat(path: string): Promise<FileStat | undefined> {
    if (this.restored.has(path)) {
      // A base file that cannot be read is still there: reading it then fails, and the index says so for that file.
      const size = await this.baseBytes(path).then(
        (bytes) => bytes.length,
        () => 0,
      );
      return { type: 'file', mtime: 0, size };
    }
    if (this.hidden.has(path)) return undefined;
    const stat = await this.head.stat(path);
    if (this.restoredChildren.has(path) && stat?.type !== 'directory') return { type: 'directory', mtime: 0, size: 0 };
    return stat;
  }

  async readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    if (this.restored.has(path)) {
      const bytes = await this.baseBytes(path);
      return maxBytes !== undefined && bytes.length > maxBytes ? bytes.subarray(0, maxBytes) : bytes;
    }
    if (this.hidden.has(path)) throw new Error(`no such file at the base: ${path}`);
    return this.head.readFile(path, maxBytes);
  }

  async readDirectory(path: string): Promise<readonly DirectoryEntry[]> {
    const restored = this.restoredChildren.get(path);
    let headEntries: readonly DirectoryEntry[];
    try {
      headEntries = (await this.head.stat(path))?.type === 'directory' || !restored ? await this.head.readDirectory(path) : [];
    } catch (error) {
      // A folder the head deleted whole still exists at the base when it held restored files.
      if (!restored) throw error;
      headEntries = [];
    }
    const prefix = path === '/' ? '/' : `${path}/`;
    const entries = headEntries.filter(([name]) => !this.hidden.has(prefix + name) && !restored?.has(name));
    for (const [name, type] of restored ?? []) entries.push([name, type]);
    return entries;
  }

  private baseBytes(path: string): Promise<Uint8Array> {
    let bytes = this.contents.get(path);
    if (!bytes) this.contents.set(path, (bytes = this.readBase(this.restored.get(path)!)));
    return bytes;
  }
}
