// The pass over a file's claims that the three claim rules share (ksbUnknownCode.ts,
// ksbWrongOption.ts, ksbDuplicateCode.ts): each code judged once, in claim order, and kept for the
// file so the three rules read one result.
import type { Ksb } from '../catalogue/catalogue';
import type { Portfolio } from '../read/config';
import type { Claim } from '../read/frontMatter';
import type { EvidenceContext, FileFacts } from './rule';

/** Every extra claim of one code: the first claim, the first extra one, and how many extras. */
export interface FoldedDuplicates {
  readonly first: Claim;
  readonly extra: Claim;
  count: number;
}

/** What the pass found: claims that count, unknown codes, codes of another option, folded duplicates. */
export interface ClaimPass {
  /** Claims that count towards coverage: known, of the right option, first occurrence only. */
  readonly validClaims: readonly Claim[];
  readonly unknown: readonly Claim[];
  readonly wrongOption: readonly { readonly claim: Claim; readonly ksb: Ksb }[];
  readonly duplicates: readonly FoldedDuplicates[];
}

/** The last pass, by the facts it was over: the claim rules run one after the other on one file. */
let last: { readonly facts: FileFacts; readonly portfolio: Portfolio; readonly result: ClaimPass } | undefined;

/** The claims of an evidence file judged against the configured standard and option, once per file. */
export function claimPass(facts: FileFacts, { portfolio }: EvidenceContext): ClaimPass {
  if (last?.facts === facts && last.portfolio === portfolio) return last.result;
  const result = judgeClaims(facts.analysis.frontMatter?.claims ?? [], portfolio);
  last = { facts, portfolio, result };
  return result;
}

/**
 * Judges claims in claim order. Duplicates of one code fold into one finding, which keeps the place
 * of the first extra claim: a file that claims K1 60 000 times gets one warning that counts them,
 * not 59 999 warnings.
 */
function judgeClaims(claims: readonly Claim[], { standard, option }: Portfolio): ClaimPass {
  const validClaims: Claim[] = [];
  const unknown: Claim[] = [];
  const wrongOption: { claim: Claim; ksb: Ksb }[] = [];
  const firstByCode = new Map<string, Claim>();
  const duplicates = new Map<string, FoldedDuplicates>();
  for (const claim of claims) {
    const first = firstByCode.get(claim.code);
    if (first) {
      const folded = duplicates.get(claim.code);
      if (folded) folded.count++;
      else duplicates.set(claim.code, { first, extra: claim, count: 1 });
      continue;
    }
    firstByCode.set(claim.code, claim);
    const ksb = standard.ksb(claim.code);
    if (!ksb) unknown.push(claim);
    else if (!standard.appliesTo(ksb, option?.id)) wrongOption.push({ claim, ksb });
    else validClaims.push(claim);
  }
  return { validClaims, unknown, wrongOption, duplicates: [...duplicates.values()] };
}
