// The HTML format: the assessor's report, one self-contained file (which --pdf prints). The core writes it.
import type { OutputFormat } from './outputFormat';

export { renderReportHtml as formatReportHtml } from '../../core';

/** `ksb report --format html`, the report's default. */
export const HTML_FORMAT = { name: 'html', summary: "the assessor's report, one self-contained file" } as const satisfies OutputFormat;
