import type { PortfolioDiagnostic } from '../diagnostics';
import type { FrontMatter } from '../frontMatter';
import type { LocalLink } from '../links';
import { FILE_START } from '../text';
import { defineRule } from './rule';

/** `evidence.no-ksbs`. */
export const noKsbsRule = defineRule({
  name: 'NoKsbs',
  code: 'evidence.no-ksbs',
  defaultLevel: 'warning',
  summary: 'An evidence file that claims no KSB.',
  meaning: 'an evidence file that claims nothing',
  quickFix: { kind: 'add-ksbs', title: 'add a `ksbs:` field' },
  check: { over: 'evidence', run: (facts) => ({ diagnostics: checkClaimsSomething(facts.analysis.frontMatter) }) },
});

/** `evidence.missing-attachment`. */
export const missingAttachmentRule = defineRule({
  name: 'MissingAttachment',
  code: 'evidence.missing-attachment',
  defaultLevel: 'error',
  summary: 'A relative link or image whose target file does not exist.',
  meaning: 'a relative link or image (Markdown or HTML) to a file that does not exist',
  check: { over: 'evidence', run: (facts, context) => ({ diagnostics: checkAttachments(facts.analysis.links, context.linkTargetExists) }) },
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
  if (!claimsNoCode(frontMatter)) return [];
  if (frontMatter?.hasKsbsKey) {
    return [
      {
        code: noKsbsRule.code,
        message: 'Expected `ksbs` to claim at least one code (e.g. `ksbs: [K1, S3]`), found an empty list',
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

/** `evidence.missing-attachment`: relative links whose targets do not exist. */
export function checkAttachments(links: readonly LocalLink[], exists: (link: LocalLink) => boolean): PortfolioDiagnostic[] {
  return links
    .filter((link) => !exists(link))
    .map((link) => ({
      code: missingAttachmentRule.code,
      message: `Expected a file at \`${link.target}\`, found none`,
      range: link.range,
    }));
}
