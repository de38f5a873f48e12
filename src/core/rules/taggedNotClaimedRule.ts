import type { PortfolioDiagnostic } from '../model/diagnostics';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { PROGRESS_REVIEW_TYPE } from '../model/lifecycleTerms';
import { defineRule, type EvidenceContext, type FileFacts } from './rule';

/** `evidence.tagged-not-claimed`: a file that tags codes in its text (`[K7, S3]`) but claims none in front matter. */
export const taggedNotClaimedRule = defineRule({
  code: DiagnosticCode.TaggedNotClaimed,
  defaultLevel: 'information',
  summary: 'A file that tags KSB codes in its text (`[K7, S3]`, a `**KSBs:**` line) but claims none in `ksbs:`.',
  meaning:
    "a file that tags codes of the standard in its text (`[K7, S3]`, `(K24)`, a `**KSBs:** S20, K7` line) but claims none in front matter, so none of them counts; the quick fix claims them with the tagged paragraphs' first sentences as justifications (`ksb import` does it for a whole portfolio)",
  quickFix: { kind: 'claim-tagged', title: 'claim K7, S3 tagged in the text' },
  check: { over: 'markdown-file', run: (facts, context) => ({ diagnostics: checkTaggedNotClaimed(facts, context) }) },
});

function checkTaggedNotClaimed({ analysis, isEvidence }: FileFacts, context: EvidenceContext): PortfolioDiagnostic[] {
  const { frontMatter, codeTags } = analysis;
  if (!codeTags || codeTags.length === 0 || (frontMatter?.claims.length ?? 0) > 0) return [];
  // Reviews and hour logs are not evidence; with globs, only the files they match are.
  const lifecycle = frontMatter?.lifecycle;
  if (lifecycle?.type === PROGRESS_REVIEW_TYPE) return [];
  if (lifecycle && (lifecycle.otjKeyRange !== undefined || lifecycle.meets.length > 0) && !frontMatter?.hasKsbsKey) return [];
  if (!isEvidence && context.portfolio.matchesEvidenceGlobs !== undefined) return [];
  const known = codeTags.filter((tag) => context.portfolio.standard.ksb(tag.code) !== undefined);
  const codes = [...new Set(known.map((tag) => tag.code))];
  if (codes.length === 0) return [];
  return [
    {
      code: taggedNotClaimedRule.code,
      message: `Tags ${codes.join(', ')} in the text but claims none: expected them in \`ksbs:\` in the front matter, found ${frontMatter?.hasKsbsKey ? 'an empty `ksbs:`' : 'no `ksbs:`'}, so they do not count`,
      range: known[0].range,
      fix: { kind: 'claim-tagged', codes },
    },
  ];
}
