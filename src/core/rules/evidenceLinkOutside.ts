// `evidence.link-outside`: a relative link that leads out of the portfolio, or to or through a symbolic link.
import { DiagnosticCode } from '../model/diagnosticCodes';
import { linkDiagnostics } from './linkCheck';
import { defineRule } from './rule';

/** `evidence.link-outside`. */
export const linkOutsideRule = defineRule({
  code: DiagnosticCode.LinkOutside,
  defaultLevel: 'warning',
  summary: 'A relative link or image that leads out of the portfolio, or to or through a symbolic link: it is not checked.',
  meaning:
    'a relative link or image that leads out of the portfolio (`../../shared/plan.pdf`), or to or through a symbolic link in it: nothing outside the portfolio is looked at and links are never followed (see [Limits and security](#limits-and-security)), so it is reported the same whatever is at its end',
  check: {
    over: 'evidence',
    run: (facts, context) => ({
      diagnostics: linkDiagnostics(facts, context, DiagnosticCode.LinkOutside, (target) => (target.kind === 'missing' ? undefined : target)),
    }),
  },
});
