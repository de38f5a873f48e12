// What the benchmark times for completion and hover. The core's providers (src/core/languageFeatures/)
// are not written yet, so this is the fallback the brief names: the front matter located in the
// document's text, the word at the cursor, and the catalogue look-ups the providers will make.
import { canonicalCode, locateFrontMatter, type StandardVersion } from '../src/core';

/** Which implementation the figures come from, printed next to them. */
export const LANGUAGE_FEATURES_SOURCE = 'fallback: locateFrontMatter + catalogue look-ups (src/core/languageFeatures/ not present)';

/** A completion item as a provider would build it. */
export interface BenchCompletionItem {
  readonly label: string;
  readonly detail: string;
  readonly documentation: string;
}

/** Completion at `offset`: the applicable codes not yet claimed, when the cursor is in `ksbs`. */
export function completeAt(text: string, offset: number, standard: StandardVersion, optionId: string): BenchCompletionItem[] {
  const located = locateFrontMatter(text);
  if (!located || offset < located.contentStart || offset > located.contentEnd) return [];
  const frontMatter = text.slice(located.contentStart, located.contentEnd);
  const relative = offset - located.contentStart;
  const key = keyOfLine(frontMatter, relative);
  if (key !== 'ksbs') return [];
  const claimed = new Set(frontMatter.slice(frontMatter.indexOf('ksbs')).match(/\b[KSB]\d+\b/g) ?? []);
  return standard
    .applicableKsbs(optionId)
    .filter((ksb) => !claimed.has(ksb.code))
    .map((ksb) => ({ label: ksb.code, detail: `${ksb.kind} · ${standard.optionLabel(ksb)}`, documentation: ksb.text }));
}

/** Hover at `offset`: the KSB's text, option and duties when the cursor is on a claimed code. */
export function hoverAt(text: string, offset: number, standard: StandardVersion): string | undefined {
  const located = locateFrontMatter(text);
  if (!located || offset < located.contentStart || offset > located.contentEnd) return undefined;
  let start = offset;
  let end = offset;
  while (start > located.contentStart && /[A-Za-z0-9]/.test(text[start - 1])) start--;
  while (end < located.contentEnd && /[A-Za-z0-9]/.test(text[end])) end++;
  const written = text.slice(start, end);
  const code = canonicalCode(written) ?? written;
  const ksb = standard.ksb(code);
  if (!ksb) return undefined;
  const duties = ksb.duties.map((duty) => `- Duty ${duty.number}: ${duty.text}`).join('\n');
  return `**${ksb.code}** (${ksb.kind}, ${standard.label})\n\n${ksb.text}\n\n*Option:* ${standard.optionLabel(ksb)}\n\n${duties}`;
}

/** The top-level key whose value holds `offset` (searching upward for an unindented `key:`). */
function keyOfLine(yaml: string, offset: number): string | undefined {
  let lineStart = yaml.lastIndexOf('\n', offset - 1) + 1;
  for (;;) {
    const match = /^([A-Za-z_][\w-]*)\s*:/.exec(yaml.slice(lineStart, lineStart + 64));
    if (match) return match[1];
    if (lineStart === 0) return undefined;
    lineStart = yaml.lastIndexOf('\n', lineStart - 2) + 1;
  }
}
