// The one list of rules. Adding a rule: a file under rules/ that defines it (and its check, if it
// is one over file facts), and an entry here. `DiagnosticCode`, the default levels, the settings
// in package.json and the README's table all follow (`npm run generate` rewrites the last two).
import { duplicateCodeRule, unknownCodeRule, wrongOptionRule } from './claimRules';
import { linkOutsideRule, missingAttachmentRule, noKsbsRule } from './evidenceRules';
import { futureDateRule } from './futureDateRule';
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
  signoffStaleRule,
  signoffInvalidRule,
  otjInvalidRule,
  reviewOverdueRule,
  reviewIncompleteRule,
  unknownRequirementRule,
  yamlErrorRule,
  frontMatterTooLargeRule,
  invalidFieldRule,
  unreadableFileRule,
  fileTooLargeRule,
  symbolicLinkRule,
  invalidConfigRule,
  missingConfigRule,
  invalidStandardRule,
  standardDataGapRule,
  standardNotApprovedRule,
] as const;

type Rule = (typeof RULES)[number];

/** Stable diagnostic codes: tests, quick fixes, settings and docs refer to them. */
export type DiagnosticCode = Rule['code'];

/** Each code by its rule's name, `DiagnosticCode.NoKsbs` for `evidence.no-ksbs`. */
export const DiagnosticCode = Object.freeze(Object.fromEntries(RULES.map((rule) => [rule.name, rule.code]))) as {
  readonly [R in Rule as R['name']]: R['code'];
};
