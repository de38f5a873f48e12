// `ksb cohort [dir...]`: every portfolio below the folders given, a row each with its RAG status,
// for a tutor's caseload; or `--from-json FILES...`, the rows of CI artifacts merged without checking again.
import { lstatSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  DATA_FILE_READ_LIMIT,
  describeReadError,
  formatBytes,
  readCohortArtifact,
  renderCohortCsv,
  renderCohortHtml,
  slugify,
  type CohortProblem,
  type CohortRow,
} from '../../core';
import { findPortfolios, shownPath } from '../cohortDiscovery';
import { commitDaysOf } from '../cohortGit';
import type { CohortJob } from '../cohortRows';
import { cohortRowsOf, workerCount } from '../cohortWorkers';
import { assertFormat } from '../formats';
import { CSV_FORMAT } from '../formats/csv';
import { HTML_FORMAT } from '../formats/html';
import { formatJson, JSON_FORMAT } from '../formats/json';
import { formatCohortText, TEXT_FORMAT } from '../formats/text';
import { describeType } from '../nodeFileSystem';
import { checkWritable, outputTarget } from '../safeWrite';
import { UsageError } from '../usageError';
import type { Command } from './command';

const FORMATS = [TEXT_FORMAT.name, JSON_FORMAT.name, CSV_FORMAT.name, HTML_FORMAT.name];

/** What `problems` says of a folder that holds no portfolio. */
export const NOT_A_PORTFOLIO = 'not a portfolio: no portfolio.yaml in it or below it';

/** `ksb cohort`. */
export const cohortCommand: Command = {
  name: 'cohort',
  usage: [
    {
      term: 'cohort [dir...]',
      help: [
        'Every portfolio below the folders given, a row each: coverage, problems,',
        'hours, sign-offs, gateway and a RAG status (text, json, csv or html)',
      ],
    },
  ],
  flags: ['format', 'output', 'since', 'from-json', 'reports'],
  formats: FORMATS,
  async run({ args, format, flags, report, today, days, env, workerScript }) {
    assertFormat(format, FORMATS);
    if (flags.reports && (format !== 'html' || flags.output === undefined)) {
      throw new UsageError("--reports writes each apprentice's report beside the cohort page: it needs --format html and -o FILE");
    }
    if (flags['from-json'] && (flags.since !== undefined || flags.reports)) {
      throw new UsageError('--from-json merges rows already worked out: it takes no --since or --reports (run those where the portfolios are)');
    }
    if (flags.output !== undefined) await checkWritable(outputTarget(flags.output));
    let rows: CohortRow[];
    let problems: CohortProblem[];
    let notPortfolios: readonly string[] = [];
    if (flags['from-json']) {
      if (args.length === 0) throw new UsageError('--from-json needs the JSON files to merge, e.g. `ksb cohort --from-json artifacts/*.json`');
      ({ rows, problems } = mergeArtifacts(args, today));
    } else {
      const found = findPortfolios(args);
      notPortfolios = found.notPortfolios;
      problems = [...found.problems];
      const page = flags.output === undefined ? undefined : resolve(flags.output);
      const reportNames = new Set<string>();
      const commitDays = await commitDaysOf(found.portfolios.map(({ dir }) => dir));
      const jobs: CohortJob[] = found.portfolios.map(({ dir, path }) => ({
        dir,
        path,
        today,
        latestToday: days.latestToday!(),
        ...(commitDays.has(dir) && { commitDays: commitDays.get(dir) }),
        ...(flags.since !== undefined && { since: flags.since }),
        ...(flags.reports && page !== undefined && { report: { file: reportFile(page, path, reportNames), page } }),
      }));
      rows = await cohortRowsOf(jobs, workerCount(env, jobs.length), workerScript);
    }
    const allProblems = [...notPortfolios.map((path) => ({ path, problem: NOT_A_PORTFOLIO })), ...problems];
    const asText = () => formatCohortText(rows, problems, notPortfolios);
    const formatted =
      format === 'json'
        ? formatJson({ today, portfolios: rows, problems: allProblems })
        : format === 'csv'
          ? renderCohortCsv(rows)
          : format === 'html'
            ? renderCohortHtml(rows, { today, problems: allProblems })
            : asText();
    await report(formatted, asText);
    return 0;
  },
};

/** Where an apprentice's report goes: `reports/<folder>.html` beside the cohort page, each name once. */
function reportFile(page: string, path: string, taken: Set<string>): string {
  const base = slugify(path === '.' ? 'portfolio' : path) || 'portfolio';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return join(dirname(page), 'reports', `${name}.html`);
}

/** The rows of every artifact, in the order given; an artifact that cannot be read is a problem, never a failed run. */
function mergeArtifacts(files: readonly string[], today: string): { rows: CohortRow[]; problems: CohortProblem[] } {
  const rows: CohortRow[] = [];
  const problems: CohortProblem[] = [];
  for (const file of files) {
    const name = shownPath(resolve(file));
    const stat = lstatSync(file, { throwIfNoEntry: false });
    if (!stat) {
      problems.push({ path: name, problem: 'no such file' });
      continue;
    }
    // A FIFO would block and a folder has no text: only a file is read, and only so much of it.
    if (!stat.isFile()) {
      problems.push({ path: name, problem: `expected a JSON file, found ${describeType(stat)}` });
      continue;
    }
    if (stat.size > DATA_FILE_READ_LIMIT) {
      problems.push({ path: name, problem: `too large to be an artifact: ${formatBytes(stat.size)}, the limit is ${formatBytes(DATA_FILE_READ_LIMIT)}` });
      continue;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      problems.push({ path: name, problem: `cannot be read: ${describeReadError(error)}` });
      continue;
    }
    const artifact = readCohortArtifact(name, text, today);
    rows.push(...artifact.rows);
    problems.push(...artifact.problems);
  }
  return { rows, problems };
}
