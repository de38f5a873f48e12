// `signoff.invalid`: a sign-off that is not one, by its shape (as read) and its dates.
import { DAY_RANGE } from '../base/dates';
import { DIGEST_LENGTH, DIGEST_V2_PREFIX } from '../base/digest';
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { SIGNOFF_ROLES } from '../model/lifecycleTerms';
import type { SignoffEntry } from '../read/lifecycleFields';
import { defineRule, type EvidenceContext, type FileFacts } from './rule';
import { latestDay, todayWords } from './today';

/** `signoff.invalid`: a sign-off that is not one, by its shape (as read in read/lifecycleFields.ts) and its dates. */
export const signoffInvalidRule = defineRule({
  code: DiagnosticCode.SignoffInvalid,
  defaultLevel: 'error',
  summary: 'A `signoff:` entry with an unknown role, a bad or future date, or a missing field.',
  meaning:
    "a `signoff:` entry that is not a sign-off: not a list of `{by, role, date, digest}`, a missing field, a role other than apprentice, employer, mentor or tutor, a date that is not a day between 1950 and 2100, is after today (anywhere on Earth), before the `start` of `portfolio.yaml` or before the file's own `date:`, a digest not as `ksb signoff` writes it. Such a sign-off never counts: not at the gateway, not in the report",
  check: { over: 'portfolio-file', run: (facts, context) => ({ diagnostics: checkSignoffDates(facts, context) }) },
  findings: {
    'signoff-not-list': ({ found }) => `Expected \`signoff\` to be a list of {by, role, date, digest}, found ${found}`,
    'signoff-not-map': ({ entry, found }) => `Expected sign-off ${entry + 1} to be a map of by, role, date and digest, found ${found}`,
    'signoff-field-missing': ({ entry, field }) => `Expected sign-off ${entry + 1} to have \`${field}\`, found none`,
    'signoff-field-not-text': ({ entry, field, found }) => `Expected \`${field}\` of sign-off ${entry + 1} to be text, found ${found}`,
    'signoff-field-unknown': ({ entry, field }) => `Unexpected field \`${field}\` in sign-off ${entry + 1}: expected by, role, date and digest`,
    'signoff-role-unknown': ({ entry, role }) => `Expected the role of sign-off ${entry + 1} to be one of ${SIGNOFF_ROLES.join(', ')}, found \`${role}\``,
    'signoff-date-invalid': ({ entry, date }) =>
      `Expected the date of sign-off ${entry + 1} to be a day such as 2026-03-14, ${DAY_RANGE.words}, found \`${date}\``,
    'signoff-digest-invalid': ({ entry, digest }) =>
      `Expected the digest of sign-off ${entry + 1} to be \`${DIGEST_V2_PREFIX}\` and ${DIGEST_LENGTH} hexadecimal characters (or, made before version 2, the ${DIGEST_LENGTH} alone) as \`ksb signoff\` writes them, found \`${digest}\``,
  },
});

/**
 * Why a well-formed sign-off cannot be true, or `undefined` when it can: it is dated after today
 * (anywhere on Earth), before the apprenticeship's `start`, or before the work it signs.
 */
export function signoffDateProblem(signoff: SignoffEntry, facts: FileFacts, context: EvidenceContext): string | undefined {
  const date = signoff.date;
  if (date === undefined) return undefined;
  const who = signoff.by === undefined ? 'the sign-off' : `the sign-off of ${signoff.by}`;
  const future = latestDay(context);
  if (future !== undefined && date > future) return `Expected the date of ${who} to be no later than ${todayWords(context)}, found ${date}`;
  const start = context.portfolio.config.start;
  if (start !== undefined && date < start) return `Expected the date of ${who} to be on or after \`start\` (${start}), found ${date}`;
  const signed = facts.analysis.frontMatter?.date?.slice(0, 10);
  if (signed !== undefined && date < signed)
    return `Expected the date of ${who} to be on or after this file's own \`date\` (${signed}), found ${date}: work is signed off once it is done`;
  return undefined;
}

/** The dated half of `signoff.invalid`: the shape half is found while reading. */
function checkSignoffDates(facts: FileFacts, context: EvidenceContext): PortfolioDiagnostic[] {
  const lifecycle = facts.analysis.frontMatter?.lifecycle;
  if (!lifecycle) return [];
  const diagnostics: PortfolioDiagnostic[] = [];
  for (const signoff of lifecycle.signoffs) {
    const problem = signoffDateProblem(signoff, facts, context);
    if (problem !== undefined)
      diagnostics.push({
        code: signoffInvalidRule.code,
        message: problem,
        range: signoff.dateRange ?? signoff.range,
        subject: { field: 'signoff', index: signoff.index },
      });
  }
  return diagnostics;
}
