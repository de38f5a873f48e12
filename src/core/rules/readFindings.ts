// Reader findings become diagnostics here, each by the one rule that owns its kind.
import type { PortfolioDiagnostic } from '../model/diagnostics';
import type { DiagnosticCode } from '../model/diagnosticCodes';
import type { ReadFinding, ReadFindingKind } from '../read/findings';
import { RULES } from './registry';

type MessageOf = (finding: ReadFinding) => string;

/** The rule of each finding kind: its code and its message builder. */
const RULE_OF_KIND: ReadonlyMap<ReadFindingKind, { readonly code: DiagnosticCode; readonly message: MessageOf }> = new Map(
  RULES.flatMap((rule) =>
    Object.entries(('findings' in rule ? rule.findings : undefined) ?? {}).map(
      ([kind, message]) => [kind as ReadFindingKind, { code: rule.code, message: message as MessageOf }] as const,
    ),
  ),
);

/** The finding kinds the rules report, for the test that every kind has its rule. */
export const REPORTED_FINDING_KINDS: ReadonlySet<ReadFindingKind> = new Set(RULE_OF_KIND.keys());

/** The diagnostic of one reader finding, in its rule's code and words. */
export function diagnosticOf(finding: ReadFinding): PortfolioDiagnostic {
  const rule = RULE_OF_KIND.get(finding.kind);
  if (!rule) throw new Error(`No rule reports the finding kind ${finding.kind}`);
  const diagnostic: PortfolioDiagnostic = { code: rule.code, message: rule.message(finding), range: finding.range };
  return finding.subject ? { ...diagnostic, subject: finding.subject } : diagnostic;
}

/** The diagnostics of reader findings, in their order. */
export function diagnosticsOf(findings: readonly ReadFinding[]): PortfolioDiagnostic[] {
  const diagnostics: PortfolioDiagnostic[] = [];
  for (const finding of findings) diagnostics.push(diagnosticOf(finding));
  return diagnostics;
}
