import { detach, type LineIndex, type Range } from '../base/text';

/** A link or image in a Markdown body that points at a file in the repository. */
export interface LocalLink {
  /** The target as written, without `#fragment` or `?query`, percent-decoded. */
  readonly target: string;
  /** The whole link, `[text](target)` or `![alt](target)`, or the HTML attribute. */
  readonly range: Range;
}

/**
 * Where a link leads, as far as the core may look: it never looks outside the portfolio, nor
 * through a symbolic link, so a link there is answered the same whatever is at its end.
 */
export type LinkTargetState =
  | { readonly kind: 'found' }
  | { readonly kind: 'missing' }
  /** The target lies outside the portfolio's root. */
  | { readonly kind: 'outside' }
  /** The target is a symbolic link. */
  | { readonly kind: 'symbolic-link' }
  /** A symbolic link is on the target's way: `symbolicLink` is its path from the portfolio root. */
  | { readonly kind: 'through-link'; readonly symbolicLink: string }
  /** A link starting with `/` to no file under the root, in a portfolio without `site-root:`: a route of a static site. */
  | { readonly kind: 'site-route' };

/** The HTML half of the cheap test below; every alternative holds a `<` or a `=`. */
const MIGHT_HOLD_HTML_LINK = /<img|<a\s|\bsrc=|\bhref=/i;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const DEFINITION = /^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)/;
const HTML_TARGET = /<(?:img|a|source|video|audio|iframe)\b[^>]*?\b((?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'))/gi;
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])( {1,4}|\t|$)/;
/** The characters that can start an escape, an HTML comment or a code span. */
const INLINE_SPECIAL = /[\\<`]/g;

/**
 * Finds the local links, images and reference definitions of a Markdown text, and `src`/`href`
 * targets in inline HTML. Code (fenced, indented, inline) and HTML comments never hold links.
 *
 * This is a purpose-built scanner rather than a full Markdown parse: remark takes about 7 ms
 * for a 3 KB body, too slow for 10 000 files, and the rules only need links. A differential
 * test checks it against remark on the fixtures and on generated documents.
 */
export function findLocalLinks(text: string, lines: LineIndex, from = 0): LocalLink[] {
  if (!mightHoldLink(text)) return [];
  const masked = maskCode(text, from);
  const links: LocalLink[] = [];
  const add = (url: string, start: number, end: number) => {
    const target = localTarget(url);
    // Detached: a target cut from the masked copy would keep that whole copy alive in the index.
    if (target !== undefined) links.push({ target: detach(target), range: lines.rangeAt(start, end) });
  };
  findInlineLinks(masked, from, add);
  // A definition needs `]:`; most bodies have none, so skip the line-by-line pass for them.
  for (let lineStart = masked.includes(']:', from) ? from : masked.length; lineStart < masked.length;) {
    let lineEnd = masked.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = masked.length;
    const line = masked.slice(lineStart, lineEnd);
    const definition = DEFINITION.exec(line);
    if (definition) add(stripAngles(definition[2]), lineStart + definition[0].indexOf('['), lineStart + definition[0].length);
    lineStart = lineEnd + 1;
  }
  // Searching from `from` finds what a search of a text blanked up to `from` would: no match can
  // start before it, so the front matter needs no blanking and most bodies need no masked copy.
  if (masked.includes('<', from)) {
    HTML_TARGET.lastIndex = from;
    for (let match = HTML_TARGET.exec(masked); match; match = HTML_TARGET.exec(masked)) {
      const attribute = match[1];
      const at = match.index + match[0].length - attribute.length;
      add(match[2] ?? match[3] ?? '', at, at + attribute.length);
    }
  }
  return links.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/**
 * Cheap test that spares the scanner texts that cannot hold a link: plain substring searches
 * first, the case-insensitive pattern only for texts with a `<` or `=` in them.
 */
function mightHoldLink(text: string): boolean {
  if (text.includes('](') || text.includes(']:')) return true;
  return (text.includes('<') || text.includes('=')) && MIGHT_HOLD_HTML_LINK.test(text);
}

/**
 * Returns the text with code and HTML comments replaced by spaces (newlines kept), so offsets
 * stay true while nothing inside code can look like a link.
 */
export function maskCode(text: string, from: number): string {
  // The spans to blank are collected and the masked copy built once at the end: most bodies have
  // no code, and splitting every text into an array of characters cost more than the whole scan.
  const spans: Array<[number, number]> = [];
  const blank = (start: number, end: number) => {
    if (end > start) spans.push([start, end]);
  };

  // Block level: fenced and indented code, line by line.
  let fence: { char: string; length: number } | undefined;
  let previousBlank = true;
  /** Column where the current list item's content starts; undefined outside lists. */
  let listIndent: number | undefined;
  let paragraphStart = -1;
  const paragraphs: Array<[number, number]> = [];
  const closeParagraph = (end: number) => {
    if (paragraphStart >= 0) paragraphs.push([paragraphStart, end]);
    paragraphStart = -1;
  };
  for (let lineStart = from; lineStart <= text.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    const isBlank = line.trim() === '';
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
      blank(lineStart, lineEnd);
    } else {
      const open = FENCE_OPEN.exec(line);
      if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
        closeParagraph(lineStart);
        // A fence is never a lazy continuation line: left of a list item's content, it ends the list.
        if (indentOf(line) < (listIndent ?? 0)) listIndent = undefined;
        fence = { char: open[1][0], length: open[1].length };
        blank(lineStart, lineEnd);
      } else if (!isBlank && previousBlank && indentOf(line) >= (listIndent ?? 0) + 4) {
        closeParagraph(lineStart);
        blank(lineStart, lineEnd); // indented code block
      } else if (isBlank) {
        closeParagraph(lineStart);
      } else {
        const item = LIST_ITEM.exec(line);
        if (item) listIndent = item[1].length + item[2].length + (item[3] === '' ? 1 : item[3] === '\t' ? 4 : item[3].length);
        else if (previousBlank && indentOf(line) < (listIndent ?? 0)) listIndent = undefined;
        if (paragraphStart < 0) paragraphStart = lineStart;
      }
    }
    previousBlank = isBlank;
    if (lineEnd === text.length) {
      closeParagraph(lineEnd);
      break;
    }
    lineStart = lineEnd + 1;
  }

  // Inline level: code spans and HTML comments within each paragraph.
  // The next character that can start an escape, a comment or a code span, at or after `i`. One
  // search answers every `i` up to what it found, so the text is searched once, not per paragraph.
  let searchedFrom = text.length + 1;
  let found = text.length;
  const nextSpecial = (i: number): number => {
    if (i < searchedFrom || i > found) {
      INLINE_SPECIAL.lastIndex = i;
      found = INLINE_SPECIAL.exec(text)?.index ?? text.length;
      searchedFrom = i;
    }
    return found;
  };
  for (const [start, end] of paragraphs) {
    let i = start;
    while (i < end) {
      i = nextSpecial(i);
      if (i >= end) break;
      if (text[i] === '\\') {
        i += 2;
        continue;
      }
      if (text.startsWith('<!--', i)) {
        const close = text.indexOf('-->', i + 4);
        const stop = close === -1 || close > end ? end : close + 3;
        blank(i, stop);
        i = stop;
        continue;
      }
      if (text[i] === '`') {
        let run = 1;
        while (text[i + run] === '`') run++;
        const closing = findBacktickRun(text, i + run, end, run);
        if (closing === -1) {
          i += run;
          continue;
        }
        blank(i, closing + run);
        i = closing + run;
        continue;
      }
      i++;
    }
  }
  return applySpans(text, spans);
}

/** The text with every character in `spans` but line breaks turned into a space. */
function applySpans(text: string, spans: Array<[number, number]>): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let done = 0;
  for (const [start, end] of spans) {
    const from = Math.max(start, done);
    if (end <= from) continue;
    parts.push(text.slice(done, from), text.slice(from, end).replace(/[^\n\r]/g, ' '));
    done = end;
  }
  parts.push(text.slice(done));
  return parts.join('');
}

/** The column a line's content starts at, counting a tab as four columns. */
function indentOf(line: string): number {
  let column = 0;
  for (const char of line) {
    if (char === ' ') column++;
    else if (char === '\t') column += 4 - (column % 4);
    else break;
  }
  return column;
}

function findBacktickRun(text: string, from: number, end: number, length: number): number {
  for (let i = from; i < end; i++) {
    if (text[i] !== '`') continue;
    let run = 1;
    while (text[i + run] === '`') run++;
    if (run === length) return i;
    i += run - 1;
  }
  return -1;
}

/** Inline links and images: `[text](dest "title")` and `![alt](dest)`, nested brackets allowed. */
function findInlineLinks(masked: string, from: number, add: (url: string, start: number, end: number) => void): void {
  for (let at = masked.indexOf('](', from); at !== -1; at = masked.indexOf('](', at + 2)) {
    const open = matchingOpenBracket(masked, at, from);
    if (open === -1) continue;
    const destination = parseDestination(masked, at + 2);
    if (!destination) continue;
    const start = open > 0 && masked[open - 1] === '!' && masked[open - 2] !== '\\' ? open - 1 : open;
    add(destination.url, start, destination.end);
  }
}

function matchingOpenBracket(text: string, close: number, from: number): number {
  let depth = 0;
  for (let i = close - 1; i >= from; i--) {
    const char = text[i];
    if (char === '\n' && text[i - 1] === '\n') return -1; // links do not cross paragraphs
    if (text[i - 1] === '\\' && (char === '[' || char === ']')) continue;
    if (char === ']') depth++;
    else if (char === '[') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Parses `dest "title")` from just after `](`; `undefined` when it is not a valid link end. */
function parseDestination(text: string, start: number): { url: string; end: number } | undefined {
  let i = start;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i++;
  let url: string;
  if (text[i] === '<') {
    const close = text.indexOf('>', i);
    if (close === -1 || text.slice(i, close).includes('\n')) return undefined;
    url = text.slice(i + 1, close);
    i = close + 1;
  } else {
    const urlStart = i;
    let depth = 0;
    while (i < text.length) {
      const char = text[i];
      if (char === '\\') {
        i += 2;
        continue;
      }
      if (char === '(') depth++;
      else if (char === ')') {
        if (depth === 0) break;
        depth--;
      } else if (/\s/.test(char)) break;
      i++;
    }
    url = text.slice(urlStart, i);
  }
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i++;
  if (text[i] === '"' || text[i] === "'" || text[i] === '(') {
    const closer = text[i] === '(' ? ')' : text[i];
    const close = text.indexOf(closer, i + 1);
    if (close === -1) return undefined;
    i = close + 1;
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i++;
  }
  if (text[i] !== ')') return undefined;
  return { url: url.replace(/\\(.)/g, '$1'), end: i + 1 };
}

function stripAngles(url: string): string {
  return url.startsWith('<') && url.endsWith('>') ? url.slice(1, -1) : url;
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
