import type { Ksb, StandardVersion } from './catalogue/catalogue';

/** The pattern editors use to find a code-like word: `K1`, `s12`, `B04`. */
export const CODE_WORD = /\b[KSBksb]\d{1,3}\b/;

/**
 * The canonical form of something written as a code: `k9`, `K09`, `K 9` and `K-9` all give `K9`.
 * `undefined` when it is not code-shaped at all.
 */
export function canonicalCode(written: string): string | undefined {
  const match = /^([KSB])0*(\d+)$/.exec(written.trim().toUpperCase().replace(/[\s._-]+/g, ''));
  if (!match || match[2] === '') return undefined;
  return `${match[1]}${match[2]}`;
}

/** The KSBs whose codes are nearest to a code the standard lacks: same kind, closest numbers. */
export function nearestCodes(standard: StandardVersion, written: string, count = 3): Ksb[] {
  const canonical = canonicalCode(written);
  if (!canonical) return [];
  const letter = canonical[0];
  const number = Number(canonical.slice(1));
  return standard.ksbs
    .filter((ksb) => ksb.code[0] === letter)
    .sort((a, b) => Math.abs(a.number - number) - Math.abs(b.number - number) || a.number - b.number)
    .slice(0, count);
}
