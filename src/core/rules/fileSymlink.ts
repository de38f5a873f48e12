// `file.symlink`: a symbolic link in the portfolio, never followed.
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule } from './rule';

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
