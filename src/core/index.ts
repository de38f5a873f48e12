// The core's public face: everything the CLI and the editor adapters use comes through here.
export { analyzeText, analyzeBytes, MAX_LINK_SCAN_LENGTH, type FileAnalysis } from './read/analysis';
export { builtinCatalogue } from './catalogue/builtin';
export {
  Catalogue,
  compareVersions,
  kindOfCode,
  KSB_KINDS,
  nearestCodes,
  parseStandardFile,
  StandardVersion,
  type Duty,
  type Ksb,
  type KsbKind,
  type StandardOption,
} from './catalogue/catalogue';
export { defaultStandard } from './catalogue/defaultStandard';
export { standardFileSchema, type StandardFile } from './catalogue/schema';
export { canonicalCode, CODE_WORD, KIND_NAMES, kindTitle, type KindNames } from './model/codes';
export { CONFIG_FILE_NAME, parseConfig, portfolioConfigSchema, resolveConfig, type Portfolio, type PortfolioConfig } from './read/config';
export {
  computeCoverage,
  countCoverage,
  formatCount,
  isCovered,
  type Coverage,
  type CoverageCount,
  type CoverageEntry,
  type EvidenceReference,
} from './coverage/coverage';
export { DiagnosticCode } from './model/diagnosticCodes';
export { type FixData, type LeveledDiagnostic, type PortfolioDiagnostic, type RelatedLocation, type RuleLevel } from './model/diagnostics';
export { checkFile, checkUngovernedFile, type FileCheck, type FileContext } from './rules/checkFile';
export { ALL_DIAGNOSTIC_CODES, applyLevels, DEFAULT_RULE_LEVELS, RULES } from './rules/registry';
export { ruleAnchor } from './rules/ruleDocs';
export type { FileFacts, RuleDefinition } from './rules/rule';
export { DATA_FILE_READ_LIMIT, describeReadError, formatBytes, MARKDOWN_READ_LIMIT } from './base/fileLimits';
export type { DirectoryEntry, EntryFlag, EntryType, FileStat, PortfolioFileSystem } from './base/fileSystem';
export { locateFrontMatter, parseFrontMatter, type Claim, type FrontMatter, type KsbsStyle } from './read/frontMatter';
export { evidenceFrontMatterSchema, KNOWN_FRONT_MATTER_FIELDS } from './read/frontMatterSchema';
export { compileGlob } from './base/glob';
export { basename, dirname, joinPath, normalizePath, relativePath, slugify } from './base/paths';
export { checkWriteTarget, writeRootFor, type LinkStat, type PathKind, type WriteTargetCheck } from './base/writeTarget';
export { decodeText, LineIndex, type DecodedText, type Position, type Range } from './base/text';
export { PortfolioIndex, type IndexChange, type IndexedFile, type IndexOptions } from './portfolio/portfolioIndex';
export { STANDARDS_FOLDER } from './portfolio/configLoader';
export { ACTION_REPOSITORY, configTemplate, evidenceTemplate, githubWorkflowTemplate, gitignoreTemplate } from './edits/templates';
export { applyTextEdit, configFieldEdit, configFieldsEdit, type ConfigEditResult, type EditableConfigField, type TextEdit } from './edits/configEdits';
export { coverageByDuty, coverageByKind, type DutyCoverage, type KindCoverage } from './coverage/coverageGroups';
export { coverageMarkdown, type CoverageMarkdownOptions } from './render/coverageMarkdown';
export {
  diffPortfolios,
  introducesErrors,
  isEmptyDiff,
  withoutLineNumbers,
  type ChangedEvidence,
  type CoverageFigures,
  type DiffProblem,
  type EvidenceEntry,
  type FileChanges,
  type KsbChange,
  type PortfolioDiff,
  type PortfolioSnapshot,
  type SnapshotFile,
} from './compare/portfolioDiff';
export {
  BaseOverHeadFileSystem,
  comparePortfolio,
  fileChangesOf,
  snapshotOf,
  type ChangedPath,
  type ComparisonBase,
  type ComparisonSides,
  type PortfolioChanges,
} from './compare/portfolioComparison';
export { toReported, type ReportedDiagnostic, type ReportedLocation } from './portfolio/reportedDiagnostics';
export { MARKDOWN_DIFF_LIMIT, MARKDOWN_DIFF_MARKER, markdownCode, markdownText, portfolioDiffMarkdown, type DiffLabels } from './render/portfolioDiffMarkdown';
export { describeKsb, KIND_TITLES, ksbDataGaps, ksbLabel, OPTION_NOT_KNOWN, portfolioDescription, shortenText, versionStatusLine } from './coverage/ksbLabels';
export { evidenceFileName, evidenceFolder, isIsoDate } from './edits/newEvidence';
export {
  provideCompletions,
  type CompletionContext,
  type DocumentLines,
  type KsbCompletionItem,
  type KsbCompletionKind,
  type KsbCompletionList,
} from './languageFeatures/completion';
export { fieldDescription, provideConfigCompletions, type ConfigCompletionContext } from './languageFeatures/configCompletion';
export { provideConfigHover, type ConfigHoverContext } from './languageFeatures/configHover';
export type { IsShipped } from './languageFeatures/standardDescription';
export { codeAt, provideHover, type CodeWord, type HoverContext, type KsbHover } from './languageFeatures/hover';
export { provideFieldHover, type FieldHoverContext } from './languageFeatures/fieldHover';
export { bodyCodeTokens, MAX_CODE_TOKEN_TEXT_LENGTH, type CodeToken } from './languageFeatures/codeTokens';
export { claimsNoCode } from './rules/evidenceRules';
export { escapeMarkdown, plural, today } from './base/wording';
export { API_SOURCE_KEY, cleanApiText, isApiStandard, readApiStandard } from './catalogue/apiStandard';
export { standardDiagnostics } from './read/config';
export {
  addStandardFile,
  DEFAULT_STANDARDS_API,
  downloadStandard,
  httpStandardsFetcher,
  isStandardFileName,
  type FetcherLimits,
  type FetchFunction,
  normalizeReference,
  STANDARDS_API_ENV,
  STANDARDS_API_TIMEOUT_MS,
  standardApiUrl,
  type FetchedResponse,
  type StandardDownload,
  type StandardDownloadResult,
  type StandardsFetcher,
} from './catalogue/standardsApi';
export { summaryMarkdown, type SummaryInput, type SummaryProblem } from './render/summaryMarkdown';
export { DAY_RANGE, isDayInRange, isIsoDay, latestDayOnEarth, parseInterval, type Interval } from './base/dates';
export { evidenceDigest } from './base/digest';
export { type LifecycleFields, type OtjLogEntry, type SignoffEntry } from './read/lifecycleFields';
export { isSignoffRole, PROGRESS_REVIEW_TYPE, SIGNOFF_ROLES, type SignoffRole } from './model/lifecycleTerms';
export type { FileRole } from './read/fileRole';
export type { HoursSummary, OtjEntry } from './model/hours';
export {
  fileSignoffs,
  formatHours,
  GATEWAY_CHECKS,
  gatewayReport,
  hoursReport,
  otjTargetOf,
  type FileSignoffs,
  type GatewayCheck,
  type GatewayLocation,
  type GatewayReport,
  type HoursReport,
  type OtjTargetSource,
  type SignoffState,
  type SignoffView,
} from './lifecycle/portfolioLifecycle';
export { currentDigest, signoffAgainEdit, signoffEdit, type SignoffEditResult, type SignoffRequest } from './edits/signoffEdit';
export * from './report';
