// Placeholders left in evidence (`[EVIDENCE NEEDED]`, `TODO`, `lorem ipsum`): found in the body,
// outside code and HTML comments, for `evidence.placeholder` to judge.
import { detach, type LineIndex, type Range } from '../base/text';
import { maskCode } from './links';

/** The placeholders looked for when `placeholders:` in portfolio.yaml does not list its own. */
export const DEFAULT_PLACEHOLDERS: readonly string[] = ['[EVIDENCE NEEDED]', 'TODO', 'TBC', 'XX%', 'lorem ipsum'];

/** Placeholders reported in one file at most: a template left whole says enough with these. */
export const MAX_PLACEHOLDERS_A_FILE = 20;

/** One placeholder in a body: the text as written, and where. */
export interface PlaceholderFound {
  readonly text: string;
  readonly range: Range;
}

/** Whether a character is a letter or digit, so a phrase that starts or ends with one is matched as a whole word. */
const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/**
 * The pattern matching any of `phrases` as written, ignoring case; a phrase that starts (ends)
 * with a letter or digit must start (end) a word, so `TODO` is not found in `TODOS`.
 */
export function placeholderPattern(phrases: readonly string[]): RegExp | undefined {
  const alternatives = phrases
    .map((phrase) => phrase.trim())
    .filter((phrase) => phrase !== '')
    .map((phrase) => {
      const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
      const before = WORD_CHARACTER.test(phrase[0]) ? '(?<![\\p{L}\\p{N}_])' : '';
      const after = WORD_CHARACTER.test(phrase[phrase.length - 1]) ? '(?![\\p{L}\\p{N}_])' : '';
      return `${before}${escaped}${after}`;
    });
  return alternatives.length === 0 ? undefined : new RegExp(alternatives.join('|'), 'giu');
}

/** The placeholders in the body of `text` (from `from`), outside code and HTML comments, at most MAX_PLACEHOLDERS_A_FILE. */
export function findPlaceholders(text: string, lines: LineIndex, from: number, pattern: RegExp | undefined): PlaceholderFound[] {
  if (pattern === undefined) return [];
  const masked = maskCode(text, from);
  const found: PlaceholderFound[] = [];
  const scan = new RegExp(pattern.source, pattern.flags);
  scan.lastIndex = from;
  for (let match = scan.exec(masked); match && found.length < MAX_PLACEHOLDERS_A_FILE; match = scan.exec(masked)) {
    if (match[0] === '') {
      scan.lastIndex++;
      continue;
    }
    found.push({ text: detach(match[0]), range: lines.rangeAt(match.index, match.index + match[0].length) });
  }
  return found;
}
