// The 24-hour day across the portfolio: off-the-job hours on one day are judged together, whatever
// files they are logged in, since ten files of 24 hours on one day are as impossible as one of 240.
import { DiagnosticCode } from '../model/diagnosticCodes';
import { type PortfolioDiagnostic, type RelatedLocation } from '../model/diagnostics';
import type { Range } from '../base/text';
import { MAX_HOURS_A_DAY, sumHours, toHundredths } from '../model/hours';

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
