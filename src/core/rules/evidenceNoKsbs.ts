// `evidence.no-ksbs`: an evidence file that claims nothing.
import { FILE_START } from '../base/text';
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import type { FrontMatter } from '../read/frontMatter';
import { defineRule } from './rule';

/** `evidence.no-ksbs`. */
export const noKsbsRule = defineRule({
  code: DiagnosticCode.NoKsbs,
  defaultLevel: 'warning',
  summary: 'An evidence file that claims no KSB.',
  meaning: 'an evidence file that claims nothing',
  quickFix: { kind: 'add-ksbs', title: 'add a `ksbs:` field' },
  check: { over: 'evidence', run: (facts) => ({ diagnostics: checkClaimsSomething(facts.analysis.frontMatter) }) },
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
