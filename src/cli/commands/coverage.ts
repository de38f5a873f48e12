// `ksb coverage [dir]`: which KSBs have evidence and which have none, in one portfolio.
import { cohortRow } from '../../core';
import { isInGitRepository, lastEvidenceCommitDay } from '../cohortRows';
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
  async run({ args, format, report, loadPortfolio, today }) {
    assertFormat(format, FORMATS);
    const { index, coverage } = await loadUsablePortfolio('coverage', args, loadPortfolio);
    const drafts = index.drafts().map((file) => file.relativePath);
    const draftsLine = drafts.length > 0 ? `\nDrafts, not counted until undrafted (\`draft: true\`): ${drafts.join(', ')}\n` : '';
    const asText = () => formatCoverageText(coverage, process.stdout.columns || 100) + draftsLine;
    if (format !== 'json') {
      await report(asText(), asText);
      return 0;
    }
    const pieces = index
      .allFiles()
      .filter((file) => file.role === 'evidence')
      .map((file) => ({ relativePath: file.relativePath, title: file.analysis.frontMatter?.title, words: file.analysis.proseWords }));
    // The cohort row rides along, so that `ksb cohort --from-json` can merge CI artifacts without checking again.
    const lastCommitDay = isInGitRepository(index.root) ? await lastEvidenceCommitDay(index) : undefined;
    const cohort = cohortRow(index, { path: '.', today, lastCommitDay });
    await report(formatJson({ ...coverageJson(coverage, pieces), drafts, cohort }), asText);
    return 0;
  },
};
