// `ksb hours [dir]`: off-the-job hours logged against the target, pro rata and by month; and
// `ksb hours import FILE`: a provider's tracker (CSV or .xlsx) read into an `otj/` log.
import { existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { DATA_FILE_READ_LIMIT, formatHours, hoursReport, otjLogTemplate, readHoursTracker, slugify, sumHours, type TrackerCell } from '../../core';
import { assertFormat } from '../formats';
import { formatJson, hoursJson, JSON_FORMAT } from '../formats/json';
import { formatHoursText, TEXT_FORMAT } from '../formats/text';
import { toPosix } from '../nodeFileSystem';
import { assertPortfolioFolder, loadUsablePortfolio } from '../portfolioFolder';
import { oneLine } from '../printable';
import { writeFileSafely } from '../safeWrite';
import { readInputBytes, readInputText } from '../textFile';
import { UsageError } from '../usageError';
import type { Command } from './command';

const FORMATS = [TEXT_FORMAT.name, JSON_FORMAT.name];

/** `ksb hours`. */
export const hoursCommand: Command = {
  name: 'hours',
  usage: [{ term: 'hours [dir]', help: ['Off-the-job hours logged against the target, pro rata and by month'] }],
  flags: ['format', 'output'],
  formats: FORMATS,
  async run({ args, format, report, loadPortfolio, today }) {
    assertFormat(format, FORMATS);
    // A portfolio.yaml with errors (a bad `start`, say) would give wrong hours: refuse, as coverage does.
    const { index } = await loadUsablePortfolio('hours', args, loadPortfolio);
    const hours = hoursReport(index, today);
    const asText = () => formatHoursText(hours, today);
    await report(format === 'json' ? formatJson(hoursJson(hours, today)) : asText(), asText);
    return 0;
  },
};

/** `ksb hours import FILE.csv|FILE.xlsx`. */
export const hoursImportCommand: Command = {
  name: 'hours import',
  usage: [
    {
      term: 'hours import FILE.csv|FILE.xlsx',
      help: ['Read an hours tracker (date, hours or duration, activity, KSBs) into', 'otj/<name>.md in --dir (default: .); rows it cannot read are listed'],
    },
  ],
  flags: ['dir', 'force'],
  formats: [],
  async run({ args, flags, write, today }) {
    if (args.length !== 1)
      throw new UsageError(
        args.length === 0
          ? 'hours import needs the tracker to read, e.g. `ksb hours import tracker.xlsx`'
          : `hours import takes one file, found ${args.length}`,
      );
    const [file] = args;
    const dir = flags.dir ?? '.';
    assertPortfolioFolder(dir);
    const rows = await readTrackerRows(file);
    const reading = readHoursTracker(rows);
    const label = oneLine(file);
    if (!reading.ok) throw new UsageError(`cannot read ${label}: ${reading.reason}`);
    const problems = reading.unreadable.map((p) => `  row ${p.row}: ${oneLine(p.reason)}`);
    if (reading.entries.length === 0)
      throw new UsageError(`found no entries to import in ${label}${problems.length > 0 ? `; rows not read:\n${problems.join('\n')}` : ''}`);
    const name = `${slugify(basename(file, extname(file))) || 'hours'}.md`;
    const root = toPosix(resolve(dir));
    const relative = `${OTJ_FOLDER}/${name}`;
    const text = otjLogTemplate({ file: basename(file), today, entries: reading.entries, unreadable: reading.unreadable });
    if (!flags.force && existsSync(join(root, relative)))
      throw new UsageError(`cannot write ${relative}: it already exists (--force replaces it; it may hold hours added by hand)`);
    await writeFileSafely({ root, path: `${root}/${relative}`, label: relative }, text);
    const total = sumHours(reading.entries.map((e) => e.hours));
    const days = reading.entries.map((e) => e.date).sort();
    const lines = [
      `Wrote ${relative}: ${reading.entries.length === 1 ? '1 entry' : `${reading.entries.length} entries`}, ${formatHours(total)} from ${days[0]} to ${days[days.length - 1]} (columns ${[reading.columns.date, reading.columns.hours, reading.columns.activity, reading.columns.ksbs].filter(Boolean).join(', ')} from row ${reading.headerRow})`,
    ];
    for (const t of reading.totals)
      lines.push(
        `Row ${t.row} is a total of ${formatHours(t.hours)}, not an entry: ${t.hours === t.entriesSum ? 'the entries above add up to it' : `the entries above add up to ${formatHours(t.entriesSum)}`}`,
      );
    if (problems.length > 0) lines.push(`Not imported (listed in ${relative} too):`, ...problems);
    write(`${lines.join('\n')}\n`);
    return 0;
  },
};

/** The folder imported hours logs go in. */
const OTJ_FOLDER = 'otj';

/** The rows of a tracker: a CSV (or TSV) through csv-parse, an .xlsx workbook's first sheet with a header through ExcelJS. */
async function readTrackerRows(file: string): Promise<TrackerCell[][]> {
  const label = oneLine(file);
  const extension = extname(file).toLowerCase();
  if (extension === '.xls' || extension === '.ods' || extension === '.numbers')
    throw new UsageError(`cannot read ${label}: expected a .xlsx or .csv file, found ${extension}: save it as .xlsx or .csv first`);
  if (extension === '.xlsx' || extension === '.xlsm') return readWorkbook(readInputBytes(resolve(file), label, SPREADSHEET_READ_LIMIT), label);
  const text = readInputText(resolve(file), label, DATA_FILE_READ_LIMIT);
  try {
    const rows: string[][] = parseCsv(text, {
      bom: true,
      delimiter: extension === '.tsv' ? '\t' : text.split(/\r?\n/, 1)[0].includes(';') && !text.split(/\r?\n/, 1)[0].includes(',') ? ';' : ',',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
    return rows;
  } catch (error) {
    throw new UsageError(`cannot read ${label}: ${oneLine((error as Error).message)}`);
  }
}

/** A spreadsheet of more than this is no hours tracker. */
const SPREADSHEET_READ_LIMIT = 20 * 1024 * 1024;

async function readWorkbook(bytes: Uint8Array, label: string): Promise<TrackerCell[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new UsageError(`cannot read ${label}: expected an Excel workbook (.xlsx), found ${oneLine((error as Error).message)}`);
  }
  const sheets = workbook.worksheets.map((sheet) => {
    const rows: TrackerCell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      const cells: TrackerCell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = cellValue(cell.value)));
      rows[number - 1] = cells;
    });
    return Array.from(rows, (row) => row ?? []);
  });
  // The first sheet with a header row; the first sheet's message otherwise.
  return sheets.find((rows) => readHoursTracker(rows).ok) ?? sheets[0] ?? [];
}

/** A cell's value as a plain one: a formula's result, rich text's text, a link's text. */
function cellValue(value: unknown): TrackerCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    const object = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string };
    if ('result' in object) return cellValue(object.result);
    if (Array.isArray(object.richText)) return object.richText.map((part) => part.text).join('');
    if (typeof object.text === 'string') return object.text;
    if (typeof object.error === 'string') return object.error;
  }
  return String(value);
}
