// The one list of rules. Adding a rule: its code in `DiagnosticCode` (model/diagnosticCodes.ts), a file
// under rules/ that defines it (and its check, if it is one over file facts), and an entry here. The
// default levels, the settings in package.json and the rules table all follow (`npm run generate`
// rewrites the last two).
import type { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic, RuleLevel, LeveledDiagnostic } from '../model/diagnostics';
import { unknownCodeRule } from './ksbUnknownCode';
import { wrongOptionRule } from './ksbWrongOption';
import { duplicateCodeRule } from './ksbDuplicateCode';
import { noKsbsRule } from './evidenceNoKsbs';
import { missingAttachmentRule } from './evidenceMissingAttachment';
import { linkOutsideRule } from './evidenceLinkOutside';
import { futureDateRule } from './evidenceFutureDate';
import { placeholderRule } from './evidencePlaceholder';
import { taggedNotClaimedRule } from './evidenceTaggedNotClaimed';
import { signoffStaleRule } from './signoffStale';
import { signoffInvalidRule } from './signoffInvalid';
import { otjInvalidRule } from './otjInvalid';
import { reviewOverdueRule } from './reviewOverdue';
import { reviewIncompleteRule } from './reviewIncomplete';
import { unknownRequirementRule } from './gatewayUnknownRequirement';
import { yamlErrorRule } from './frontmatterYamlError';
import { frontMatterTooLargeRule } from './frontmatterTooLarge';
import { invalidFieldRule } from './frontmatterInvalidField';
import { mistypedKsbsRule } from './frontmatterMistypedKsbs';
import { unreadableFileRule } from './fileUnreadable';
import { fileTooLargeRule } from './fileTooLarge';
import { symbolicLinkRule } from './fileSymlink';
import { invalidConfigRule } from './portfolioInvalidConfig';
import { missingConfigRule } from './portfolioMissingConfig';
import { noEvidenceRule } from './portfolioNoEvidence';
import { invalidStandardRule } from './standardInvalidData';
import { standardDataGapRule } from './standardDataGap';
import { standardNotApprovedRule } from './standardNotApproved';
import { signoffUnknownSignerRule } from './signoffUnknownSigner';
import { signoffWrongRoleRule } from './signoffWrongRole';
import { signoffUnverifiedRule } from './signoffUnverified';
import { signoffOldDigestRule } from './signoffOldDigest';

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
  signoffWrongRoleRule,
  signoffUnknownSignerRule,
  signoffUnverifiedRule,
  signoffOldDigestRule,
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
