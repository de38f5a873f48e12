// Where the fields of a `portfolio.yaml` stand, read line by line for completion and hover.
//
// Both run while the file is half typed and invalid YAML, so the YAML parser is no help: a light
// scan of the top-level `key: value` lines finds each field, its value and where the value stands.
// Block style only (one field a line), as the templates and the config edit commands write it.
import type { Catalogue, StandardVersion } from '../catalogue/catalogue';
import type { Range } from '../base/text';
import type { DocumentLines } from './completion';

/** Lines of a config read at most: a real one has a handful; a huge file costs no more than this. */
export const MAX_CONFIG_LINES = 2000;

/** One top-level `key: value` line. */
export interface ConfigLine {
  readonly key: string;
  readonly line: number;
  /** The character after the colon. */
  readonly afterColon: number;
  /** The value as written (quotes kept), without the comment; empty when there is none. */
  readonly raw: string;
  /** The value without its quotes. */
  readonly value: string;
  /** Where `raw` stands; an empty range after the colon when there is no value. */
  readonly range: Range;
  /** Where a comment starts on the line, if it has one. */
  readonly commentStart: number | undefined;
}

/** A key at the start of a line: `standard:`, `"version":`. */
const TOP_LEVEL_KEY = /^(["']?)([A-Za-z_][\w-]*)\1[ \t]*:(?=[ \t]|$)/;

/** Every top-level field line of a config, in order; the first of a repeated key wins, as elsewhere only one is valid anyway. */
export function configLines(document: DocumentLines): ConfigLine[] {
  const found: ConfigLine[] = [];
  const last = Math.min(document.lineCount, MAX_CONFIG_LINES);
  for (let line = 0; line < last; line++) {
    const parsed = parseConfigLine(document.lineAt(line).text, line);
    if (parsed) found.push(parsed);
  }
  return found;
}

/** The field on one line of text, or `undefined` when the line is not a top-level `key:` line. */
export function parseConfigLine(text: string, line: number): ConfigLine | undefined {
  const match = TOP_LEVEL_KEY.exec(text);
  if (!match) return undefined;
  const afterColon = match[0].length;
  const { end, commentStart } = valueEnd(text, afterColon);
  let start = afterColon;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  let stop = end;
  while (stop > start && (text[stop - 1] === ' ' || text[stop - 1] === '\t')) stop--;
  const raw = text.slice(start, stop);
  const at = raw === '' ? afterColon : start;
  return {
    key: match[2],
    line,
    afterColon,
    raw,
    value: unquote(raw),
    range: { start: { line, character: at }, end: { line, character: raw === '' ? afterColon : stop } },
    commentStart,
  };
}

/** Where the value ends: at a comment (`#` after a space, outside quotes) or the line's end. */
function valueEnd(text: string, from: number): { end: number; commentStart: number | undefined } {
  let quote: string | undefined;
  for (let index = from; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === quote && !(quote === '"' && text[index - 1] === '\\')) quote = undefined;
    } else if ((char === '"' || char === "'") && /^[ \t]*$/.test(text.slice(from, index))) {
      quote = char;
    } else if (char === '#' && (index === from || text[index - 1] === ' ' || text[index - 1] === '\t')) {
      return { end: index, commentStart: index };
    }
  }
  return { end: text.length, commentStart: undefined };
}

/** A scalar without its quotes: `"1.2"` is `1.2`; a quote not yet closed is dropped too. */
export function unquote(raw: string): string {
  const quote = raw[0];
  if (quote !== '"' && quote !== "'") return raw.trim();
  const body = raw.endsWith(quote) && raw.length > 1 ? raw.slice(1, -1) : raw.slice(1);
  return (quote === '"' ? body.replace(/\\"/g, '"') : body.replace(/''/g, "'")).trim();
}

/** The first line of `key`, if the config has one. */
export function fieldLine(lines: readonly ConfigLine[], key: string): ConfigLine | undefined {
  return lines.find((line) => line.key === key);
}

/** The standard a config names and the version in force: the one written, or the latest when none is or it is unknown. */
export interface ChosenStandard {
  /** Every version of the named standard, oldest first. */
  readonly versions: readonly StandardVersion[];
  readonly standard: StandardVersion;
  /** Whether `version:` names a version the catalogue has. */
  readonly versionKnown: boolean;
}

/** What the config's `standard:` and `version:` choose from `catalogue`, or `undefined` when the standard is unknown. */
export function chosenStandard(lines: readonly ConfigLine[], catalogue: Catalogue): ChosenStandard | undefined {
  const reference = fieldLine(lines, 'standard')?.value;
  if (!reference) return undefined;
  const versions = catalogue.versions(reference);
  if (versions.length === 0) return undefined;
  const written = fieldLine(lines, 'version')?.value;
  const exact = written ? versions.find((version) => version.version === written) : undefined;
  return { versions, standard: exact ?? versions[versions.length - 1], versionKnown: exact !== undefined };
}
