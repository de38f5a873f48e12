// The GitHub format: workflow commands that show each problem as an annotation on a pull request.
import type { ReportedDiagnostic } from '../../core';
import type { OutputFormat } from './outputFormat';

/** `ksb check --format github`. */
export const GITHUB_FORMAT = { name: 'github', summary: 'annotations' } as const satisfies OutputFormat;

/** GitHub Actions workflow commands, so problems show up as annotations on a pull request (paths from the repository root). */
export function formatCheckGithub(diagnostics: readonly ReportedDiagnostic[]): string {
  const level = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;
  return diagnostics
    .map((d) => {
      const properties = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.code)}`;
      return `::${level[d.severity]} ${properties}::${escapeData(d.message)}\n`;
    })
    .join('');
}

/** A workflow command's message, escaped as `@actions/core` does so it cannot end the command. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: a comma or colon would end it and start another property or the message. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
