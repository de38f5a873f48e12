// `ksb report`: the assessor's report of one portfolio as HTML (or its matrix as Markdown or CSV),
// to stdout like `ksb summary`, or to -o FILE; --pdf prints it with a local Chromium.
import { dirname, relative, resolve } from 'node:path';
import { buildReportModel, collectEvidenceImages, lifecycleReportInput, type PortfolioIndex, type ReportInput } from '../../core';
import { assertFormat } from '../formats';
import { CSV_FORMAT, formatMatrixCsv } from '../formats/csv';
import { formatReportHtml, HTML_FORMAT } from '../formats/html';
import { formatMatrixMarkdown, MARKDOWN_FORMAT } from '../formats/markdown';
import { folderCommit } from '../git';
import { NodeFileSystem, toPosix } from '../nodeFileSystem';
import { assertPortfolioFolder, oneFolder, usableCoverage } from '../portfolioFolder';
import { printPdf, requireChromium } from '../reportPdf';
import { checkWritable, outputTarget, realOutputPath, writeFileSafely } from '../safeWrite';
import { UsageError } from '../usageError';
import type { Command } from './command';

// HTML first: the report's default, where --format defaults to text for the other commands.
const FORMATS = [HTML_FORMAT.name, MARKDOWN_FORMAT.name, CSV_FORMAT.name];

/** `ksb report`. */
export const reportCommand: Command = {
  name: 'report',
  usage: [
    {
      term: 'report [dir]',
      help: [
        "The assessor's report: one self-contained HTML file with the KSB mapping",
        'matrix (to stdout, or -o FILE); --pdf prints it to PDF with Chromium',
      ],
    },
  ],
  flags: ['format', 'output', 'pdf', 'chromium'],
  formats: FORMATS,
  async run({ args, format, flags, env, today, write, loadPortfolio }) {
    const request = { dir: oneFolder('report', args), format, output: flags.output, pdf: flags.pdf ?? false, chromium: flags.chromium, env, today };
    await assertReportRequest(request);
    assertPortfolioFolder(request.dir);
    const index = await loadPortfolio(request.dir);
    usableCoverage(index);
    return runReport(index, request, write);
  },
};

/** What `ksb report` was asked for. */
export interface ReportRequest {
  readonly dir: string;
  readonly format: string;
  readonly output: string | undefined;
  readonly pdf: boolean;
  /** `--chromium PATH`: the browser to print with. */
  readonly chromium?: string;
  readonly env: NodeJS.ProcessEnv;
  /** Today, as every date rule of the CLI sees it (`KSB_TODAY`). */
  readonly today: string;
}

/** Refuses a request that cannot run, before the portfolio is read. */
export async function assertReportRequest({ format, output, pdf, chromium, env }: Omit<ReportRequest, 'dir' | 'today'>): Promise<void> {
  assertFormat(format, FORMATS, `expected ${FORMATS.join(', ')}`);
  if (pdf && format !== 'html') throw new UsageError(`--pdf prints the HTML report: it takes no --format ${format}`);
  // A PDF is binary: to a terminal it is noise, so it needs a file (as pandoc asks for -o).
  if (pdf && output === undefined) throw new UsageError('--pdf needs -o FILE.pdf');
  if (chromium !== undefined && !pdf) throw new UsageError('--chromium names the browser --pdf prints with: it needs --pdf');
  // The browser is found before the portfolio is read, so a missing one costs nothing.
  if (pdf) requireChromium(env, chromium);
  if (output !== undefined) await checkWritable(outputTarget(output));
}

/** Writes the report of a loaded portfolio; resolves to the exit status. */
export async function runReport(index: PortfolioIndex, request: ReportRequest, write: (text: string) => void): Promise<number> {
  const { format, output, pdf } = request;
  // Links in the report resolve from where it is saved: the output's folder, or the current one for stdout.
  const from = output === undefined ? process.cwd() : dirname(resolve(output));
  const toRoot = toPosix(relative(from, resolve(request.dir)));
  const input = await reportInput(index, request, toRoot === '' ? '' : `${toRoot}/`, format === 'html');
  const model = buildReportModel(index, input);
  const text = format === 'markdown' ? formatMatrixMarkdown(model) : format === 'csv' ? formatMatrixCsv(model) : formatReportHtml(model);
  if (pdf && output !== undefined) {
    const { pdf: bytes, refused } = await printPdf(text, requireChromium(request.env, request.chromium));
    await writeFileSafely(outputTarget(output), bytes);
    if (refused.length > 0) process.stderr.write(`ksb: refused ${refused.length} request(s) while printing, first: ${refused[0]}\n`);
  } else if (output !== undefined) {
    await writeFileSafely(outputTarget(output), text);
  } else {
    write(text);
  }
  return 0;
}

/**
 * What the core cannot know, for the CLI: today's date, the git commit, the evidence's images.
 * The one place the lifecycle (people, dates, sign-off, hours, gateway) gets wired in.
 */
async function reportInput(index: PortfolioIndex, request: ReportRequest, linkPrefix: string, withImages: boolean): Promise<ReportInput> {
  const images = withImages ? await collectEvidenceImages(new NodeFileSystem(), index.root, index.allFiles()) : undefined;
  const commit = await gitCommit(request.dir, request.output);
  return { ...lifecycleReportInput(index, request.today), generated: request.today, commit, linkPrefix, images };
}

/** `HEAD`'s commit of the repository holding `dir`, marked when the folder has changes (the report itself aside); `undefined` outside git. */
async function gitCommit(dir: string, output: string | undefined): Promise<string | undefined> {
  const state = await folderCommit(resolve(dir), output === undefined ? [] : [realOutputPath(output)]);
  return state && (state.dirty ? `${state.commit} (with uncommitted changes)` : state.commit);
}
