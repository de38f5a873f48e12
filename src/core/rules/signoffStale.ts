// `signoff.stale`: the evidence changed after it was signed off.
import { digestVersion } from '../base/digest';
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { defineRule, type EvidenceContext, type FileFacts } from './rule';

/** `signoff.stale`: the evidence changed after it was signed off. */
export const signoffStaleRule = defineRule({
  code: DiagnosticCode.SignoffStale,
  defaultLevel: 'warning',
  summary: 'A sign-off whose digest no longer matches what it signed.',
  meaning:
    'a sign-off whose digest no longer matches what it signed: the claims, the body and (digests `v2:`, which `ksb signoff` writes) the `date`, `otj` hours, `meets`, `type` and the bytes of every local file the body links; the evidence changed after it was signed (line endings, trailing spaces and the order of claims do not count), naming who signed and when. A digest made before version 2 keeps its meaning (claims and body) and is never stale for the rest',
  quickFix: { kind: 'signoff-again', title: 'Sign off again' },
  check: { over: 'portfolio-file', run: (facts, context) => ({ diagnostics: checkSignoffsCurrent(facts, context) }) },
});

/** `signoff.stale`: each well-formed sign-off whose digest is not the file's digest now, in the version it was made with. */
function checkSignoffsCurrent(facts: FileFacts, context: EvidenceContext): PortfolioDiagnostic[] {
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
  const diagnostics: PortfolioDiagnostic[] = [];
  for (const signoff of lifecycle.signoffs) {
    if (!signoff.complete || signoff.digest === undefined) continue;
    const version = digestVersion(signoff.digest);
    const now = version === 2 ? context.digestV2 : digest;
    if (now === undefined || signoff.digest === now) continue;
    const what = version === 2 ? 'claims, text, date, hours, requirements, type and linked files' : 'claims and text';
    diagnostics.push({
      code: signoffStaleRule.code,
      message: `Expected the ${what} that ${signoff.by} (${signoff.role}) signed off on ${signoff.date}, found them changed since (digest ${now}, signed ${signoff.digest}): sign it off again, or undo the change`,
      range: signoff.digestRange ?? signoff.range,
      fix: { kind: 'signoff-again', index: signoff.index },
    });
  }
  return diagnostics;
}
