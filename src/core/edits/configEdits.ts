import { isMap, isScalar, parseDocument, type Pair } from 'yaml';
import { CONFIG_FILE_NAME } from '../model/configFileName';
import { lineBreakOf, LineIndex, withYamlLineBreaks, type Range } from '../base/text';

/** A replacement of one range of a text, as editors apply it. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** The fields of `portfolio.yaml` the editor commands set. */
export type EditableConfigField = 'standard' | 'option' | 'version';

/** An edit that sets a field, or why none can be made. */
export type ConfigEditResult = { readonly ok: true; readonly edit: TextEdit } | { readonly ok: false; readonly reason: string };

/** Where a missing field goes: after the first of these keys the file has. */
const INSERT_AFTER: Readonly<Record<EditableConfigField, readonly string[]>> = {
  standard: [],
  version: ['standard'],
  option: ['version', 'standard'],
};

/**
 * The edit that sets `field` to `value` in the text of a `portfolio.yaml`, touching only the
 * value: comments, quoting of other fields and line endings stay. A missing field is inserted on
 * its own line after `version:` or `standard:`. Versions are always written quoted (`"1.2"`), so
 * YAML cannot read `1.10` as the number 1.1.
 */
export function configFieldEdit(text: string, field: EditableConfigField, value: string): ConfigEditResult {
  const document = parseDocument(withYamlLineBreaks(text), { prettyErrors: false });
  if (document.errors.length > 0)
    return { ok: false, reason: `Expected valid YAML in ${CONFIG_FILE_NAME}, found: ${document.errors[0].message.split('\n')[0]}` };
  const contents = document.contents;
  if (!isMap(contents))
    return { ok: false, reason: `Expected ${CONFIG_FILE_NAME} to be a map of fields, found ${contents === null ? 'an empty file' : 'something else'}` };
  const lines = new LineIndex(text);
  const written = field === 'version' ? JSON.stringify(value) : /^[\w.-]+$/.test(value) ? value : JSON.stringify(value);

  const pair = findPair(contents.items, field);
  if (pair) {
    const node = pair.value;
    if (isScalar(node) && node.range) {
      const [start, end] = node.range;
      if (start === end) {
        // `option:` with no value, maybe followed by a comment: keep the spaces YAML needs.
        const before = text[start - 1] === ':' ? ' ' : '';
        const after = text[start] === '#' ? ' ' : '';
        return { ok: true, edit: { range: lines.rangeAt(start, end), newText: `${before}${written}${after}` } };
      }
      return { ok: true, edit: { range: lines.rangeAt(start, end), newText: written } };
    }
    return { ok: false, reason: `Expected \`${field}:\` in ${CONFIG_FILE_NAME} to be a single value, found a list or map` };
  }

  if (contents.flow) return { ok: false, reason: `Expected ${CONFIG_FILE_NAME} in block style (one \`field: value\` per line) to add \`${field}:\`` };
  const newline = lineBreakOf(text);
  const line = `${field}: ${written}`;
  // The standard leads the file, as the template writes it.
  if (field === 'standard') return { ok: true, edit: { range: lines.rangeAt(0, 0), newText: `${line}${newline}` } };
  const anchor = INSERT_AFTER[field].map((key) => findPair(contents.items, key)).find((p) => p !== undefined);
  const anchorEnd = anchor && (isScalar(anchor.value) && anchor.value.range ? anchor.value.range[1] : isScalar(anchor.key) ? anchor.key.range?.[1] : undefined);
  if (anchorEnd !== undefined) {
    const lineEnd = text.slice(anchorEnd).search(/\r\n|\r|\n/);
    if (lineEnd !== -1) {
      const breakLength = text.startsWith('\r\n', anchorEnd + lineEnd) ? 2 : 1;
      const at = anchorEnd + lineEnd + breakLength;
      return { ok: true, edit: { range: lines.rangeAt(at, at), newText: `${line}${newline}` } };
    }
  }
  const end = text.length;
  const needsBreak = end > 0 && !/[\r\n]$/.test(text);
  return { ok: true, edit: { range: lines.rangeAt(end, end), newText: `${needsBreak ? newline : ''}${line}${newline}` } };
}

/**
 * One edit that sets several fields (`standard:` and `version:` of a standard just added), in
 * field order, so one undo takes them all back; only the changed span is replaced.
 */
export function configFieldsEdit(text: string, values: Readonly<Partial<Record<EditableConfigField, string>>>): ConfigEditResult {
  let edited = text;
  for (const field of ['standard', 'version', 'option'] as const) {
    const value = values[field];
    if (value === undefined) continue;
    const result = configFieldEdit(edited, field, value);
    if (!result.ok) return result;
    edited = applyTextEdit(edited, result.edit);
  }
  let start = 0;
  while (start < text.length && start < edited.length && text[start] === edited[start]) start++;
  let end = 0;
  while (end < text.length - start && end < edited.length - start && text[text.length - 1 - end] === edited[edited.length - 1 - end]) end++;
  const lines = new LineIndex(text);
  return { ok: true, edit: { range: lines.rangeAt(start, text.length - end), newText: edited.slice(start, edited.length - end) } };
}

function findPair(items: readonly Pair[], key: string): Pair | undefined {
  return items.find((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === key);
}

/** Applies one edit to a text; for tests and for hosts without an editor. */
export function applyTextEdit(text: string, edit: TextEdit): string {
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
}
