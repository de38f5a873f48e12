import type { Catalogue } from '../catalogue/catalogue';
import { canonicalCode, kindOfCode, lookalikeCode } from '../model/codes';
import type { Portfolio } from '../read/config';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import type { Claim } from '../read/frontMatter';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule, type RuleCheck } from './rule';

/** The three claim rules share one pass, so their diagnostics come in claim order. */
const claimCheck: RuleCheck = {
  over: 'evidence',
  run: (facts, { portfolio, catalogue }) => checkClaims(facts.analysis.frontMatter?.claims ?? [], portfolio, catalogue, facts.path),
};

/** `ksb.unknown-code`. */
export const unknownCodeRule = defineRule({
  code: DiagnosticCode.UnknownCode,
  defaultLevel: 'error',
  summary: 'A claimed code that this standard version does not have, including near-misses such as `k9`.',
  meaning:
    'a code the configured standard version does not have; near-misses (`k9`, `K09`, `K 9`, and letters typed for digits: `S1O`, `Kl2`) say "did you mean K9?", codes of other versions say "K35 exists in v1.0 and v1.1 but not in v1.2"',
  quickFix: { kind: 'replace-code', title: 'replace a near-miss with the canonical code' },
  check: claimCheck,
});

/** `ksb.wrong-option`. */
export const wrongOptionRule = defineRule({
  code: DiagnosticCode.WrongOption,
  defaultLevel: 'error',
  summary: 'A claimed code that belongs to the other option.',
  meaning: 'a code of the other option than the configured one',
  quickFix: { kind: 'remove-claim', title: 'remove the code' },
  check: claimCheck,
});

/** `ksb.duplicate-code`. */
export const duplicateCodeRule = defineRule({
  code: DiagnosticCode.DuplicateCode,
  defaultLevel: 'warning',
  summary: 'The same code claimed twice in one file.',
  meaning: 'the same code twice in one file; points at the first; all extra claims of one code are one diagnostic that counts them',
  quickFix: { kind: 'remove-claim', title: 'remove the first extra claim' },
  check: claimCheck,
});

/** The outcome of checking one file's claims against the configured standard and option. */
export interface ClaimCheck {
  /** Claims that count towards coverage: known, of the right option, first occurrence only. */
  readonly validClaims: readonly Claim[];
  readonly diagnostics: readonly PortfolioDiagnostic[];
}

/**
 * Checks claims for `ksb.unknown-code`, `ksb.wrong-option` and `ksb.duplicate-code`.
 * `path` is the file the claims are in, for related locations.
 */
export function checkClaims(claims: readonly Claim[], portfolio: Portfolio, catalogue: Catalogue, path: string): ClaimCheck {
  const { standard, option } = portfolio;
  const validClaims: Claim[] = [];
  // In claim order. Duplicates of one code fold into one diagnostic, which keeps the place of the
  // first extra claim (as its code) until the count is known: a file that claims K1 60 000 times
  // gets one warning that counts them, not 59 999 warnings.
  const diagnostics: Array<PortfolioDiagnostic | string> = [];
  const firstByCode = new Map<string, Claim>();
  const duplicates = new Map<string, FoldedDuplicates>();

  for (const claim of claims) {
    const first = firstByCode.get(claim.code);
    if (first) {
      const folded = duplicates.get(claim.code);
      if (folded) folded.count++;
      else {
        duplicates.set(claim.code, { first, extra: claim, count: 1 });
        diagnostics.push(claim.code);
      }
      continue;
    }
    firstByCode.set(claim.code, claim);

    const ksb = standard.ksb(claim.code);
    if (!ksb) {
      diagnostics.push(unknownCode(claim, portfolio, catalogue));
      continue;
    }
    if (!standard.appliesTo(ksb, option?.id)) {
      diagnostics.push({
        code: wrongOptionRule.code,
        message: `Unexpected code ${claim.code} for the ${option?.title} option: ${claim.code} belongs to ${standard.optionLabel(ksb)}`,
        range: claim.range,
        fix: { kind: 'remove-claim', removeRange: claim.removeRange },
      });
      continue;
    }
    validClaims.push(claim);
  }
  return {
    validClaims,
    diagnostics: diagnostics.map((entry) => (typeof entry === 'string' ? duplicateCode(duplicates.get(entry) as FoldedDuplicates, path) : entry)),
  };
}

/** Every extra claim of one code: the first claim, the first extra one, and how many extras. */
interface FoldedDuplicates {
  readonly first: Claim;
  readonly extra: Claim;
  count: number;
}

/**
 * One `ksb.duplicate-code` for every extra claim of a code, at the first extra one. Its quick fix
 * removes that claim; the next check moves the diagnostic to the one after.
 */
function duplicateCode({ first, extra, count }: FoldedDuplicates, path: string): PortfolioDiagnostic {
  const others = count > 1 ? `, found it claimed ${count} more times after the first (one diagnostic for them all)` : '';
  return {
    code: duplicateCodeRule.code,
    message: `Unexpected second claim of ${extra.code}: expected each code once per file${others}`,
    range: extra.range,
    related: [{ path, range: first.range, message: `${extra.code} is first claimed here` }],
    fix: { kind: 'remove-claim', removeRange: extra.removeRange },
  };
}

function unknownCode(claim: Claim, portfolio: Portfolio, catalogue: Catalogue): PortfolioDiagnostic {
  const { standard } = portfolio;
  const written = claim.code;
  const canonical = canonicalCode(written);
  const range = claim.range;
  if (canonical && canonical !== written && standard.ksb(canonical)) {
    return {
      code: unknownCodeRule.code,
      message: `Unexpected code \`${written}\`: did you mean ${canonical}?`,
      range,
      fix: { kind: 'replace-code', replacement: canonical },
    };
  }
  // A letter typed for a digit (`S1O`, `Kl2`): offered only when the code it reads as exists.
  const lookalike = lookalikeCode(written);
  if (lookalike && standard.ksb(lookalike)) {
    return {
      code: unknownCodeRule.code,
      message: `Unexpected code \`${written}\`: did you mean ${lookalike}? (a letter typed for a digit)`,
      range,
      fix: { kind: 'replace-code', replacement: lookalike },
    };
  }
  const lookup = canonical ?? written;
  const elsewhere = catalogue.versionsWithCode(standard.reference, lookup).map((v) => `v${v.version}`);
  const shape =
    canonical === undefined
      ? `expected a code such as K1, S3 or B2; ${standard.label} has ${standard.codeRanges()}`
      : `${standard.label} has ${standard.codeRanges(kindOfCode(canonical))}`;
  if (elsewhere.length > 0) {
    return {
      code: unknownCodeRule.code,
      message: `Unexpected code \`${written}\`: ${lookup} exists in ${elsewhere.join(' and ')} but not in v${standard.version} (${shape})`,
      range,
    };
  }
  return { code: unknownCodeRule.code, message: `Unexpected code \`${written}\`: ${shape}`, range };
}
