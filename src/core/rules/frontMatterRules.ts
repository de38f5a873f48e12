// Rules over what the front-matter readers found (`read/frontMatter.ts`, `read/lifecycleFields.ts`).
import { formatBytes, formatLimit, MARKDOWN_READ_LIMIT, MAX_FRONT_MATTER_LENGTH, MAX_FRONT_MATTER_NESTING } from '../base/fileLimits';
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

/** `frontmatter.too-large`. */
export const frontMatterTooLargeRule = defineRule({
  code: DiagnosticCode.FrontMatterTooLarge,
  defaultLevel: 'error',
  summary: `Front matter over ${formatLimit(MAX_FRONT_MATTER_LENGTH)}, or nested over ${MAX_FRONT_MATTER_NESTING} levels deep: it is not parsed, so its claims are not counted.`,
  meaning: `front matter over ${formatLimit(MAX_FRONT_MATTER_LENGTH)} or nested over ${MAX_FRONT_MATTER_NESTING} levels deep: it is not parsed, so its claims are not read`,
  findings: {
    'front-matter-past-read-limit': () =>
      `Expected front matter that ends within the first ${formatBytes(MARKDOWN_READ_LIMIT)} of the file, found it going on past that: its claims were not read`,
    'front-matter-too-long': ({ length }) =>
      `Expected front matter under ${formatBytes(MAX_FRONT_MATTER_LENGTH)}, found ${formatBytes(length)}: its claims were not read`,
    'front-matter-too-deep': ({ depth }) =>
      `Expected front matter nested at most ${MAX_FRONT_MATTER_NESTING} levels deep, found ${depth}: its claims were not read`,
  },
});

/** `frontmatter.invalid-field`. */
export const invalidFieldRule = defineRule({
  code: DiagnosticCode.InvalidField,
  defaultLevel: 'error',
  summary: 'A known front-matter field of the wrong shape (`ksbs: 12`, `date: soon`).',
  meaning: 'a known field of the wrong shape (`ksbs: 12`, `date: soon`, `date: 2026-02-30`), or a field given twice',
  findings: {
    'front-matter-not-map': ({ found }) => `Expected front matter to be a map of fields (\`title:\`, \`ksbs:\` ...), found ${found}`,
    'field-twice': ({ field, firstLine }) => `Unexpected second \`${field}:\` field: expected each field once (the first is on line ${firstLine})`,
    'field-shape': ({ field, expected, found, eachItem }) =>
      eachItem ? `Expected each item of \`${field}\` to be ${expected}, found ${found}` : `Expected \`${field}\` to be ${expected}, found ${found}`,
    'ksbs-key-shape': ({ found }) => `Expected each key of \`ksbs\` to be a code such as K1, found ${found}`,
    'ksbs-item-shape': ({ item, forms, found }) => `Expected item ${item} of \`ksbs\` to be ${forms}, found ${found}`,
    'ksbs-item-field': ({ item, field, expected, found }) => `Expected the \`${field}\` of item ${item} of \`ksbs\` to be ${expected}, found ${found}`,
    'ksbs-item-field-unknown': ({ item, field }) =>
      `Unexpected field \`${field}\` in item ${item} of \`ksbs\`: expected \`code\` and \`why\`, as in \`{code: K1, why: ...}\``,
  },
});
