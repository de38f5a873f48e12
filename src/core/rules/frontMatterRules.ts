// Rules raised while front matter is parsed (`frontMatter.ts`, `analysis.ts`): they have no check here.
import { defineRule } from './rule';

/** `frontmatter.yaml-error`. */
export const yamlErrorRule = defineRule({
  name: 'YamlError',
  code: 'frontmatter.yaml-error',
  defaultLevel: 'error',
  summary: 'Front matter that is not valid YAML.',
  meaning: 'front matter that is not valid YAML, or never closed, at its real line',
});

/** `frontmatter.too-large`. */
export const frontMatterTooLargeRule = defineRule({
  name: 'FrontMatterTooLarge',
  code: 'frontmatter.too-large',
  defaultLevel: 'error',
  summary: 'Front matter over 256 KB, or nested over 100 levels deep: it is not parsed, so its claims are not counted.',
  meaning: 'front matter over 256 KB or nested over 100 levels deep: it is not parsed, so its claims are not read',
});

/** `frontmatter.invalid-field`. */
export const invalidFieldRule = defineRule({
  name: 'InvalidField',
  code: 'frontmatter.invalid-field',
  defaultLevel: 'error',
  summary: 'A known front-matter field of the wrong shape (`ksbs: 12`, `date: soon`).',
  meaning: 'a known field of the wrong shape (`ksbs: 12`, `date: soon`, `date: 2026-02-30`), or a field given twice',
});
