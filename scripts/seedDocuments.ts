// Readers of the ST0792 seed documents (../shared/seeds, README there): the public pages and
// documents the shipped data was first built from. One reader for the import that writes the data
// (scripts/standardImport.ts) and the tests that check it (test/unit/catalogue-data.test.ts), so
// the two cannot read a seed differently. Each reader checks the shape it expects and throws,
// naming the seed, when a seed is not what it was.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Where the seeds live, relative to the repository root. */
export const SEED_FOLDER = '../shared/seeds';

/** The only normalisation the data may apply to a seed's text. */
export const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A seed's text by its id (`"001"` reads `001_*.txt`) from one folder. */
export type SeedReader = (id: string) => string;

/** Reads the seeds of `folder`, each once. */
export function seedReader(folder: string): SeedReader {
  const cache = new Map<string, string>();
  return (id) => {
    const cached = cache.get(id);
    if (cached !== undefined) return cached;
    const name = readdirSync(folder).find((file) => file.startsWith(`${id}_`));
    if (!name) throw new Error(`Expected a seed file starting with ${id}_ in ${folder}, found none`);
    const text = readFileSync(path.join(folder, name), 'utf8');
    cache.set(id, text);
    return text;
  };
}

/** The file name of seed `id` in `folder`, as a data file's `sources` name it. */
export function seedFileName(folder: string, id: string): string {
  const name = readdirSync(folder).find((file) => file.startsWith(`${id}_`));
  if (!name) throw new Error(`Expected a seed file starting with ${id}_ in ${folder}, found none`);
  return name;
}

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/**
 * The v1.2 KSB texts of the course page (seed 001), coded by position. Each list is printed twice:
 * core + Production coordinator option, then core + Post production coordinator option.
 */
export function courseKsbs(read: SeedReader): Map<string, string> {
  const bullets = new Map<string, string[]>();
  let section: string | undefined;
  for (const line of read('001').split('\n')) {
    const heading = line.trim();
    if (heading === 'Knowledge' || heading === 'Skills' || heading === 'Behaviours') {
      section = heading;
      bullets.set(section, []);
    } else if (heading.startsWith('Apprenticeship category')) {
      section = undefined;
    } else if (section && line.startsWith('  • ')) {
      bullets.get(section)!.push(normalise(line.slice(line.indexOf('•') + 1)));
    }
  }
  const codes = new Map<string, string>();
  const split = (section: string, kind: string, core: number, first: number, second: number) => {
    const list = bullets.get(section) ?? [];
    expect(list.length === 2 * core + first + second, `Expected ${2 * core + first + second} ${section} bullets in seed 001, found ${list.length}`);
    const repeated = list.slice(core + first, 2 * core + first);
    expect(
      repeated.every((text, i) => text === list[i]),
      `Expected seed 001 to repeat the core ${section}`,
    );
    [...list.slice(0, core + first), ...list.slice(2 * core + first)].forEach((text, i) => codes.set(`${kind}${i + 1}`, text));
  };
  split('Knowledge', 'K', 16, 7, 6);
  split('Skills', 'S', 17, 3, 3);
  split('Behaviours', 'B', 4, 0, 0);
  return codes;
}

/** Coded statements (`K1: text`) from a seed that prints codes, each ending where the next code starts. */
function codedKsbs(text: string, trailer = ''): Map<string, string> {
  const codes = new Map<string, string>();
  const flat = normalise(text);
  const pattern = /(?:^| )([KSB][1-9][0-9]*): (.*?)(?= [KSB][1-9][0-9]*: | Skills | Behaviours |$)/g;
  for (const match of flat.matchAll(pattern)) {
    const statement = trailer && match[2].endsWith(trailer) ? match[2].slice(0, -trailer.length) : match[2];
    codes.set(match[1], normalise(statement));
  }
  return codes;
}

/** Seed 002's KSB section (between the "KSBs" heading and "Qualifications"): K1-K29, S1-S23, B1-B4. */
export function revisionKsbs(read: SeedReader): Map<string, string> {
  const text = read('002');
  return codedKsbs(text.slice(text.indexOf('\nKSBs'), text.indexOf('\nQualifications')));
}

/** Seed 004's statements (v1.0, K1-K42, S1-S40, B1-B6), each printed with a "Back to Duty" link that is not part of it. */
export function legacyKsbs(read: SeedReader): Map<string, string> {
  const text = read('004');
  return codedKsbs(text.slice(0, text.indexOf('Related Articles')).replace(/\n/g, ' '), ' Back to Duty');
}

/** The 10 duty texts of the occupational map (seed 000), by number: the lines after the second employer list. */
export function mapDuties(read: SeedReader): Map<number, string> {
  const lines = read('000').split('\n');
  const employerLines = lines.flatMap((line, i) => (line.startsWith('BBC, Bauer Media') ? [i] : []));
  const end = lines.findIndex((line) => line.startsWith('This occupational progression map'));
  expect(employerLines.length === 2 && end > employerLines[1], 'Expected seed 000 to list the duties between its second employer list and the progression map');
  const duties = lines.slice(employerLines[1] + 1, end).map(normalise);
  expect(duties.length === 10, `Expected 10 duties in seed 000, found ${duties.length}`);
  return new Map(duties.map((text, i) => [i + 1, text]));
}

/** The option titles of the occupational map (seed 000), by number: `Option 1: Production coordinator – ...`. */
export function mapOptions(read: SeedReader): Map<number, string> {
  const options = new Map<number, string>();
  for (const line of read('000').split('\n')) {
    const match = /^Option (\d+): (.+?) [–-] /.exec(line);
    if (match) options.set(Number(match[1]), normalise(match[2]));
  }
  expect(options.size === 2, `Expected 2 options in seed 000, found ${options.size}`);
  return options;
}

/** One duty as seed 002 prints it: number, text and the KSB codes listed against it. */
export interface SeedDuty {
  readonly number: number;
  readonly text: string;
  readonly ksbs: readonly string[];
}

/** Seed 002's 12 duties as printed. */
export function revisionDuties(read: SeedReader): SeedDuty[] {
  const text = read('002');
  const section = text.slice(text.indexOf('Core occupation duties'), text.indexOf('\nKSBs'));
  const pattern = /Duty (\d+) ([\s\S]*?)\n\n((?:[KSB]\d+ ?)+(?:\n(?:[KSB]\d+ ?)+)*)/g;
  return [...section.matchAll(pattern)].map((m) => ({ number: Number(m[1]), text: normalise(m[2]), ksbs: normalise(m[3]).split(' ') }));
}

/** One row of seed 003's version table, as ISO dates (`endDate` undefined for "Not set"). */
export interface SeedVersionDates {
  readonly startDate: string;
  readonly endDate: string | undefined;
}

/** Seed 003's version table: version -> earliest and latest start date. */
export function versionTable(read: SeedReader): Map<string, SeedVersionDates> {
  const iso = (date: string) => date.split('/').reverse().join('-');
  const rows = new Map<string, SeedVersionDates>();
  for (const line of read('003').split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (/^\d+\.\d+$/.test(cells[0]) && cells.length >= 4) {
      rows.set(cells[0], { startDate: iso(cells[2]), endDate: cells[3] === 'Not set' ? undefined : iso(cells[3]) });
    }
  }
  return rows;
}

/** The lines of seed 003 (the assessment summary), whitespace normalised, to find its assessment methods in. */
export function assessmentSummaryLines(read: SeedReader): string[] {
  return read('003').split('\n').map(normalise);
}
