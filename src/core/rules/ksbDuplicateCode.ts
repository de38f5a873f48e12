// `ksb.duplicate-code`: the same code claimed twice in one file.
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { claimPass, type FoldedDuplicates } from './claimPass';
import { defineRule } from './rule';

/** `ksb.duplicate-code`. */
export const duplicateCodeRule = defineRule({
  code: DiagnosticCode.DuplicateCode,
  defaultLevel: 'warning',
  summary: 'The same code claimed twice in one file.',
  meaning: 'the same code twice in one file; points at the first; all extra claims of one code are one diagnostic that counts them',
  quickFix: { kind: 'remove-claim', title: 'remove the first extra claim' },
  check: {
    over: 'evidence',
    run: (facts, context) => {
      const pass = claimPass(facts, context);
      return { validClaims: pass.validClaims, diagnostics: pass.duplicates.map((folded) => duplicateCode(folded, facts.path)) };
    },
  },
});

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
