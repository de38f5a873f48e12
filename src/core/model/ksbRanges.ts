// Lists of KSBs as assessment plans write them: codes and ranges (`K1-K5, K9, S1`), for
// `assessment:` in portfolio.yaml and `epaMethods` in a standard data file.
import { KSB_CODE_PATTERN } from './codes';

/** The most codes one range may name: a standard has a few dozen of a kind, and `K1-K99999999` must not build a huge list. */
export const MAX_RANGE_LENGTH = 999;

/** A range as written: two codes of one kind joined by a hyphen or an en dash, spaces allowed. */
const RANGE = /^([A-Z])([1-9][0-9]*)\s*[-–]\s*([A-Z])([1-9][0-9]*)$/;

/** One item of a KSB list: the codes it names, in order, or why it names none. */
export type KsbListItem = { readonly ok: true; readonly codes: readonly string[]; readonly range: boolean } | { readonly ok: false; readonly reason: string };

/** What a KSB list item means: `K9` is one code, `K1-K5` the five codes K1 to K5. */
export function readKsbListItem(written: string): KsbListItem {
  const item = written.trim();
  if (KSB_CODE_PATTERN.test(item)) return { ok: true, codes: [item], range: false };
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
  const codes: string[] = [];
  for (let number = from; number <= to; number++) codes.push(`${letter}${number}`);
  return { ok: true, codes, range: true };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
