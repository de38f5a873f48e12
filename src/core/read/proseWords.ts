import { locateFrontMatter } from './frontMatter';
import { maskCode } from './links';

/** A reference definition, `[label]: destination "title"`, and a footnote's label, `[^1]:`, at a line's start. */
const DEFINITION_LINE = /^ {0,3}\[(?!\^)(?:[^\]\\\n]|\\.)+\]:[ \t]*\S.*$/gm;
/** A list item's marker or a block quote's `>` at a line's start (a numbered item's `1.` is no word). */
const BLOCK_MARKERS = /^(?:[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+|\[[ xX]\][ \t]+))+/gm;
/** An inline link's destination and title, from `](` to its closing `)`, on one paragraph's lines. */
const LINK_DESTINATION = /\]\(\s*(?:<[^>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
/** An autolink, `<https://example.com>` or `<name@example.com>`: its text is a URL, not prose. */
const AUTOLINK = /<(?:[a-z][a-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>/gi;
/** An HTML tag, opening or closing: its name and attributes are markup, the text between tags is prose. */
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi;
/** A footnote reference, `[^1]`, or a footnote definition's label, `[^1]:`. */
const FOOTNOTE_LABEL = /\[\^[^\]\s]+\]:?/g;
/** A non-breaking space written as an entity separates words; other entities are one character of a word. */
const SPACE_ENTITY = /&(?:nbsp|ensp|emsp|thinsp|#160|#x0*a0);/gi;
const OTHER_ENTITY = /&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});/gi;
/** A table's cell border separates words as a space does. */
const CELL_BORDER = /\|/g;
/** What a word holds at least one of: a letter or a digit of any script. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
/** A bare web address, which GitHub's Markdown shows as a link: a URL, not prose. */
const BARE_URL = /^[^\p{L}\p{N}]*(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/iu;

/**
 * The number of prose words in a Markdown file: the words a reader reads, so not the front
 * matter, code (fenced, indented or inline), HTML comments and tags, link and image
 * destinations, image descriptions, reference definitions, autolinks, bare web addresses, list
 * markers or table borders. A word is a run of characters between spaces holding at least one
 * letter or digit, as word processors count them: `end-to-end` is one word, a lone `-` is none.
 */
export function proseWordCount(markdown: string): number {
  const bodyStart = locateFrontMatter(markdown)?.bodyStart ?? 0;
  const prose = maskCode(markdown, bodyStart)
    .slice(bodyStart)
    .replace(DEFINITION_LINE, ' ')
    .replace(BLOCK_MARKERS, ' ')
    .replace(/!\[(?:[^\]\\\n]|\\.)*\](?:\([^)\n]*\)|\[[^\]\n]*\])?/g, ' ') // an image: its description is not prose
    .replace(LINK_DESTINATION, ']')
    .replace(AUTOLINK, ' ')
    .replace(HTML_TAG, ' ')
    .replace(FOOTNOTE_LABEL, ' ')
    .replace(SPACE_ENTITY, ' ')
    .replace(OTHER_ENTITY, '&')
    .replace(CELL_BORDER, ' ');
  let words = 0;
  for (const token of prose.split(/\s+/u)) {
    if (WORD_CHARACTER.test(token) && !BARE_URL.test(token)) words++;
  }
  return words;
}
