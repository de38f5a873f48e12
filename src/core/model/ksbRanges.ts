// Lists of KSBs as assessment plans write them: codes and ranges (`K1-K5, K9, S1`), for
// `assessment:` in portfolio.yaml and `epaMethods` in a standard data file.
import { KSB_CODE_PATTERN } from './codes';

/** The most codes one range may name: a standard has a few dozen of a kind, and `K1-K99999999` must not build a huge list. */
export const MAX_RANGE_LENGTH = 999;

/** A range as written: two codes of one kind joined by a hyphen or an en dash, spaces allowed. */
const RANGE = /^([A-Z])([1-9][0-9]*)\s*[-–]\s*([A-Z])([1-9][0-9]*)$/;

/**
 * One item of a KSB list: the codes it names (a kind letter and the numbers `from` to `to`,
 * one number for a code), or why it names none. The codes are not listed: a config of many long
 * ranges would build millions of them, where a standard has a few dozen KSBs to test.
 */
export type KsbListItem =
  | {
      readonly ok: true;
      readonly letter: string;
      readonly from: number;
      readonly to: number;
      readonly range: boolean;
      readonly first: string;
      readonly last: string;
    }
  | { readonly ok: false; readonly reason: string };

/** Whether an item read as valid names the code of `letter` and `number`. */
export function itemNames(item: Extract<KsbListItem, { ok: true }>, letter: string, number: number): boolean {
  return letter === item.letter && number >= item.from && number <= item.to;
}

/** What a KSB list item means: `K9` is one code, `K1-K5` the five codes K1 to K5. */
export function readKsbListItem(written: string): KsbListItem {
  const item = written.trim();
  if (KSB_CODE_PATTERN.test(item)) {
    const number = Number(item.slice(1));
    return { ok: true, letter: item[0], from: number, to: number, range: false, first: item, last: item };
  }
  const range = RANGE.exec(item);
  if (!range || !KSB_CODE_PATTERN.test(`${range[1]}${range[2]}`) || !KSB_CODE_PATTERN.test(`${range[3]}${range[4]}`)) {
    return { ok: false, reason: `expected a code such as K1 or a range such as K1-K5, found \`${shorten(written)}\`` };
  }
  const [, letter, first, endLetter, last] = range;
  if (letter !== endLetter)
    return { ok: false, reason: `expected a range of one kind such as ${letter}1-${letter}5, found \`${item}\`, which goes from ${letter} to ${endLetter}` };
  const from = Number(first);
  const to = Number(last);
  if (to < from) return { ok: false, reason: `expected a range from the lower code to the higher, found \`${item}\` (write ${letter}${to}-${letter}${from})` };
  if (to - from + 1 > MAX_RANGE_LENGTH) return { ok: false, reason: `expected a range of at most ${MAX_RANGE_LENGTH} codes, found \`${item}\`` };
  return { ok: true, letter, from, to, range: true, first: `${letter}${from}`, last: `${letter}${to}` };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
