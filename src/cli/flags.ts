// Every flag of the CLI, once: how node:util's parseArgs reads it and its lines in `ksb --help`.
// A command lists the names of the flags it takes (commands/*.ts); any other is refused.
import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_STANDARDS_API, STANDARDS_API_ENV } from '../core';

type FlagOption = NonNullable<ParseArgsConfig['options']>[string];

/** A flag: its parseArgs option, and how `ksb --help` writes it (`term`, then its description's lines). */
export interface Flag {
  readonly option: FlagOption;
  readonly term: string;
  readonly help: readonly string[];
}

/** The flags, in the order `ksb --help` lists them. */
export const FLAGS = {
  format: {
    option: { type: 'string' },
    term: '--format FORMAT',
    help: [
      'Output format: text or json (check, coverage, import, standard list); check also',
      'takes github (annotations), sarif (code scanning) and junit (test reports);',
      'diff takes text, markdown or json; report takes html (default),',
      'markdown or csv (the matrix alone); cohort takes text, json, csv or html',
    ],
  },
  output: {
    option: { type: 'string', short: 'o' },
    term: '-o, --output FILE',
    help: ['Write the report in --format to FILE and print the text report too', '(report prints nothing else)'],
  },
  pdf: {
    option: { type: 'boolean' },
    term: '--pdf',
    help: ['report: print the HTML to PDF (needs -o FILE.pdf and a local Chromium);', 'export: add portfolio.pdf to the pack'],
  },
  chromium: {
    option: { type: 'string' },
    term: '--chromium PATH',
    help: ['report --pdf, export --pdf: the Chrome, Chromium or Edge to print with (default:', '$KSB_CHROMIUM, else one installed where browsers usually are)'],
  },
  version: {
    option: { type: 'string' },
    term: '--version V',
    help: ['Standard version for lookup, init and standard add (default: the', "portfolio's, or the latest approved)"],
  },
  standard: { option: { type: 'string' }, term: '--standard REF', help: ["Standard for lookup (default: the portfolio's, or ST0792) and init"] },
  option: { option: { type: 'string' }, term: '--option ID|TITLE', help: ["The apprentice's option, for init"] },
  apprentice: { option: { type: 'string' }, term: '--apprentice NAME', help: ["The apprentice's name, for init"] },
  from: { option: { type: 'string' }, term: '--from FILE.json', help: ['init with a standard downloaded from the API by hand'] },
  ci: {
    option: { type: 'string' },
    term: '--ci SERVICE',
    help: [
      'init also writes a CI set-up that runs ksb check: github (a workflow',
      'running the action), gitlab (.gitlab-ci.yml) or azure (azure-pipelines.yml)',
    ],
  },
  yes: { option: { type: 'boolean' }, term: '--yes', help: ['init asks nothing: defaults, or an error naming the missing flag'] },
  dir: { option: { type: 'string' }, term: '--dir DIR', help: ['The portfolio standard add and hours import write into (default: .)'] },
  table: {
    option: { type: 'string' },
    term: '--table FILE.md',
    help: ['import: a Markdown table with a KSB column and a link or title column', '(a "how" column gives the justifications)'],
  },
  csv: { option: { type: 'string' }, term: '--csv FILE', help: ['import: a CSV with columns KSB, file and justification (headers in any case)'] },
  write: { option: { type: 'boolean' }, term: '--write', help: ["import: add the planned claims to each file's front matter"] },
  force: {
    option: { type: 'boolean' },
    term: '--force',
    help: ['standard add replaces a different file of the same name; signoff', 'signs despite a wrong signer or errors in the file'],
  },
  by: { option: { type: 'string' }, term: '--by NAME', help: ['Who signs off, for signoff'] },
  role: { option: { type: 'string' }, term: '--role ROLE', help: ["The signer's role, for signoff: apprentice, employer, mentor or tutor"] },
  since: {
    option: { type: 'string' },
    term: '--since REV|DATE',
    help: ['cohort: what each apprentice added since a git revision or a date', '(YYYY-MM-DD): evidence, claims, newly covered KSBs, hours'],
  },
  'from-json': {
    option: { type: 'boolean' },
    term: '--from-json',
    help: ['cohort: the arguments are JSON files (ksb coverage --format json', 'artifacts, or cohort outputs) to merge without checking again'],
  },
  reports: {
    option: { type: 'boolean' },
    term: '--reports',
    help: ["cohort --format html -o FILE: write each apprentice's report in", 'reports/ beside FILE and link it from their row'],
  },
  api: { option: { type: 'string' }, term: '--api URL', help: [`The standards API (default: $${STANDARDS_API_ENV}, else ${DEFAULT_STANDARDS_API})`] },
  help: { option: { type: 'boolean', short: 'h' }, term: '-h, --help', help: ['Show this help'] },
} as const satisfies Record<string, Flag>;

/** The name of a flag, as parseArgs reports it (`output` for `-o`). */
export type FlagName = keyof typeof FLAGS;

/** The parseArgs options of every flag: all are read first, then the command refuses those it does not take. */
export const PARSE_OPTIONS = Object.fromEntries(Object.entries(FLAGS).map(([name, flag]) => [name, flag.option])) as {
  readonly [Name in FlagName]: (typeof FLAGS)[Name]['option'];
};
