// `frontmatter.yaml-error`: front matter that is not valid YAML, or never closed.
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule } from './rule';

/** `frontmatter.yaml-error`. */
export const yamlErrorRule = defineRule({
  code: DiagnosticCode.YamlError,
  defaultLevel: 'error',
  summary: 'Front matter that is not valid YAML.',
  meaning: 'front matter that is not valid YAML, or never closed, at its real line',
  findings: {
    'yaml-syntax': ({ detail }) => `Expected valid YAML front matter, found: ${detail}`,
    'front-matter-unclosed': () => 'Expected a closing `---` line for the front matter opened on line 1, found the end of the file',
  },
});
