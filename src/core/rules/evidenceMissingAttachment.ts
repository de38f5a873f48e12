// `evidence.missing-attachment`: a relative link or image to a file that does not exist.
import { DiagnosticCode } from '../model/diagnosticCodes';
import { linkDiagnostics } from './linkCheck';
import { defineRule } from './rule';

/** `evidence.missing-attachment`. */
export const missingAttachmentRule = defineRule({
  code: DiagnosticCode.MissingAttachment,
  defaultLevel: 'error',
  summary: 'A relative link or image whose target file does not exist.',
  meaning: 'a relative link or image (Markdown or HTML) to a file that does not exist in the portfolio',
  check: {
    over: 'evidence',
    run: (facts, context) => ({
      diagnostics: linkDiagnostics(facts, context, DiagnosticCode.MissingAttachment, (target) => (target.kind === 'missing' ? target : undefined)),
    }),
  },
});
