// An off-the-job hours tracker as providers hand it out (a spreadsheet or CSV): the header row found
// wherever it is, dates as the UK and ISO write them, hours as people log them, totals rows told
// apart from entries, and every row that cannot be read kept with the reason, never dropped.
import { addDays, isDayInRange, isIsoDay } from '../base/dates';
import { MAX_HOURS_A_DAY, parseDuration } from '../model/hours';

/** A cell as a spreadsheet or CSV gives it. */
export type TrackerCell = string | number | boolean | Date | null | undefined;

/** One entry read from the tracker. */
export interface TrackerEntry {
  /** 1-based row number in the sheet or file. */
  readonly row: number;
  readonly date: string;
  readonly hours: number;
  readonly activity?: string;
  /** Codes from a KSBs column, as written. */
  readonly ksbs?: string;
}

/** A row that was not read, and why. */
export interface TrackerProblem {
  readonly row: number;
  readonly reason: string;
}

/** A totals row: what it says, and what the entries above it (since the last total) add up to. */
export interface TrackerTotal {
  readonly row: number;
  readonly hours: number;
  readonly entriesSum: number;
}

/** What a tracker holds, or why it could not be read at all. */
export type TrackerReading =
  | {
      readonly ok: true;
      readonly headerRow: number;
      readonly columns: { readonly date: string; readonly hours: string; readonly activity?: string; readonly ksbs?: string };
      readonly entries: readonly TrackerEntry[];
      readonly unreadable: readonly TrackerProblem[];
      readonly totals: readonly TrackerTotal[];
    }
  | { readonly ok: false; readonly reason: string };

/** Headers by column, matched in any case. */
const HEADERS = {
  date: /^(?:date|day|week(?:\s*(?:commencing|beginning|starting))?|w\/c|session date|date of (?:activity|training|learning))\b/i,
  hours: /^(?:hours?|hrs?|duration|time(?:\s*spent)?|otj hours|hours? (?:spent|logged|completed)|total hours)\b/i,
  activity: /^(?:activity|activities|description|details?|what|task|training|learning(?:\s*activity)?|subject|module|notes?|evidence)\b/i,
  ksbs: /^(?:ksbs?|ksb codes?|codes?|criteria)\b/i,
} as const;

/** How many rows a header may be below the top (titles and a name above it). */
const HEADER_SEARCH_ROWS = 20;

/** The day the Excel epoch stands for: serial 1 is 1900-01-01, and Excel's phantom 1900-02-29 makes 25569 fall on 1970-01-01. */
const EXCEL_EPOCH = '1899-12-30';

/** Reads a tracker's rows (the first row is row 1). */
export function readHoursTracker(rows: readonly (readonly TrackerCell[])[]): TrackerReading {
  const header = findHeader(rows);
  if (!header)
    return {
      ok: false,
      reason: 'expected a header row with a date column and an hours (or duration) column, such as `Date, Hours, Activity`, in the first 20 rows; found none',
    };
  const { index, columns } = header;
  const names = rows[index].map((cell) => text(cell));
  const entries: TrackerEntry[] = [];
  const unreadable: TrackerProblem[] = [];
  const totals: TrackerTotal[] = [];
  let sinceTotal = 0;
  for (let i = index + 1; i < rows.length; i++) {
    const row = rows[i];
    const number = i + 1;
    if (row.every((cell) => text(cell) === '')) continue;
    const dateCell = row[columns.date];
    const hoursCell = row[columns.hours];
    const hours = readHours(hoursCell);
    // Only a row that says so is a total: an unlabelled one is listed as unreadable, never guessed at.
    const isTotal = row.some((cell) => /\b(?:sub)?totals?\b/i.test(text(cell)));
    if (isTotal) {
      if (hours !== undefined) {
        totals.push({ row: number, hours, entriesSum: Math.round(sinceTotal * 100) / 100 });
        sinceTotal = 0;
      } else unreadable.push({ row: number, reason: `a totals row whose ${names[columns.hours]} is ${describe(hoursCell)}` });
      continue;
    }
    const date = readDate(dateCell);
    if (date === undefined) {
      unreadable.push({ row: number, reason: `expected a date such as 12/01/2026 or 2026-01-12 in ${names[columns.date]}, found ${describe(dateCell)}` });
      continue;
    }
    if (hours === undefined) {
      unreadable.push({ row: number, reason: `expected hours such as 3.5, 3:30 or 3h 30m in ${names[columns.hours]}, found ${describe(hoursCell)}` });
      continue;
    }
    if (hours > MAX_HOURS_A_DAY) {
      unreadable.push({
        row: number,
        reason: `${hours} hours on ${date} is more than a day holds: is this a period? write it as an entry with from and to`,
      });
      continue;
    }
    const activity = columns.activity === undefined ? '' : text(row[columns.activity]);
    const ksbs = columns.ksbs === undefined ? '' : text(row[columns.ksbs]);
    entries.push({ row: number, date, hours, ...(activity ? { activity } : {}), ...(ksbs ? { ksbs } : {}) });
    sinceTotal += hours;
  }
  return {
    ok: true,
    headerRow: index + 1,
    columns: {
      date: names[columns.date],
      hours: names[columns.hours],
      ...(columns.activity === undefined ? {} : { activity: names[columns.activity] }),
      ...(columns.ksbs === undefined ? {} : { ksbs: names[columns.ksbs] }),
    },
    entries,
    unreadable,
    totals,
  };
}

function findHeader(rows: readonly (readonly TrackerCell[])[]) {
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index++) {
    const names = rows[index].map((cell) => text(cell).replace(/^\ufeff/, ''));
    const find = (pattern: RegExp, not: readonly number[] = []) => {
      const at = names.findIndex((name, i) => !not.includes(i) && pattern.test(name));
      return at < 0 ? undefined : at;
    };
    const date = find(HEADERS.date);
    if (date === undefined) continue;
    const hours = find(HEADERS.hours, [date]);
    if (hours === undefined) continue;
    const ksbs = find(HEADERS.ksbs, [date, hours]);
    const activity = find(HEADERS.activity, [date, hours, ...(ksbs === undefined ? [] : [ksbs])]);
    return { index, columns: { date, hours, activity, ksbs } };
  }
  return undefined;
}

/** A cell as one line of text. */
function text(cell: TrackerCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  return String(cell).replace(/\s+/g, ' ').trim();
}

function describe(cell: TrackerCell): string {
  const written = text(cell);
  if (written === '') return 'nothing';
  return `"${written.length > 40 ? `${written.slice(0, 39)}…` : written}"`;
}

/** Hours from a number, a duration as text (3.5, 3:30, 3h 30m), or a spreadsheet time of day (03:30 as a time). */
function readHours(cell: TrackerCell): number | undefined {
  if (cell instanceof Date) {
    // A duration typed as a time is a date on Excel's epoch day (or the day after, for 24h+).
    const time = cell.getTime();
    if (Number.isNaN(time)) return undefined;
    const since = (time - Date.UTC(1899, 11, 30)) / 3_600_000;
    return since >= 0 && since < 24 * 366 ? Math.round(since * 100) / 100 : undefined;
  }
  if (typeof cell === 'number' || typeof cell === 'string') return parseDuration(cell);
  return undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A day `YYYY-MM-DD` from a date cell: a spreadsheet date, an Excel serial number, `12/01/2026` (UK), `12-01-26`, `2026-01-12`, `12 Jan 2026`. */
export function readDate(cell: TrackerCell): string | undefined {
  let day: string | undefined;
  if (cell instanceof Date) day = Number.isNaN(cell.getTime()) ? undefined : cell.toISOString().slice(0, 10);
  else if (typeof cell === 'number') day = Number.isInteger(cell) && cell > 0 && cell < 80_000 ? addDays(EXCEL_EPOCH, cell) : undefined;
  else if (typeof cell === 'string') day = dayFromText(cell.trim().replace(/^(?:w\/c|wc|week (?:commencing|beginning|starting))\s*/i, ''));
  return day !== undefined && isIsoDay(day) && isDayInRange(day) ? day : undefined;
}

function dayFromText(written: string): string | undefined {
  const pad = (n: number) => String(n).padStart(2, '0');
  const year = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(written);
  if (iso) return `${iso[1]}-${pad(Number(iso[2]))}-${pad(Number(iso[3]))}`;
  // Day first, as the UK writes it: 12/01/2026 is the 12th of January.
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(written);
  if (uk) return `${year(uk[3])}-${pad(Number(uk[2]))}-${pad(Number(uk[1]))}`;
  const words = /^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4}|\d{2})$/i.exec(written);
  if (words) {
    const month = MONTHS.indexOf(words[2].slice(0, 3).toLowerCase());
    if (month >= 0) return `${year(words[3])}-${pad(month + 1)}-${pad(Number(words[1]))}`;
  }
  return undefined;
}
