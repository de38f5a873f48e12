// `ksb export [dir] -o submission.zip`: the submission pack an assessor receives, as one ZIP:
// portfolio.html (every evidence piece rendered, the declarations and the mapping annex), the
// portfolio's Markdown and every file it links, and manifest.json; --pdf adds portfolio.pdf.
import { resolve } from 'node:path';
import { describeFiles, lifecycleReportInput, prepareSubmissionPack, zipPreparedPack, type PortfolioIndex } from '../../core';
import { folderCommit } from '../git';
import { NodeFileSystem } from '../nodeFileSystem';
import { cliVersion } from '../packageInfo';
import { assertPortfolioFolder, oneFolder, usableCoverage } from '../portfolioFolder';
import { oneLine, quotedPath } from '../printable';
import { printPdf, requireChromium } from '../reportPdf';
import { checkWritable, outputTarget, realOutputPath, writeFileSafely } from '../safeWrite';
import { UsageError } from '../usageError';
import type { Command } from './command';

/** `ksb export`. */
export const exportCommand: Command = {
  name: 'export',
  usage: [
    {
      term: 'export [dir] -o FILE.zip',
      help: [
        'The submission pack: one ZIP with portfolio.html (every evidence file',
        'rendered, declarations, mapping annex), the evidence and the files it',
        'links, and manifest.json with their SHA-256; --pdf adds portfolio.pdf',
      ],
    },
  ],
  flags: ['output', 'pdf', 'chromium'],
  formats: [],
  async run({ args, flags, env, today, write, loadPortfolio }) {
    const dir = oneFolder('export', args);
    const request = { dir, output: flags.output, pdf: flags.pdf ?? false, chromium: flags.chromium, env, today };
    const browser = await assertExportRequest(request);
    assertPortfolioFolder(dir);
    const index = await loadPortfolio(dir);
    usableCoverage(index);
    return runExport(index, { ...request, output: request.output!, browser }, write);
  },
};

/** What `ksb export` was asked for. */
export interface ExportRequest {
  readonly dir: string;
  readonly output: string;
  /** The browser to print portfolio.pdf with; none without --pdf. */
  readonly browser: string | undefined;
  /** Today, as every date rule of the CLI sees it (`KSB_TODAY`): the pack's day. */
  readonly today: string;
}

/** Refuses a request that cannot run, before the portfolio is read; resolves to the browser --pdf prints with. */
async function assertExportRequest({
  output,
  pdf,
  chromium,
  env,
}: {
  output: string | undefined;
  pdf: boolean;
  chromium: string | undefined;
  env: NodeJS.ProcessEnv;
}): Promise<string | undefined> {
  // A ZIP is binary: to a terminal it is noise, so it needs a file.
  if (output === undefined) throw new UsageError('export needs -o FILE.zip: where to write the submission pack');
  if (chromium !== undefined && !pdf) throw new UsageError('--chromium names the browser --pdf prints with: it needs --pdf');
  const browser = pdf ? requireChromium(env, chromium) : undefined;
  await checkWritable(outputTarget(output));
  return browser;
}

/** Writes the submission pack of a loaded portfolio; resolves to the exit status. */
export async function runExport(index: PortfolioIndex, request: ExportRequest, write: (text: string) => void): Promise<number> {
  const { output, today } = request;
  // The pack being written (an older one, say) is no change to the portfolio. Git answers while
  // the evidence is read and parsed.
  const asked = folderCommit(resolve(request.dir), [realOutputPath(output)]);
  const input = asked.then((git) => ({
    ...lifecycleReportInput(index, today),
    generated: today,
    commit: git && (git.dirty ? `${git.commit} (with uncommitted changes)` : git.commit),
  }));
  const pack = await prepareSubmissionPack(new NodeFileSystem(), index, input);
  const git = await asked;
  let pdf: Uint8Array | undefined;
  if (request.browser) {
    const printed = await printPdf(pack.html, request.browser);
    if (printed.refused.length > 0)
      process.stderr.write(`ksb: refused ${printed.refused.length} request(s) while printing, first: ${oneLine(printed.refused[0])}\n`);
    pdf = printed.pdf;
  }
  let zip: Uint8Array;
  try {
    ({ zip } = zipPreparedPack(pack, { commit: git?.commit ?? null, dirty: git?.dirty ?? null, tool: 'ksb', version: cliVersion(), generated: today }, pdf));
  } catch (error) {
    throw new UsageError(`cannot export: ${oneLine((error as Error).message)}`);
  }
  await writeFileSafely(outputTarget(output), zip);
  for (const file of pack.files.leftOut) {
    process.stderr.write(`ksb: warning: ${quotedPath(file.path)} (linked from ${quotedPath(file.from)}) is not in the pack: ${oneLine(file.reason)}\n`);
  }
  const pieces = pack.files.evidence.length;
  write(
    `Wrote ${oneLine(output)}: ${pieces} evidence ${pieces === 1 ? 'file' : 'files'}, ${describeFiles(pack.files)} of the portfolio${pdf ? ', portfolio.pdf' : ''}${git?.dirty ? ' (the portfolio has uncommitted changes)' : ''}\n`,
  );
  return 0;
}
