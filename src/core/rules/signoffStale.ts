// `signoff.stale`: the evidence changed after it was signed off.
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { defineRule, type FileFacts } from './rule';

/** `signoff.stale`: the evidence changed after it was signed off. */
export const signoffStaleRule = defineRule({
  code: DiagnosticCode.SignoffStale,
  defaultLevel: 'warning',
  summary: 'A sign-off whose digest no longer matches the claims and text it signed.',
  meaning:
    "a sign-off whose digest no longer matches the file's claims and body: the evidence changed after it was signed (line endings, trailing spaces and the order of claims do not count), naming who signed and when",
  quickFix: { kind: 'signoff-again', title: 'Sign off again' },
  check: { over: 'portfolio-file', run: (facts) => ({ diagnostics: checkSignoffsCurrent(facts) }) },
});

/** `signoff.stale`: each well-formed sign-off whose digest is not the file's digest now. */
function checkSignoffsCurrent(facts: FileFacts): PortfolioDiagnostic[] {
  const lifecycle = facts.analysis.frontMatter?.lifecycle;
  const digest = facts.analysis.contentDigest;
  if (!lifecycle) return [];
  if (digest === undefined) {
    // Only the start of a file over the read limit is read: its body cannot be checked against a sign-off.
    const signed = lifecycle.signoffs.find((signoff) => signoff.complete);
    if (!signed) return [];
    return [
      {
        code: signoffStaleRule.code,
        message: `Expected a file small enough to read whole to check its sign-offs, found only its start read (file.too-large): the sign-off of ${signed.by} cannot be verified`,
        range: signed.digestRange ?? signed.range,
      },
    ];
  }
  return lifecycle.signoffs
    .filter((signoff) => signoff.complete && signoff.digest !== digest)
    .map((signoff) => ({
      code: signoffStaleRule.code,
      message: `Expected the claims and text that ${signoff.by} (${signoff.role}) signed off on ${signoff.date}, found them changed since (digest ${digest}, signed ${signoff.digest}): sign it off again, or undo the change`,
      range: signoff.digestRange ?? signoff.range,
      fix: { kind: 'signoff-again', index: signoff.index },
    }));
}
