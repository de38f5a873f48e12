// The assessor's report: a model gathered from a loaded index, and its renderers.
export {
  buildReportModel,
  cleanText,
  coveredPercent,
  type GatewayStatus,
  type ReportClaim,
  type ReportEvidence,
  type ReportInput,
  type ReportKind,
  type ReportKsb,
  type ReportKsbEvidence,
  type ReportModel,
  type ReportProblem,
  type ReportStandard,
  type Signoff,
} from './reportModel';
export { lifecycleReportInput } from './lifecycleInput';
export { collectEvidenceImages, DEFAULT_IMAGE_LIMITS, imageType, toBase64, type ImageLimits, type ReportImage } from './reportImages';
export { columnParts, escapeHtml, pathHref, PRINT_COLUMNS_PER_PART, renderReportHtml, REPORT_CSP, reportTitle, type ReportHtmlOptions } from './reportHtml';
export { csvField, mdCell, renderMatrixCsv, renderMatrixMarkdown } from './matrixText';
