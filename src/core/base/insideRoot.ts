// The one way the core looks at a path a portfolio's text names (a link, a `standards:` entry, an
// image): never outside the portfolio and never through a symbolic link, so what it reports cannot
// depend on what exists elsewhere on the machine.
import type { FileStat, PortfolioFileSystem } from './fileSystem';
import { relativePath } from './paths';

/** What is at a path, as far as the core may look. */
export type InsideStat =
  /** The path lies outside the root: nothing was looked at. */
  | { readonly kind: 'outside' }
  /** A symbolic link is at the path or on its way to it (`link`, absolute): nothing past it was looked at. */
  | { readonly kind: 'symbolic-link'; readonly link: string }
  | { readonly kind: 'missing' }
  /** An entry that is not a symbolic link, reached through folders that are not either. */
  | { readonly kind: 'found'; readonly stat: FileStat };

const OUTSIDE: InsideStat = { kind: 'outside' };
const MISSING: InsideStat = { kind: 'missing' };

/**
 * Stats `path` (absolute, normalised) without leaving `root`: each folder on the way is stat-ed
 * from the root down before anything below it, so no stat ever passes through a symbolic link.
 * `isKnownFolder` names folders already known to be real ones (from a walk), which need no stat.
 */
export async function statInsideRoot(
  fs: PortfolioFileSystem,
  root: string,
  path: string,
  isKnownFolder: (folder: string) => boolean = () => false,
): Promise<InsideStat> {
  const relative = relativePath(root, path);
  if (relative === undefined) return OUTSIDE;
  const segments = relative === '' ? [] : relative.split('/');
  let at = root;
  for (const [i, segment] of segments.entries()) {
    at = at.endsWith('/') ? `${at}${segment}` : `${at}/${segment}`;
    const last = i === segments.length - 1;
    if (!last && isKnownFolder(at)) continue;
    const stat = await fs.stat(at).catch(() => undefined);
    if (!stat) return MISSING;
    if (stat.symbolicLink) return { kind: 'symbolic-link', link: at };
    if (last) return { kind: 'found', stat };
    if (stat.type !== 'directory') return MISSING;
  }
  const stat = await fs.stat(root).catch(() => undefined);
  return stat ? { kind: 'found', stat } : MISSING;
}
