// Rules raised while front matter is parsed (`read/frontMatter.ts`, `read/analysis.ts`): they have no check here.
import { formatLimit, MAX_FRONT_MATTER_LENGTH, MAX_FRONT_MATTER_NESTING } from '../base/fileLimits';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule } from './rule';

/** `frontmatter.yaml-error`. */
export const yamlErrorRule = defineRule({
  code: DiagnosticCode.YamlError,
  defaultLevel: 'error',
  summary: 'Front matter that is not valid YAML.',
  meaning: 'front matter that is not valid YAML, or never closed, at its real line',
});

/** `frontmatter.too-large`. */
export const frontMatterTooLargeRule = defineRule({
  code: DiagnosticCode.FrontMatterTooLarge,
  defaultLevel: 'error',
  summary: `Front matter over ${formatLimit(MAX_FRONT_MATTER_LENGTH)}, or nested over ${MAX_FRONT_MATTER_NESTING} levels deep: it is not parsed, so its claims are not counted.`,
  meaning: `front matter over ${formatLimit(MAX_FRONT_MATTER_LENGTH)} or nested over ${MAX_FRONT_MATTER_NESTING} levels deep: it is not parsed, so its claims are not read`,
});

/** `frontmatter.invalid-field`. */
export const invalidFieldRule = defineRule({
  code: DiagnosticCode.InvalidField,
  defaultLevel: 'error',
  summary: 'A known front-matter field of the wrong shape (`ksbs: 12`, `date: soon`).',
  meaning: 'a known field of the wrong shape (`ksbs: 12`, `date: soon`, `date: 2026-02-30`), or a field given twice',
});
