// `file.unreadable`: a file or folder that could not be read as text.
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
