// `otj.invalid`: an off-the-job entry that cannot be true: its shape (as read), its dates, and the
// 24-hour day across the portfolio (judged by the index, which sees every file: ten files of 24
// hours on one day are as impossible as one of 240).
import { DAY_RANGE, daysBetween } from '../base/dates';
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
    const shared = hoursByFile(logged);
    for (const entry of logged) {
      const related: RelatedLocation[] = logged
        .filter((other) => other.path !== entry.path)
        .map((other) => ({ path: other.path, range: other.range, message: `${other.hours} hours on ${day}` }));
      addOverfull(
        findings,
        entry,
        `Expected at most ${MAX_HOURS_A_DAY} off-the-job hours on ${day} across the portfolio, found ${total}${shared(entry.relativePath)}; none of that day's hours count until they add up`,
        related,
      );
    }
  }
  return findings;
}

// The 24-hour day across the portfolio when hours are logged over periods: 54 hours from 5 January
// to 27 March fit on their own, but not beside 24-hour days logged inside them in other files. The
// hours fit exactly when no run of days holds more than 24 hours a day of the entries that lie wholly
// inside it (each entry may be spread over its own days only), so only such runs are judged.

/** One off-the-job entry over a period (`from` to `to`) that its own file's checks let through. */
export interface PeriodEntry extends Omit<DayEntry, 'day'> {
  readonly from: string;
  readonly to: string;
}

/** Past this many entries in one stretch of overlapping periods the runs are not judged: the judgement is quadratic. */
export const MAX_ENTRIES_IN_A_STRETCH = 5_000;

/** An entry as a run of days (a day entry is a run of one), its days also as numbers for the arithmetic. */
interface Run {
  readonly entry: DayEntry | PeriodEntry;
  readonly first: string;
  readonly last: string;
  readonly firstNumber: number;
  readonly lastNumber: number;
  readonly hundredths: number;
  readonly isPeriod: boolean;
}

/**
 * `otj.invalid` findings, by path, for the entries of the run of days that most overfills 24 hours
 * a day in each stretch of overlapping periods. Day entries on a day already over 24 hours are left
 * out (that day is reported by itself), so a period is never blamed for one overfull day.
 */
export function overfullPeriods(periods: readonly PeriodEntry[], days: readonly DayEntry[]): Map<string, PortfolioDiagnostic[]> {
  const findings = new Map<string, PortfolioDiagnostic[]>();
  if (periods.length === 0) return findings;
  const base = periods[0].from;
  const run = (entry: DayEntry | PeriodEntry, first: string, last: string, isPeriod: boolean): Run => ({
    entry,
    first,
    last,
    firstNumber: daysBetween(base, first),
    lastNumber: daysBetween(base, last),
    hundredths: toHundredths(entry.hours),
    isPeriod,
  });
  const overfull = overfullDayNames(days);
  const runs: Run[] = [
    ...periods.map((entry) => run(entry, entry.from, entry.to, true)),
    ...days.filter((entry) => !overfull.has(entry.day)).map((entry) => run(entry, entry.day, entry.day, false)),
  ];
  for (const stretch of stretchesOfPeriods(runs)) {
    if (stretch.length > MAX_ENTRIES_IN_A_STRETCH) continue;
    const worst = mostOverfilledRun(stretch);
    if (worst) report(worst, findings);
  }
  return findings;
}

/** The days whose day entries alone add up to more than 24 hours. */
function overfullDayNames(days: readonly DayEntry[]): Set<string> {
  const byDay = new Map<string, number>();
  for (const entry of days) byDay.set(entry.day, (byDay.get(entry.day) ?? 0) + toHundredths(entry.hours));
  return new Set([...byDay].filter(([, hundredths]) => hundredths > MAX_HOURS_A_DAY * 100).map(([day]) => day));
}

/** The runs grouped by stretches of days that overlapping periods cover, each with the day entries inside it; day entries outside every period are left out. */
function stretchesOfPeriods(runs: readonly Run[]): Run[][] {
  const periods = runs.filter((run) => run.isPeriod).sort((a, b) => compare(a.first, b.first));
  const stretches: Array<{ first: string; last: string; runs: Run[] }> = [];
  for (const period of periods) {
    const current = stretches.at(-1);
    if (current && period.first <= current.last) {
      current.runs.push(period);
      if (period.last > current.last) current.last = period.last;
    } else stretches.push({ first: period.first, last: period.last, runs: [period] });
  }
  for (const run of runs) {
    if (run.isPeriod) continue;
    const stretch = stretches.find((candidate) => candidate.first <= run.first && run.first <= candidate.last);
    stretch?.runs.push(run);
  }
  return stretches.map((stretch) => stretch.runs);
}

interface Overfill {
  readonly first: string;
  readonly last: string;
  readonly hundredths: number;
  readonly runs: readonly Run[];
}

/** The run of days in `stretch` whose entries most exceed 24 hours a day, holding at least one period; `undefined` when every run fits. */
function mostOverfilledRun(stretch: readonly Run[]): Overfill | undefined {
  const starts = [...new Map(stretch.map((run) => [run.firstNumber, run.first])).entries()].sort((a, b) => a[0] - b[0]);
  const byLast = [...stretch].sort((a, b) => a.lastNumber - b.lastNumber);
  let worst: { first: string; firstNumber: number; last: Run; hundredths: number; excess: number } | undefined;
  for (const [firstNumber, first] of starts) {
    let hundredths = 0;
    let periods = 0;
    for (const run of byLast) {
      if (run.firstNumber < firstNumber) continue;
      hundredths += run.hundredths;
      if (run.isPeriod) periods++;
      const excess = hundredths - MAX_HOURS_A_DAY * 100 * (run.lastNumber - firstNumber + 1);
      // Only runs holding a period are new here: days alone are judged one by one.
      if (periods > 0 && excess > 0 && (!worst || excess > worst.excess)) worst = { first, firstNumber, last: run, hundredths, excess };
    }
  }
  if (!worst) return undefined;
  const { first, firstNumber, last, hundredths } = worst;
  const runs = stretch.filter((run) => run.firstNumber >= firstNumber && run.lastNumber <= last.lastNumber);
  return { first, last: last.last, hundredths, runs };
}

/** One finding on each entry of the overfilled run, naming the files that share it. */
function report({ first, last, hundredths, runs }: Overfill, findings: Map<string, PortfolioDiagnostic[]>): void {
  const days = daysBetween(first, last) + 1;
  const shared = hoursByFile(runs.map((run) => run.entry));
  for (const { entry } of runs) {
    const related: RelatedLocation[] = runs
      .filter((other) => other.entry.path !== entry.path)
      .map(({ entry: other, first: from, last: to }) => ({
        path: other.path,
        range: other.range,
        message: from === to ? `${other.hours} hours on ${from}` : `${other.hours} hours from ${from} to ${to}`,
      }));
    addOverfull(
      findings,
      entry,
      `Expected at most ${MAX_HOURS_A_DAY * days} off-the-job hours from ${first} to ${last} across the portfolio (${MAX_HOURS_A_DAY} a day over ${days} days), found ${hundredths / 100}${shared(entry.relativePath)}; none of these entries count until they fit`,
      related,
    );
  }
}

/** How the hours of `entries` split over their files, as each one's message says it: `: 24 in this file, 24 in b.md`, or `, all in this file`. */
function hoursByFile(entries: ReadonlyArray<Pick<DayEntry, 'relativePath' | 'hours'>>): (relativePath: string) => string {
  const perFile = new Map<string, number[]>();
  for (const entry of entries) perFile.set(entry.relativePath, [...(perFile.get(entry.relativePath) ?? []), entry.hours]);
  return (relativePath) => {
    const elsewhere = [...perFile].filter(([file]) => file !== relativePath).map(([file, hours]) => `${sumHours(hours)} in ${file}`);
    return elsewhere.length === 0 ? ', all in this file' : `: ${sumHours(perFile.get(relativePath)!)} in this file, ${elsewhere.join(', ')}`;
  };
}

/** An `otj.invalid` finding of the 24-hour day across files on `entry`, added to its file's findings. */
function addOverfull(
  findings: Map<string, PortfolioDiagnostic[]>,
  entry: Pick<DayEntry, 'path' | 'range' | 'index'>,
  message: string,
  related: readonly RelatedLocation[],
): void {
  const diagnostic: PortfolioDiagnostic = {
    code: DiagnosticCode.OtjInvalid,
    message,
    range: entry.range,
    subject: { field: 'otj', index: entry.index },
    ...(related.length > 0 && { related }),
  };
  const list = findings.get(entry.path);
  if (list) list.push(diagnostic);
  else findings.set(entry.path, [diagnostic]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
