// `signoff.unknown-signer`: with `people:` in portfolio.yaml, a sign-off must name one of them.
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { peopleOf, type People } from '../read/people';
import type { PortfolioConfig } from '../read/config';
import { defineRule, type EvidenceContext, type FileFacts } from './rule';

/** `signoff.unknown-signer`: a `by:` naming no one `people:` declares. */
export const signoffUnknownSignerRule = defineRule({
  code: DiagnosticCode.SignoffUnknownSigner,
  defaultLevel: 'error',
  summary: 'A sign-off whose `by:` names no one of `people:` in `portfolio.yaml`.',
  meaning:
    'with `people:` in `portfolio.yaml`, a sign-off whose `by:` names no one declared there (nor `apprentice:` or `mentor:`), naming who is; case and spacing of names do not count. Such a sign-off never counts',
  check: { over: 'portfolio-file', run: (facts, context) => ({ diagnostics: checkSignersKnown(facts, context) }) },
});

/** Why `by` is no one the portfolio knows, or `undefined` when it names someone (or `people:` is not written). */
export function unknownSignerProblem(config: PortfolioConfig, by: string, people: People = peopleOf(config)): string | undefined {
  if (!people.declared || people.find(by) !== undefined) return undefined;
  const names = people.all.map((person) => person.name);
  return `Expected a sign-off by one of ${names.join(', ') || 'no one'} (\`people:\` in portfolio.yaml), found ${by}`;
}

function checkSignersKnown({ analysis }: FileFacts, { portfolio }: EvidenceContext): PortfolioDiagnostic[] {
  const signoffs = analysis.frontMatter?.lifecycle?.signoffs ?? [];
  if (signoffs.length === 0 || portfolio.config.people === undefined) return [];
  const people = peopleOf(portfolio.config);
  const diagnostics: PortfolioDiagnostic[] = [];
  for (const signoff of signoffs) {
    if (!signoff.complete || signoff.by === undefined) continue;
    const problem = unknownSignerProblem(portfolio.config, signoff.by, people);
    if (problem !== undefined)
      diagnostics.push({ code: signoffUnknownSignerRule.code, message: problem, range: signoff.range, subject: { field: 'signoff', index: signoff.index } });
  }
  return diagnostics;
}
