import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as core from '../../src/core';

// The core's public surface, by the module each name comes from (`type ` marks a type). The adapters
// import only from src/core/index.ts, so a name added here is a decision: add it to this list too.
const PUBLIC_SURFACE: Readonly<Record<string, readonly string[]>> = {
  './base/dates': ['DAY_RANGE', 'isDayInRange', 'isIsoDay', 'latestDayOnEarth'],
  './base/fileLimits': ['DATA_FILE_READ_LIMIT', 'describeReadError', 'formatBytes', 'MARKDOWN_READ_LIMIT'],
  './base/fileSystem': ['type DirectoryEntry', 'type EntryFlag', 'type EntryType', 'type FileStat', 'type PortfolioFileSystem'],
  './base/glob': ['compileGlob'],
  './base/percent': ['percentOf'],
  './base/paths': ['basename', 'dirname', 'joinPath', 'relativePath', 'slugify'],
  './base/text': ['decodeText', 'type Position', 'type Range'],
  './base/wording': ['escapeMarkdown', 'plural', 'today'],
  './base/writeTarget': ['checkWriteTarget', 'type PathKind', 'writeRootFor'],
  './model/codes': ['canonicalCode', 'kindTitle', 'KSB_KINDS', 'type KsbKind'],
  './model/configFileName': ['CONFIG_FILE_NAME'],
  './model/diagnosticCodes': ['DiagnosticCode'],
  './model/diagnostics': ['type FixData', 'type LeveledDiagnostic', 'type PortfolioDiagnostic', 'type RuleLevel'],
  './model/hours': ['type OtjEntry', 'sumHours'],
  './model/lifecycleTerms': ['isSignoffRole', 'SIGNOFF_ROLES', 'type SignoffRole'],
  './rules/signoffUnverified': ['proofWords', 'type SignoffProof'],
  './base/gitHistory': [
    'type CommitSignature',
    'type FileHistory',
    'type LineCommit',
    'SIGNATURE_UNCHECKED',
    'type SignoffHistory',
    'type SignoffHistoryRequest',
    'type SignoffHistorySource',
  ],
  './lifecycle/signoffRefusal': ['describeObstacles', 'signoffObstacles', 'type SignoffObstacles'],
  './catalogue/apiStandard': ['API_SOURCE_KEY'],
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
    'httpStandardsFetcher',
    'isStandardFileName',
    'normalizeReference',
    'type StandardDownload',
    'type StandardDownloadResult',
    'STANDARDS_API_ENV',
    'STANDARDS_API_TIMEOUT_MS',
    'type StandardsFetcher',
  ],
  './read/analysis': ['analyzeText', 'type AnalysisOptions', 'type FileAnalysis'],
  './read/config': ['parseConfig', 'type Portfolio'],
  './read/frontMatter': ['locateFrontMatter'],
  './read/hoursTracker': ['readHoursTracker', 'type TrackerCell'],
  './rules/checkFile': ['checkUngovernedFile'],
  './rules/evidenceNoKsbs': ['claimsNoCode'],
  './rules/registry': ['ALL_DIAGNOSTIC_CODES', 'applyLevels', 'RULES'],
  './rules/rule': ['type RuleDefinition'],
  './rules/ruleDocs': ['ruleAnchor', 'rulesPageUrl', 'repositoryUrl', 'type ReleaseManifest'],
  './edits/configEdits': ['applyTextEdit', 'type ConfigEditResult', 'configFieldEdit', 'configFieldsEdit', 'type EditableConfigField'],
  './edits/claimEdit': ['claimCodesEdit'],
  './edits/importPlan': ['applyPlannedFile', 'type ImportFile', 'type ImportPlan', 'type ImportSources', 'planImport', 'taggedClaims'],
  './edits/newEvidence': ['evidenceFileName', 'evidenceFolder'],
  './edits/signoffEdit': ['currentDigest', 'signoffAgainEdit', 'signoffEdit'],
  './edits/templates': ['CI_SETUPS', 'configTemplate', 'evidenceTemplate', 'gitignoreTemplate', 'type CiService', 'otjLogTemplate'],
  './coverage/coverage': [
    'type Coverage',
    'type CoverageCount',
    'type CoverageEntry',
    'type EvidenceReference',
    'formatCount',
    'isCovered',
    'type OtherMethodEntry',
  ],
  './coverage/coverageGroups': ['coverageByDuty', 'coverageByKind'],
  './coverage/ksbLabels': ['describeKsb', 'KIND_TITLES', 'ksbDataGaps', 'ksbLabel', 'portfolioDescription', 'shortenText'],
  './portfolio/analysisCache': ['analyzeFile', 'type BatchAnalyzer', 'type FileToAnalyze'],
  './portfolio/configLoader': ['STANDARDS_FOLDER'],
  './portfolio/portfolioIndex': ['type IndexChange', 'type IndexedFile', 'type IndexOptions', 'PortfolioIndex'],
  './portfolio/reportedDiagnostics': ['type ReportedDiagnostic', 'toReported'],
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
  './report/matrixText': ['renderMatrixCsv', 'renderMatrixMarkdown'],
  './report/reportHtml': ['renderReportHtml', 'reportTitle'],
  './report/reportImages': ['collectEvidenceImages'],
  './report/reportModel': ['buildReportModel', 'type ReportInput', 'type ReportModel'],
  './compare/portfolioComparison': ['BaseOverHeadFileSystem', 'type ChangedPath', 'comparePortfolio'],
  './compare/portfolioDiff': [
    'type CoverageFigures',
    'type DiffProblem',
    'introducesErrors',
    'isEmptyDiff',
    'type KsbChange',
    'type PortfolioDiff',
    'withoutLineNumbers',
  ],
  './cohort/cohortArtifact': ['readCohortArtifact'],
  './cohort/cohortHtml': ['renderCohortHtml'],
  './cohort/cohortRow': ['cohortRow', 'errorRow', 'type CohortProblem', 'type CohortRow', 'type CohortSince'],
  './cohort/cohortSince': ['hoursAfter', 'sinceError', 'sinceFromDates', 'sinceFromDiff'],
  './cohort/cohortTable': ['renderCohortCsv'],
  './render/coverageMarkdown': ['coverageMarkdown'],
  './render/portfolioDiffMarkdown': ['type DiffLabels', 'portfolioDiffMarkdown'],
  './render/summaryMarkdown': ['summaryMarkdown'],
  './pack/packHtml': ['describeFiles'],
  './pack/submissionPack': ['prepareSubmissionPack', 'zipPreparedPack'],
  './languageFeatures/codeTokens': ['BODY_CODES_MODES', 'bodyCodeShown', 'bodyCodeTokens', 'type BodyCodesMode'],
  './languageFeatures/completion': ['type DocumentLines', 'type KsbCompletionItem', 'type KsbCompletionKind', 'type KsbCompletionList', 'provideCompletions'],
  './languageFeatures/configCompletion': ['type ConfigCompletionContext', 'provideConfigCompletions'],
  './languageFeatures/configHover': ['provideConfigHover'],
  './languageFeatures/fieldHover': ['provideFieldHover'],
  './languageFeatures/hover': ['provideHover'],
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
