// `otj.invalid`: an off-the-job entry that cannot be true: its shape (as read), its dates, and the
// 24-hour day across the portfolio (judged by the index, which sees every file: ten files of 24
// hours on one day are as impossible as one of 240).
import { DAY_RANGE } from '../base/dates';
import type { Range } from '../base/text';
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic, RelatedLocation } from '../model/diagnostics';
import { MAX_HOURS_A_DAY, sumHours, toHundredths } from '../model/hours';
import type { OtjPlace } from '../read/findings';
import { defineRule, type EvidenceContext, type FileFacts } from './rule';
import { latestDay, todayWords } from './today';

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

/**
 * The dated checks of `otj.invalid` within one file: the shape checks are done while reading, and
 * the 24-hour day across the portfolio by the index (`overfullDays` below), which sees every file.
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

/** One dated off-the-job entry that its own file's checks let through. */
export interface DayEntry {
  readonly path: string;
  readonly relativePath: string;
  /** Its place in the file's `otj:` list. */
  readonly index: number;
  readonly day: string;
  readonly hours: number;
  readonly range: Range;
}

/**
 * `otj.invalid` findings, by path, for every entry on a day whose hours add up to more than 24
 * across the portfolio: each names the files that share the day, and none of that day's entries
 * counts (which of them is wrong cannot be known).
 */
export function overfullDays(entries: Iterable<DayEntry>): Map<string, PortfolioDiagnostic[]> {
  const byDay = new Map<string, DayEntry[]>();
  for (const entry of entries) {
    const list = byDay.get(entry.day);
    if (list) list.push(entry);
    else byDay.set(entry.day, [entry]);
  }
  const findings = new Map<string, PortfolioDiagnostic[]>();
  for (const [day, logged] of byDay) {
    let hundredths = 0;
    for (const entry of logged) hundredths += toHundredths(entry.hours);
    if (hundredths <= MAX_HOURS_A_DAY * 100) continue;
    const total = hundredths / 100;
    const perFile = new Map<string, number[]>();
    for (const entry of logged) perFile.set(entry.relativePath, [...(perFile.get(entry.relativePath) ?? []), entry.hours]);
    for (const entry of logged) {
      const here = sumHours(perFile.get(entry.relativePath)!);
      const elsewhere = [...perFile].filter(([file]) => file !== entry.relativePath).map(([file, hours]) => `${sumHours(hours)} in ${file}`);
      const shared = elsewhere.length === 0 ? `, all in this file` : `: ${here} in this file, ${elsewhere.join(', ')}`;
      const related: RelatedLocation[] = logged
        .filter((other) => other.path !== entry.path)
        .map((other) => ({ path: other.path, range: other.range, message: `${other.hours} hours on ${day}` }));
      const diagnostic: PortfolioDiagnostic = {
        code: DiagnosticCode.OtjInvalid,
        message: `Expected at most ${MAX_HOURS_A_DAY} off-the-job hours on ${day} across the portfolio, found ${total}${shared}; none of that day's hours count until they add up`,
        range: entry.range,
        subject: { field: 'otj', index: entry.index },
        ...(related.length > 0 && { related }),
      };
      const list = findings.get(entry.path);
      if (list) list.push(diagnostic);
      else findings.set(entry.path, [diagnostic]);
    }
  }
  return findings;
}
