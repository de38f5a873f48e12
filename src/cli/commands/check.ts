// `ksb check [dir...]`: every problem in one or more portfolios, in any of the CI formats.
import { resolve } from 'node:path';
import { repositoryUrl, rulesPageUrl, toReported, type ReportedDiagnostic } from '../../core';
import { assertFormat } from '../formats';
import { GITHUB_FORMAT, formatCheckGithub } from '../formats/github';
import { formatJson, JSON_FORMAT } from '../formats/json';
import { formatCheckJunit, JUNIT_FORMAT, type CheckedFile } from '../formats/junit';
import { formatCheckSarif, SARIF_FORMAT, type SarifTool } from '../formats/sarif';
import { formatCheckText, TEXT_FORMAT } from '../formats/text';
import { packageJson } from '../packageInfo';
import { assertPortfolioFolder, folderPrefix, levelAll, repositoryPrefix } from '../portfolioFolder';
import type { Command } from './command';

const FORMATS = [TEXT_FORMAT.name, JSON_FORMAT.name, GITHUB_FORMAT.name, SARIF_FORMAT.name, JUNIT_FORMAT.name];

/** `ksb check`. */
export const checkCommand: Command = {
  name: 'check',
  usage: [{ term: 'check [dir...]', help: ['Check the portfolio in each dir (default: .) and list problems'] }],
  flags: ['format', 'output'],
  formats: FORMATS,
  async run({ args, format, report, loadPortfolio }) {
    assertFormat(format, FORMATS, `expected ${FORMATS.join(', ')}`);
    const dirs = distinctFolders(args.length > 0 ? args : ['.']);
    // Every folder is found before any is loaded, so exit 2 never comes with a partial report.
    for (const dir of dirs) assertPortfolioFolder(dir);
    const reported: ReportedDiagnostic[] = [];
    const checked: CheckedFile[] = [];
    let filesChecked = 0;
    for (const dir of dirs) {
      const index = await loadPortfolio(dir, { diagnosticsOnly: true });
      // One folder keeps the documented paths relative to it; several need their folder to stay
      // apart; annotations need a path from the current folder (the repository's root in CI) and
      // code scanning and test reports one from the repository's root.
      const prefix = format === 'sarif' || format === 'junit' ? repositoryPrefix(dir) : dirs.length > 1 || format === 'github' ? folderPrefix(dir) : '';
      for (const d of toReported(levelAll(index), index)) reported.push(withFolderPrefix(d, prefix));
      for (const file of index.allFiles()) checked.push({ file: prefix + file.relativePath, isEvidence: file.isEvidence });
      // Evidence, progress reviews and records are checked; other Markdown files are not.
      filesChecked += index.allFiles().filter((f) => f.role !== 'other').length;
    }
    const asText = () => formatCheckText(reported, filesChecked);
    const formatted = {
      text: asText,
      json: () => formatJson({ diagnostics: reported }),
      github: () => formatCheckGithub(reported),
      sarif: () => formatCheckSarif(reported, sarifTool()),
      junit: () => formatCheckJunit(reported, checked),
    }[format];
    await report(formatted(), asText);
    return reported.some((d) => d.severity === 'error') ? 1 : 0;
  },
};

/** The folders as written, each once: `a` and `./a/` name one portfolio, checked (and reported) once. */
function distinctFolders(dirs: readonly string[]): string[] {
  const seen = new Set<string>();
  return dirs.filter((dir) => {
    const absolute = resolve(dir);
    if (seen.has(absolute)) return false;
    seen.add(absolute);
    return true;
  });
}

/** The diagnostic with `prefix` (a folder and `/`) before its paths and its related places' paths. */
function withFolderPrefix(diagnostic: ReportedDiagnostic, prefix: string): ReportedDiagnostic {
  if (!prefix) return diagnostic;
  return {
    ...diagnostic,
    file: prefix + diagnostic.file,
    ...(diagnostic.related && { related: diagnostic.related.map((r) => ({ ...r, file: prefix + r.file })) }),
  };
}

/** What SARIF says about the tool: its version and pages, from package.json. */
function sarifTool(): SarifTool {
  const manifest = packageJson();
  const home = String(manifest.homepage ?? repositoryUrl(manifest)).replace(/#.*$/, '');
  return {
    version: String(manifest.version ?? 'unknown'),
    informationUri: home,
    rulesDocumentUri: rulesPageUrl(manifest) ?? `${home}/blob/main/docs/rules.md`,
  };
}
