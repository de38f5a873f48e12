import { DiagnosticCode, FILE_START, type PortfolioDiagnostic } from '../diagnostics';
import type { FrontMatter } from '../frontMatter';
import type { LocalLink } from '../links';

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
        code: DiagnosticCode.NoKsbs,
        message: 'Expected `ksbs` to claim at least one code (e.g. `ksbs: [K1, S3]`), found an empty list',
        range: frontMatter.ksbsKeyRange ?? FILE_START,
      },
    ];
  }
  return [
    {
      code: DiagnosticCode.NoKsbs,
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
      code: DiagnosticCode.MissingAttachment,
      message: `Expected a file at \`${link.target}\`, found none`,
      range: link.range,
    }));
}
