// The rules of the apprenticeship around the evidence: sign-offs, off-the-job hours, progress
// reviews and gateway requirements.
import type { PortfolioDiagnostic } from '../model/diagnostics';
import type { LifecycleFields, SignoffEntry } from '../read/lifecycleFields';
import { DEFAULT_REVIEW_INTERVAL_WORDS, PROGRESS_REVIEW_TYPE } from '../model/lifecycleTerms';
import { FILE_START } from '../base/text';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule, type EvidenceContext, type FileFacts } from './rule';
import { latestDay, todayWords } from './today';
import { DAY_RANGE } from '../base/dates';
import { DIGEST_LENGTH } from '../base/digest';
import { MAX_HOURS_A_DAY } from '../model/hours';
import { SIGNOFF_ROLES } from '../model/lifecycleTerms';
import type { OtjPlace } from '../read/findings';

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
      `Expected the digest of sign-off ${entry + 1} to be ${DIGEST_LENGTH} hexadecimal characters as \`ksb signoff\` writes them, found \`${digest}\``,
  },
});

/** `signoff.stale`: the evidence changed after it was signed off. */
export const signoffStaleRule = defineRule({
  code: DiagnosticCode.SignoffStale,
  defaultLevel: 'warning',
  summary: 'A sign-off whose digest no longer matches the claims and text it signed.',
  meaning:
    "a sign-off whose digest no longer matches the file's claims and body: the evidence changed after it was signed (line endings, trailing spaces and the order of claims do not count), naming who signed and when",
  quickFix: { kind: 'signoff-again', title: 'Sign off again' },
  check: { over: 'portfolio-file', run: (facts) => ({ diagnostics: checkSignoffsCurrent(facts) }) },
});

/** How an entry's hours can be written, for messages about them. */
const HOURS_FORMS = '3.5, "2:30", "2h 30m" or "90m"';

/** `otj.invalid`: an off-the-job entry that cannot be true. */
export const otjInvalidRule = defineRule({
  code: DiagnosticCode.OtjInvalid,
  defaultLevel: 'error',
  summary: 'An `otj:` entry that cannot be true: negative, over 24 hours a day, undated, before `start` or in the future.',
  meaning:
    'an `otj:` entry that cannot be true: not a number of hours (`3.5`, `"2:30"`, `"2h 30m"` and `"90m"` are), negative, more than 24 hours on one day (summed over every file of the portfolio, naming the files that share the day; a period `{from, to, hours}` is held to 24 hours a day over its own days, and over 24 hours on one date asks whether it is a period), a period whose `to` is before its `from`, without a date (neither its own nor the file\'s `date:`), a date outside 1950-2100, before the `start` of `portfolio.yaml`, or after today (anywhere on Earth). Such an entry never counts: not in `ksb hours`, the gateway or the report',
  check: { over: 'portfolio-file', run: (facts, context) => ({ diagnostics: checkOtjEntries(facts, context) }) },
  findings: {
    'otj-not-list': ({ found }) =>
      `Expected \`otj\` to be a number of hours or a list of {date, hours, activity} or {from, to, hours, activity}, found ${found}`,
    'otj-entry-not-map': ({ entry, found }) =>
      `Expected off-the-job entry ${entry + 1} to be a map of date, hours and activity (or from, to, hours and activity), found ${found}`,
    'otj-field-unknown': ({ entry, field }) =>
      `Unexpected field \`${field}\` in off-the-job entry ${entry + 1}: expected date, hours and activity, or from, to, hours and activity`,
    'otj-hours-missing': ({ entry }) => `Expected off-the-job entry ${entry + 1} to have \`hours\`, found none`,
    'otj-hours-not-number': (finding) => `Expected ${otjHoursPlace(finding)} to be a number of hours such as ${HOURS_FORMS}, found ${finding.found}`,
    'otj-hours-negative': (finding) => `Expected ${otjHoursPlace(finding)} to be zero or more hours, found ${finding.hours}`,
    'otj-hours-over-a-day': (finding) =>
      `Expected ${otjHoursPlace(finding)} to be at most ${MAX_HOURS_A_DAY} hours (one day), found ${finding.hours}: is this a period? write \`from:\` and \`to:\` days instead of one date`,
    'otj-period-over': ({ entry, hours, days }) =>
      `Expected the hours of off-the-job entry ${entry + 1} to be at most ${MAX_HOURS_A_DAY * days} hours (${MAX_HOURS_A_DAY} a day over its ${days} days), found ${hours}`,
    'otj-period-reversed': ({ entry, from, to }) =>
      `Expected the period of off-the-job entry ${entry + 1} to end on or after it starts (${from}), found \`to: ${to}\``,
    'otj-period-half': ({ entry, has }) => `Expected off-the-job entry ${entry + 1} to have both \`from\` and \`to\` for a period, found only \`${has}\``,
    'otj-date-and-period': ({ entry }) =>
      `Expected off-the-job entry ${entry + 1} to have either \`date\` (one day) or \`from\` and \`to\` (a period), found both`,
    'otj-date-invalid': ({ entry, field, found }) =>
      `Expected the ${field === undefined ? 'date' : field === 'from' ? 'first day (`from`)' : 'last day (`to`)'} of off-the-job entry ${entry + 1} to be a day such as 2026-03-14, ${DAY_RANGE.words}, found ${found}`,
  },
});

/** Where hours are written, as a message names it: `otj` itself, or an entry's hours. */
function otjHoursPlace({ entry }: OtjPlace): string {
  return entry === undefined ? '`otj`' : `the hours of off-the-job entry ${entry + 1}`;
}

/** `review.overdue`: raised by the index, which sees every progress review (rules/reviews.ts). */
export const reviewOverdueRule = defineRule({
  code: DiagnosticCode.ReviewOverdue,
  defaultLevel: 'warning',
  summary: 'A gap between progress reviews, or since the last one, longer than the review interval.',
  meaning: `a gap between two progress reviews (\`type: progress-review\`), from \`start\` to the first, or from the last to today, longer than \`gateway.review-interval\` (default ${DEFAULT_REVIEW_INTERVAL_WORDS}); reported on the later review, or on \`portfolio.yaml\` when there is none yet`,
});

/** `review.incomplete`: a progress review without its date or the three parties' sign-offs. */
export const reviewIncompleteRule = defineRule({
  code: DiagnosticCode.ReviewIncomplete,
  defaultLevel: 'warning',
  summary: 'A progress review without a `date:` or without sign-offs of the apprentice, the employer and the provider.',
  meaning:
    'a progress review (`type: progress-review`) without a `date:` or dated after today, or not yet signed off by the apprentice, the employer (or mentor) and the provider (tutor)',
  check: { over: 'portfolio-file', run: (facts, context) => ({ diagnostics: checkReviewComplete(facts, context) }) },
});

/** `gateway.unknown-requirement`: a `meets:` naming nothing `gateway.requires` lists. */
export const unknownRequirementRule = defineRule({
  code: DiagnosticCode.UnknownRequirement,
  defaultLevel: 'warning',
  summary: 'A `meets:` item that `gateway.requires` in `portfolio.yaml` does not list.',
  meaning: 'a `meets:` item that `gateway.requires` in `portfolio.yaml` does not list (often a typo), naming the ones it does',
  check: { over: 'portfolio-file', run: (facts, context) => ({ diagnostics: checkRequirementsKnown(facts, context) }) },
});

function lifecycleOf(facts: FileFacts): LifecycleFields | undefined {
  return facts.analysis.frontMatter?.lifecycle;
}

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
  const lifecycle = lifecycleOf(facts);
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

/** `signoff.stale`: each well-formed sign-off whose digest is not the file's digest now. */
function checkSignoffsCurrent(facts: FileFacts): PortfolioDiagnostic[] {
  const lifecycle = lifecycleOf(facts);
  const digest = facts.analysis.contentDigest;
  if (!lifecycle) return [];
  if (digest === undefined) {
    // Only the start of a file over the read limit is read: its body cannot be checked against a sign-off.
    const signed = lifecycle.signoffs.find((signoff) => signoff.complete);
    if (!signed) return [];
    return [
      {
        code: signoffStaleRule.code,
        message: `Expected a file small enough to read whole to check its sign-offs, found only its start read (file.too-large): the sign-off of ${signed.by} cannot be verified`,
        range: signed.digestRange ?? signed.range,
      },
    ];
  }
  return lifecycle.signoffs
    .filter((signoff) => signoff.complete && signoff.digest !== digest)
    .map((signoff) => ({
      code: signoffStaleRule.code,
      message: `Expected the claims and text that ${signoff.by} (${signoff.role}) signed off on ${signoff.date}, found them changed since (digest ${digest}, signed ${signoff.digest}): sign it off again, or undo the change`,
      range: signoff.digestRange ?? signoff.range,
      fix: { kind: 'signoff-again', index: signoff.index },
    }));
}

/**
 * The dated checks of `otj.invalid` within one file: the shape checks are done while reading, and
 * the 24-hour day across the portfolio by the index (rules/otjDays.ts), which sees every file.
 */
function checkOtjEntries(facts: FileFacts, context: EvidenceContext): PortfolioDiagnostic[] {
  const frontMatter = facts.analysis.frontMatter;
  const lifecycle = frontMatter?.lifecycle;
  if (!lifecycle || lifecycle.otj.length === 0) return [];
  const fileDate = frontMatter.date?.slice(0, 10);
  const start = context.portfolio.config.start;
  const future = latestDay(context);
  const diagnostics: PortfolioDiagnostic[] = [];
  for (const entry of lifecycle.otj) {
    const day = entry.date ?? fileDate;
    const subject = { field: 'otj', index: entry.index } as const;
    const range = entry.dateRange ?? entry.hoursRange;
    if (day === undefined) {
      diagnostics.push({
        code: otjInvalidRule.code,
        message: `Expected a date for ${entry.hours} off-the-job hours (the file's \`date:\` or the entry's own), found none`,
        range: lifecycle.otjKeyRange ?? entry.hoursRange,
        subject,
      });
    } else if (start !== undefined && day < start) {
      diagnostics.push({
        code: otjInvalidRule.code,
        message: `Expected off-the-job hours on or after \`start\` (${start}), found them on ${day}`,
        range,
        subject,
      });
    } else if (future !== undefined && (entry.to ?? day) > future) {
      diagnostics.push({
        code: otjInvalidRule.code,
        message:
          entry.to === undefined
            ? `Expected off-the-job hours no later than ${todayWords(context)}, found them on ${day}`
            : `Expected a period of off-the-job hours that has ended by ${todayWords(context)}, found one to ${entry.to}: log the days so far`,
        range,
        subject,
      });
    }
  }
  return diagnostics;
}

/** The parties a progress review needs signed off, each met by any of its roles. */
const REVIEW_PARTIES: readonly { readonly name: string; readonly roles: readonly string[] }[] = [
  { name: 'the apprentice', roles: ['apprentice'] },
  { name: 'the employer', roles: ['employer', 'mentor'] },
  { name: 'the provider', roles: ['tutor'] },
];

/** `review.incomplete`: a review's date and the three parties' sign-offs. */
function checkReviewComplete(facts: FileFacts, context: EvidenceContext): PortfolioDiagnostic[] {
  const frontMatter = facts.analysis.frontMatter;
  const lifecycle = frontMatter?.lifecycle;
  if (lifecycle?.type !== PROGRESS_REVIEW_TYPE) return [];
  const range = lifecycle.typeRange ?? FILE_START;
  if (frontMatter?.date === undefined) {
    return [{ code: reviewIncompleteRule.code, message: 'Expected a `date:` on this progress review, found none: the review interval counts from it', range }];
  }
  const day = frontMatter.date.slice(0, 10);
  const future = latestDay(context);
  if (future !== undefined && day > future) {
    return [
      {
        code: reviewIncompleteRule.code,
        message: `Expected a progress review that has happened, dated no later than ${todayWords(context)}, found ${day}: a planned review counts once it is held`,
        range: frontMatter.dateRange ?? range,
      },
    ];
  }
  // A sign-off that signoff.invalid rejects completes nothing.
  const signed = new Set(
    lifecycle.signoffs
      .filter((signoff) => signoff.complete && signoffDateProblem(signoff, facts, context) === undefined)
      .map((signoff) => signoff.role as string),
  );
  const missing = REVIEW_PARTIES.filter((party) => !party.roles.some((role) => signed.has(role))).map((party) => party.name);
  if (missing.length === 0) return [];
  return [
    {
      code: reviewIncompleteRule.code,
      message: `Expected sign-offs of the apprentice, the employer (or mentor) and the provider (tutor) on this progress review, found none from ${listWords(missing)}`,
      range: lifecycle.signoffKeyRange ?? range,
    },
  ];
}

/** `gateway.unknown-requirement`: every `meets:` name must be one `gateway.requires` lists. */
function checkRequirementsKnown(facts: FileFacts, { portfolio }: EvidenceContext): PortfolioDiagnostic[] {
  const lifecycle = lifecycleOf(facts);
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

/** "a", "a and b", "a, b and c". */
function listWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
