import { CONFIG_FILE_NAME } from '../model/configFileName';
import { formatBytes } from '../base/fileLimits';
import type { DataFileRefusal, OptionChoice, StandardsSourceProblem } from '../read/findings';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule, type FileFacts } from './rule';

/** `portfolio.invalid-config`: what the readers of `portfolio.yaml` found (`read/config.ts`, `portfolio/configLoader.ts`). */
export const invalidConfigRule = defineRule({
  code: DiagnosticCode.InvalidConfig,
  defaultLevel: 'error',
  summary: 'A problem in `portfolio.yaml`.',
  meaning: 'a problem in `portfolio.yaml`: bad YAML, unknown standard, version or option (naming the valid choices), wrong types, unknown fields',
  findings: {
    'config-unread': ({ name, refusal }) => `Expected \`${name}\` to be a readable text file, found ${refusalWords(refusal)}`,
    'config-yaml-syntax': ({ detail }) => `Expected valid YAML in ${CONFIG_FILE_NAME}, found: ${detail}`,
    'config-not-map': ({ empty }) =>
      `Expected ${CONFIG_FILE_NAME} to be a map with at least \`standard:\` (e.g. \`standard: ST0792\`), found ${empty ? 'an empty file' : 'something else'}`,
    'config-not-data': ({ detail }) => detail,
    'config-field-unknown': ({ fields, known, nested }) =>
      `Unexpected field ${fields.map((k) => `\`${k}\``).join(', ')}${nested ? ` in \`${nested}\`` : ''}: expected one of ${known.join(', ')}`,
    'config-field-missing': ({ field }) => `Expected the field \`${field}\`, found none`,
    'config-field-invalid': ({ field, detail }) => `Expected \`${field}\` to be valid: ${detail}`,
    'config-end-before-start': ({ start, end }) => `Expected \`end\` (the planned end of the practical period) after \`start\` (${start}), found ${end}`,
    'config-glob-invalid': ({ glob, reason }) =>
      `Expected a valid glob in \`evidence\`, found \`${glob.length > 60 ? `${glob.slice(0, 60)}...` : glob}\`: ${reason}`,
    'config-standard-unknown': ({ standard, known }) =>
      // A folder of the whole API holds about 1,500 references: name the first few.
      `Unexpected standard \`${standard}\`: expected one of ${known.length > 12 ? `${known.slice(0, 12).join(', ')} and ${known.length - 12} more` : known.join(', ') || 'none'} (add others with \`ksb standard add REFERENCE\` or as data files in a \`standards/\` folder)`,
    'config-version-unknown': ({ version, reference, known }) =>
      `Unexpected version "${version}" of ${reference}: expected one of ${known.map((v) => `"${v}"`).join(', ')}`,
    'config-option-unknown': ({ option, standard, choices }) => `Unexpected option \`${option}\` for ${standard}: expected one of ${choiceWords(choices)}`,
    'config-option-missing': ({ standard, choices }) =>
      `Expected an \`option:\` for ${standard}, which has options: ${choiceWords(choices)}. Until one is set, the editor counts KSBs of every option and ksb coverage refuses to count.`,
    'config-standards-source': (problem) => standardsSourceWords(problem),
    'config-method-ksbs-missing': ({ method }) => `Expected \`ksbs\` in method \`${method}\`: the KSBs it assesses, such as [K1-K5, S1]`,
    'config-method-missing': ({ methods }) =>
      methods.length > 0
        ? `Expected \`method\` in \`assessment\`: the method this portfolio underpins, one of ${methods.map((id) => `\`${id}\``).join(', ')}`
        : 'Expected `method` and `methods` in `assessment`: the method this portfolio underpins and the KSBs each method assesses',
    'config-method-unknown': ({ method, methods, standard }) =>
      methods.length > 0
        ? `Unexpected method \`${method}\`: expected one of ${methods.map((id) => `\`${id}\``).join(', ')}`
        : `Unexpected method \`${method}\`: neither \`assessment.methods\` nor the data of ${standard} list methods with their KSBs`,
    'config-method-empty': ({ method, scope }) => `Expected method \`${method}\` to assess at least one KSB of ${scope}, found none`,
    'config-ksb-item-invalid': ({ field, standard, reason }) => `Expected a KSB of ${standard} in \`${field}\`: ${reason}`,
    'config-ksb-item-unknown': ({ codes, written, standard, ranges }) =>
      `Unexpected ${codes.length === 1 ? 'code' : 'codes'} ${codes.join(' and ')}${written ? ` in ${written}` : ''}: ${standard} has ${ranges}`,
    'config-ksb-item-option': ({ code, option, belongsTo }) => `Unexpected ${code} for option ${option}: it belongs to ${belongsTo}`,
  },
});

/** Why a data file (`portfolio.yaml`, a standard file) was not read, as the end of an expected-vs-found message. */
export function refusalWords(refusal: DataFileRefusal): string {
  switch (refusal.found) {
    case 'symbolic-link':
      return 'a symbolic link: links are never followed, so it was not read';
    case 'folder':
      return 'a folder';
    case 'special-file':
      return 'a named pipe, socket or device: it was not read';
    case 'too-large':
      return `${formatBytes(refusal.size)}, over the ${formatBytes(refusal.limit)} limit: it was not read`;
    case 'read-error':
      return `an error: ${refusal.error}`;
    case 'undecodable':
      return refusal.reason;
  }
}

function choiceWords(choices: readonly OptionChoice[]): string {
  return choices.map((o) => `\`${o.id}\` (${o.title})`).join(', ');
}

function standardsSourceWords(source: StandardsSourceProblem): string {
  switch (source.problem) {
    case 'absolute':
      return `Expected a path relative to ${CONFIG_FILE_NAME} in \`standards\`, found the absolute path \`${source.written}\`: files outside the portfolio are never read`;
    case 'outside':
      return `Expected a standard data file or folder inside the portfolio, found \`${source.written}\`, which is outside it: files outside the portfolio are never read`;
    case 'symbolic-link': {
      const where = source.link === undefined ? `at \`${source.written}\`` : `at \`${source.link}\` on the way to \`${source.written}\``;
      return `Expected a standard data file or folder, found a symbolic link ${where}: links are never followed, so it was not read`;
    }
    case 'folder-unreadable':
      return `Expected a readable folder of standard data at \`${source.written}\`, found an error: ${source.error}`;
    case 'special-file':
      return `Expected a standard data file or folder at \`${source.written}\`, found a named pipe, socket or device: it was not read`;
    case 'missing':
      return `Expected a standard data file or folder at \`${source.written}\`, found none`;
  }
}

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
