import type { Catalogue } from '../catalogue/catalogue';
import { canonicalCode } from '../codes';
import type { Portfolio } from '../config';
import { DiagnosticCode, type PortfolioDiagnostic } from '../diagnostics';
import type { Claim } from '../frontMatter';

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
  const diagnostics: PortfolioDiagnostic[] = [];
  const firstByCode = new Map<string, Claim>();

  for (const claim of claims) {
    const first = firstByCode.get(claim.code);
    if (first) {
      diagnostics.push({
        code: DiagnosticCode.DuplicateCode,
        message: `Unexpected second claim of ${claim.code}: expected each code once per file`,
        range: claim.range,
        related: [{ path, range: first.range, message: `${claim.code} is first claimed here` }],
        fix: { kind: 'remove-claim', removeRange: claim.removeRange },
      });
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
        code: DiagnosticCode.WrongOption,
        message: `Unexpected code ${claim.code} for the ${option?.title} option: ${claim.code} belongs to ${standard.optionLabel(ksb)}`,
        range: claim.range,
        fix: { kind: 'remove-claim', removeRange: claim.removeRange },
      });
      continue;
    }
    validClaims.push(claim);
  }
  return { validClaims, diagnostics };
}

function unknownCode(claim: Claim, portfolio: Portfolio, catalogue: Catalogue): PortfolioDiagnostic {
  const { standard } = portfolio;
  const written = claim.code;
  const canonical = canonicalCode(written);
  const range = claim.range;
  if (canonical && canonical !== written && standard.ksb(canonical)) {
    return {
      code: DiagnosticCode.UnknownCode,
      message: `Unexpected code \`${written}\`: did you mean ${canonical}?`,
      range,
      fix: { kind: 'replace-code', replacement: canonical },
    };
  }
  const lookup = canonical ?? written;
  const elsewhere = catalogue.versionsWithCode(standard.reference, lookup).map((v) => `v${v.version}`);
  const shape = canonical === undefined ? `expected a code such as K1, S3 or B2; ${standard.label} has ${standard.codeRanges()}` : `${standard.label} has ${standard.codeRanges(kindOfLetter(canonical))}`;
  if (elsewhere.length > 0) {
    return {
      code: DiagnosticCode.UnknownCode,
      message: `Unexpected code \`${written}\`: ${lookup} exists in ${elsewhere.join(' and ')} but not in v${standard.version} (${shape})`,
      range,
    };
  }
  return { code: DiagnosticCode.UnknownCode, message: `Unexpected code \`${written}\`: ${shape}`, range };
}

function kindOfLetter(code: string) {
  return ({ K: 'knowledge', S: 'skill', B: 'behaviour' } as const)[code[0] as 'K' | 'S' | 'B'];
}
