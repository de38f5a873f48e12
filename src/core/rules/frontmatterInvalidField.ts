// `frontmatter.invalid-field`: a known field of the wrong shape, or given twice.
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule } from './rule';

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
