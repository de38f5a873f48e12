import type { PortfolioConfig } from '../read/config';
import { slugify } from '../base/paths';

/** Characters that make a glob segment a pattern rather than a fixed folder name. */
const GLOB_CHARACTERS = /[*?[\]{}!]/;

/**
 * The folder (relative to the portfolio root, no trailing slash) where new evidence goes: the fixed
 * leading folders of the first evidence glob (`evidence` from `evidence/**\/*.md`), or the root
 * (`''`) when there are no globs or the first one starts with a pattern.
 */
export function evidenceFolder(config: Pick<PortfolioConfig, 'evidence'>): string {
  const glob = config.evidence?.[0]?.replace(/^\.\//, '');
  if (!glob) return '';
  const segments = glob.split('/');
  const fixed: string[] = [];
  // The last segment names files, never a folder.
  for (const segment of segments.slice(0, -1)) {
    if (GLOB_CHARACTERS.test(segment) || segment === '' || segment === '.' || segment === '..') break;
    fixed.push(segment);
  }
  return fixed.join('/');
}

/** The file name of a new evidence file: `2026-04-10-weekly-post-schedule.md`, or `2026-04-10-evidence.md` for a title with no letters or digits. */
export function evidenceFileName(date: string, title: string): string {
  const slug = slugify(title) || 'evidence';
  return `${date ? `${date}-` : ''}${slug}.md`;
}
