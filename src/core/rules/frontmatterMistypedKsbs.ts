import type { PortfolioDiagnostic } from '../model/diagnostics';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule, type FileFacts } from './rule';

/** `frontmatter.mistyped-ksbs`: claims under a key meant for `ksbs` (`KSBs:`, `codes:`), which are not read. */
export const mistypedKsbsRule = defineRule({
  code: DiagnosticCode.MistypedKsbs,
  defaultLevel: 'warning',
  summary: 'Claims under a key meant for `ksbs` (`KSBs:`, `KSB:`, `ksb:`, `codes:`, `claims:`): they are not read.',
  meaning:
    'a file whose claims sit under a key meant for `ksbs` but not spelled so (`KSBs:`, `KSB:`, `ksb:`, `Ksbs:`, `codes:`, `claims:`, `ksb-codes:`), and which has no `ksbs:`: front-matter keys are case-sensitive, so nothing under it is claimed. The file counts as evidence (claiming nothing) until the key is renamed',
  quickFix: { kind: 'rename-key', title: 'rename to `ksbs`' },
  check: { over: 'evidence', run: (facts) => ({ diagnostics: checkMistypedKsbs(facts) }) },
});

function checkMistypedKsbs({ analysis }: FileFacts): PortfolioDiagnostic[] {
  const mistyped = analysis.frontMatter?.mistypedKsbsKey;
  if (!mistyped) return [];
  return [
    {
      code: mistypedKsbsRule.code,
      message: `Expected the claims under \`ksbs:\`, found \`${mistyped.key}:\`: keys are case-sensitive and its codes are not read until it is renamed to \`ksbs\``,
      range: mistyped.range,
      fix: { kind: 'rename-key', to: 'ksbs' },
    },
  ];
}
