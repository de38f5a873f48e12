// The Markdown format: for a CI job summary, a pull request comment or a document. The core writes
// it (the editor shows the same Markdown); this names which writer each command uses.
import type { OutputFormat } from './outputFormat';

export {
  portfolioDiffMarkdown as formatDiffMarkdown,
  renderMatrixMarkdown as formatMatrixMarkdown,
  summaryMarkdown as formatSummaryMarkdown,
} from '../../core';

/** `--format markdown`: summary's only format, and one of diff's and report's. */
export const MARKDOWN_FORMAT = { name: 'markdown', summary: 'for a job summary, a pull request comment or a document' } as const satisfies OutputFormat;
