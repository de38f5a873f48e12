// Off-the-job hours against the target: the sums behind `ksb hours`, the status bar and the
// gateway's `otj` check, in one place so that all three agree.
import { addDays, addMonths, daysBetween, isIsoDay, monthOf } from '../base/dates';

/** The most hours one day can hold, summed over every file of the portfolio. */
export const MAX_HOURS_A_DAY = 24;

/**
 * The off-the-job targets a real apprenticeship can have: at least an hour (a smaller one turns
 * every percentage into nonsense) and at most 10 000 (five years of full-time training).
 */
export const OTJ_TARGET_RANGE = { least: 1, most: 10_000 } as const;

/** The longest duration `parseDuration` reads, in hours (ten years): anything longer is a typing slip. */
const LONGEST_DURATION = 87_660;

/** `2h 30m`, `2 hours 30 minutes`, `1.5h`, `90m`, `45 mins`: hours and minutes, each once, hours first. */
const UNIT_DURATION = /^(?:(\d+(?:[.,]\d+)?)\s*(?:h|hrs?|hours?)\.?)?\s*(?:(\d+(?:[.,]\d+)?)\s*(?:m|mins?|minutes?)\.?)?$/i;
/** `2:30` (hours and minutes), `0:45`, `2:30:00` (seconds, which must be whole minutes' worth). */
const CLOCK_DURATION = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/;
/** `3`, `3.5`, `3,5` (a decimal comma, as spreadsheets in Europe write it). */
const PLAIN_HOURS = /^\d+(?:[.,]\d+)?$/;

/**
 * Reads a duration as people log it and returns it in hours: `3.5`, `3,5`, `2:30`, `2h 30m`,
 * `2h30`, `90m`, `1.5 hours`, `45 mins`; `undefined` for anything else (negative, empty, words, a
 * unit twice, minutes before hours, more than ten years). Numbers (from YAML or a spreadsheet) are
 * read as hours when finite and not negative. The one duration reader: front matter and the hours
 * import both use it.
 */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 && text <= LONGEST_DURATION ? text : undefined;
  if (typeof text !== 'string') return undefined;
  const written = text.trim();
  if (written === '' || written.length > 40) return undefined;
  const number = (part: string) => Number(part.replace(',', '.'));
  let hours: number | undefined;
  if (PLAIN_HOURS.test(written)) hours = number(written);
  else {
    const clock = CLOCK_DURATION.exec(written);
    if (clock) hours = Number(clock[1]) + Number(clock[2]) / 60 + (clock[3] === undefined ? 0 : Number(clock[3]) / 3600);
    else {
      // `2h30` (minutes with no unit after hours) is how many people write it.
      const bareMinutes = /^(\d+)\s*(?:h|hrs?|hours?)\.?\s*([0-5]?\d)$/i.exec(written);
      const unit = bareMinutes ? undefined : UNIT_DURATION.exec(written);
      if (bareMinutes) hours = Number(bareMinutes[1]) + Number(bareMinutes[2]) / 60;
      else if (unit && (unit[1] !== undefined || unit[2] !== undefined))
        hours = (unit[1] === undefined ? 0 : number(unit[1])) + (unit[2] === undefined ? 0 : number(unit[2]) / 60);
    }
  }
  if (hours === undefined || !Number.isFinite(hours) || hours > LONGEST_DURATION) return undefined;
  // Minutes in hours are thirds and sixths: kept to the hundredth, as every sum of hours is.
  return toHundredths(hours) / 100;
}

/** One logged stretch of off-the-job training, with the file it was logged in. */
export interface OtjEntry {
  /** The day, or a period's first day. */
  readonly date: string;
  /** A period's last day: its hours are spread evenly over its days (and so its months). */
  readonly to?: string;
  readonly hours: number;
  readonly activity?: string;
  readonly relativePath: string;
}

/** Logged hours against the target: the total, what the plan expects by today, and the hours of each month. */
export interface HoursSummary {
  readonly total: number;
  readonly target: number | undefined;
  readonly expectedByToday: number | undefined;
  readonly perMonth: readonly { readonly month: string; readonly hours: number }[];
  readonly entries: number;
  readonly onTrack: boolean | undefined;
}

/**
 * Hours in whole hundredths. Sums are made of these, so they are exact to the hundredth whatever
 * the order (0.1 + 0.2 is 0.3, and eight entries of 3 hours that print as 24 are 24).
 */
export function toHundredths(hours: number): number {
  return Math.round((hours + Number.EPSILON * Math.sign(hours)) * 100);
}

/** The exact sum of hours, to the hundredth. */
export function sumHours(hours: Iterable<number>): number {
  let hundredths = 0;
  for (const value of hours) hundredths += toHundredths(value);
  return hundredths / 100;
}

/** Every month from `first` to `last` ('YYYY-MM'), both included; empty when `last` is earlier. */
function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  for (let day = `${first}-01`; monthOf(day) <= last; day = addMonths(day, 1)) months.push(monthOf(day));
  return months;
}

/**
 * An entry's hundredths by month: all in its month for one day; for a period, spread evenly over
 * its days, whole hundredths per month, the remainder of the rounding in its last month so the
 * shares add up to the entry exactly.
 */
function monthShares(entry: OtjEntry, hundredths: number): Array<[string, number]> {
  const to = entry.to !== undefined && isIsoDay(entry.to) && entry.to > entry.date ? entry.to : undefined;
  if (to === undefined) return [[monthOf(entry.date), hundredths]];
  const days = daysBetween(entry.date, to) + 1;
  const shares: Array<[string, number]> = [];
  let given = 0;
  for (const month of monthsFrom(monthOf(entry.date), monthOf(to))) {
    const first = month === monthOf(entry.date) ? entry.date : `${month}-01`;
    const last = month === monthOf(to) ? to : addDays(addMonths(`${month}-01`, 1), -1);
    const share = month === monthOf(to) ? hundredths - given : Math.round((hundredths * (daysBetween(first, last) + 1)) / days);
    given += share;
    shares.push([month, share]);
  }
  return shares;
}

/**
 * Sums off-the-job entries: the total, every month from the first entry (or `start`) to the last entry (or today,
 * or `end` when earlier) even when 0, and with `target`, `start` and `end` the hours expected by `today` pro rata
 * (target × elapsed / planned days, within [0, target]). Entries without a calendar day or a finite number of hours
 * are not counted: the rules report them.
 */
export function summarizeHours(
  entries: readonly OtjEntry[],
  options: { readonly target?: number; readonly start?: string; readonly end?: string; readonly today: string },
): HoursSummary {
  const counted = entries.filter((entry) => isIsoDay(entry.date) && typeof entry.hours === 'number' && Number.isFinite(entry.hours));
  const start = options.start !== undefined && isIsoDay(options.start) ? options.start : undefined;
  const end = options.end !== undefined && isIsoDay(options.end) ? options.end : undefined;
  const today = isIsoDay(options.today) ? options.today : undefined;
  const target = typeof options.target === 'number' && Number.isFinite(options.target) ? options.target : undefined;

  // Summed in hundredths (see toHundredths), turned back into hours at the end.
  const byMonth = new Map<string, number>();
  let totalHundredths = 0;
  for (const entry of counted) {
    const hundredths = toHundredths(entry.hours);
    totalHundredths += hundredths;
    for (const [month, share] of monthShares(entry, hundredths)) byMonth.set(month, (byMonth.get(month) ?? 0) + share);
  }

  // The listed span: from the earlier of the first entry and `start`, to the later of the last entry and today (cut at `end`).
  const entryMonths = [...byMonth.keys()].sort();
  const firsts = [...entryMonths.slice(0, 1), ...(start ? [monthOf(start)] : [])];
  const until = today !== undefined && end !== undefined && end < today ? end : today;
  const lasts = [...entryMonths.slice(-1), ...(until !== undefined && (start !== undefined || entryMonths.length > 0) ? [monthOf(until)] : [])];
  const perMonth =
    firsts.length === 0 || lasts.length === 0
      ? []
      : monthsFrom(firsts.sort()[0], lasts.sort()[lasts.length - 1]).map((month) => ({ month, hours: (byMonth.get(month) ?? 0) / 100 }));

  let expectedByToday: number | undefined;
  if (target !== undefined && start !== undefined && end !== undefined && today !== undefined) {
    const planned = daysBetween(start, end);
    if (planned > 0) {
      const elapsed = daysBetween(start, end < today ? end : today);
      expectedByToday = Math.min(target, Math.max(0, Math.round(((target * elapsed) / planned) * 10) / 10));
    }
  }

  const rounded = totalHundredths / 100;
  return {
    total: rounded,
    target,
    expectedByToday,
    perMonth,
    entries: counted.length,
    onTrack: expectedByToday === undefined ? undefined : rounded >= expectedByToday,
  };
}
