// How KSBs, their kinds and portfolios are named for people: one place for the hover, completion,
// the coverage view, the status bar and reports.
import type { Ksb, StandardVersion } from '../catalogue/catalogue';
import { KIND_NAMES, KSB_KINDS, kindTitle, type KsbKind } from '../model/codes';
import type { Coverage } from './coverage';
import { escapeMarkdown } from '../base/wording';

/** Plural headings of the kinds, as the coverage view and reports show them. */
export const KIND_TITLES: Readonly<Record<KsbKind, string>> = Object.fromEntries(KSB_KINDS.map((kind) => [kind, KIND_NAMES[kind].plural])) as Record<
  KsbKind,
  string
>;

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

/** The heading, text and duties of a KSB, in Markdown: shared by hover, completion and the coverage view. */
export function describeKsb(standard: StandardVersion, ksb: Ksb): string {
  const parts = [`**${ksb.code}** · ${kindTitle(ksb.kind)} · ${escapeMarkdown(standard.optionLabel(ksb))}`, escapeMarkdown(ksb.text)];
  if (ksb.duties.length > 0) {
    parts.push(['**Duties**', ...ksb.duties.map((duty) => `- Duty ${duty.number}: ${escapeMarkdown(duty.text)}`)].join('\n'));
  }
  return parts.join('\n\n');
}

/** `ST0792 v1.2 · Post production coordinator`: what the view's description shows. */
export function portfolioDescription(coverage: Coverage): string {
  const { standard, option } = coverage.portfolio;
  return option ? `${standard.label} · ${option.title}` : `${standard.label} · all options`;
}

/**
 * What the standard's data cannot say about one KSB, as sentences (plain text) for hover and
 * `ksb lookup`: the option of a KSB no duty lists, or of every KSB when the source maps none to
 * an option. Empty when the data says all there is to say about it.
 */
export function ksbDataGaps(standard: StandardVersion, ksb: Ksb): string[] {
  return standard.notesFor(ksb).map((note) => {
    if (note.kind === 'options-unmapped') return note.text;
    if (note.kind === 'ksbs-in-no-duty') {
      return ksb.duties.length === 0
        ? `No duty lists ${ksb.code}, so which option it belongs to is not known: it counts for every option.`
        : `The source maps ${ksb.code} neither to the core nor to an option, so which option it belongs to is not known: it counts for every option.`;
    }
    return note.text;
  });
}

/** `ST0792 v1.1 is Retired (latest start 2024-08-14).` for a version not approved for delivery; `undefined` for one that is, or whose status is not known. */
export function versionStatusLine(standard: StandardVersion): string | undefined {
  if (!standard.notApprovedForDelivery) return undefined;
  return `${standard.label} is ${standard.status}${standard.endDate ? ` (latest start ${standard.endDate})` : ''}.`;
}
