// Hover on a KSB code anywhere in a portfolio file: what the code means, which option and duties it
// belongs to, and which evidence claims it; for a code the standard lacks, what was probably meant.
import type { Catalogue, Ksb } from '../catalogue/catalogue';
import { kindOfCode } from '../model/codes';
import { nearestCodes } from '../catalogue/catalogue';
import { canonicalCode, CODE_WORD } from '../model/codes';
import type { Portfolio } from '../read/config';
import type { EvidenceReference } from '../coverage/coverage';
import { describeKsb, ksbDataGaps, versionStatusLine } from '../coverage/ksbLabels';
import type { Position, Range } from '../base/text';
import { escapeMarkdown } from '../base/wording';

/** What hover needs from the portfolio; the editor adapter supplies the links. */
export interface HoverContext {
  readonly portfolio: Portfolio;
  /** The catalogue in force, to name the other versions that have an unknown code. */
  readonly standards?: Catalogue;
  /** The evidence files that validly claim a code (a map look-up in the index). */
  readonly evidenceFor: (code: string) => readonly EvidenceReference[];
  /** A link target (URI) that opens an evidence file at its claim. */
  readonly linkTo: (reference: EvidenceReference) => string;
  /** True while the portfolio's files are still being read, so evidence counts are not final. */
  readonly evidencePending?: boolean;
}

/** The Markdown to show and the code it describes. */
export interface KsbHover {
  readonly range: Range;
  readonly markdown: string;
}

/** A code-shaped word in a line of text. */
export interface CodeWord {
  readonly code: string;
  readonly start: number;
  readonly end: number;
}

/** Evidence links listed in one hover; the rest are counted. */
const MAX_LISTED_EVIDENCE = 10;

/** Nearest codes suggested for a code the standard does not have. */
const NEAREST_COUNT = 3;

/**
 * The code-shaped word (`K24`, `s3`, `B04`) at `character`, or `undefined`. Words inside longer
 * words (`K24a`, `xK2`) are not codes; the end of a word counts as on it, as editors do.
 */
export function codeAt(lineText: string, character: number): CodeWord | undefined {
  const pattern = new RegExp(CODE_WORD.source, 'g');
  for (let match = pattern.exec(lineText); match; match = pattern.exec(lineText)) {
    const start = match.index;
    const end = start + match[0].length;
    if (start > character) return undefined;
    if (character <= end) return { code: match[0], start, end };
  }
  return undefined;
}

/**
 * The hover for the code under `position` in `lineText` (the text of that line only, so a long
 * file is never read in full). Works the same in front matter, body (code spans included) and
 * `portfolio.yaml`.
 */
export function provideHover(lineText: string, position: Position, context: HoverContext): KsbHover | undefined {
  const word = codeAt(lineText, position.character);
  if (!word) return undefined;
  const range = { start: { line: position.line, character: word.start }, end: { line: position.line, character: word.end } };
  const { standard } = context.portfolio;
  const ksb = standard.ksb(word.code);
  const markdown = ksb ? knownCodeHover(ksb, context) : unknownCodeHover(word.code, context);
  return { range, markdown };
}

function knownCodeHover(ksb: Ksb, context: HoverContext): string {
  const { standard, option } = context.portfolio;
  const parts = [describeKsb(standard, ksb), ...ksbDataGaps(standard, ksb).map((gap) => `**Not in the data:** ${escapeMarkdown(gap)}`)];
  const status = versionStatusLine(standard);
  if (status) parts.push(`**Status:** ${escapeMarkdown(status)}`);
  if (!standard.appliesTo(ksb, option?.id)) {
    parts.push(`Not part of the ${escapeMarkdown(option?.title ?? '')} option of this portfolio: claims of ${ksb.code} do not count.`);
    return parts.join('\n\n');
  }
  parts.push(evidenceSection(ksb.code, context));
  return parts.join('\n\n');
}

function evidenceSection(code: string, context: HoverContext): string {
  // During the first load the index holds only some files: a count now would be wrong.
  if (context.evidencePending) return `**Evidence:** still being counted: the portfolio is loading.`;
  const references = context.evidenceFor(code);
  if (references.length === 0) return `**Evidence:** no evidence file claims ${code} yet.`;
  const count = references.length === 1 ? '1 evidence file claims' : `${references.length} evidence files claim`;
  const lines = [`**Evidence:** ${count} ${code}`];
  for (const reference of firstByPath(references, MAX_LISTED_EVIDENCE)) {
    const title = reference.title ? ` ${escapeMarkdown(reference.title)}` : '';
    lines.push(`- [${escapeMarkdown(reference.relativePath)}](${linkTarget(context.linkTo(reference))})${title}`);
  }
  if (references.length > MAX_LISTED_EVIDENCE) lines.push(`- … and ${references.length - MAX_LISTED_EVIDENCE} more`);
  return lines.join('\n');
}

/**
 * The first `count` references in path order, without sorting them all: a code can have over a
 * thousand evidence files in a large portfolio, and sorting them took most of a hover's time.
 */
function firstByPath(references: readonly EvidenceReference[], count: number): EvidenceReference[] {
  const byPath = (a: EvidenceReference, b: EvidenceReference) => a.relativePath.localeCompare(b.relativePath);
  const first: EvidenceReference[] = [];
  for (const reference of references) {
    if (first.length === count && byPath(reference, first[count - 1]) >= 0) continue;
    let at = first.length;
    while (at > 0 && byPath(reference, first[at - 1]) < 0) at--;
    first.splice(at, 0, reference);
    if (first.length > count) first.pop();
  }
  return first;
}

function unknownCodeHover(written: string, context: HoverContext): string {
  const { standard, option } = context.portfolio;
  const canonical = canonicalCode(written);
  const lookup = canonical ?? written;
  const parts = [`**${written}** · not a code of ${standard.label}`];
  const nearMiss = canonical !== undefined && canonical !== written ? standard.ksb(canonical) : undefined;
  if (nearMiss) {
    parts.push(`${standard.label} has no ${written}: did you mean ${nearMiss.code}?`);
    parts.push(`**${nearMiss.code}** ${escapeMarkdown(nearMiss.text)}`);
    return parts.join('\n\n');
  }
  parts.push(`${standard.label} has no ${written} (it has ${standard.codeRanges(kindOfCode(lookup.toUpperCase()))}).`);
  const elsewhere = context.standards?.versionsWithCode(standard.reference, lookup).map((v) => `v${v.version}`) ?? [];
  if (elsewhere.length > 0) parts.push(`${lookup} exists in ${elsewhere.join(' and ')} of ${standard.reference}.`);
  // Suggest only codes that count for this portfolio's option.
  const nearest = nearestCodes(standard, lookup, standard.ksbs.length)
    .filter((ksb) => standard.appliesTo(ksb, option?.id))
    .slice(0, NEAREST_COUNT);
  if (nearest.length > 0) {
    parts.push(['Nearest codes:', ...nearest.map((ksb) => `- **${ksb.code}** ${escapeMarkdown(ksb.text)}`)].join('\n'));
  }
  return parts.join('\n\n');
}

/** A URI made safe as a Markdown link destination (no spaces or parentheses). */
function linkTarget(uri: string): string {
  return uri.replace(/[ ()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
