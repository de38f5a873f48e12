// `ksb.unknown-code`: a claimed code the configured standard version does not have.
import type { Catalogue } from '../catalogue/catalogue';
import { canonicalCode, kindOfCode, lookalikeCode } from '../model/codes';
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import type { Portfolio } from '../read/config';
import type { Claim } from '../read/frontMatter';
import { claimPass } from './claimPass';
import { defineRule } from './rule';

/** `ksb.unknown-code`. */
export const unknownCodeRule = defineRule({
  code: DiagnosticCode.UnknownCode,
  defaultLevel: 'error',
  summary: 'A claimed code that this standard version does not have, including near-misses such as `k9`.',
  meaning:
    'a code the configured standard version does not have; near-misses (`k9`, `K09`, `K 9`, and letters typed for digits: `S1O`, `Kl2`) say "did you mean K9?", codes of other versions say "K35 exists in v1.0 and v1.1 but not in v1.2"',
  quickFix: { kind: 'replace-code', title: 'replace a near-miss with the canonical code' },
  check: {
    over: 'evidence',
    run: (facts, context) => {
      const pass = claimPass(facts, context);
      return { validClaims: pass.validClaims, diagnostics: pass.unknown.map((claim) => unknownCode(claim, context.portfolio, context.catalogue)) };
    },
  },
});

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
