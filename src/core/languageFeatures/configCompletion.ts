// Completion in `portfolio.yaml`: the values of `standard:` (every standard the portfolio knows:
// shipped, workspace data files, API files), `version:` and `option:` of the chosen standard, and
// the names of the fields not yet written.
import type { Catalogue } from '../catalogue/catalogue';
import { DEFAULT_REVIEW_INTERVAL_WORDS, SIGNOFF_ROLES, VERIFY_SIGNOFF_MODES, type VerifySignoffMode } from '../model/lifecycleTerms';
import { portfolioConfigSchema, type PortfolioConfig } from '../read/config';
import type { Position, Range } from '../base/text';
import type { DocumentLines, KsbCompletionItem, KsbCompletionList } from './completion';
import { descriptionAt, enclosingKeys, fieldNamesAt, NESTED_KEY } from './configKeys';
import { chosenStandard, configLines, MAX_CONFIG_LINES, parseConfigLine, unquote, type ConfigLine } from './configLines';
import { describeOption, describeVersion, describeVersions, ksbCounts, versionSummary, type IsShipped } from './standardDescription';
import * as z from 'zod/mini';

/** What completion in a config needs: the catalogue in force and how to tell shipped standards. */
export interface ConfigCompletionContext {
  /** Shipped standards plus the portfolio's own (`PortfolioIndex.standards`). */
  readonly catalogue: Catalogue;
  readonly isShipped: IsShipped;
}

/** A field's line as it is typed, and what its snippet inserts. */
interface FieldSnippet {
  readonly insertText: string;
  /** Open the suggestions again after inserting: the value has its own list. */
  readonly retrigger?: boolean;
}

/** Every field of the config, in the order the template writes them; the record keeps it in step with the schema. */
const FIELD_SNIPPETS: Readonly<Record<keyof PortfolioConfig, FieldSnippet>> = {
  standard: { insertText: 'standard: $0', retrigger: true },
  version: { insertText: 'version: $0', retrigger: true },
  option: { insertText: 'option: $0', retrigger: true },
  apprentice: { insertText: 'apprentice: $0' },
  evidence: { insertText: 'evidence: ["${1:evidence/**/*.md}"]' },
  standards: { insertText: 'standards: ["${1:standards}"]' },
  start: { insertText: 'start: ${1:YYYY-MM-DD}' },
  end: { insertText: 'end: ${1:YYYY-MM-DD}' },
  'weekly-hours': { insertText: 'weekly-hours: ${1:37.5}' },
  employer: { insertText: 'employer: $0' },
  provider: { insertText: 'provider: $0' },
  mentor: { insertText: 'mentor: $0' },
  'otj-target': { insertText: 'otj-target: ${1:278}' },
  placeholders: { insertText: 'placeholders: ["${1:[EVIDENCE NEEDED]}", "${2:TODO}"]' },
  'site-root': { insertText: 'site-root: ${1:content}' },
  gateway: {
    insertText: `gateway:\n  min-evidence-per-ksb: \${1:1}\n  min-months: \${2:12}\n  review-interval: \${3:${DEFAULT_REVIEW_INTERVAL_WORDS}}\n  requires: [\${4:english-level-2}]`,
  },
  assessment: {
    insertText:
      'assessment:\n  method: ${1:discussion}\n  methods:\n    ${1:discussion}:\n      title: ${2:Professional discussion underpinned by a portfolio of evidence}\n      ksbs: [${3:K1-K5, S1, B1}]\n      evidence: {min: ${4:10}, max: ${5:20}}\n      words: {max: ${6:15000}}',
  },
  people: {
    insertText: `people:\n  - {name: \${1:Priya Shah}, roles: [\${2|${SIGNOFF_ROLES.join(',')}|}], email: \${3:priya@example.com}}`,
  },
  'verify-signoffs': { insertText: 'verify-signoffs: $0', retrigger: true },
};

/**
 * The suggestions at `position` of a `portfolio.yaml`, or `undefined` where none fit (inside a
 * comment, in another field's value, on an indented line).
 */
export function provideConfigCompletions(document: DocumentLines, position: Position, context: ConfigCompletionContext): KsbCompletionList | undefined {
  if (position.line >= document.lineCount) return undefined;
  const text = document.lineAt(position.line).text;
  const character = Math.min(position.character, text.length);
  const here = parseConfigLine(text, position.line);
  if (!here && /^[ \t]+/.test(text)) return nestedCompletions(document, position.line, text, character, context);
  if (!here) return fieldCompletions(document, position.line, text, character);
  if (here.commentStart !== undefined && character > here.commentStart) return undefined;
  if (character < here.afterColon) return undefined;
  const lines = configLines(document);
  const range = valueRange(here, character);
  const space = character === here.afterColon && text[character] !== ' ' && text[character] !== '\t' ? ' ' : '';
  switch (here.key) {
    case 'standard':
      return standardCompletions(context, range, here, space);
    case 'version':
      return versionCompletions(lines, context, range, here, space);
    case 'option':
      return optionCompletions(lines, context, range, space);
    case 'verify-signoffs':
      return verifyModeCompletions(range, space);
    default:
      return undefined;
  }
}

/** The range a value item replaces: the whole value as written, or the cursor when there is none yet. */
function valueRange(line: ConfigLine, character: number): Range {
  if (line.raw === '' || character < line.range.start.character) return { start: { line: line.line, character }, end: { line: line.line, character } };
  return line.range;
}

function item(fields: Omit<KsbCompletionItem, 'kind' | 'replaceRange'> & { range: Range }): KsbCompletionItem {
  return { kind: 'value', ...fields, replaceRange: fields.range };
}

function standardCompletions(context: ConfigCompletionContext, range: Range, here: ConfigLine, space: string): KsbCompletionList {
  const quote = here.raw.startsWith('"') || here.raw.startsWith("'") ? here.raw[0] : '';
  const items = context.catalogue
    .references()
    .sort()
    .map((reference, index) => {
      const versions = context.catalogue.versions(reference);
      const latest = versions[versions.length - 1];
      const where = versions.some((version) => !context.isShipped(version)) ? 'in this portfolio' : 'shipped';
      return item({
        label: reference,
        detail: `${latest.title} · ${versions.map((version) => version.version).join(', ')} · ${where}`,
        documentation: [describeVersions(versions, undefined), describeVersion(latest, context.isShipped)].join('\n\n'),
        insertText: `${space}${quote}${reference}${quote}`,
        filterText: `${quote}${reference} ${latest.title}`,
        sortText: String(index).padStart(4, '0'),
        range,
      });
    });
  return { items, isIncomplete: false };
}

function versionCompletions(
  lines: readonly ConfigLine[],
  context: ConfigCompletionContext,
  range: Range,
  here: ConfigLine,
  space: string,
): KsbCompletionList | undefined {
  const chosen = chosenStandard(lines, context.catalogue);
  if (!chosen) return undefined;
  const quoted = here.raw.startsWith('"') || here.raw.startsWith("'");
  const latest = chosen.versions[chosen.versions.length - 1];
  const items = [...chosen.versions].reverse().map((version, index) =>
    item({
      label: version.version,
      detail: [version === latest ? 'latest' : '', versionSummary(version)].filter(Boolean).join(' · ') || version.title,
      documentation: describeVersion(version, context.isShipped),
      // Quoted, as Select Version writes it: YAML reads 1.10 unquoted as the number 1.1.
      insertText: `${space}"${version.version}"`,
      filterText: quoted ? `${here.raw[0]}${version.version}` : version.version,
      sortText: String(index).padStart(4, '0'),
      range,
    }),
  );
  return { items, isIncomplete: false };
}

function optionCompletions(lines: readonly ConfigLine[], context: ConfigCompletionContext, range: Range, space: string): KsbCompletionList | undefined {
  const chosen = chosenStandard(lines, context.catalogue);
  if (!chosen || chosen.standard.options.length === 0) return undefined;
  const { standard } = chosen;
  // Ids, as Select Option writes them: a title reads as well, but an id does not change with its wording.
  const items = standard.options.map((option, index) =>
    item({
      label: option.id,
      detail: `${option.title} · ${ksbCounts(standard, standard.applicableKsbs(option.id))}`,
      documentation: describeOption(standard, option),
      insertText: `${space}${/^[\w.-]+$/.test(option.id) ? option.id : JSON.stringify(option.id)}`,
      filterText: `${option.id} ${option.title}`,
      sortText: String(index).padStart(4, '0'),
      range,
    }),
  );
  return { items, isIncomplete: false };
}

/** What each `verify-signoffs` mode proves, for its completion item. */
const VERIFY_MODE_DETAILS: Readonly<Record<VerifySignoffMode, string>> = {
  off: 'the default: sign-offs are checked against the file, not against git',
  commits: "each sign-off's commit must be authored by its signer (an e-mail of `people:`)",
  signatures: "as `commits`, and git must verify the commit's signature as good (GPG or SSH)",
};

function verifyModeCompletions(range: Range, space: string): KsbCompletionList {
  const items = VERIFY_SIGNOFF_MODES.map((mode, index) =>
    item({ label: mode, detail: VERIFY_MODE_DETAILS[mode], insertText: `${space}${mode}`, filterText: mode, sortText: String(index).padStart(4, '0'), range }),
  );
  return { items, isIncomplete: false };
}

/** Field names at the start of a line that is not a field yet, leaving out those the config has. */
function fieldCompletions(document: DocumentLines, line: number, text: string, character: number): KsbCompletionList | undefined {
  const prefix = text.slice(0, character);
  if (!/^[A-Za-z_][\w-]*$|^$/.test(prefix) || text.slice(character).trim() !== '') return undefined;
  const present = new Set(configLines(document).map((field) => field.key));
  const range = { start: { line, character: 0 }, end: { line, character } };
  const items = (Object.keys(FIELD_SNIPPETS) as (keyof PortfolioConfig)[])
    .filter((field) => !present.has(field))
    .map((field, index): KsbCompletionItem => ({
      label: field,
      kind: 'field',
      detail: fieldDescription(field),
      insertText: FIELD_SNIPPETS[field].insertText,
      snippet: true,
      filterText: field,
      sortText: String(index).padStart(4, '0'),
      range,
      replaceRange: range,
      retrigger: FIELD_SNIPPETS[field].retrigger,
    }));
  return items.length > 0 ? { items, isIncomplete: false } : undefined;
}

/** Completion on an indented line: the names of a nested block's fields, and the methods `assessment.method` may name. */
function nestedCompletions(
  document: DocumentLines,
  line: number,
  text: string,
  character: number,
  context: ConfigCompletionContext,
): KsbCompletionList | undefined {
  const indent = text.length - text.trimStart().length;
  if (character < indent) return undefined;
  const path = enclosingKeys(document, line, indent);
  if (path.length === 0) return undefined;
  const prefix = text.slice(indent, character);
  const key = NESTED_KEY.exec(text);
  if (key && path.join('.') === 'assessment' && key[3] === 'method' && character >= key[0].length) {
    return methodCompletions(document, line, text, key[0].length, character, context);
  }
  if (!/^[A-Za-z_][\w-]*$|^$/.test(prefix) || text.slice(character).trim() !== '') return undefined;
  const siblings = new Set<string>();
  for (let at = line - 1; at >= 0 && enclosingKeys(document, at, indent).join('.') === path.join('.'); at--) {
    const sibling = NESTED_KEY.exec(document.lineAt(at).text);
    if (sibling && sibling[1].length === indent) siblings.add(sibling[3]);
  }
  for (let at = line + 1; at < document.lineCount && at - line < MAX_CONFIG_LINES; at++) {
    const next = document.lineAt(at).text;
    const sibling = NESTED_KEY.exec(next);
    if (next.trim() !== '' && next.length - next.trimStart().length < indent) break;
    if (sibling && sibling[1].length === indent) siblings.add(sibling[3]);
  }
  const range = { start: { line, character: indent }, end: { line, character } };
  const items = fieldNamesAt(path)
    .filter((name) => !siblings.has(name))
    .map((name, index): KsbCompletionItem => ({
      label: name,
      kind: 'field',
      detail: descriptionAt([...path, name]),
      insertText: `${name}: $0`,
      snippet: true,
      filterText: name,
      sortText: String(index).padStart(4, '0'),
      range,
      replaceRange: range,
    }));
  return items.length > 0 ? { items, isIncomplete: false } : undefined;
}

/** The methods `assessment.method` may name: those under `assessment.methods` and those the standard's data maps. */
function methodCompletions(
  document: DocumentLines,
  line: number,
  text: string,
  afterColon: number,
  character: number,
  context: ConfigCompletionContext,
): KsbCompletionList | undefined {
  const methods = new Map<string, string | undefined>();
  for (const method of chosenStandard(configLines(document), context.catalogue)?.standard.assessmentMethods ?? []) methods.set(method.id, method.title);
  const last = Math.min(document.lineCount, MAX_CONFIG_LINES);
  for (let at = 0; at < last; at++) {
    const key = NESTED_KEY.exec(document.lineAt(at).text);
    if (!key || key[1] === '') continue;
    const path = enclosingKeys(document, at, key[1].length);
    if (path.join('.') === 'assessment.methods' && !methods.has(key[3])) methods.set(key[3], undefined);
    if (path.length === 3 && path[0] === 'assessment' && path[1] === 'methods' && key[3] === 'title') {
      methods.set(
        path[2],
        unquote(
          document
            .lineAt(at)
            .text.slice(key[0].length)
            .replace(/\s#.*$/, ''),
        ),
      );
    }
  }
  if (methods.size === 0) return undefined;
  let start = afterColon;
  while (start < text.length && (text[start] === ' ' || text[start] === '\t')) start++;
  const range = { start: { line, character: Math.min(start, character) }, end: { line, character: Math.max(character, text.trimEnd().length) } };
  const space = character === afterColon ? ' ' : '';
  const items = [...methods].map(([id, title], index) =>
    item({
      label: id,
      detail: title || undefined,
      insertText: `${space}${id}`,
      filterText: `${id} ${title ?? ''}`,
      sortText: String(index).padStart(4, '0'),
      range,
    }),
  );
  return { items, isIncomplete: false };
}

/** The description the schema gives a field (`z.describe`), looked up through optional and pipe wrappers. */
export function fieldDescription(field: keyof PortfolioConfig): string | undefined {
  let schema: z.ZodMiniType | undefined = portfolioConfigSchema.shape[field];
  for (let depth = 0; schema && depth < 5; depth++) {
    const description = z.globalRegistry.get(schema)?.description;
    if (description) return description;
    const def = schema._zod.def as { innerType?: z.ZodMiniType; in?: z.ZodMiniType };
    schema = def.innerType ?? def.in;
  }
  return undefined;
}
