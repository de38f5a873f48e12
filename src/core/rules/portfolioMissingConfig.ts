// `portfolio.missing-config`: an open Markdown file that claims KSBs with no `portfolio.yaml` above it.
import { CONFIG_FILE_NAME } from '../model/configFileName';
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { defineRule, type FileFacts } from './rule';

/** `portfolio.missing-config`: over an open Markdown file that no `portfolio.yaml` governs. */
export const missingConfigRule = defineRule({
  code: DiagnosticCode.MissingConfig,
  defaultLevel: 'information',
  summary: 'An open Markdown file claims KSBs but no `portfolio.yaml` governs it.',
  meaning: 'an open Markdown file claims KSBs but no `portfolio.yaml` governs it (editor only)',
  quickFix: { kind: 'create-config', title: 'create `portfolio.yaml`' },
  check: { over: 'ungoverned', run: (facts) => ({ diagnostics: checkGoverned(facts) }) },
});

/** A file that claims KSBs (has a `ksbs:` key) needs a config above it for its codes to be checked. */
function checkGoverned({ analysis }: FileFacts): PortfolioDiagnostic[] {
  const frontMatter = analysis.frontMatter;
  if (!frontMatter?.hasKsbsKey) return [];
  return [
    {
      code: missingConfigRule.code,
      message: `Expected a ${CONFIG_FILE_NAME} in this folder or above for a file that claims KSBs, found none: its codes cannot be checked`,
      range: frontMatter.ksbsKeyRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
      fix: { kind: 'create-config' },
    },
  ];
}
