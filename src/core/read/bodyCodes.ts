// KSB codes mentioned in the Markdown body of a file, and how each is written: tagged in brackets
// (`[K2, S6]`, `(K24)`, `(*K24*)`), on a `**KSBs:** S20, K7` line, in inline code, in a list of
// codes, or alone in a sentence. Apprentices map their evidence this way before they use front
// matter; `ksb import` claims the tagged ones, the editor colours only references (AWS "S3" in a
// sentence is a bucket, not a skill), and a file that tags codes but claims none is told so.
import { locateFrontMatter } from './frontMatter';
import { detach, type LineIndex, type Range } from '../base/text';

/** How a code is written in the body. `prose` is a code alone in a sentence; every other form reads as a KSB reference. */
export type CodeMentionForm = 'tag' | 'ksbs-line' | 'inline-code' | 'list' | 'prose';

/** One code mentioned in the body, with where it is and what surrounds it. */
export interface CodeMention {
  /** The code as written, upper-cased: `K7`. */
  readonly code: string;
  /** Offsets of the code in the text. */
  readonly start: number;
  readonly end: number;
  readonly form: CodeMentionForm;
  /** True when the sentence denies it: "this is S4 evidence, not S20". Never claimed. */
  readonly denied: boolean;
  /** The sentence the code is in, as plain text, for messages. */
  readonly sentence: string;
  /** The first sentence of the paragraph it tags (or of the paragraph before a tag or `KSBs:` line standing alone). */
  readonly justification: string | undefined;
}

/** A code tagged in the body (in brackets or on a `KSBs:` line, not denied), as the file's analysis keeps it. */
export interface CodeTag {
  readonly code: string;
  readonly range: Range;
  readonly justification?: string;
}

/** What the analysis of a file keeps of its code mentions: the tags that claim, and whether any code reads as a KSB reference. */
export interface CodeMentionSummary {
  readonly codeTags: readonly CodeTag[];
  readonly mentionsCodes: boolean;
}

/** The tags and whether the body references codes at all, with positions from `lines`. */
export function summarizeCodeMentions(text: string, lines: LineIndex): CodeMentionSummary {
  const mentions = findCodeMentions(text);
  const codeTags = mentions.filter(isClaimingTag).map((mention) => ({
    code: mention.code,
    range: { start: lines.positionAt(mention.start), end: lines.positionAt(mention.end) },
    ...(mention.justification === undefined ? {} : { justification: detach(mention.justification) }),
  }));
  return { codeTags, mentionsCodes: mentions.some(isKsbReference) };
}

/** Past this size a body is not scanned, as the editor's colouring does not. */
export const MAX_BODY_CODE_SCAN_LENGTH = 1_000_000;

/** The longest justification taken from a paragraph; longer first sentences are cut at a word. */
export const MAX_JUSTIFICATION_LENGTH = 200;

/** Whether a mention reads as a KSB reference (tagged, bracketed, in inline code, in a list of codes) rather than a word in a sentence. */
export function isKsbReference(mention: Pick<CodeMention, 'form'>): boolean {
  return mention.form !== 'prose';
}

/** Whether `ksb import` claims a mention: tagged or on a `KSBs:` line, and not denied. */
export function isClaimingTag(mention: Pick<CodeMention, 'form' | 'denied'>): boolean {
  return (mention.form === 'tag' || mention.form === 'ksbs-line') && !mention.denied;
}

/** A code as people tag it: a kind letter and a number, whole word. */
const CODE = /(?<![\w/.-])[KSB][1-9]\d{0,2}(?![\w-])/y;
const CODE_GLOBAL = /(?<![\w/.-])[KSB][1-9]\d{0,2}(?![\w-])/g;
/** Emphasis around a code: `*K24*`, `**K24**`, `_K24_`. */
const EMPHASIS = /[*_]{0,3}/y;
/** What may stand between the codes of a list: a comma, semicolon, slash, `&`, `+`, `and`, `or`. */
const LIST_SEPARATOR = /[ \t]*(?:[,;/&+]|\band\b|\bor\b)[ \t]*/y;
const SPACE = /[ \t]*/y;
/** A `KSBs:` line: the label (maybe bold, maybe "KSBs covered", "KSB mapping"), a colon, then the codes. */
const KSBS_LINE = /^[ \t>]*(?:[-*+][ \t]+)?(?:\*\*|__)?[ \t]*KSBs?\b[^:\n]{0,30}?(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?/gim;
/** Negation just before a code, in its clause: "not S20", "does not cover S20", "rather than S20". */
const DENIAL =
  /(?:\b(?:not|never|nor|no|except|excluding|without)|n't|\brather than|\binstead of)\s+(?:(?:yet|really|an?|the|for|of|as|evidence|meet|meets|cover|covers|covering|demonstrate|demonstrates|show|shows|claim|claims|address|addresses)\s+)*[*_`([]*$/i;

interface Paragraph {
  readonly start: number;
  readonly end: number;
}

/**
 * Every code mentioned in the Markdown body of `text`, in document order. Front matter, fenced
 * code, HTML comments and link destinations are left out; codes in inline code count only when the
 * span holds nothing but codes (`` `K7` ``).
 */
export function findCodeMentions(text: string): CodeMention[] {
  if (text.length > MAX_BODY_CODE_SCAN_LENGTH) return [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const bodyStart = bom + (locateFrontMatter(bom ? text.slice(bom) : text)?.bodyStart ?? 0);
  CODE_GLOBAL.lastIndex = bodyStart;
  if (!CODE_GLOBAL.test(text)) return [];
  const { masked, paragraphs } = maskBlocks(text, bodyStart);
  const chars = masked.split('');
  const blank = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };
  const found: Array<Omit<CodeMention, 'sentence' | 'justification'>> = [];
  const taken = new Set<number>();
  const add = (codes: readonly CodeAt[], form: CodeMentionForm, groupStart: number, perCode: boolean) => {
    const groupDenied = deniedBefore(masked, groupStart);
    for (const code of codes) {
      if (taken.has(code.start)) continue;
      taken.add(code.start);
      found.push({ code: code.code, start: code.start, end: code.end, form, denied: perCode ? deniedBefore(masked, code.start) : groupDenied });
    }
  };

  // Inline code that holds only codes, then every code span is blanked: codes in other code are not mentions.
  for (const span of masked.matchAll(/(`+)([^`\n]+?)\1(?!`)/g)) {
    const contentStart = span.index + span[1].length;
    const list = readCodeList(masked, contentStart, true);
    if (list && masked.slice(list.end, contentStart + span[2].length).trim() === '') add(list.codes, 'inline-code', span.index, false);
    blank(span.index, span.index + span[0].length);
  }
  let prose = chars.join('');
  // Link destinations and autolinks: a code there is part of an address.
  prose = prose.replace(/\]\([^)\n]*\)|<[a-z][\w+.-]*:[^>\s]*>/gi, (link) =>
    link.startsWith(']') ? `]${' '.repeat(link.length - 1)}` : ' '.repeat(link.length),
  );

  // `**KSBs:** S20, K7`: every code after the label on that line, each judged in its own clause.
  for (const line of prose.matchAll(KSBS_LINE)) {
    const from = line.index + line[0].length;
    const lineEnd = endOfLine(prose, from);
    const codes: CodeAt[] = [];
    CODE_GLOBAL.lastIndex = from;
    for (let match = CODE_GLOBAL.exec(prose); match && match.index < lineEnd; match = CODE_GLOBAL.exec(prose))
      codes.push({ code: match[0], start: match.index, end: match.index + match[0].length });
    add(codes, 'ksbs-line', from, true);
  }
  // Brackets holding only codes: `[K2, S6]`, `(K24)`, `(*K24*)`.
  for (const open of prose.matchAll(/[[(]/g)) {
    const list = readCodeList(prose, open.index + 1, true);
    if (!list) continue;
    SPACE.lastIndex = list.end;
    SPACE.test(prose);
    const close = prose[SPACE.lastIndex];
    if ((open[0] === '[' && close === ']') || (open[0] === '(' && close === ')')) add(list.codes, 'tag', open.index, false);
  }
  // The rest: lists of two or more codes, and codes alone.
  CODE_GLOBAL.lastIndex = bodyStart;
  for (let match = CODE_GLOBAL.exec(prose); match; match = CODE_GLOBAL.exec(prose)) {
    if (taken.has(match.index)) continue;
    const list = readCodeList(prose, match.index, false);
    if (list && list.codes.length > 1) {
      add(list.codes, 'list', match.index, false);
      CODE_GLOBAL.lastIndex = list.end;
    } else add([{ code: match[0], start: match.index, end: match.index + match[0].length }], 'prose', match.index, false);
  }

  found.sort((a, b) => a.start - b.start);
  const justifications = new Map<Paragraph, string | undefined>();
  return found.map((mention) => {
    const index = paragraphs.findIndex((p) => p.start <= mention.start && mention.start < p.end);
    const paragraph = paragraphs[index];
    if (paragraph && !justifications.has(paragraph)) justifications.set(paragraph, justificationFor(prose, paragraphs, index));
    return {
      ...mention,
      sentence: paragraph ? sentenceAround(prose, paragraph, mention.start) : '',
      justification: paragraph ? justifications.get(paragraph) : undefined,
    };
  });
}

interface CodeAt {
  readonly code: string;
  readonly start: number;
  readonly end: number;
}

/** Codes from `at`, with emphasis around each and separators between: `K2, S6`, `*K24*`, `K7 and S3`. `loose` lets plain spaces separate them too. */
function readCodeList(text: string, at: number, loose: boolean): { codes: CodeAt[]; end: number } | undefined {
  const codes: CodeAt[] = [];
  let position = at;
  let end = at;
  for (;;) {
    SPACE.lastIndex = position;
    SPACE.test(text);
    EMPHASIS.lastIndex = SPACE.lastIndex;
    EMPHASIS.test(text);
    CODE.lastIndex = EMPHASIS.lastIndex;
    const match = CODE.exec(text);
    if (!match) break;
    codes.push({ code: match[0], start: match.index, end: match.index + match[0].length });
    EMPHASIS.lastIndex = CODE.lastIndex;
    EMPHASIS.test(text);
    end = EMPHASIS.lastIndex;
    LIST_SEPARATOR.lastIndex = end;
    if (LIST_SEPARATOR.test(text)) position = LIST_SEPARATOR.lastIndex;
    else if (loose) position = end;
    else break;
  }
  return codes.length === 0 ? undefined : { codes, end };
}

/** Whether the clause before `at` denies what follows. */
function deniedBefore(text: string, at: number): boolean {
  const from = Math.max(0, at - 120);
  const before = text.slice(from, at);
  const clauseStart = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('.'), before.lastIndexOf('\n'));
  return DENIAL.test(before.slice(clauseStart + 1));
}

function endOfLine(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** Blanks fenced code and HTML comments (newlines kept), and finds the paragraphs: runs of non-blank lines. */
function maskBlocks(text: string, from: number): { masked: string; paragraphs: Paragraph[] } {
  // The front matter is blanked: its `ksbs:` line is the claims, not a mention.
  const parts: string[] = [text.slice(0, from).replace(/[^\r\n]/g, ' ')];
  const paragraphs: Paragraph[] = [];
  let fence: string | undefined;
  let paragraphStart = -1;
  for (let lineStart = from; lineStart < text.length;) {
    const lineEnd = endOfLine(text, lineStart);
    const line = text.slice(lineStart, lineEnd);
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    const isBlank = line.trim() === '';
    if (fence !== undefined || opening) {
      if (paragraphStart >= 0) paragraphs.push({ start: paragraphStart, end: lineStart });
      paragraphStart = -1;
      if (fence === undefined) fence = opening![1];
      else if (opening && opening[1][0] === fence[0] && opening[1].length >= fence.length && line.trim() === opening[1]) fence = undefined;
      parts.push(line.replace(/[^\r]/g, ' '));
    } else {
      if (isBlank) {
        if (paragraphStart >= 0) paragraphs.push({ start: paragraphStart, end: lineStart });
        paragraphStart = -1;
      } else if (paragraphStart < 0) paragraphStart = lineStart;
      parts.push(line);
    }
    if (lineEnd < text.length) parts.push('\n');
    lineStart = lineEnd + 1;
  }
  if (paragraphStart >= 0) paragraphs.push({ start: paragraphStart, end: text.length });
  const masked = parts.join('').replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => comment.replace(/[^\r\n]/g, ' '));
  return { masked, paragraphs };
}

/** A paragraph's text as plain prose: no tags, `KSBs:` label, heading marks, emphasis or link addresses. */
function plainText(prose: string, paragraph: Paragraph): string {
  const ksbsLine = new RegExp(KSBS_LINE.source, 'i');
  return prose
    .slice(paragraph.start, paragraph.end)
    .split('\n')
    .filter((line) => !ksbsLine.test(line))
    .join(' ')
    .replace(/[[(][^\])\n]{0,200}?[\])]/g, (group) => {
      const list = readCodeList(group, 1, true);
      return list && /^\s*[\])]$/.test(group.slice(list.end)) ? '' : group;
    })
    .replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d{1,9}[.)]\s+)/, '')
    .replace(/\[([^\]]*)\]\s*/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/\s+([.,;:!?])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first sentence of the paragraph, or of the nearest prose paragraph before a tag line standing alone. */
function justificationFor(prose: string, paragraphs: readonly Paragraph[], index: number): string | undefined {
  for (let i = index; i >= 0 && i >= index - 1; i--) {
    const paragraph = paragraphs[i];
    if (/^\s*#/.test(prose.slice(paragraph.start, paragraph.end))) {
      if (i === index) continue;
      return undefined;
    }
    const plain = plainText(prose, paragraph);
    if (plain === '' || !/[a-z]/i.test(plain)) continue;
    return firstSentence(plain);
  }
  return undefined;
}

function firstSentence(plain: string): string {
  const sentence = /^.*?[.!?](?=\s|$)/.exec(plain)?.[0] ?? plain;
  if (sentence.length <= MAX_JUSTIFICATION_LENGTH) return sentence;
  const cut = sentence.slice(0, MAX_JUSTIFICATION_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_JUSTIFICATION_LENGTH / 2)).trimEnd()}…`;
}

/** The sentence of the paragraph around `at`, flattened to one line. */
function sentenceAround(prose: string, paragraph: Paragraph, at: number): string {
  const text = prose.slice(paragraph.start, paragraph.end);
  const offset = at - paragraph.start;
  const before = text.slice(0, offset);
  const starts = [...before.matchAll(/[.!?]\s/g)].map((m) => m.index + m[0].length);
  const start = starts.length > 0 ? starts[starts.length - 1] : 0;
  const endMatch = /[.!?](?=\s|$)/.exec(text.slice(offset));
  const end = endMatch ? offset + endMatch.index + 1 : text.length;
  return text.slice(start, end).replace(/\]\s+/g, ']').replace(/\s+/g, ' ').trim();
}
