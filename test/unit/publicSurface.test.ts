import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as core from '../../src/core';

// The core's public surface, by the module each name comes from (`type ` marks a type). The adapters
// import only from src/core/index.ts, so a name added here is a decision: add it to this list too.
const PUBLIC_SURFACE: Readonly<Record<string, readonly string[]>> = {
  './base/dates': ['DAY_RANGE', 'type Interval', 'isDayInRange', 'isIsoDay', 'latestDayOnEarth', 'parseInterval'],
  './base/digest': ['evidenceDigest'],
  './base/fileLimits': ['DATA_FILE_READ_LIMIT', 'describeReadError', 'formatBytes', 'MARKDOWN_READ_LIMIT'],
  './base/fileSystem': ['type DirectoryEntry', 'type EntryFlag', 'type EntryType', 'type FileStat', 'type PortfolioFileSystem'],
  './base/glob': ['compileGlob'],
  './base/paths': ['basename', 'dirname', 'joinPath', 'relativePath', 'slugify'],
  './base/text': ['decodeText', 'LineIndex', 'type Position', 'type Range'],
  './base/wording': ['escapeMarkdown', 'plural', 'today'],
  './base/writeTarget': ['checkWriteTarget', 'type LinkStat', 'type PathKind', 'writeRootFor'],
  './model/codes': ['canonicalCode', 'CODE_WORD', 'KIND_NAMES', 'kindOfCode', 'kindTitle', 'KSB_KINDS', 'type KsbKind'],
  './model/configFileName': ['CONFIG_FILE_NAME'],
  './model/diagnosticCodes': ['DiagnosticCode'],
  './model/diagnostics': ['type FixData', 'type LeveledDiagnostic', 'type PortfolioDiagnostic', 'type RuleLevel'],
  './model/hours': ['type OtjEntry'],
  './model/lifecycleTerms': ['isSignoffRole', 'SIGNOFF_ROLES', 'type SignoffRole'],
  './catalogue/apiStandard': ['API_SOURCE_KEY', 'cleanApiText', 'isApiStandard', 'readApiStandard'],
  './catalogue/builtin': ['builtinCatalogue'],
  './catalogue/catalogue': [
    'Catalogue',
    'compareVersions',
    'type Duty',
    'type Ksb',
    'nearestCodes',
    'parseStandardFile',
    'type StandardOption',
    'StandardVersion',
  ],
  './catalogue/defaultStandard': ['defaultStandard'],
  './catalogue/schema': ['type StandardFile'],
  './catalogue/standardsApi': [
    'addStandardFile',
    'DEFAULT_STANDARDS_API',
    'downloadStandard',
    'type FetchedResponse',
    'type FetchFunction',
    'httpStandardsFetcher',
    'isStandardFileName',
    'normalizeReference',
    'standardApiUrl',
    'type StandardDownload',
    'type StandardDownloadResult',
    'STANDARDS_API_ENV',
    'STANDARDS_API_TIMEOUT_MS',
    'type StandardsFetcher',
  ],
  './read/analysis': ['analyzeBytes', 'analyzeText', 'type FileAnalysis', 'MAX_LINK_SCAN_LENGTH'],
  './read/config': ['parseConfig', 'type Portfolio', 'portfolioConfigSchema', 'resolveConfig'],
  './read/frontMatter': ['type Claim', 'type FrontMatter', 'locateFrontMatter', 'parseFrontMatter'],
  './read/frontMatterSchema': ['evidenceFrontMatterSchema'],
  './rules/checkFile': ['checkFile', 'checkUngovernedFile', 'type FileCheck'],
  './rules/evidenceRules': ['claimsNoCode'],
  './rules/registry': ['ALL_DIAGNOSTIC_CODES', 'applyLevels', 'DEFAULT_RULE_LEVELS', 'RULES'],
  './rules/rule': ['type RuleDefinition'],
  './rules/ruleDocs': ['ruleAnchor', 'rulesPageUrl', 'repositoryUrl', 'type ReleaseManifest'],
  './edits/configEdits': ['applyTextEdit', 'type ConfigEditResult', 'configFieldEdit', 'configFieldsEdit', 'type EditableConfigField'],
  './edits/newEvidence': ['evidenceFileName', 'evidenceFolder'],
  './edits/signoffEdit': ['currentDigest', 'signoffAgainEdit', 'signoffEdit'],
  './edits/templates': [
    'ACTION_REPOSITORY',
    'CI_SETUPS',
    'configTemplate',
    'evidenceTemplate',
    'githubWorkflowTemplate',
    'gitignoreTemplate',
    'type CiService',
  ],
  './coverage/coverage': ['computeCoverage', 'type Coverage', 'type CoverageCount', 'type CoverageEntry', 'type EvidenceReference', 'formatCount', 'isCovered'],
  './coverage/coverageGroups': ['coverageByDuty', 'coverageByKind'],
  './coverage/ksbLabels': ['describeKsb', 'KIND_TITLES', 'ksbDataGaps', 'ksbLabel', 'portfolioDescription', 'shortenText'],
  './portfolio/analysisCache': ['analyzeFile', 'type BatchAnalyzer', 'type FileToAnalyze'],
  './portfolio/configLoader': ['STANDARDS_FOLDER'],
  './portfolio/portfolioIndex': ['type IndexChange', 'type IndexedFile', 'type IndexOptions', 'PortfolioIndex'],
  './portfolio/reportedDiagnostics': ['type ReportedDiagnostic', 'type ReportedLocation', 'toReported'],
  './lifecycle/portfolioLifecycle': [
    'fileSignoffs',
    'type FileSignoffs',
    'formatHours',
    'type GatewayCheck',
    'gatewayReport',
    'type GatewayReport',
    'hoursReport',
    'type HoursReport',
  ],
  './report/lifecycleInput': ['lifecycleReportInput'],
  './report/matrixText': ['csvField', 'renderMatrixCsv', 'renderMatrixMarkdown'],
  './report/reportHtml': ['renderReportHtml', 'reportTitle'],
  './report/reportImages': ['collectEvidenceImages', 'toBase64'],
  './report/reportModel': ['buildReportModel', 'type ReportInput', 'type ReportModel'],
  './compare/portfolioComparison': ['BaseOverHeadFileSystem', 'type ChangedPath', 'comparePortfolio', 'fileChangesOf', 'snapshotOf'],
  './compare/portfolioDiff': [
    'type CoverageFigures',
    'diffPortfolios',
    'type DiffProblem',
    'introducesErrors',
    'isEmptyDiff',
    'type KsbChange',
    'type PortfolioDiff',
    'type PortfolioSnapshot',
    'withoutLineNumbers',
  ],
  './cohort/cohortArtifact': ['readCohortArtifact', 'type CohortArtifact'],
  './cohort/cohortHtml': ['COHORT_CSP', 'renderCohortHtml', 'type CohortPageOptions'],
  './cohort/cohortRow': [
    'cohortRow',
    'errorRow',
    'RAG_RULE',
    'ragOf',
    'withRag',
    'type CohortHours',
    'type CohortProblem',
    'type CohortRow',
    'type CohortRowOptions',
    'type CohortSignoffs',
    'type CohortSince',
    'type RagStatus',
  ],
  './cohort/cohortSince': ['hoursAfter', 'sinceError', 'sinceFromDates', 'sinceFromDiff'],
  './cohort/cohortTable': ['cell', 'cohortColumns', 'type CohortColumn', 'countCell', 'renderCohortCsv'],
  './render/coverageMarkdown': ['coverageMarkdown'],
  './render/portfolioDiffMarkdown': ['type DiffLabels', 'MARKDOWN_DIFF_LIMIT', 'markdownCode', 'markdownText', 'portfolioDiffMarkdown'],
  './render/summaryMarkdown': ['summaryMarkdown', 'type SummaryProblem'],
  './languageFeatures/codeTokens': ['bodyCodeTokens', 'MAX_CODE_TOKEN_TEXT_LENGTH'],
  './languageFeatures/completion': ['type DocumentLines', 'type KsbCompletionItem', 'type KsbCompletionKind', 'type KsbCompletionList', 'provideCompletions'],
  './languageFeatures/configCompletion': ['type ConfigCompletionContext', 'fieldDescription', 'provideConfigCompletions'],
  './languageFeatures/configHover': ['provideConfigHover'],
  './languageFeatures/fieldHover': ['type FieldHoverContext', 'provideFieldHover'],
  './languageFeatures/hover': ['codeAt', 'type HoverContext', 'type KsbHover', 'provideHover'],
};

/** The names src/core/index.ts exports, by module, as its `export { ... } from` lines write them. */
function exportedNames(text: string): Record<string, string[]> {
  const surface: Record<string, string[]> = {};
  for (const match of text.matchAll(/^export (type )?\{([^}]*)\} from '([^']+)';$/gm)) {
    const names = match[2]
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '')
      .map((name) => (match[1] && !name.startsWith('type ') ? `type ${name}` : name));
    surface[match[3]] = [...(surface[match[3]] ?? []), ...names];
  }
  return surface;
}

describe("The core's public surface", () => {
  const entry = readFileSync('src/core/index.ts', 'utf8');

  it('Should export exactly the listed names, each from the module listed', () => {
    assert.deepEqual(exportedNames(entry), PUBLIC_SURFACE);
  });

  it('Should export every name by name, so none arrives unlisted through `export *`', () => {
    assert.doesNotMatch(entry, /^export \*/m);
    const statements = entry.split('\n').filter((line) => line.startsWith('export'));
    assert.equal(statements.length, Object.keys(PUBLIC_SURFACE).length, 'one export line per module');
  });

  it('Should hold at run time exactly the listed values', () => {
    const values = Object.values(PUBLIC_SURFACE)
      .flat()
      .filter((name) => !name.startsWith('type '));
    assert.deepEqual(Object.keys(core).sort(), values.sort());
  });
});
