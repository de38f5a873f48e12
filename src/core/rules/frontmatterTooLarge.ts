// `frontmatter.too-large`: front matter too long or too deep to parse.
import { MARKDOWN_READ_LIMIT, MAX_FRONT_MATTER_LENGTH, MAX_FRONT_MATTER_NESTING, formatBytes, formatLimit } from '../base/fileLimits';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule } from './rule';

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
