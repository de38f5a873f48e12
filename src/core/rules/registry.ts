// The one list of rules. Adding a rule: its code in `DiagnosticCode` (model/diagnosticCodes.ts), a file
// under rules/ that defines it (and its check, if it is one over file facts), and an entry here. The
// default levels, the settings in package.json and the rules table all follow (`npm run generate`
// rewrites the last two).
import type { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic, RuleLevel, LeveledDiagnostic } from '../model/diagnostics';
import { duplicateCodeRule, unknownCodeRule, wrongOptionRule } from './claimRules';
import { linkOutsideRule, missingAttachmentRule, noKsbsRule } from './evidenceRules';
import { futureDateRule } from './futureDateRule';
import { placeholderRule } from './evidencePlaceholder';
import { mistypedKsbsRule } from './frontmatterMistypedKsbs';
import { noEvidenceRule } from './noEvidenceRule';
import { taggedNotClaimedRule } from './taggedNotClaimedRule';
import { fileTooLargeRule, symbolicLinkRule, unreadableFileRule } from './fileRules';
import { frontMatterTooLargeRule, invalidFieldRule, yamlErrorRule } from './frontMatterRules';
import { invalidConfigRule, missingConfigRule } from './portfolioRules';
import { otjInvalidRule, reviewIncompleteRule, reviewOverdueRule, signoffInvalidRule, signoffStaleRule, unknownRequirementRule } from './lifecycleRules';
import { invalidStandardRule, standardDataGapRule, standardNotApprovedRule } from './standardRules';

/** Every rule, in the order the docs and settings list them (and checks run). */
export const RULES = [
  unknownCodeRule,
  wrongOptionRule,
  duplicateCodeRule,
  noKsbsRule,
  missingAttachmentRule,
  linkOutsideRule,
  futureDateRule,
  placeholderRule,
  taggedNotClaimedRule,
  signoffStaleRule,
  signoffInvalidRule,
  otjInvalidRule,
  reviewOverdueRule,
  reviewIncompleteRule,
  unknownRequirementRule,
  yamlErrorRule,
  frontMatterTooLargeRule,
  invalidFieldRule,
  mistypedKsbsRule,
  unreadableFileRule,
  fileTooLargeRule,
  symbolicLinkRule,
  invalidConfigRule,
  missingConfigRule,
  noEvidenceRule,
  invalidStandardRule,
  standardDataGapRule,
  standardNotApprovedRule,
] as const;

/** A code of `DiagnosticCode` that no rule in `RULES` defines; `never` while every code has its rule. */
type CodeWithoutRule = Exclude<DiagnosticCode, (typeof RULES)[number]['code']>;
/** Fails to compile when a code of the table has no rule. */
const everyCodeHasARule: [CodeWithoutRule] extends [never] ? true : CodeWithoutRule = true;
void everyCodeHasARule;

/** Every diagnostic code, in the order the docs list them. */
export const ALL_DIAGNOSTIC_CODES: readonly DiagnosticCode[] = RULES.map((rule) => rule.code);

/** The level of each rule when the user has not set one. */
export const DEFAULT_RULE_LEVELS = Object.freeze(Object.fromEntries(RULES.map((rule) => [rule.code, rule.defaultLevel]))) as Readonly<
  Record<DiagnosticCode, RuleLevel>
>;

/** Applies per-rule levels (user settings over defaults) and drops ignored rules. */
export function applyLevels(diagnostics: readonly PortfolioDiagnostic[], overrides: Partial<Record<string, RuleLevel>> = {}): LeveledDiagnostic[] {
  const result: LeveledDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const level = overrides[diagnostic.code] ?? DEFAULT_RULE_LEVELS[diagnostic.code];
    if (level !== 'ignore') result.push({ ...diagnostic, level });
  }
  return result;
}
