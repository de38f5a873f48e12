// `ksb summary [dir]`: coverage and problems in Markdown, for a CI job summary or a pull request comment.
import { toReported } from '../../core';
import { assertFormat } from '../formats';
import { formatSummaryMarkdown, MARKDOWN_FORMAT } from '../formats/markdown';
import { TEXT_FORMAT } from '../formats/text';
import { assertPortfolioFolder, levelAll, oneFolder, repositoryPrefix } from '../portfolioFolder';
import type { Command } from './command';

// It writes Markdown whatever --format says; text, the default of every command, is taken to mean it.
const FORMATS = [TEXT_FORMAT.name, MARKDOWN_FORMAT.name];

/** The core's level for each severity the CLI prints. */
const LEVEL_OF_SEVERITY = { error: 'error', warning: 'warning', info: 'information', hint: 'hint' } as const;

/** `ksb summary`. */
export const summaryCommand: Command = {
  name: 'summary',
  usage: [{ term: 'summary [dir]', help: ['Coverage and problems in Markdown, for a CI job summary or a PR comment'] }],
  flags: ['format', 'output'],
  formats: FORMATS,
  async run({ args, format, report, loadPortfolio }) {
    assertFormat(format, FORMATS, 'summary writes markdown');
    const dir = oneFolder('summary', args);
    assertPortfolioFolder(dir);
    const index = await loadPortfolio(dir);
    const problems = toReported(levelAll(index), index).map((d) => ({
      path: d.file,
      line: d.line,
      code: d.code,
      level: LEVEL_OF_SEVERITY[d.severity],
      message: d.message,
    }));
    const markdown = formatSummaryMarkdown({
      coverage: index.coverage(),
      problems,
      evidenceFiles: index.allFiles().filter((f) => f.isEvidence).length,
      drafts: index.drafts().length,
      folder: repositoryPrefix(dir).replace(/\/$/, ''),
    });
    await report(markdown, () => markdown);
    return 0;
  },
};
