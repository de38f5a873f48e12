import { plural } from '../base/wording';
import type { Range } from '../base/text';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { FileRole } from '../read/fileRole';
import { defineRule } from './rule';

/** `portfolio.no-evidence`: raised on `portfolio.yaml` by the portfolio index, which sees every file. */
export const noEvidenceRule = defineRule({
  code: DiagnosticCode.NoEvidence,
  defaultLevel: 'warning',
  summary: 'A portfolio with Markdown files but no evidence: none has a `ksbs:` field.',
  meaning:
    'a portfolio with Markdown files of which none claims KSBs in a `ksbs:` field, so nothing counts; it says how many files there are and how many mention KSB codes in their text, which `ksb import` can claim',
});

/** A Markdown file of the portfolio, as the check counts it. */
export interface CountedFile {
  readonly role: FileRole;
  readonly hasKsbsKey: boolean;
  /** Unreadable, or front matter that could not be read: whether it claims is not known, so it is not counted. */
  readonly unknown: boolean;
  /** Whether its text references KSB codes (tagged, listed, in inline code). */
  readonly mentionsCodes: boolean;
}

/** The `portfolio.no-evidence` finding on the config at `range`, when Markdown files exist and none has `ksbs:`. */
export function checkNoEvidence(files: Iterable<CountedFile>, range: Range): PortfolioDiagnostic | undefined {
  let markdown = 0;
  let mentioning = 0;
  for (const file of files) {
    if (file.role === 'review' || file.role === 'record') continue;
    if (file.hasKsbsKey) return undefined;
    if (file.unknown) continue;
    markdown++;
    if (file.mentionsCodes) mentioning++;
  }
  if (markdown === 0) return undefined;
  const mentions =
    mentioning === 0
      ? 'claim KSBs in front matter, e.g. `ksbs: [K1, S3]`'
      : `${mentioning} mention${mentioning === 1 ? 's' : ''} KSB codes: try \`ksb import\``;
  return {
    code: noEvidenceRule.code,
    message: `Expected evidence files claiming KSBs, found none: ${plural(markdown, 'Markdown file')}, none with \`ksbs:\`; ${mentions}`,
    range,
  };
}
