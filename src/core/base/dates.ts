// Calendar days as 'YYYY-MM-DD' strings, computed with integer day numbers (proleptic Gregorian),
// never with Date: local-time methods would shift a day by the machine's time zone, and the core
// has no clock ("today" is always passed in).

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CivilDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Whether `year` has a 29 February. */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days in a month (1-12) of a year. */
function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The year, month and day of a calendar day, or undefined when it is not one. */
function parseDay(text: string): CivilDay | undefined {
  if (typeof text !== 'string') return undefined;
  const match = DAY_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** The parts of a day the caller promised was valid; a broken promise is a programming error, said plainly. */
function requireDay(text: string, name: string): CivilDay {
  const parsed = parseDay(text);
  if (!parsed) throw new RangeError(`Expected ${name} to be a calendar day YYYY-MM-DD, found ${JSON.stringify(text)}`);
  return parsed;
}

/** An integer count, checked, so that a fraction never turns into a silently rounded day. */
function requireInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Expected ${name} to be a whole number, found ${value}`);
  return value;
}

// Day numbers from 0000-03-01-based eras (H. Hinnant's days_from_civil), 0 = 1970-01-01.
/** The day number of a calendar day, 1970-01-01 being 0. */
function toDayNumber({ year, month, day }: CivilDay): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The calendar day of a day number (the inverse of toDayNumber). */
function fromDayNumber(dayNumber: number): CivilDay {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 'YYYY-MM-DD' of a calendar day; years outside 0000-9999 cannot be written so, and are refused. */
function formatDay({ year, month, day }: CivilDay): string {
  if (year < 0 || year > 9999) throw new RangeError(`Expected a day in the years 0000-9999, found year ${year}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether `text` is a real calendar day written YYYY-MM-DD (2026-02-29 is not). */
export function isIsoDay(text: string): boolean {
  return parseDay(text) !== undefined;
}

/**
 * The first and last days a portfolio may name. Far dates are typos (0001 for 2001, 2206 for 2026),
 * and month-by-month sums over them would list tens of thousands of months.
 */
export const DAY_RANGE = { first: '1950-01-01', last: '2100-12-31', words: 'between 1950 and 2100' } as const;

/** Whether a `YYYY-MM-DD` day (or a date-time starting with one) lies within `DAY_RANGE`. */
export function isDayInRange(day: string): boolean {
  const calendarDay = day.slice(0, 10);
  return calendarDay >= DAY_RANGE.first && calendarDay <= DAY_RANGE.last;
}

/** The most hours a UTC offset puts a local clock ahead of UTC (UTC+14, the Line Islands). */
const MOST_HOURS_AHEAD_OF_UTC = 14;

/**
 * The latest calendar day that has begun anywhere on Earth at `now`: the day in UTC+14. A date is
 * in the future only when it is after this day, so a sign-off written this morning in Kiribati is
 * not "after today" for a CI runner in UTC, whatever the runner's own time zone.
 */
export function latestDayOnEarth(now: Date): string {
  return new Date(now.getTime() + MOST_HOURS_AHEAD_OF_UTC * 3_600_000).toISOString().slice(0, 10);
}

/** The later of two `YYYY-MM-DD` days. */
export function laterDay(a: string, b: string): string {
  return a > b ? a : b;
}

/** The day `days` (a whole number, may be negative) after `day`; throws RangeError on a day that is not YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  return formatDay(fromDayNumber(toDayNumber(requireDay(day, 'day')) + requireInteger(days, 'days')));
}

/** The same day `months` later (may be negative), clamped to the month's end: 2026-01-31 + 1 month = 2026-02-28. */
export function addMonths(day: string, months: number): string {
  const { year, month, day: dayOfMonth } = requireDay(day, 'day');
  const index = year * 12 + (month - 1) + requireInteger(months, 'months');
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return formatDay({ year: newYear, month: newMonth, day: Math.min(dayOfMonth, daysInMonth(newYear, newMonth)) });
}

/** The number of days from `from` to `to` (to − from; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(requireDay(to, 'to')) - toDayNumber(requireDay(from, 'from'));
}

/**
 * The calendar months completed from `from` to `to`: the n with addMonths(from, n) <= to < addMonths(from, n + 1),
 * so 2025-03-15 → 2026-03-14 is 11 and 2025-01-31 → 2025-02-28 is 1; when `to` is earlier, minus the months
 * counted back the same way (the largest k with addMonths(from, -k) >= to).
 */
export function wholeMonthsBetween(from: string, to: string): number {
  const start = requireDay(from, 'from');
  const end = requireDay(to, 'to');
  const target = toDayNumber(end);
  const shifted = (n: number): number => {
    const index = start.year * 12 + (start.month - 1) + n;
    const year = Math.floor(index / 12);
    const month = index - year * 12 + 1;
    return toDayNumber({ year, month, day: Math.min(start.day, daysInMonth(year, month)) });
  };
  // The difference of the month numbers is right or one too far; clamping never moves a day across a month.
  let n = (end.year - start.year) * 12 + (end.month - start.month);
  if (target >= toDayNumber(start)) {
    if (shifted(n) > target) n--;
  } else if (shifted(n) < target) {
    n++;
  }
  return n;
}

/** The month of a day, 'YYYY-MM'. */
export function monthOf(day: string): string {
  requireDay(day, 'day');
  return day.slice(0, 7);
}

/** A span of time as the portfolio writes it: "12 weeks", "3 months". */
export interface Interval {
  readonly count: number;
  readonly unit: 'days' | 'weeks' | 'months';
}

const INTERVAL_PATTERN = /^\s*([1-9]\d{0,2})\s+(days?|weeks?|months?)\s*$/i;

/** Parses "12 weeks", "3 months", "1 month", "90 days" (count 1-999, any case); anything else is undefined. */
export function parseInterval(text: string): Interval | undefined {
  if (typeof text !== 'string') return undefined;
  const match = INTERVAL_PATTERN.exec(text);
  if (!match) return undefined;
  const word = match[2].toLowerCase();
  const unit = word.startsWith('day') ? 'days' : word.startsWith('week') ? 'weeks' : 'months';
  return { count: Number(match[1]), unit };
}

/** The day an interval after `day`: weeks are 7 days, months are calendar months clamped to the month's end. */
export function addInterval(day: string, interval: Interval): string {
  switch (interval.unit) {
    case 'days':
      return addDays(day, interval.count);
    case 'weeks':
      return addDays(day, interval.count * 7);
    case 'months':
      return addMonths(day, interval.count);
  }
}

/** An interval as a person writes it: "12 weeks", "1 month". */
export function formatInterval(interval: Interval): string {
  const singular = interval.unit.slice(0, -1);
  return `${interval.count} ${interval.count === 1 ? singular : interval.unit}`;
}
