// `ksb coverage [dir]`: which KSBs have evidence and which have none, in one portfolio.
import { assertFormat } from '../formats';
import { coverageJson, formatJson, JSON_FORMAT } from '../formats/json';
import { formatCoverageText, TEXT_FORMAT } from '../formats/text';
import { loadUsablePortfolio } from '../portfolioFolder';
import type { Command } from './command';

const FORMATS = [TEXT_FORMAT.name, JSON_FORMAT.name];

/** `ksb coverage`. */
export const coverageCommand: Command = {
  name: 'coverage',
  usage: [{ term: 'coverage [dir]', help: ['Show which KSBs have evidence and which have none (one portfolio)'] }],
  flags: ['format', 'output'],
  formats: FORMATS,
  async run({ args, format, report, loadPortfolio }) {
    assertFormat(format, FORMATS);
    const { index, coverage } = await loadUsablePortfolio('coverage', args, loadPortfolio);
    const drafts = index.drafts().map((file) => file.relativePath);
    const draftsLine = drafts.length > 0 ? `\nDrafts, not counted until undrafted (\`draft: true\`): ${drafts.join(', ')}\n` : '';
    const asText = () => formatCoverageText(coverage, process.stdout.columns || 100) + draftsLine;
    const pieces = index
      .allFiles()
      .filter((file) => file.role === 'evidence')
      .map((file) => ({ relativePath: file.relativePath, title: file.analysis.frontMatter?.title, words: file.analysis.proseWords }));
    await report(format === 'json' ? formatJson({ ...coverageJson(coverage, pieces), drafts }) : asText(), asText);
    return 0;
  },
};
