import type { PortfolioDiagnostic } from '../model/diagnostics';
import type { FrontMatter } from '../read/frontMatter';
import type { LinkTargetState, LocalLink } from '../read/links';
import { FILE_START } from '../base/text';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule, type RuleCheck } from './rule';

/** `evidence.no-ksbs`. */
export const noKsbsRule = defineRule({
  code: DiagnosticCode.NoKsbs,
  defaultLevel: 'warning',
  summary: 'An evidence file that claims no KSB.',
  meaning: 'an evidence file that claims nothing',
  quickFix: { kind: 'add-ksbs', title: 'add a `ksbs:` field' },
  check: { over: 'evidence', run: (facts) => ({ diagnostics: checkClaimsSomething(facts.analysis.frontMatter) }) },
});

/** One check for both rules over links, so their diagnostics come in the order of the links. */
const linksCheck: RuleCheck = { over: 'evidence', run: (facts, context) => ({ diagnostics: checkAttachments(facts.analysis.links, context.linkTarget) }) };

/** `evidence.missing-attachment`. */
export const missingAttachmentRule = defineRule({
  code: DiagnosticCode.MissingAttachment,
  defaultLevel: 'error',
  summary: 'A relative link or image whose target file does not exist.',
  meaning: 'a relative link or image (Markdown or HTML) to a file that does not exist in the portfolio',
  check: linksCheck,
});

/** `evidence.link-outside`. */
export const linkOutsideRule = defineRule({
  code: DiagnosticCode.LinkOutside,
  defaultLevel: 'warning',
  summary: 'A relative link or image that leads out of the portfolio, or to or through a symbolic link: it is not checked.',
  meaning:
    'a relative link or image that leads out of the portfolio (`../../shared/plan.pdf`), or to or through a symbolic link in it: nothing outside the portfolio is looked at and links are never followed (see [Limits and security](#limits-and-security)), so it is reported the same whatever is at its end',
  check: linksCheck,
});

/**
 * Whether an evidence file's front matter claims no code at all, as `evidence.no-ksbs` and the
 * coverage view's "claiming no KSB" group both read it.
 */
export function claimsNoCode(frontMatter: FrontMatter | undefined): boolean {
  // Any claim counts here, valid or not: the other rules speak about invalid ones, and a `ksbs`
  // value of the wrong shape is already a `frontmatter.invalid-field`.
  return !(frontMatter && (frontMatter.claims.length > 0 || frontMatter.ksbsStyle === 'other'));
}

/** `evidence.no-ksbs`: an evidence file that claims nothing. */
export function checkClaimsSomething(frontMatter: FrontMatter | undefined): PortfolioDiagnostic[] {
  // A key meant for `ksbs` is reported as such (frontmatter.mistyped-ksbs), with its own fix.
  if (!claimsNoCode(frontMatter) || frontMatter?.mistypedKsbsKey) return [];
  if (frontMatter?.hasKsbsKey) {
    return [
      {
        code: noKsbsRule.code,
        message: `Expected \`ksbs\` to claim at least one code (e.g. \`ksbs: [K1, S3]\`), found ${
          frontMatter.ksbsStyle === 'flow-map' || frontMatter.ksbsStyle === 'block-map'
            ? 'an empty map'
            : frontMatter.ksbsStyle === 'empty'
              ? 'no value'
              : 'an empty list'
        }`,
        range: frontMatter.ksbsKeyRange ?? FILE_START,
      },
    ];
  }
  return [
    {
      code: noKsbsRule.code,
      message: frontMatter
        ? 'Expected a `ksbs:` field in the front matter of this evidence file, found none'
        : 'Expected front matter with a `ksbs:` field in this evidence file, found no front matter',
      range: FILE_START,
      fix: { kind: 'add-ksbs' },
    },
  ];
}

/**
 * `evidence.missing-attachment` and `evidence.link-outside`: relative links whose targets do not
 * exist, or lie where the core never looks. The messages for the latter say nothing learned from
 * the file system past the portfolio or a link, only what the repository itself holds.
 */
export function checkAttachments(links: readonly LocalLink[], targetOf: (link: LocalLink) => LinkTargetState): PortfolioDiagnostic[] {
  const diagnostics: PortfolioDiagnostic[] = [];
  for (const link of links) {
    const target = targetOf(link);
    const message = attachmentMessage(link.target, target);
    if (message) diagnostics.push({ code: target.kind === 'missing' ? missingAttachmentRule.code : linkOutsideRule.code, message, range: link.range });
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
