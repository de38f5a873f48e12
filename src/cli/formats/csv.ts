// The CSV format: the report's KSB mapping matrix alone, for a spreadsheet. The core writes it.
import type { OutputFormat } from './outputFormat';

export { renderMatrixCsv as formatMatrixCsv } from '../../core';

/** `ksb report --format csv`. */
export const CSV_FORMAT = { name: 'csv', summary: 'the matrix alone, for a spreadsheet' } as const satisfies OutputFormat;
