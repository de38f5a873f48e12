import type { PortfolioDiagnostic } from '../model/diagnostics';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { DEFAULT_PLACEHOLDERS } from '../read/placeholders';
import { defineRule, type FileFacts } from './rule';

/** `evidence.placeholder`: a placeholder (`[EVIDENCE NEEDED]`, `TODO`, `lorem ipsum`) left in evidence. */
export const placeholderRule = defineRule({
  code: DiagnosticCode.Placeholder,
  defaultLevel: 'warning',
  summary: 'A placeholder such as `[EVIDENCE NEEDED]`, `TODO`, `TBC`, `XX%` or `lorem ipsum` left in evidence.',
  meaning: `a placeholder left in the text of an evidence file, outside code and HTML comments: by default ${DEFAULT_PLACEHOLDERS.map((p) => `\`${p}\``).join(', ')}, matched ignoring case (\`TODO\` as a whole word). \`placeholders:\` in \`portfolio.yaml\` sets the list (\`placeholders: []\` looks for none); a draft (\`draft: true\`) is not asked to be finished. At most 20 are reported in one file`,
  check: { over: 'evidence', run: (facts) => ({ diagnostics: checkPlaceholders(facts) }) },
});

function checkPlaceholders({ analysis }: FileFacts): PortfolioDiagnostic[] {
  // A draft is work in progress: its placeholders are expected until it is undrafted.
  if (analysis.frontMatter?.draft) return [];
  return (analysis.placeholders ?? []).map((placeholder) => ({
    code: placeholderRule.code,
    message: `Unexpected placeholder \`${placeholder.text}\` in evidence: expected finished text (write it, or mark the file \`draft: true\` until it is done)`,
    range: placeholder.range,
  }));
}
