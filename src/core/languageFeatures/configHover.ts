// Hover on the values of `standard:`, `version:` and `option:` in `portfolio.yaml`: what the
// standard, the version and the option are, from the catalogue the portfolio has in force; and on
// every key (those of `gateway:` too), what the field is for, from the schema's descriptions.
import { portfolioConfigSchema, type PortfolioConfig } from '../read/config';
import type { Position } from '../base/text';
import { escapeMarkdown } from '../base/wording';
import type { KsbHover } from './hover';
import { fieldDescription, type ConfigCompletionContext } from './configCompletion';
import { chosenStandard, configLines, parseConfigLine } from './configLines';
import { descriptionAt, enclosingKeys, fieldNamesAt, formatKeyPath, isRecordAt, ITEM_KEY, LIST_ITEM, NESTED_KEY } from './configKeys';
import type { DocumentLines } from './completion';
import { describeOption, describeVersion, describeVersions } from './standardDescription';

/** What hover in a config needs: the same as completion there. */
export type ConfigHoverContext = ConfigCompletionContext;

/** The hover on the value under `position`, or `undefined` off the three values it describes. */
export function provideConfigHover(document: DocumentLines, position: Position, context: ConfigHoverContext): KsbHover | undefined {
  if (position.line >= document.lineCount) return undefined;
  const key = keyHover(document, position);
  if (key) return key;
  const here = parseConfigLine(document.lineAt(position.line).text, position.line);
  if (!here || here.raw === '' || !['standard', 'version', 'option'].includes(here.key)) return undefined;
  // The end of the value counts as on it, as editors do.
  if (position.character < here.range.start.character || position.character > here.range.end.character) return undefined;
  const range = here.range;
  const lines = configLines(document);
  const chosen = chosenStandard(lines, context.catalogue);
  const known = () => context.catalogue.references().sort().join(', ') || 'none';

  if (here.key === 'standard') {
    if (!chosen) {
      return {
        range,
        markdown: `**${escapeMarkdown(here.value)}** · not a standard this portfolio knows (it knows ${known()}). Add it with **KSB Portfolio: Add Standard...**.`,
      };
    }
    return { range, markdown: [describeVersion(chosen.standard, context.isShipped), describeVersions(chosen.versions, chosen.standard)].join('\n\n') };
  }
  if (!chosen) return undefined;
  if (here.key === 'version') {
    if (!chosen.versionKnown) {
      const versions = chosen.versions.map((version) => `"${version.version}"`).join(', ');
      return {
        range,
        markdown: `**${escapeMarkdown(here.value)}** · not a version of ${chosen.standard.reference} this portfolio knows (it knows ${versions}).`,
      };
    }
    return { range, markdown: describeVersion(chosen.standard, context.isShipped) };
  }
  const { standard } = chosen;
  const option = standard.findOption(here.value);
  if (!option) {
    const choices = standard.options.map((o) => `\`${o.id}\``).join(', ') || 'none';
    return { range, markdown: `**${escapeMarkdown(here.value)}** · not an option of ${standard.label} (its options: ${choices}).` };
  }
  return { range, markdown: describeOption(standard, option) };
}

/** What the field under the cursor is for, when the cursor is on its key; the descriptions are ours, Markdown as written. */
function keyHover(document: DocumentLines, position: Position): KsbHover | undefined {
  const text = document.lineAt(position.line).text;
  const item = ITEM_KEY.exec(text);
  const match = item ? undefined : NESTED_KEY.exec(text);
  // The first key of a list's block item (`  - name: Sam`) stands after its dash.
  const found =
    item?.[4] !== undefined ? { indent: `${item[1]} ${item[2]}`, quote: item[3], key: item[4] } : match && { indent: match[1], quote: match[2], key: match[3] };
  if (!found) return undefined;
  const { indent, quote, key } = found;
  const start = indent.length;
  const end = start + key.length + quote.length * 2;
  if (position.character < start || position.character > end) return undefined;
  const range = { start: { line: position.line, character: start }, end: { line: position.line, character: end } };
  if (indent === '') {
    const description = key in portfolioConfigSchema.shape ? fieldDescription(key as keyof PortfolioConfig) : undefined;
    return description ? { range, markdown: `**${key}** · ${description}` } : undefined;
  }
  // A nested key: `gateway:` and `assessment:` name their fields, as does each person of `people:`; `assessment.methods` is keyed by method ids.
  // On an item's first key, the item's own line is the first to read upwards from.
  const path = enclosingKeys(document, item ? position.line + 1 : position.line, indent.length);
  if (path.length === 0 || path[0] === LIST_ITEM) return undefined;
  if (isRecordAt(path)) {
    const description = descriptionAt(path);
    return description ? { range, markdown: `**${formatKeyPath([...path, key])}** · a method of end-point assessment. ${description}` } : undefined;
  }
  const description = fieldNamesAt(path).includes(key) ? descriptionAt([...path, key]) : undefined;
  return description ? { range, markdown: `**${formatKeyPath([...path, key])}** · ${description}` } : undefined;
}
