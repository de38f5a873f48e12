// The core's public face, grouped by layer: everything the CLI and the editor adapters use comes
// through here, and nothing else (test/unit/publicSurface.test.ts lists it, so a new export is a decision).
// What only the tests, scripts or benchmark need they import from its own module, not from here.

// Helpers: text, paths, glob, dates, limits, the file-system interface.
export { DAY_RANGE, isDayInRange, isIsoDay, latestDayOnEarth } from './base/dates';
export {
  type CommitSignature,
  type FileHistory,
  type LineCommit,
  SIGNATURE_UNCHECKED,
  type SignoffHistory,
  type SignoffHistoryRequest,
  type SignoffHistorySource,
} from './base/gitHistory';
export { DATA_FILE_READ_LIMIT, describeReadError, formatBytes, MARKDOWN_READ_LIMIT } from './base/fileLimits';
export type { DirectoryEntry, EntryFlag, EntryType, FileStat, PortfolioFileSystem } from './base/fileSystem';
export { compileGlob } from './base/glob';
export { percentOf } from './base/percent';
export { basename, dirname, joinPath, relativePath, slugify } from './base/paths';
export { decodeText, type Position, type Range } from './base/text';
export { escapeMarkdown, plural, today } from './base/wording';
export { checkWriteTarget, type PathKind, writeRootFor } from './base/writeTarget';

// Vocabulary: KSB codes, diagnostic codes and types, sign-off roles, hours.
export { canonicalCode, kindTitle, KSB_KINDS, type KsbKind } from './model/codes';
export { CONFIG_FILE_NAME } from './model/configFileName';
export { DiagnosticCode } from './model/diagnosticCodes';
export type { FixData, LeveledDiagnostic, PortfolioDiagnostic, RuleLevel } from './model/diagnostics';
export { type OtjEntry, sumHours } from './model/hours';
export { isSignoffRole, SIGNOFF_ROLES, type SignoffRole } from './model/lifecycleTerms';

// Standards: the catalogue, the shipped data, the standards API.
export { API_SOURCE_KEY } from './catalogue/apiStandard';
export { builtinCatalogue } from './catalogue/builtin';
export { Catalogue, compareVersions, type Duty, type Ksb, nearestCodes, parseStandardFile, type StandardOption, StandardVersion } from './catalogue/catalogue';
export { defaultStandard } from './catalogue/defaultStandard';
export type { StandardFile } from './catalogue/schema';
export {
  addStandardFile,
  DEFAULT_STANDARDS_API,
  downloadStandard,
  httpStandardsFetcher,
  isStandardFileName,
  normalizeReference,
  type StandardDownload,
  type StandardDownloadResult,
  STANDARDS_API_ENV,
  STANDARDS_API_TIMEOUT_MS,
  type StandardsFetcher,
} from './catalogue/standardsApi';

// Readers: a file's analysis, front matter, portfolio.yaml.
export { analyzeText, type AnalysisOptions, type FileAnalysis } from './read/analysis';
export { parseConfig, type Portfolio } from './read/config';
export { locateFrontMatter } from './read/frontMatter';
export { readHoursTracker, type TrackerCell } from './read/hoursTracker';

// Rules: the registry, levels, the checks the editor runs on an open file.
export { checkUngovernedFile } from './rules/checkFile';
export { claimsNoCode } from './rules/evidenceNoKsbs';
export { ALL_DIAGNOSTIC_CODES, applyLevels, RULES } from './rules/registry';
export type { RuleDefinition } from './rules/rule';
export { proofWords, type SignoffProof } from './rules/signoffUnverified';
export { ruleAnchor, rulesPageUrl, repositoryUrl, type ReleaseManifest } from './rules/ruleDocs';

// Edits: config fields, sign-offs, new evidence, templates.
export { applyTextEdit, type ConfigEditResult, configFieldEdit, configFieldsEdit, type EditableConfigField } from './edits/configEdits';
export { claimCodesEdit } from './edits/claimEdit';
export { applyPlannedFile, type ImportFile, type ImportPlan, type ImportSources, planImport, taggedClaims } from './edits/importPlan';
export { evidenceFileName, evidenceFolder } from './edits/newEvidence';
export { currentDigest, signoffAgainEdit, signoffEdit } from './edits/signoffEdit';
export { CI_SETUPS, configTemplate, evidenceTemplate, gitignoreTemplate, type CiService, otjLogTemplate } from './edits/templates';

// Coverage: which KSBs are covered, grouped and labelled.
export {
  type Coverage,
  type CoverageCount,
  type CoverageEntry,
  type EvidenceReference,
  formatCount,
  isCovered,
  type OtherMethodEntry,
} from './coverage/coverage';
export { coverageByDuty, coverageByKind } from './coverage/coverageGroups';
export { describeKsb, KIND_TITLES, ksbDataGaps, ksbLabel, portfolioDescription, shortenText } from './coverage/ksbLabels';

// The portfolio index, and its diagnostics as reported.
export { analyzeFile, type BatchAnalyzer, type FileToAnalyze } from './portfolio/analysisCache';
export { STANDARDS_FOLDER } from './portfolio/configLoader';
export { type IndexChange, type IndexedFile, type IndexOptions, PortfolioIndex } from './portfolio/portfolioIndex';
export { type ReportedDiagnostic, toReported } from './portfolio/reportedDiagnostics';

// Sign-off, hours and gateway views of a whole portfolio.
export {
  fileSignoffs,
  type FileSignoffs,
  formatHours,
  type GatewayCheck,
  gatewayReport,
  type GatewayReport,
  hoursReport,
  type HoursReport,
} from './lifecycle/portfolioLifecycle';
export { describeObstacles, signoffObstacles, type SignoffObstacles } from './lifecycle/signoffRefusal';

// The assessor's report.
export { lifecycleReportInput } from './report/lifecycleInput';
export { renderMatrixCsv, renderMatrixMarkdown } from './report/matrixText';
export { renderReportHtml, reportTitle } from './report/reportHtml';
export { collectEvidenceImages } from './report/reportImages';
export { buildReportModel, type ReportInput, type ReportModel } from './report/reportModel';

// A portfolio against another version of itself.
export { BaseOverHeadFileSystem, type ChangedPath, comparePortfolio } from './compare/portfolioComparison';
export {
  type CoverageFigures,
  type DiffProblem,
  introducesErrors,
  isEmptyDiff,
  type KsbChange,
  type PortfolioDiff,
  withoutLineNumbers,
} from './compare/portfolioDiff';

// The cohort: one row per portfolio, since, its CSV and HTML page, and merging JSON artifacts.
export { readCohortArtifact } from './cohort/cohortArtifact';
export { renderCohortHtml } from './cohort/cohortHtml';
export { cohortRow, errorRow, type CohortProblem, type CohortRow, type CohortSince } from './cohort/cohortRow';
export { hoursAfter, sinceError, sinceFromDates, sinceFromDiff } from './cohort/cohortSince';
export { renderCohortCsv } from './cohort/cohortTable';

// Markdown outputs: coverage, diff, CI summary.
export { coverageMarkdown } from './render/coverageMarkdown';
export { type DiffLabels, portfolioDiffMarkdown } from './render/portfolioDiffMarkdown';
export { summaryMarkdown } from './render/summaryMarkdown';

// The submission pack: the evidence rendered, with its files, as one ZIP.
export { describeFiles } from './pack/packHtml';
export { prepareSubmissionPack, zipPreparedPack } from './pack/submissionPack';

// Editor features: completion, hover, code colouring.
export { BODY_CODES_MODES, bodyCodeShown, bodyCodeTokens, type BodyCodesMode } from './languageFeatures/codeTokens';
export { type DocumentLines, type KsbCompletionItem, type KsbCompletionKind, type KsbCompletionList, provideCompletions } from './languageFeatures/completion';
export { type ConfigCompletionContext, provideConfigCompletions } from './languageFeatures/configCompletion';
export { provideConfigHover } from './languageFeatures/configHover';
export { provideFieldHover } from './languageFeatures/fieldHover';
export { provideHover } from './languageFeatures/hover';
