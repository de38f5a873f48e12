import type { Portfolio } from '../read/config';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import type { Claim } from '../read/frontMatter';
import { RULES } from './registry';
import { diagnosticsOf } from './readFindings';
import type { EvidenceContext, FileFacts, RuleCheck } from './rule';

/** What `checkFile` needs besides the file's facts: the portfolio, when its config resolves. */
export interface FileContext extends Omit<EvidenceContext, 'portfolio'> {
  readonly portfolio: Portfolio | undefined;
}

/** The outcome of checking one file of a portfolio. */
export interface FileCheck {
  readonly diagnostics: readonly PortfolioDiagnostic[];
  /** Claims that count towards coverage. */
  readonly validClaims: readonly Claim[];
  /** Whether the evidence rules ran, so the file's links were looked up. */
  readonly evidenceChecked: boolean;
}

/** The checks of each kind, once each even when rules share one, in registry order. */
const evidenceChecks = uniqueChecks('evidence');
const ungovernedChecks = uniqueChecks('ungoverned');
const portfolioFileChecks = uniqueChecks('portfolio-file');
const markdownFileChecks = uniqueChecks('markdown-file');

/**
 * Turns what parsing found in one file of a portfolio into its diagnostics. Parsing problems count
 * for evidence, and for any file whose bytes or front matter are broken; the rules over claims and
 * links run on readable evidence with usable front matter, once the config resolves.
 */
export function checkFile(facts: FileFacts, context: FileContext): FileCheck {
  const { analysis, isEvidence } = facts;
  const frontMatter = analysis.frontMatter;
  const diagnostics: PortfolioDiagnostic[] = [];
  let validClaims: readonly Claim[] = [];
  // Progress reviews and hour logs are not evidence, but what they say is checked all the same.
  const hasLifecycle = frontMatter?.lifecycle !== undefined;
  if (isEvidence || hasLifecycle || analysis.unreadable || (frontMatter && !frontMatter.valid)) appendAll(diagnostics, diagnosticsOf(analysis.findings));
  const { portfolio } = context;
  const evidenceChecked = isEvidence && portfolio !== undefined && frontMatter?.valid !== false && !analysis.unreadable;
  if (evidenceChecked) {
    for (const check of evidenceChecks) {
      const result = check.run(facts, { ...context, portfolio });
      if (result.validClaims) validClaims = result.validClaims;
      appendAll(diagnostics, result.diagnostics);
    }
  }
  if ((isEvidence || hasLifecycle) && portfolio !== undefined && frontMatter?.valid !== false && !analysis.unreadable) {
    for (const check of portfolioFileChecks) appendAll(diagnostics, check.run(facts, { ...context, portfolio }).diagnostics);
  }
  if (portfolio !== undefined && frontMatter?.valid !== false && !analysis.unreadable) {
    for (const check of markdownFileChecks) appendAll(diagnostics, check.run(facts, { ...context, portfolio }).diagnostics);
  }
  return { diagnostics, validClaims, evidenceChecked };
}

/** The diagnostics of an open Markdown file that no `portfolio.yaml` governs. */
export function checkUngovernedFile(facts: FileFacts): PortfolioDiagnostic[] {
  const diagnostics: PortfolioDiagnostic[] = [];
  for (const check of ungovernedChecks) appendAll(diagnostics, check.run(facts).diagnostics);
  return diagnostics;
}

function uniqueChecks<Over extends RuleCheck['over']>(over: Over): Extract<RuleCheck, { over: Over }>[] {
  const checks = new Set<RuleCheck>();
  for (const rule of RULES) if ('check' in rule && rule.check?.over === over) checks.add(rule.check);
  return [...checks] as Extract<RuleCheck, { over: Over }>[];
}

/**
 * Appends `items` to `target` one by one: `push(...items)` passes every item as an argument, and
 * past about 100 000 of them (a file claiming one code 200 000 times) overflows the stack.
 */
function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
