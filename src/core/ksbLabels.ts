import type { Ksb } from './catalogue/catalogue';
import { KIND_NAMES, KSB_KINDS, type KsbKind } from './codes';

/** Plural headings of the kinds, as the coverage view and reports show them. */
export const KIND_TITLES: Readonly<Record<KsbKind, string>> = Object.fromEntries(KSB_KINDS.map((kind) => [kind, KIND_NAMES[kind].plural])) as Record<KsbKind, string>;

/** Cuts a text to at most `width` characters at a word boundary, ending it with an ellipsis. */
export function shortenText(text: string, width: number): string {
  if (text.length <= width) return text;
  const cut = text.slice(0, Math.max(1, width - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > width / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

/** `K1 How structure, vision and purpose…`: the code and the start of the text, in `width` characters. */
export function ksbLabel(ksb: Ksb, width = 60): string {
  return `${ksb.code} ${shortenText(ksb.text, Math.max(10, width - ksb.code.length - 1))}`;
}
