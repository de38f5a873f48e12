import type { PortfolioFileSystem } from '../base/fileSystem';
import { statInsideRoot, type InsideStat } from '../base/insideRoot';
import type { LinkTargetState, LocalLink } from '../read/links';
import { dirname, joinPath, relativePath } from '../base/paths';
import { isInsideSkippedFolder, type WalkRecord } from './treeWalk';

const FOUND: LinkTargetState = { kind: 'found' };
const MISSING: LinkTargetState = { kind: 'missing' };
const OUTSIDE: LinkTargetState = { kind: 'outside' };
const SYMBOLIC_LINK: LinkTargetState = { kind: 'symbolic-link' };
const SITE_ROUTE: LinkTargetState = { kind: 'site-route' };
/** The files a static-site route (`/posts/first/`) can be served from, after its own path. */
const ROUTE_FILES = ['.md', '/index.md', '/_index.md'];

/**
 * Where the links of a portfolio's Markdown files lead: which paths exist (from the walk, so an
 * attachment check costs no stat per link) and which files link to each target, so a path
 * appearing or going rechecks only those files. A target outside the root, or at or through a
 * symbolic link, is never looked at: it is answered the same whatever is there. Only a target
 * inside the root that the walk skips (`node_modules`, an excluded folder) is stat-ed, from the
 * root down so no stat passes a link.
 */
export class LinkTargets implements Omit<WalkRecord, 'unread'> {
  /** Every file the walk saw, for attachment checks without a stat per link. */
  readonly knownPaths = new Set<string>();
  /** Every folder the walk saw; links may point at folders too. */
  readonly knownFolders = new Set<string>();
  /** Every symbolic link the walk saw: nothing at or through one is looked at. */
  readonly symbolicLinks = new Set<string>();
  /** What is at the link targets inside the root that the walk skips, from one look each. */
  private readonly unwalkedTargets = new Map<string, InsideStat>();
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
    this.unwalkedTargets.clear();
    this.symbolicLinks.clear();
  }

  /** Forgets what the walk saw at or below `folder`, before it is walked again. */
  forgetWalkBelow(folder: string): void {
    const prefix = `${folder}/`;
    const isBelow = (path: string) => path === folder || path.startsWith(prefix);
    for (const known of [...this.knownPaths]) if (isBelow(known)) this.knownPaths.delete(known);
    for (const known of [...this.knownFolders]) if (isBelow(known)) this.knownFolders.delete(known);
    for (const link of [...this.symbolicLinks]) if (isBelow(link)) this.symbolicLinks.delete(link);
  }

  /** The folder links starting with `/` are resolved against: `site-root:` of portfolio.yaml, below the root. */
  private siteRoot: string | undefined;
  private siteRootWritten: string | undefined;

  /** Sets the folder (relative to the root) that `/` links start at, from `site-root:`; `undefined` for none. */
  setSiteRoot(folder: string | undefined): void {
    if (folder === this.siteRootWritten) return;
    this.siteRootWritten = folder;
    this.siteRoot = folder === undefined ? undefined : joinPath(this.root, folder);
  }

  /** The absolute path a link in `fromFile` points at; `/` starts at `site-root:`, else at the portfolio root. */
  linkTarget(fromFile: string, target: string): string {
    return target.startsWith('/') ? joinPath(this.siteRoot ?? this.root, target) : joinPath(dirname(fromFile), target);
  }

  /**
   * Where a link in `fromFile` leads. A link starting with `/` is a static site's route: with
   * `site-root:` it is found as a file or folder there, or as the page the route serves (`.md`,
   * `index.md`, `_index.md`); without it, one that is not a file under the root is a route the site
   * makes, not a missing attachment.
   */
  linkState(fromFile: string, target: string): LinkTargetState {
    const resolved = this.linkTarget(fromFile, target);
    const state = this.stateOf(resolved);
    if (!target.startsWith('/') || state.kind !== 'missing') return state;
    if (this.siteRoot === undefined) return SITE_ROUTE;
    const route = resolved.replace(/\/+$/, '');
    for (const suffix of ROUTE_FILES) if (this.stateOf(route + suffix).kind === 'found') return FOUND;
    return state;
  }

  /** Where a link to `target` leads, as far as the walk and the looks at skipped targets know. */
  stateOf(target: string): LinkTargetState {
    if (relativePath(this.root, target) === undefined) return OUTSIDE;
    const link = this.symbolicLinkOnTheWay(target);
    if (link !== undefined) return link === target ? SYMBOLIC_LINK : this.throughLink(link);
    if (this.isUnwalked(target)) {
      const inside = this.unwalkedTargets.get(target);
      if (inside?.kind === 'symbolic-link') return inside.link === target ? SYMBOLIC_LINK : this.throughLink(inside.link);
      return inside?.kind === 'found' ? FOUND : MISSING;
    }
    return this.knownPaths.has(target) || this.knownFolders.has(target) ? FOUND : MISSING;
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

  /** Whether the walk never reaches `target`: outside the root, at or below a skipped or excluded path, or below a symbolic link. */
  isOutsideWalk(target: string): boolean {
    if (relativePath(this.root, target) === undefined) return true;
    const link = this.symbolicLinkOnTheWay(target);
    return (link !== undefined && link !== target) || this.isUnwalked(target);
  }

  /** Looks once at each link target of `paths` (their links from `linksOf`) that lies inside the root where the walk does not go. */
  async statUnwalkedTargets(paths: readonly string[], linksOf: (path: string) => readonly LocalLink[] | undefined): Promise<void> {
    const targets = new Set<string>();
    for (const path of paths) {
      for (const link of linksOf(path) ?? []) {
        const target = this.linkTarget(path, link.target);
        if (!this.unwalkedTargets.has(target) && this.needsLook(target)) targets.add(target);
      }
    }
    await Promise.all([...targets].map((target) => this.look(target)));
  }

  /**
   * Looks again at the skipped targets that an event at `path` can have changed: the path itself,
   * what lies below it and the folders above it. Returns them, for their files to be rechecked.
   */
  async restatUnwalkedTargetsAround(path: string): Promise<string[]> {
    if (this.unwalkedTargets.size === 0) return [];
    const prefix = `${path}/`;
    const affected: string[] = [];
    for (const target of this.unwalkedTargets.keys()) if (target === path || target.startsWith(prefix) || path.startsWith(`${target}/`)) affected.push(target);
    await Promise.all(affected.map((target) => this.look(target)));
    return affected;
  }

  /** Whether `target` is inside the root, clear of the walk's links, and where the walk does not go: the only targets ever stat-ed. */
  private needsLook(target: string): boolean {
    return relativePath(this.root, target) !== undefined && this.symbolicLinkOnTheWay(target) === undefined && this.isUnwalked(target);
  }

  /** Whether `target` (inside the root) lies at or below a path the walk skips or the host excludes. */
  private isUnwalked(target: string): boolean {
    const relative = relativePath(this.root, target);
    if (relative === undefined || relative === '') return false;
    if (isInsideSkippedFolder(relative)) return true;
    const isExcluded = this.isExcluded;
    if (!isExcluded) return false;
    // The walk leaves out an excluded folder whole, so each folder above counts, not only the path.
    for (let end = relative.indexOf('/'); end !== -1; end = relative.indexOf('/', end + 1)) if (isExcluded(relative.slice(0, end))) return true;
    return isExcluded(relative);
  }

  /** The walk's symbolic link at `path` or in a folder above it (inside the root), if any. */
  private symbolicLinkOnTheWay(path: string): string | undefined {
    if (this.symbolicLinks.size === 0) return undefined;
    for (let at = path; at !== this.root && relativePath(this.root, at) !== undefined; at = dirname(at)) {
      if (this.symbolicLinks.has(at)) return at;
    }
    return undefined;
  }

  private throughLink(link: string): LinkTargetState {
    return { kind: 'through-link', symbolicLink: relativePath(this.root, link) ?? link };
  }

  /** Looks at one skipped target without leaving the root or passing a link (the walk's folders need no stat). */
  private async look(target: string): Promise<void> {
    this.unwalkedTargets.set(target, await statInsideRoot(this.fs, this.root, target, (folder) => this.knownFolders.has(folder)));
  }
}
