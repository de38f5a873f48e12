// `signoff.old-digest`: a sign-off made before digest version 2, which covers the claims and the body
// only. It keeps that meaning (it is not suddenly stale); renewing it covers what the gateway counts.
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { digestVersion } from '../base/digest';
import { defineRule, type FileFacts } from './rule';

/** `signoff.old-digest`: a current sign-off whose digest predates version 2. */
export const signoffOldDigestRule = defineRule({
  code: DiagnosticCode.SignoffOldDigest,
  defaultLevel: 'information',
  summary: 'A sign-off whose digest covers only the claims and body (made before digest version 2); renewing it covers hours, dates and attachments too.',
  meaning:
    'a sign-off whose digest was made before version 2 (12 hex digits without `v2:`): it still covers what it covered, the claims and the body, so a change to `date`, `otj`, `meets`, `type` or a linked file does not make it stale. Renewing it (the quick fix, or `ksb signoff` by the same person and role) signs all of them. Not reported when the sign-off is stale already',
  quickFix: { kind: 'signoff-again', title: 'Sign off again' },
  check: { over: 'portfolio-file', run: (facts) => ({ diagnostics: checkDigestVersions(facts) }) },
});

function checkDigestVersions({ analysis }: FileFacts): PortfolioDiagnostic[] {
  const current = analysis.contentDigest;
  const signoffs = analysis.frontMatter?.lifecycle?.signoffs ?? [];
  return signoffs
    .filter((signoff) => signoff.complete && signoff.digest !== undefined && digestVersion(signoff.digest) === 1 && signoff.digest === current)
    .map((signoff) => ({
      code: signoffOldDigestRule.code,
      message: `Expected a sign-off digest of version 2 (\`v2:\`), covering the date, hours, requirements, type and linked files too, found version 1 in the sign-off of ${signoff.by} (${signoff.role}) on ${signoff.date}: it covers the claims and text only; sign off again to cover the rest`,
      range: signoff.digestRange ?? signoff.range,
      fix: { kind: 'signoff-again' as const, index: signoff.index },
    }));
}
