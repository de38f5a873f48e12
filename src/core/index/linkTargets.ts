import type { PortfolioFileSystem } from '../fileSystem';
import type { LocalLink } from '../links';
import { dirname, joinPath, relativePath } from '../paths';
import { isInsideSkippedFolder, type WalkRecord } from './treeWalk';

/**
 * Where the links of a portfolio's Markdown files lead: which paths exist (from the walk, so an
 * attachment check costs no stat per link, and one stat per target the walk never reaches) and
 * which files link to each target, so a path appearing or going rechecks only those files.
 */
export class LinkTargets implements Omit<WalkRecord, 'unread'> {
  /** Every file the walk saw, for attachment checks without a stat per link. */
  readonly knownPaths = new Set<string>();
  /** Every folder the walk saw; links may point at folders too. */
  readonly knownFolders = new Set<string>();
  /** Symbolic links to folders found by the walk: not walked, but links through them are stat-ed. */
  readonly linkedFolders = new Set<string>();
  /** Whether link targets outside the walked tree exist, from one stat each. */
  private readonly outsideTargets = new Map<string, boolean>();
  /** Which files link to each target path, so a file appearing rechecks only those. */
  private readonly linksByTarget = new Map<string, Set<string>>();

  constructor(
    private readonly fs: PortfolioFileSystem,
    private readonly root: string,
    /** Paths (relative to the root) the host excludes: the walk never reaches them. */
    private readonly isExcluded?: (relativePath: string) => boolean,
  ) {}

  /** Forgets what the last walk saw (links from files stay), before the tree is walked again. */
  forgetWalk(): void {
    this.knownPaths.clear();
    this.knownFolders.clear();
    this.outsideTargets.clear();
    this.linkedFolders.clear();
  }

  /** Forgets what the walk saw at or below `folder`, before it is walked again. */
  forgetWalkBelow(folder: string): void {
    const prefix = `${folder}/`;
    const isBelow = (path: string) => path === folder || path.startsWith(prefix);
    for (const known of [...this.knownPaths]) if (isBelow(known)) this.knownPaths.delete(known);
    for (const known of [...this.knownFolders]) if (isBelow(known)) this.knownFolders.delete(known);
    for (const linked of [...this.linkedFolders]) if (isBelow(linked)) this.linkedFolders.delete(linked);
  }

  /** The absolute path a link in `fromFile` points at; `/` starts at the portfolio root. */
  linkTarget(fromFile: string, target: string): string {
    return target.startsWith('/') ? joinPath(this.root, target) : joinPath(dirname(fromFile), target);
  }

  /** Whether something is at `target`, as far as the walk and the stats of outside targets know. */
  exists(target: string): boolean {
    return this.knownPaths.has(target) || this.knownFolders.has(target) || this.outsideTargets.get(target) === true;
  }

  /** Records that `source` links to the targets of `links`. */
  addLinks(source: string, links: readonly LocalLink[]): void {
    for (const link of links) {
      const target = this.linkTarget(source, link.target);
      let sources = this.linksByTarget.get(target);
      if (!sources) this.linksByTarget.set(target, (sources = new Set()));
      sources.add(source);
    }
  }

  /** Forgets that `source` links to the targets of `links`. */
  removeLinks(source: string, links: readonly LocalLink[]): void {
    for (const link of links) this.linksByTarget.get(this.linkTarget(source, link.target))?.delete(source);
  }

  /** Forgets every file's links, before all files are evaluated again. */
  forgetLinks(): void {
    this.linksByTarget.clear();
  }

  /** The files that link to `target`. */
  sourcesLinkingTo(target: string): string[] {
    return [...(this.linksByTarget.get(target) ?? [])];
  }

  /** The targets linked to that are `folder` or lie below it. */
  targetsAtOrBelow(folder: string): string[] {
    const prefix = `${folder}/`;
    return [...this.linksByTarget.keys()].filter((target) => target === folder || target.startsWith(prefix));
  }

  /** Whether the walk never reaches `target`: outside the root, or at or below a skipped or excluded path. */
  isOutsideWalk(target: string): boolean {
    const relative = relativePath(this.root, target);
    if (relative === undefined) return true;
    if (relative === '') return false;
    if (isInsideSkippedFolder(relative) || this.isInsideLinkedFolder(target)) return true;
    const isExcluded = this.isExcluded;
    if (!isExcluded) return false;
    // The walk leaves out an excluded folder whole, so each folder above counts, not only the path.
    for (let end = relative.indexOf('/'); end !== -1; end = relative.indexOf('/', end + 1)) if (isExcluded(relative.slice(0, end))) return true;
    return isExcluded(relative);
  }

  /** Whether `path` lies below a symbolic link to a folder, which the walk does not follow. */
  private isInsideLinkedFolder(path: string): boolean {
    if (this.linkedFolders.size === 0) return false;
    for (let folder = dirname(path); relativePath(this.root, folder) !== undefined && folder !== this.root; folder = dirname(folder)) {
      if (this.linkedFolders.has(folder)) return true;
    }
    return false;
  }

  /** Stats the link targets of `paths` (their links from `linksOf`) that lie outside the walked tree, once each. */
  async statOutsideTargets(paths: readonly string[], linksOf: (path: string) => readonly LocalLink[] | undefined): Promise<void> {
    const targets = new Set<string>();
    for (const path of paths) {
      for (const link of linksOf(path) ?? []) {
        const target = this.linkTarget(path, link.target);
        if (this.isOutsideWalk(target) && !this.outsideTargets.has(target)) targets.add(target);
      }
    }
    await Promise.all([...targets].map((target) => this.statTarget(target)));
  }

  /**
   * Stats again the link targets outside the walk that an event at `path` can have changed: the
   * path itself, what lies below it and the folders above it. Returns them, for their files to be rechecked.
   */
  async restatOutsideTargetsAround(path: string): Promise<string[]> {
    if (this.outsideTargets.size === 0) return [];
    const prefix = `${path}/`;
    const affected: string[] = [];
    for (const target of this.outsideTargets.keys()) if (target === path || target.startsWith(prefix) || path.startsWith(`${target}/`)) affected.push(target);
    await Promise.all(affected.map((target) => this.statTarget(target)));
    return affected;
  }

  /** Whether a link leads out of the portfolio's root: such a target is stat-ed once and not watched. */
  linksLeaveTheRoot(): boolean {
    for (const target of this.outsideTargets.keys()) if (relativePath(this.root, target) === undefined) return true;
    return false;
  }

  /** Stats one target outside the walk: a stat only, which reads nothing. */
  private async statTarget(target: string): Promise<void> {
    this.outsideTargets.set(target, (await this.fs.stat(target).catch(() => undefined)) !== undefined);
  }
}
