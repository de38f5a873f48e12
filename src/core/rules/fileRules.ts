// Rules over what the readers found when reading files and folders (`read/analysis.ts`,
// `read/unreadable.ts`, the portfolio walk): each says in its words what the finding means.
import { formatBytes, formatLimit, MARKDOWN_READ_LIMIT } from '../base/fileLimits';
import { MAX_LINK_SCAN_LENGTH } from '../read/analysis';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule } from './rule';

/** `file.unreadable`. */
export const unreadableFileRule = defineRule({
  code: DiagnosticCode.UnreadableFile,
  defaultLevel: 'error',
  summary: 'A Markdown file that cannot be read as text (binary content, invalid UTF-8).',
  meaning:
    'a Markdown file that is binary or not valid UTF-8 (UTF-16 with a BOM is read), cannot be read (permission denied), is a named pipe, socket or device, or has a name that is not UTF-8; a folder that cannot be listed',
  findings: {
    'file-undecodable': ({ reason }) => reason,
    'file-read-error': ({ error }) => `Expected a readable file, found an error: ${error}`,
    'folder-read-error': ({ error }) => `Expected a folder that can be read, found an error: ${error}: the files in it were not checked`,
    'name-undecodable': ({ what }) =>
      `Expected a ${what} name in UTF-8, found one that is not (shown here with \uFFFD for the bad bytes): rename it so it can be checked`,
    'special-file': () => 'Expected a regular file, found a named pipe, socket or device: it was not read',
  },
});

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

/** `file.symlink`. */
export const symbolicLinkRule = defineRule({
  code: DiagnosticCode.SymbolicLink,
  defaultLevel: 'warning',
  summary: 'A symbolic link in the portfolio: links are never followed, so neither it nor anything through it is checked.',
  meaning:
    'a symbolic link in the portfolio, whatever its name and wherever it leads (a file, a folder, outside the portfolio, nowhere: all are reported alike): links are never followed (see [Limits and security](#limits-and-security)), so neither it nor anything through it is checked, and a Markdown link to or through it is `evidence.link-outside`',
  findings: {
    'symbolic-link': () => 'Expected a file or folder, found a symbolic link: links are never followed, so neither it nor anything through it was checked',
  },
});
