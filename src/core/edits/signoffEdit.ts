// The edits that sign a file off, for `ksb signoff`, the editor's "Sign Off Evidence" and the
// "Sign off again" quick fix. Each touches the `signoff:` field only: comments, quoting and the
// rest of the file stay as written.
import { analyzeText, attachmentTargetsOf, digestFieldsOf } from '../read/analysis';
import { applyTextEdit, type TextEdit } from './configEdits';
import { YAML_SYNTAX_KINDS } from '../read/findings';
import type { FrontMatter } from '../read/frontMatter';
import { lineBreakOf, LineIndex, type Range } from '../base/text';
import { isIsoDay } from '../base/dates';
import { DIGEST_PATTERN, digestVersion, evidenceDigest, evidenceDigestV2, evidenceFieldsHash } from '../base/digest';
import { isSignoffRole, SIGNOFF_ROLES, type SignoffRole } from '../model/lifecycleTerms';

/** Who signs, as what, on which day. */
export interface SignoffRequest {
  readonly by: string;
  readonly role: SignoffRole;
  /** `YYYY-MM-DD`, today in the signer's time zone. */
  readonly date: string;
  /**
   * The version-2 digest of the file, its linked files read (`PortfolioIndex.signoffDigestOf`);
   * without it, one is made from the text alone, as if it linked no file.
   */
  readonly digest?: string;
}

/** An edit and what it did, or why none can be made. */
export type SignoffEditResult =
  { readonly ok: true; readonly edit: TextEdit; readonly digest: string; readonly replaced: boolean } | { readonly ok: false; readonly reason: string };

/**
 * The digest of `version` a sign-off of `text` would hold now, or why the file cannot be signed.
 * Version 2 from the text alone counts its linked files as missing: `PortfolioIndex.signoffDigestOf` reads them.
 */
export function currentDigest(text: string, version: 1 | 2 = 2): { ok: true; digest: string } | { ok: false; reason: string } {
  const read = readForSignoff(text, undefined);
  if (!read.ok) return read;
  return { ok: true, digest: version === 2 ? read.digest : evidenceDigest(read.frontMatter.claims, text.slice(read.frontMatter.bodyStart)) };
}

/** The front matter of `text` and the digest a sign-off would hold (`given`, or one from the text alone), read once for every edit here. */
function readForSignoff(text: string, given: string | undefined): { ok: true; frontMatter: FrontMatter; digest: string } | { ok: false; reason: string } {
  const analysis = analyzeText(text);
  const frontMatter = analysis.frontMatter;
  if (!frontMatter) return { ok: false, reason: 'Expected front matter (between `---` lines) to hold the sign-off, found none' };
  if (!frontMatter.valid || !frontMatter.closed) return { ok: false, reason: 'Expected valid front matter to sign off, found YAML errors: fix them first' };
  if (given !== undefined && !(DIGEST_PATTERN.test(given) && digestVersion(given) === 2))
    return { ok: false, reason: `Expected a version-2 digest, found \`${given}\`` };
  const body = text.slice(frontMatter.bodyStart);
  const links = new Map(attachmentTargetsOf(analysis.links).map((target) => [target, undefined]));
  return { ok: true, frontMatter, digest: given ?? evidenceDigestV2(evidenceFieldsHash(digestFieldsOf(frontMatter, body)), links) };
}

/**
 * Adds a sign-off by `request.by` as `request.role`, or renews theirs (same name and role) with
 * today's date and digest. The new item follows the last one of a block list; a missing or empty
 * `signoff:` becomes a block list; a flow list is rewritten as one when every item is well formed.
 */
export function signoffEdit(text: string, request: SignoffRequest): SignoffEditResult {
  const problem = checkRequest(request);
  if (problem) return { ok: false, reason: problem };
  const digested = readForSignoff(text, request.digest);
  if (!digested.ok) return digested;
  const { frontMatter } = digested;
  const lifecycle = frontMatter.lifecycle;
  const lines = new LineIndex(text);
  const eol = lineBreakOf(text);
  const entry = { by: request.by.trim(), role: request.role, date: request.date, digest: digested.digest };

  const existing = lifecycle?.signoffs.find((s) => s.role === request.role && s.by?.toLowerCase() === request.by.trim().toLowerCase());
  const before = lifecycle?.signoffs.length ?? 0;
  if (existing) {
    const renewed = renewEdit(text, lines, existing.dateRange, existing.digestRange, request.date, digested.digest);
    return renewed ? verified(text, frontMatter, renewed, digested.digest, true, before) : cannotRenew();
  }
  const added = (edit: TextEdit) => verified(text, frontMatter, edit, digested.digest, false, before + 1);
  const value = lifecycle?.signoffValue;
  if (!value || !lifecycle?.signoffKeyRange) {
    // A new field, last in the front matter, before the closing fence.
    const at = lines.positionAt(frontMatter.contentEnd);
    const before = frontMatter.contentEnd > frontMatter.contentStart && !/[\r\n]$/.test(text.slice(0, frontMatter.contentEnd)) ? eol : '';
    return added({ range: { start: at, end: at }, newText: `${before}signoff:${eol}${item(entry, '  ', eol)}${eol}` });
  }
  // No value at all: the reader gives the key's range, or an empty one where a comment starts.
  const noValue =
    lines.offsetAt(value.range.start) === lines.offsetAt(lifecycle.signoffKeyRange.start) ||
    lines.offsetAt(value.range.start) === lines.offsetAt(value.range.end);
  if (value.style === 'empty' && value.items === 0 && noValue) {
    // `signoff:` with no value, maybe a comment after it: the items go on the lines below, the comment stays.
    const next = { line: lifecycle.signoffKeyRange.start.line + 1, character: 0 };
    return added({ range: { start: next, end: next }, newText: `${item(entry, '  ', eol)}${eol}` });
  }
  if (value.style === 'empty') {
    return added({ range: { start: lifecycle.signoffKeyRange.start, end: value.range.end }, newText: `signoff:${eol}${item(entry, '  ', eol)}` });
  }
  if (value.style === 'block') {
    // The list's own dash column: its first item's map may start on the line below the dash.
    const indent = ' '.repeat(value.range.start.character);
    return added({ range: { start: value.range.end, end: value.range.end }, newText: `${eol}${item(entry, indent, eol)}` });
  }
  if (value.style === 'flow' && value.items === lifecycle.signoffs.length && lifecycle.signoffs.every((s) => s.complete)) {
    const entries = [...lifecycle.signoffs.map((s) => ({ by: s.by!, role: s.role!, date: s.date!, digest: s.digest! })), entry];
    return added({
      range: { start: lifecycle.signoffKeyRange.start, end: value.range.end },
      newText: `signoff:${eol}${entries.map((e) => item(e, '  ', eol)).join(eol)}`,
    });
  }
  return { ok: false, reason: NOT_A_LIST };
}

const NOT_A_LIST = 'Expected `signoff:` to be a list of well-formed sign-offs to add to, found something else: fix the `signoff.invalid` problems first';

/**
 * The edit, once the file it makes is read back: valid front matter, the same claims, and the
 * sign-offs there were (plus the new one). Anything else is refused rather than written.
 */
function verified(text: string, before: FrontMatter, edit: TextEdit, digest: string, replaced: boolean, expected: number): SignoffEditResult {
  const after = analyzeText(applyTextEdit(text, edit)).frontMatter;
  const same = (a: readonly { code: string }[], b: readonly { code: string }[]) => a.length === b.length && a.every((claim, i) => claim.code === b[i].code);
  const signoffs = after?.lifecycle?.signoffs ?? [];
  const ok =
    after?.valid === true &&
    same(after.claims, before.claims) &&
    signoffs.length === expected &&
    signoffs.filter((s) => s.complete).length >= (before.lifecycle?.signoffs.filter((s) => s.complete).length ?? 0) + (replaced ? 0 : 1) &&
    after.findings.every((finding) => !YAML_SYNTAX_KINDS.has(finding.kind));
  return ok ? { ok: true, edit, digest, replaced } : { ok: false, reason: `${NOT_A_LIST} (or write the sign-off as a block list by hand)` };
}

/** Renews sign-off `index` of the file with `date` and the digest of the file now (`digest`, as SignoffRequest's), "Sign off again". */
export function signoffAgainEdit(text: string, index: number, date: string, digest?: string): SignoffEditResult {
  if (!isIsoDay(date)) return { ok: false, reason: `Expected a date such as 2026-03-14, found ${date}` };
  const digested = readForSignoff(text, digest);
  if (!digested.ok) return digested;
  const signoffs = digested.frontMatter.lifecycle?.signoffs ?? [];
  const signoff = signoffs.find((s) => s.index === index);
  if (!signoff) return { ok: false, reason: `Expected sign-off ${index + 1} in the file, found none: it changed since` };
  const renewed = renewEdit(text, new LineIndex(text), signoff.dateRange, signoff.digestRange, date, digested.digest);
  return renewed ? verified(text, digested.frontMatter, renewed, digested.digest, true, signoffs.length) : cannotRenew();
}

function cannotRenew(): SignoffEditResult {
  return { ok: false, reason: 'Expected the sign-off to have a `date` and a `digest` to renew, found one missing: fix it by hand first' };
}

/**
 * One edit replacing the date and the digest of a sign-off, and everything between them as written
 * (they are usually on neighbouring lines, in either order).
 */
function renewEdit(
  text: string,
  lines: LineIndex,
  dateRange: Range | undefined,
  digestRange: Range | undefined,
  date: string,
  digest: string,
): TextEdit | undefined {
  if (!dateRange || !digestRange) return undefined;
  const offsets = (range: Range) => [lines.offsetAt(range.start), lines.offsetAt(range.end)] as const;
  const [dateStart, dateEnd] = offsets(dateRange);
  const [digestStart, digestEnd] = offsets(digestRange);
  const dateFirst = dateStart < digestStart;
  const [first, firstEnd, second, secondEnd] = dateFirst ? [dateStart, dateEnd, digestStart, digestEnd] : [digestStart, digestEnd, dateStart, dateEnd];
  const between = text.slice(firstEnd, second);
  const newText = dateFirst ? `${date}${between}${quoted(digest)}` : `${quoted(digest)}${between}${date}`;
  return { range: lines.rangeAt(first, secondEnd), newText };
}

/** One sign-off as a block-list item, its dash at `indent`. */
function item(entry: { by: string; role: string; date: string; digest: string }, indent: string, eol: string): string {
  const inner = `${indent}  `;
  return [
    `${indent}- by: ${plainOrQuoted(entry.by)}`,
    `${inner}role: ${entry.role}`,
    `${inner}date: ${entry.date}`,
    `${inner}digest: ${quoted(entry.digest)}`,
  ].join(eol);
}

/** A digest is always quoted: `012345678901` would otherwise be read as a number. */
function quoted(value: string): string {
  return JSON.stringify(value);
}

/** A name YAML reads back as itself unquoted stays so; anything else is double-quoted. */
function plainOrQuoted(value: string): string {
  return /^[A-Za-z][A-Za-z .'-]*[A-Za-z.]$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value) ? value : JSON.stringify(value);
}

function checkRequest(request: SignoffRequest): string | undefined {
  if (request.by.trim() === '') return 'Expected the name of who signs off, found none';
  // One line only: a line break in a name would add fields to the front matter.
  if (/[\r\n\u2028\u2029\u0085]/.test(request.by)) return 'Expected a name on one line, found a line break in it';
  if (!isSignoffRole(request.role)) return `Expected a role of ${SIGNOFF_ROLES.join(', ')}, found ${request.role}`;
  if (!isIsoDay(request.date)) return `Expected a date such as 2026-03-14, found ${request.date}`;
  return undefined;
}
