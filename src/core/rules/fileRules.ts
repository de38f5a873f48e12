// Rules raised while files and folders are read (`read/analysis.ts`, the portfolio walk): they have no
// check here; every `file.unreadable` and `file.symlink` is built in `read/unreadable.ts`.
import { formatLimit, MARKDOWN_READ_LIMIT } from '../base/fileLimits';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule } from './rule';

/** `file.unreadable`. */
export const unreadableFileRule = defineRule({
  code: DiagnosticCode.UnreadableFile,
  defaultLevel: 'error',
  summary: 'A Markdown file that cannot be read as text (binary content, invalid UTF-8).',
  meaning:
    'a Markdown file that is binary or not valid UTF-8 (UTF-16 with a BOM is read), cannot be read (permission denied), is a named pipe, socket or device, or has a name that is not UTF-8; a folder that cannot be listed',
});

/** `file.too-large`. */
export const fileTooLargeRule = defineRule({
  code: DiagnosticCode.FileTooLarge,
  defaultLevel: 'information',
  summary: 'A file too large to check in full; its links are not checked.',
  meaning: `a file over ${formatLimit(MARKDOWN_READ_LIMIT)}: only its first ${formatLimit(MARKDOWN_READ_LIMIT)} is read, so its front matter and claims count but its links are not checked`,
});

/** `file.symlink`. */
export const symbolicLinkRule = defineRule({
  code: DiagnosticCode.SymbolicLink,
  defaultLevel: 'warning',
  summary: 'A symbolic link in the portfolio: links are never followed, so neither it nor anything through it is checked.',
  meaning:
    'a symbolic link in the portfolio, whatever its name and wherever it leads (a file, a folder, outside the portfolio, nowhere: all are reported alike): links are never followed (see [Limits and security](#limits-and-security)), so neither it nor anything through it is checked, and a Markdown link to or through it is `evidence.link-outside`',
});
