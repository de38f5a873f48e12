// The edit that claims codes in a file's front matter, for `ksb import --write` and the editor's
// "claim K7, S3 tagged in the text" quick fix. Claims already there are kept; the body is not touched.
import { isMap, isScalar, parseDocument } from 'yaml';
import { canonicalCode } from '../model/codes';
import { analyzeText } from '../read/analysis';
import { lineBreakOf, LineIndex, withYamlLineBreaks } from '../base/text';
import { applyTextEdit, type TextEdit } from './configEdits';

/** A code to claim, with the one-line justification to write beside it, if any. */
export interface NewClaim {
  readonly code: string;
  readonly justification?: string;
}

/** The edit and the codes it adds (none when all are claimed already), or why no edit can be made. */
export type ClaimEditResult =
  { readonly ok: true; readonly edit: TextEdit | undefined; readonly added: readonly string[] } | { readonly ok: false; readonly reason: string };

/**
 * Claims `wanted` in the front matter of `text`: a file without front matter gets it, front matter
 * without `ksbs:` gets the field last, and an existing `ksbs:` is rewritten with its claims (and
 * their justifications) first and the new ones after. Written as a list (`ksbs: [K1, K7]`) when no
 * claim has a justification, else as a map from code to justification. Codes claimed already
 * (`k7` counts as K7) are left alone, so applying the result twice changes nothing the second time.
 */
export function claimCodesEdit(text: string, wanted: readonly NewClaim[]): ClaimEditResult {
  const frontMatter = analyzeText(text).frontMatter;
  if (frontMatter && (!frontMatter.closed || !frontMatter.valid))
    return { ok: false, reason: 'Expected valid front matter to add the claims to, found YAML errors: fix them first' };
  const existing = frontMatter?.claims ?? [];
  const claimed = new Set(existing.map((claim) => canonicalCode(claim.code) ?? claim.code));
  const adding: NewClaim[] = [];
  for (const claim of wanted) {
    if (claimed.has(claim.code)) continue;
    claimed.add(claim.code);
    adding.push(claim);
  }
  if (adding.length === 0) return { ok: true, edit: undefined, added: [] };

  const eol = lineBreakOf(text);
  const lines = new LineIndex(text);
  const all: NewClaim[] = [...existing.map((claim) => ({ code: claim.code, justification: claim.justification })), ...adding];
  const field = renderKsbs(all, eol);
  let edit: TextEdit;
  if (!frontMatter) {
    const start = lines.positionAt(0);
    edit = { range: { start, end: start }, newText: `---${eol}${field}${eol}---${eol}${text.trim() === '' ? '' : eol}` };
  } else {
    const keyRange = ksbsFieldRange(text, frontMatter.contentStart, frontMatter.contentEnd);
    if (keyRange) {
      edit = { range: { start: lines.positionAt(keyRange.start), end: lines.positionAt(keyRange.end) }, newText: field };
    } else {
      const at = lines.positionAt(frontMatter.contentEnd);
      const before = frontMatter.contentEnd > frontMatter.contentStart && !/[\r\n]$/.test(text.slice(0, frontMatter.contentEnd)) ? eol : '';
      edit = { range: { start: at, end: at }, newText: `${before}${field}${eol}` };
    }
  }
  // The edit is read back: a claim it does not give is a bug to report, never a file to write.
  const after = analyzeText(applyTextEdit(text, edit)).frontMatter;
  const codes = new Set(after?.claims.map((claim) => claim.code));
  const missing = all.find((claim) => !codes.has(claim.code));
  if (!after?.valid || missing)
    return { ok: false, reason: `Expected the claims to read back after the edit, found ${missing?.code ?? 'YAML errors'} missing` };
  return { ok: true, edit, added: adding.map((claim) => claim.code) };
}

/** The `ksbs:` field as written for `claims`, without a final line break. */
function renderKsbs(claims: readonly NewClaim[], eol: string): string {
  if (claims.every((claim) => claim.justification === undefined)) return `ksbs: [${claims.map((claim) => claim.code).join(', ')}]`;
  const items = claims.map((claim) => `  ${claim.code}:${claim.justification === undefined ? '' : ` ${JSON.stringify(claim.justification)}`}`);
  return `ksbs:${eol}${items.join(eol)}`;
}

/** Offsets in `text` from the `ksbs` key to the end of its value, when the front matter has one at the top level. */
function ksbsFieldRange(text: string, contentStart: number, contentEnd: number): { start: number; end: number } | undefined {
  const document = parseDocument(withYamlLineBreaks(text.slice(contentStart, contentEnd)));
  if (!isMap(document.contents)) return undefined;
  const pair = document.contents.items.find((item) => isScalar(item.key) && item.key.value === 'ksbs');
  if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
  const value = pair.value as { range?: [number, number, number] } | null;
  const end = value?.range ? value.range[1] : pair.key.range[1] + text.slice(contentStart + pair.key.range[1]).indexOf(':') + 1;
  // A block value's end can take in the line break after it: the next line is not the field's.
  let valueEnd = contentStart + end;
  while (valueEnd > contentStart && /[\r\n \t]/.test(text[valueEnd - 1])) valueEnd--;
  return { start: contentStart + pair.key.range[0], end: valueEnd };
}
