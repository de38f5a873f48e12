// The import that writes the shipped standard data (src/core/catalogue/data/*.yaml) from the public
// standards API's files, through the core's own reader (readStandardData), and from the seed
// documents where they agree with the API. The rules are stated once, in RULES, and written into
// each file's header; `npm run import:standards` (scripts/import-standards.ts) runs it, and a
// unit test checks that each shipped file is byte for byte what it makes, so the data stays
// reproducible from its sources.
import type { OptionIds } from '../src/core/catalogue/apiStandard';
import { readStandardData } from '../src/core/catalogue/catalogue';
import type { StandardFile } from '../src/core/catalogue/schema';
import {
  assessmentSummaryLines,
  courseKsbs,
  legacyKsbs,
  mapDuties,
  mapOptions,
  revisionKsbs,
  revisionDuties,
  versionTable,
  type SeedReader,
  type SeedVersionDates,
} from './seedDocuments';

/** Where the public API snapshot lives, relative to the repository root. */
export const API_SNAPSHOT_FOLDER = '../shared/standards-api';

/** The import's rules, in the words the data files' headers repeat; each file states the ones its plan uses. */
export const RULES = {
  api: 'The public API is the register of record and wins: codes (by position), KSB texts (HTML-decoded, spaces collapsed), options, the KSB option split (through the duties), duty texts and KSB mapping, title, level, status, dates, links and typical duration are the API file’s, as the core reader (readApiStandard) reads them.',
  seeds:
    'A KSB, duty or option whose text a seed prints exactly as the API does keeps that seed as its `source`; one that no seed prints as the API does ships the API’s text with `source: "api"`, and where a seed words it differently, the seed’s wording is quoted in a comment at the item.',
  dates: 'Dates: the API’s. Seed 003’s version table is compared with them, and a date it gives differently is named below with the seed’s figure.',
  notes:
    'What the API file cannot say (a KSB in no duty, options no KSB is mapped to...) is a `notes` entry, shown in hover, `ksb lookup` and as a standard.data-gap diagnostic, never a guess presented as fact.',
  optionIds:
    'Option ids are ours and stay the same in every version whatever the option’s title there, so a portfolio’s `option:` keeps working across versions; an `option:` naming a title the version does not have gets a diagnostic listing the choices.',
} as const;

/** Texts a seed offers for one kind of fact, by code or number: where one equals the API's text, the fact keeps the seed as its source. */
interface SeedTexts<Key> {
  readonly source: string;
  readonly texts: (read: SeedReader) => ReadonlyMap<Key, string>;
}

/** How one shipped version is imported: the API file, our option ids and the seeds compared with it. */
export interface ImportPlan {
  readonly apiFile: string;
  readonly dataFile: string;
  readonly optionIds: OptionIds;
  /** The seeds' KSB texts, by code, the first seed that agrees winning. */
  readonly seedKsbs?: readonly SeedTexts<string>[];
  /** The seeds' duty texts, by number, the first seed that agrees winning. */
  readonly seedDuties?: readonly SeedTexts<number>[];
  /** The seeds' option titles, by position (1-based). */
  readonly seedOptions?: SeedTexts<number>;
  /** The API gives no assessment methods; a seed may, for the version it describes. */
  readonly epaMethods?: { readonly source: string; readonly methods: (read: SeedReader) => readonly string[] };
  /** Which API snapshot the file is from, for the header and `sources`. */
  readonly snapshot?: string;
  /** Whether to compare the API's dates with seed 003's version table. */
  readonly compareDates?: boolean;
  /** What is particular to this version, for its header: one paragraph a line. */
  readonly about: readonly string[];
}

/** The seed documents' descriptions, as `sources` entries give them. */
export const SEED_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '000': 'Occupational map page for ST0792 (current version): the two options and 10 duties (8 core + 2 Production coordinator option), without KSB mapping',
  '001': 'Course page "Junior production coordinator (level 4)" (current version): KSB texts without codes, codes follow from position',
  '002': 'Revision document "L4: Junior production coordinator" (ST0792): coded KSBs K1-K29, S1-S23, B1-B4 and 12 duties with their KSB mapping',
  '003': 'End-point assessment summary: assessment methods and the version table (earliest and latest start dates)',
  '004': 'Version 1.0 standard "Media production co-ordinator": coded KSBs K1-K42, S1-S40, B1-B6, no options and no duty texts',
};

/** Our option ids for the API's option titles, which changed in 1.2: the ids did not. */
const ST0792_OPTION_IDS: OptionIds = {
  'film, tv, commercial, short form, radio and audio production': 'production-coordinator',
  'post production, vfx and animation production': 'post-production-coordinator',
  'production coordinator': 'production-coordinator',
  'post production coordinator': 'post-production-coordinator',
};

/** The API snapshot the shipped data is from. */
const SNAPSHOT = `the May 2025 snapshot in ${API_SNAPSHOT_FOLDER}`;

/** The assessment methods seed 003 lists for the current (1.2) plan. */
const CURRENT_EPA_METHODS = ['Presentation with questions', 'Professional discussion underpinned by a portfolio of evidence'];

/** The shipped ST0792 versions and how each is imported. */
export const SHIPPED_IMPORTS: readonly ImportPlan[] = [
  {
    apiFile: 'ST0792_1.0.json',
    dataFile: 'ST0792-1.0.yaml',
    optionIds: ST0792_OPTION_IDS,
    snapshot: SNAPSHOT,
    compareDates: true,
    seedKsbs: [{ source: '004', texts: legacyKsbs }],
    about: [
      'KSB texts: seed 004 (the v1.0 standard page) and the API agree text for text apart from B1-B5, where 004 prints an en dash after the behaviour’s name and the API a hyphen; the API’s text ships (comments at B1-B5).',
      'Options and duties: the API’s two options and twelve duties; 004 has neither (only "Back to Duty" links).',
      'epaMethods: empty. The API gives no methods, and seed 003 describes only the current (1.2) assessment plan.',
    ],
  },
  {
    apiFile: 'ST0792_1.1.json',
    dataFile: 'ST0792-1.1.yaml',
    optionIds: ST0792_OPTION_IDS,
    snapshot: SNAPSHOT,
    compareDates: true,
    about: [
      'Everything is the API’s. 1.1 is the revised "Media production co-ordinator" standard (K1-K43, S1-S38, B1-B6, two options), not the "Junior production coordinator" text of seed 002, which is 1.2’s shape (K1-K29) and was shipped as 1.1 before the API showed otherwise. No seed prints the 1.1 texts.',
      'epaMethods: empty. The API gives no methods, and seed 003 describes only the current (1.2) assessment plan.',
    ],
  },
  {
    apiFile: 'ST0792_1.2.json',
    dataFile: 'ST0792-1.2.yaml',
    optionIds: ST0792_OPTION_IDS,
    snapshot: SNAPSHOT,
    compareDates: true,
    seedKsbs: [
      { source: '001', texts: courseKsbs },
      { source: '002', texts: revisionKsbs },
    ],
    seedDuties: [
      { source: '000', texts: mapDuties },
      { source: '002', texts: (read) => new Map(revisionDuties(read).map((duty) => [duty.number, duty.text])) },
    ],
    seedOptions: { source: '000', texts: mapOptions },
    epaMethods: {
      source: '003',
      methods: (read) => {
        const lines = assessmentSummaryLines(read);
        const missing = CURRENT_EPA_METHODS.filter((method) => !lines.includes(method));
        if (missing.length > 0) throw new Error(`Expected seed 003 to have the lines ${missing.map((m) => `"${m}"`).join(', ')}, found none`);
        return CURRENT_EPA_METHODS;
      },
    },
    about: [
      'The API and the seeds agree text for text: every KSB as the course page (001), duties 1-10 as the occupational map (000), duties 11-12 as the revision document (002), the option titles as 000; the duties’ KSB mapping is the API’s, which is also 002’s. 002 words some KSBs and duties 1-10 in an older way (comments at the items).',
      'epaMethods: seed 003 (the current assessment plan); the API gives none.',
    ],
  },
];

/** The outcome of one import: the data file's text and content, or why it could not be made. */
export type ImportResult = { readonly ok: true; readonly text: string; readonly data: StandardFile } | { readonly ok: false; readonly message: string };

/** Where the import finds the API file and the seeds. */
export interface ImportInputs {
  readonly apiText: string;
  /** Reads a seed by id; needed only when the plan names seeds. */
  readonly readSeed?: SeedReader;
  /** A seed's file name by id, for `sources`. */
  readonly seedFile?: (id: string) => string;
}

/** A plan for an API file that is not shipped: our data format from the API alone, option ids made from titles. */
export function plainImport(apiFile: string): ImportPlan {
  return { apiFile, dataFile: apiFile.replace(/_(\d+\.\d+)\.json$/i, '-$1.yaml'), optionIds: {}, about: [] };
}

/** Makes one data file from an API file (and the seeds its plan names), with a header stating its sources and rules. */
export function importStandard(plan: ImportPlan, inputs: ImportInputs): ImportResult {
  const read = readStandardData(inputs.apiText, plan.apiFile, plan.optionIds);
  if (!read.ok) return { ok: false, message: read.problems.map((p) => p.message).join('\n') };
  const api = read.data;
  const readSeed = inputs.readSeed ?? ((id: string) => failNoSeeds(id));
  const cited = new Set<string>();
  const comments = new Map<string, string[]>();
  const comment = (key: string, line: string) => comments.set(key, [...(comments.get(key) ?? []), line]);

  // Each seed is read into texts once, not once per fact.
  const seedTexts = new Map<SeedTexts<unknown>, ReadonlyMap<unknown, string>>();
  const textsOf = <Key>(seed: SeedTexts<Key>): ReadonlyMap<Key, string> => {
    let texts = seedTexts.get(seed);
    if (!texts) seedTexts.set(seed, (texts = seed.texts(readSeed)));
    return texts as ReadonlyMap<Key, string>;
  };

  /** The source of a fact: the first seed that prints `text` exactly, else the API; a seed that words it otherwise is quoted. */
  function sourceOf<Key>(seedsToTry: readonly SeedTexts<Key>[], key: Key, text: string, commentKey: string, label: string): string {
    let source: string | undefined;
    for (const seed of seedsToTry) {
      const seedText = textsOf(seed).get(key);
      if (seedText === undefined) continue;
      if (seedText !== text) comment(commentKey, `${label}: seed ${seed.source} words it ${wordingDifference(seedText, text)}.`);
      else source ??= seed.source;
    }
    if (source !== undefined) cited.add(source);
    return source ?? api.sources[0].id;
  }

  const ksbs = api.ksbs.map((ksb) => ({ ...ksb, source: sourceOf(plan.seedKsbs ?? [], ksb.code, ksb.text, `ksb:${ksb.code}`, ksb.code) }));
  const duties = api.duties.map((duty) => ({
    ...duty,
    source: sourceOf(plan.seedDuties ?? [], duty.number, duty.text, `duty:${duty.number}`, `Duty ${duty.number}`),
  }));
  const options = api.options.map((option, index) => ({
    ...option,
    source: sourceOf(plan.seedOptions ? [plan.seedOptions] : [], index + 1, option.title, `option:${option.id}`, `Option ${option.id}`),
  }));
  const epaMethods = plan.epaMethods ? [...plan.epaMethods.methods(readSeed)] : [];
  if (plan.epaMethods) cited.add(plan.epaMethods.source);

  const seedFile = inputs.seedFile ?? ((id: string) => failNoSeeds(id));
  const data: StandardFile = {
    ...api,
    sources: [
      plan.snapshot ? { ...api.sources[0], description: `${api.sources[0].description}, ${plan.snapshot}` } : api.sources[0],
      ...[...cited].sort().map((id) => ({ id, file: seedFile(id), description: SEED_DESCRIPTIONS[id] ?? `Seed ${id}` })),
    ],
    options,
    epaMethods,
    ksbs,
    duties,
  };
  const dateLines = plan.compareDates ? datesAgainstSeed(data, readSeed) : [];
  const header = [
    `${data.reference} ${data.title}, version ${data.version}${data.status ? ` (${data.status})` : ''}.`,
    '',
    ...(plan.snapshot
      ? [
          'Written by `npm run import:standards` (scripts/standardImport.ts); do not edit by hand: change the import',
          'and run it again. A unit test checks that this file is what the import makes.',
        ]
      : ['Written by scripts/standardImport.ts from the API file alone.']),
    '',
    ...wrap(
      `Sources: the public apprenticeship standards API’s ${plan.apiFile}${plan.snapshot ? ` (${plan.snapshot})` : ''}${cited.size > 0 ? '; the seeds (../shared/seeds, README there) that `sources` lists, where they agree with it' : ''}.`,
      110,
    ),
    '',
    'Rules:',
    ...bullets([
      RULES.api,
      ...(plan.seedKsbs || plan.seedDuties || plan.seedOptions ? [RULES.seeds] : []),
      ...(plan.compareDates ? [RULES.dates] : []),
      RULES.notes,
      ...(Object.keys(plan.optionIds).length > 0 ? [RULES.optionIds] : []),
    ]),
    ...(plan.about.length > 0 || dateLines.length > 0 ? ['', 'This version:', ...bullets([...plan.about, ...dateLines])] : []),
  ];
  const text = standardYaml(data, header, comments);
  // The import's output goes through the same reader as every data file: it must read back as what was meant.
  const check = readStandardData(text, plan.dataFile);
  if (!check.ok) return { ok: false, message: `The import made an invalid ${plan.dataFile}:\n${check.problems.map((p) => p.message).join('\n')}` };
  if (canonical(check.data) !== canonical(data)) return { ok: false, message: `The import's ${plan.dataFile} does not read back as the data it was made from` };
  return { ok: true, text, data: check.data };
}

function failNoSeeds(id: string): never {
  throw new Error(`The import plan names seed ${id}, but no seed folder was given`);
}

/** Each paragraph as a bullet, wrapped. */
function bullets(paragraphs: readonly string[]): string[] {
  return paragraphs.flatMap((paragraph) => wrap(paragraph, 108).map((line, i) => (i === 0 ? `- ${line}` : `  ${line}`)));
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** `DD/MM/YYYY`, as seed 003 prints dates. */
const ukDate = (iso: string) => iso.split('-').reverse().join('/');

/** The header lines comparing the API's dates with seed 003's version table. */
function datesAgainstSeed(data: StandardFile, read: SeedReader): string[] {
  const row: SeedVersionDates | undefined = versionTable(read).get(data.version);
  if (!row) return [`Dates: the API’s; seed 003’s version table has no row for ${data.version}.`];
  const differences: string[] = [];
  const compare = (label: string, api: string | undefined, seed: string | undefined) => {
    if (api === seed) return;
    differences.push(`${label} ${api ?? 'none'} (API), where seed 003’s table says ${seed ? ukDate(seed) : '"Not set"'}`);
  };
  compare('earliest start', data.startDate, row.startDate);
  compare('latest start', data.endDate, row.endDate);
  if (differences.length === 0) {
    const end = data.endDate ? `latest start ${data.endDate}` : 'no latest start date';
    return [`Dates: earliest start ${data.startDate}, ${end}: the API and seed 003’s version table agree.`];
  }
  return [`Dates: ${differences.join('; ')}. The API wins (see the rules); the seed’s figure is kept here only.`];
}

/** `"…Value – Provides…" where the API has "…Value - Provides…"`: the part two texts differ in, with a little context. */
export function wordingDifference(seed: string, api: string): string {
  let start = 0;
  while (start < seed.length && start < api.length && seed[start] === api[start]) start++;
  let end = 0;
  while (end < seed.length - start && end < api.length - start && seed[seed.length - 1 - end] === api[api.length - 1 - end]) end++;
  const context = 12;
  const excerpt = (text: string) => {
    // Whole words on either side of the difference, so the excerpt reads.
    let from = Math.max(0, start - context);
    while (from > 0 && text[from - 1] !== ' ') from--;
    let to = Math.min(text.length, text.length - end + context);
    while (to < text.length && text[to] !== ' ') to++;
    return `"${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}"`;
  };
  return `${excerpt(seed)} where the API has ${excerpt(api)}`;
}

/** JSON with keys sorted, to compare two values whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * A YAML string: double-quoted JSON, which YAML reads as the same string, with the characters YAML
 * does not count as printable (DEL, C1 controls, the BOM) and the Unicode line separators escaped
 * too, so no YAML reader trips over them.
 */
const quoted = (value: string) => printable(JSON.stringify(value));

/** `text` with the characters YAML does not count as printable (and the line separators) written as `\uXXXX`. */
function printable(text: string): string {
  return text.replace(NOT_PRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/* eslint-disable no-control-regex -- the control characters are what this matches */
const NOT_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;
/* eslint-enable no-control-regex */

const flowList = (values: readonly string[]) => `[${values.join(', ')}]`;

/** The data file's YAML: header comment, then the fields in the schema's order, comments at the items they concern. */
function standardYaml(data: StandardFile, header: readonly string[], comments: ReadonlyMap<string, readonly string[]>): string {
  // A title or a seed's wording can hold anything; a comment must stay one line of printable text.
  const out = header.map((line) => (line ? `# ${printable(line)}` : '#'));
  const commentLines = (key: string, indent: string) =>
    (comments.get(key) ?? []).flatMap((line) => wrap(printable(line), 108).map((part, i) => `${indent}# ${i === 0 ? '' : '  '}${part}`));
  out.push(`reference: ${data.reference}`, `version: ${quoted(data.version)}`, `title: ${quoted(data.title)}`);
  if (data.level !== undefined) out.push(`level: ${data.level}`);
  for (const key of ['status', 'startDate', 'endDate', 'latestEndDate', 'approvedForDelivery'] as const) {
    const value = data[key];
    if (value !== undefined) out.push(`${key}: ${quoted(value)}`);
  }
  if (data.typicalDurationMonths !== undefined) out.push(`typicalDurationMonths: ${data.typicalDurationMonths}`);
  if (data.otjMinimumHours !== undefined) out.push(`otjMinimumHours: ${data.otjMinimumHours}`);
  for (const key of ['standardPageUrl', 'assessmentPlanUrl'] as const) {
    const value = data[key];
    if (value !== undefined) out.push(`${key}: ${quoted(value)}`);
  }
  if (data.notes && data.notes.length > 0) {
    out.push('notes:');
    for (const note of data.notes) {
      out.push(`  - kind: ${note.kind}`, `    text: ${quoted(note.text)}`);
      if (note.codes) out.push(`    codes: ${flowList(note.codes)}`);
    }
  }
  out.push('sources:');
  for (const source of data.sources) {
    out.push(`  - id: ${quoted(source.id)}`, `    file: ${quoted(source.file)}`, `    description: ${quoted(source.description)}`);
    if (source.url !== undefined) out.push(`    url: ${quoted(source.url)}`);
    if (source.retrieved !== undefined) out.push(`    retrieved: ${quoted(source.retrieved)}`);
  }
  out.push(data.options.length > 0 ? 'options:' : 'options: []');
  for (const option of data.options) {
    out.push(
      ...commentLines(`option:${option.id}`, '  '),
      `  - id: ${option.id}`,
      `    title: ${quoted(option.title)}`,
      `    source: ${quoted(option.source)}`,
    );
  }
  out.push(data.epaMethods.length > 0 ? 'epaMethods:' : 'epaMethods: []');
  for (const method of data.epaMethods) {
    if (typeof method === 'string') out.push(`  - ${quoted(method)}`);
    else out.push(`  - id: ${method.id}`, `    title: ${quoted(method.title)}`, `    ksbs: ${flowList(method.ksbs)}`);
  }
  out.push(data.ksbs.length > 0 ? 'ksbs:' : 'ksbs: []');
  for (const ksb of data.ksbs) {
    out.push(...commentLines(`ksb:${ksb.code}`, '  '), `  - code: ${ksb.code}`, `    text: ${quoted(ksb.text)}`);
    if (ksb.options) out.push(`    options: ${flowList(ksb.options)}`);
    out.push(`    source: ${quoted(ksb.source)}`);
  }
  out.push(data.duties.length > 0 ? 'duties:' : 'duties: []');
  for (const duty of data.duties) {
    out.push(...commentLines(`duty:${duty.number}`, '  '), `  - number: ${duty.number}`, `    text: ${quoted(duty.text)}`);
    if (duty.options) out.push(`    options: ${flowList(duty.options)}`);
    out.push(`    ksbs: ${flowList(duty.ksbs)}`, `    source: ${quoted(duty.source)}`);
  }
  return `${out.join('\n')}\n`;
}
