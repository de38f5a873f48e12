// `ksb.wrong-option`: a claimed code of another option than the configured one.
import type { Ksb } from '../catalogue/catalogue';
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import type { Portfolio } from '../read/config';
import type { Claim } from '../read/frontMatter';
import { claimPass } from './claimPass';
import { defineRule } from './rule';

/** `ksb.wrong-option`. */
export const wrongOptionRule = defineRule({
  code: DiagnosticCode.WrongOption,
  defaultLevel: 'error',
  summary: 'A claimed code that belongs to the other option.',
  meaning: 'a code of the other option than the configured one',
  quickFix: { kind: 'remove-claim', title: 'remove the code' },
  check: {
    over: 'evidence',
    run: (facts, context) => {
      const pass = claimPass(facts, context);
      return { validClaims: pass.validClaims, diagnostics: pass.wrongOption.map(({ claim, ksb }) => wrongOption(claim, ksb, context.portfolio)) };
    },
  },
});

/** The `ksb.wrong-option` of a claim of `ksb`, which belongs to another option. */
function wrongOption(claim: Claim, ksb: Ksb, { standard, option }: Portfolio): PortfolioDiagnostic {
  return {
    code: wrongOptionRule.code,
    message: `Unexpected code ${claim.code} for the ${option?.title} option: ${claim.code} belongs to ${standard.optionLabel(ksb)}`,
    range: claim.range,
    fix: { kind: 'remove-claim', removeRange: claim.removeRange },
  };
}
