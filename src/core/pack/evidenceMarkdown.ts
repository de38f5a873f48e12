// One evidence file's Markdown as HTML for the submission pack: GitHub-flavoured (tables, task
// lists, strikethrough, footnotes, autolinks) through unified, remark and rehype. Nothing the
// apprentice wrote is trusted: raw HTML is shown as the text it is, never interpreted, and the
// result goes through rehype-sanitize (GitHub's schema) before any link is rewritten.
import type { Element, Root as HastRoot } from 'hast';
import type { Html, Root as MdastRoot } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { Extension as MicromarkExtension } from 'micromark-util-types';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import { visit } from 'unist-util-visit';

/** What a link or image of the evidence becomes in the pack. */
export type ResolvedUrl =
  /** Another evidence file: its piece in the same page (`#e3`). */
  | { readonly kind: 'anchor'; readonly href: string }
  /** A file in the ZIP: the relative URL from `portfolio.html`; `dataUri` when an image is embedded. */
  | { readonly kind: 'file'; readonly href: string; readonly dataUri?: string }
  /** Not in the pack (outside the portfolio, through a symbolic link, missing, refused): `why` says so. */
  | { readonly kind: 'absent'; readonly why: string };

/** How one evidence file's local links are resolved; `undefined` leaves an external URL as it is. */
export type UrlResolver = (url: string) => ResolvedUrl | undefined;

/** Options of one rendering. */
export interface EvidenceMarkdownOptions {
  /** Put before every id the Markdown makes (footnotes), so pieces on one page never share one. */
  readonly idPrefix: string;
  /** Where each URL of the evidence leads in the pack. */
  readonly resolve: UrlResolver;
}

/** GitHub's schema without its id prefix: ids come only from footnotes, which remark-rehype prefixes itself. Made on first use, as everything here, so that a bundle which never renders does not run it. */
let schema: typeof defaultSchema | undefined;

/**
 * GitHub's extensions to CommonMark, as remark-gfm adds them and in its order, each with the
 * characters a text must hold for it to find anything: micromark tries every extension at every
 * place it could start, which took most of a large export's time, so a text is parsed with the
 * extensions it can use only. The tree is the same: an extension that finds nothing leaves no trace
 * (test/unit/evidenceMarkdown.test.ts compares with remark-gfm on generated texts).
 */
const GFM_EXTENSIONS: readonly { readonly possible: RegExp; readonly syntax: () => MicromarkExtension; readonly tree: () => FromMarkdownExtension }[] = [
  // A bare `www.` address, `http://` or `https://` URL, or e-mail address (`mailto:` and `xmpp:` ones hold an `@` too).
  { possible: /www\.|:\/\/|@/i, syntax: gfmAutolinkLiteral, tree: gfmAutolinkLiteralFromMarkdown },
  { possible: /\[\^/, syntax: gfmFootnote, tree: gfmFootnoteFromMarkdown },
  { possible: /~/, syntax: () => gfmStrikethrough(), tree: gfmStrikethroughFromMarkdown },
  { possible: /\|/, syntax: gfmTable, tree: gfmTableFromMarkdown },
  { possible: /\[[\sxX]\]/, syntax: gfmTaskListItem, tree: gfmTaskListItemFromMarkdown },
];

/** CommonMark with the given GitHub extensions, front matter recognised so it can be left out. */
function makeParser(chosen: readonly (typeof GFM_EXTENSIONS)[number][]) {
  // What remark-gfm does, with the chosen extensions only (its to-Markdown half is not needed to parse).
  function gfmSubset(this: Processor): void {
    const data = this.data();
    (data.micromarkExtensions ??= []).push(...chosen.map((e) => e.syntax()));
    (data.fromMarkdownExtensions ??= []).push(chosen.map((e) => e.tree()));
  }
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(gfmSubset).freeze();
}

/** The parsers made so far, by the set of GFM extensions they have (a bit each, in GFM_EXTENSIONS' order). */
const parsers = new Map<number, ReturnType<typeof makeParser>>();

/** The parser for a text: the GitHub extensions the text can use. */
function parserFor(markdown: string): ReturnType<typeof makeParser> {
  let set = 0;
  GFM_EXTENSIONS.forEach(({ possible }, bit) => {
    if (possible.test(markdown)) set |= 1 << bit;
  });
  let parser = parsers.get(set);
  if (!parser) {
    parser = makeParser(GFM_EXTENSIONS.filter((_, bit) => set & (1 << bit)));
    parsers.set(set, parser);
  }
  return parser;
}

/** A parsed evidence body and every URL it links or shows, to resolve before it is rendered. */
export interface ParsedEvidence {
  readonly tree: MdastRoot;
  /** The URLs of its links, images and link definitions, as written, each once. */
  readonly urls: readonly string[];
}

/** Parses a Markdown text (front matter and all) for renderEvidenceTree. */
export function parseEvidenceMarkdown(markdown: string): ParsedEvidence {
  const tree = parserFor(markdown).parse(markdown);
  const urls = new Set<string>();
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') urls.add(node.url);
  });
  return { tree, urls: [...urls] };
}

/** Renders a parsed evidence body (front matter left out) to an HTML fragment that is safe to put in the pack. Uses up the tree. */
export function renderEvidenceTree({ tree }: ParsedEvidence, options: EvidenceMarkdownOptions): string {
  const processor = unified()
    .use(() => (root: MdastRoot) => rawHtmlAsText(root))
    .use(remarkRehype, { clobberPrefix: options.idPrefix, footnoteLabelTagName: 'h2' })
    .use(rehypeSanitize, (schema ??= { ...defaultSchema, clobber: [] }))
    .use(() => (root: HastRoot) => rewriteUrls(root, options))
    .use(rehypeStringify);
  return processor.stringify(processor.runSync(tree));
}

/** Renders a Markdown text in one go (parse, then render). */
export function renderEvidenceMarkdown(markdown: string, options: EvidenceMarkdownOptions): string {
  return renderEvidenceTree(parseEvidenceMarkdown(markdown), options);
}

/**
 * Raw HTML as what it says: a block of it becomes a code block, a tag in a sentence its text, so
 * the assessor sees everything the apprentice wrote and nothing of it runs or loads.
 */
function rawHtmlAsText(tree: MdastRoot): void {
  // Front matter is the panel's, not the body's.
  tree.children = tree.children.filter((node) => node.type !== 'yaml' && (node.type as string) !== 'toml');
  visit(tree, 'html', (node: Html, index, parent) => {
    if (!parent || index === undefined) return;
    const flow = parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem' || parent.type === 'footnoteDefinition';
    parent.children[index] = flow ? ({ type: 'code', lang: 'html', value: node.value } as never) : ({ type: 'text', value: node.value } as never);
  });
}

/** The id mdast-util-to-hast gives the footnotes' heading, unprefixed. */
const FOOTNOTE_LABEL = 'footnote-label';

/** Local links and images become in-page anchors or ZIP paths; an image from a server is never loaded. */
function rewriteUrls(tree: HastRoot, { resolve, idPrefix }: EvidenceMarkdownOptions): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    // The footnotes' heading has a fixed id, which every piece with footnotes would repeat.
    if (node.properties.id === FOOTNOTE_LABEL) node.properties.id = `${idPrefix}${FOOTNOTE_LABEL}`;
    const describedBy = node.properties.ariaDescribedBy;
    if (Array.isArray(describedBy)) node.properties.ariaDescribedBy = describedBy.map((id) => (id === FOOTNOTE_LABEL ? `${idPrefix}${id}` : id));
    else if (describedBy === FOOTNOTE_LABEL) node.properties.ariaDescribedBy = [`${idPrefix}${FOOTNOTE_LABEL}`];
    const level = /^h([1-6])$/.exec(node.tagName);
    // The page's own headings are h1 (cover) and h2 (each piece): the evidence's start below them.
    if (level) node.tagName = `h${Math.min(Number(level[1]) + 2, 6)}`;
    if (node.tagName === 'a' && typeof node.properties.href === 'string') {
      const href = node.properties.href;
      if (href.startsWith('#')) return;
      const resolved = resolve(href);
      if (!resolved) return;
      if (resolved.kind === 'absent') {
        delete node.properties.href;
        node.properties.className = ['absent'];
        node.properties.title = resolved.why;
      } else node.properties.href = resolved.href;
      return;
    }
    if (node.tagName === 'input' && parent && index !== undefined) {
      // A task list's box: a mark with words for a screen reader, since a box here can never be ticked.
      const done = Boolean(node.properties.checked);
      parent.children[index] = {
        type: 'element',
        tagName: 'span',
        properties: { className: ['task'], role: 'img', ariaLabel: done ? 'done' : 'not done' },
        children: [{ type: 'text', value: done ? '☑' : '☐' }],
      };
      return;
    }
    if (node.tagName !== 'img' || !parent || index === undefined) return;
    const src = typeof node.properties.src === 'string' ? node.properties.src : '';
    const alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
    const resolved: ResolvedUrl | undefined = src === '' ? { kind: 'absent', why: 'no address the pack allows' } : resolve(src);
    if (resolved?.kind === 'file' && resolved.dataUri) {
      node.properties.src = resolved.dataUri;
      return;
    }
    // Not embedded: a link to the image in the ZIP, or to its server (which the page never fetches).
    const label = alt || src || 'image';
    const link: Element =
      resolved?.kind === 'absent'
        ? {
            type: 'element',
            tagName: 'span',
            properties: { className: ['absent'], title: resolved.why },
            children: [{ type: 'text', value: `[image: ${label}]` }],
          }
        : {
            type: 'element',
            tagName: 'a',
            properties: { href: resolved?.kind === 'file' ? resolved.href : src, className: ['attachment'] },
            children: [{ type: 'text', value: `[image: ${label}]` }],
          };
    parent.children[index] = link;
  });
}
