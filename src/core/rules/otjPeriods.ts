// The 24-hour day across the portfolio when hours are logged over periods: 54 hours from 5 January
// to 27 March fit on their own, but not beside 24-hour days logged inside them in other files. The
// hours fit exactly when no run of days holds more than 24 hours a day of the entries that lie wholly
// inside it (each entry may be spread over its own days only), so only such runs are judged.
import { DiagnosticCode } from '../model/diagnosticCodes';
import { type PortfolioDiagnostic, type RelatedLocation } from '../model/diagnostics';
import { daysBetween } from '../base/dates';
import { MAX_HOURS_A_DAY, sumHours, toHundredths } from '../model/hours';
import type { DayEntry } from './otjDays';

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
  const perFile = new Map<string, number[]>();
  for (const { entry } of runs) perFile.set(entry.relativePath, [...(perFile.get(entry.relativePath) ?? []), entry.hours]);
  for (const { entry } of runs) {
    const here = sumHours(perFile.get(entry.relativePath)!);
    const elsewhere = [...perFile].filter(([file]) => file !== entry.relativePath).map(([file, hours]) => `${sumHours(hours)} in ${file}`);
    const shared = elsewhere.length === 0 ? ', all in this file' : `: ${here} in this file, ${elsewhere.join(', ')}`;
    const related: RelatedLocation[] = runs
      .filter((other) => other.entry.path !== entry.path)
      .map(({ entry: other, first: from, last: to }) => ({
        path: other.path,
        range: other.range,
        message: from === to ? `${other.hours} hours on ${from}` : `${other.hours} hours from ${from} to ${to}`,
      }));
    const diagnostic: PortfolioDiagnostic = {
      code: DiagnosticCode.OtjInvalid,
      message: `Expected at most ${MAX_HOURS_A_DAY * days} off-the-job hours from ${first} to ${last} across the portfolio (${MAX_HOURS_A_DAY} a day over ${days} days), found ${hundredths / 100}${shared}; none of these entries count until they fit`,
      range: entry.range,
      subject: { field: 'otj', index: entry.index },
      ...(related.length > 0 && { related }),
    };
    const list = findings.get(entry.path);
    if (list) list.push(diagnostic);
    else findings.set(entry.path, [diagnostic]);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
