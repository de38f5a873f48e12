// `gateway.unknown-requirement`: a `meets:` item that `gateway.requires` does not list.
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { defineRule, type EvidenceContext, type FileFacts } from './rule';

/** `gateway.unknown-requirement`: a `meets:` naming nothing `gateway.requires` lists. */
export const unknownRequirementRule = defineRule({
  code: DiagnosticCode.UnknownRequirement,
  defaultLevel: 'warning',
  summary: 'A `meets:` item that `gateway.requires` in `portfolio.yaml` does not list.',
  meaning: 'a `meets:` item that `gateway.requires` in `portfolio.yaml` does not list (often a typo), naming the ones it does',
  check: { over: 'portfolio-file', run: (facts, context) => ({ diagnostics: checkRequirementsKnown(facts, context) }) },
});

/** `gateway.unknown-requirement`: every `meets:` name must be one `gateway.requires` lists. */
function checkRequirementsKnown(facts: FileFacts, { portfolio }: EvidenceContext): PortfolioDiagnostic[] {
  const lifecycle = facts.analysis.frontMatter?.lifecycle;
  if (!lifecycle || lifecycle.meets.length === 0) return [];
  const required = portfolio.config.gateway?.requires ?? [];
  const known = new Set(required);
  return lifecycle.meets
    .filter((item) => !known.has(item.name))
    .map((item) => ({
      code: unknownRequirementRule.code,
      message:
        required.length === 0
          ? `Expected \`meets: ${item.name}\` to name a requirement of \`gateway.requires\` in portfolio.yaml, found none listed there`
          : `Expected \`meets\` to name one of ${required.map((name) => `\`${name}\``).join(', ')} (from \`gateway.requires\`), found \`${item.name}\``,
      range: item.range,
    }));
}
