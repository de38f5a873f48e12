import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { LineIndex, Range } from './text';

/** A link or image in a Markdown body that points at a file in the repository. */
export interface LocalLink {
  /** The target as written, without `#fragment` or `?query`, percent-decoded. */
  readonly target: string;
  readonly range: Range;
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/** Cheap test that spares the Markdown parser files whose bodies cannot hold a link. */
const MIGHT_HOLD_LINK = /\]\(|\]:|<img|<a\s|\bsrc=|\bhref=/i;

const HTML_TARGET = /\b(?:src|href)\s*=\s*("([^"]*)"|'([^']*)')/gi;

/**
 * Finds the local links and images (Markdown and inline HTML) in a file. Links inside code are
 * not links, which the Markdown parser knows; remote URLs and in-page anchors are left out.
 */
export function findLocalLinks(text: string, lines: LineIndex): LocalLink[] {
  if (!MIGHT_HOLD_LINK.test(text)) return [];
  const links: LocalLink[] = [];
  const visit = (node: MdNode): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && start !== undefined && end !== undefined) {
      const target = localTarget(node.url ?? '');
      if (target !== undefined) links.push({ target, range: lines.rangeAt(start, end) });
    } else if (node.type === 'html' && start !== undefined && node.value) {
      for (const match of node.value.matchAll(HTML_TARGET)) {
        const target = localTarget(match[2] ?? match[3] ?? '');
        const at = start + (match.index ?? 0);
        if (target !== undefined) links.push({ target, range: lines.rangeAt(at, at + match[0].length) });
      }
    }
    node.children?.forEach(visit);
  };
  visit(parser.parse(text) as MdNode);
  return links;
}

interface MdNode {
  type: string;
  url?: string;
  value?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/** The repository path a URL names, or `undefined` for remote URLs, anchors and empty links. */
export function localTarget(url: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//')) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return undefined;
  const path = trimmed.replace(/[?#].*$/, '');
  if (path === '') return undefined;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
