// What the two rules over links share (evidenceMissingAttachment.ts, evidenceLinkOutside.ts): where
// each relative link of an evidence file leads, and the words for a target that is not a file
// inside the portfolio. The words for a link outside say nothing learned from the file system past
// the portfolio or a link, only what the repository itself holds.
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import type { LinkTargetState } from '../read/links';
import type { EvidenceContext, FileFacts } from './rule';

/** The diagnostics of `code` for the links of a file whose target `pick` keeps. */
export function linkDiagnostics(
  facts: FileFacts,
  context: EvidenceContext,
  code: DiagnosticCode,
  pick: (target: LinkTargetState) => LinkTargetState | undefined,
): PortfolioDiagnostic[] {
  const diagnostics: PortfolioDiagnostic[] = [];
  for (const link of facts.analysis.links) {
    const target = pick(context.linkTarget(link));
    const message = target && attachmentMessage(link.target, target);
    if (message) diagnostics.push({ code, message, range: link.range });
  }
  return diagnostics;
}

function attachmentMessage(written: string, target: LinkTargetState): string | undefined {
  switch (target.kind) {
    case 'found':
    case 'site-route':
      return undefined;
    case 'missing':
      return `Expected a file at \`${written}\`, found none`;
    case 'outside':
      return `Expected a file inside the portfolio at \`${written}\`, found a link that leads outside it: nothing outside the portfolio is looked at, so only files inside it can be evidence`;
    case 'symbolic-link':
      return `Expected a file at \`${written}\`, found a symbolic link: links are never followed, so only files inside the portfolio can be evidence`;
    case 'through-link':
      return `Expected a file at \`${written}\`, found a path through the symbolic link \`${target.symbolicLink}\`: links are never followed, so only files inside the portfolio can be evidence`;
  }
}
