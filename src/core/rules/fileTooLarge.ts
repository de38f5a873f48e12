// `file.too-large`: a file too large to check in full.
import { MARKDOWN_READ_LIMIT, formatBytes, formatLimit } from '../base/fileLimits';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { MAX_LINK_SCAN_LENGTH } from '../read/analysis';
import { defineRule } from './rule';

/** `file.too-large`. */
export const fileTooLargeRule = defineRule({
  code: DiagnosticCode.FileTooLarge,
  defaultLevel: 'information',
  summary: 'A file too large to check in full; its links are not checked.',
  meaning: `a file over ${formatLimit(MARKDOWN_READ_LIMIT)}: only its first ${formatLimit(MARKDOWN_READ_LIMIT)} is read, so its front matter and claims count but its links are not checked`,
  findings: {
    'too-large-for-links': ({ size }) =>
      `Expected a file under ${formatBytes(MAX_LINK_SCAN_LENGTH)} to check its links, found ${formatBytes(size)}: links in this file were not checked`,
    'too-large-read-start': ({ size }) =>
      `Expected a file under ${formatBytes(MARKDOWN_READ_LIMIT)} to check in full, found ${formatBytes(size)}: only its front matter was read, and its links were not checked`,
  },
});
