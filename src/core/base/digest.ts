// The digest a sign-off stores, so that a sign-off goes stale when the evidence changes after it,
// without git. The canonical text ignores what editors and git change on their own (line endings,
// trailing spaces, claim order, code case) so that only an author's change makes it stale.
import { sha256Hex } from './sha256';

/** How many hex digits of the SHA-256 a sign-off keeps: short enough to read, long enough not to collide by chance. */
export const DIGEST_LENGTH = 12;

/** The first line of the canonical text: a new canonical form gets a new version, so old digests are not misread. */
const CANONICAL_HEADER = 'ksb-signoff/1\n';

/** One claim as a canonical line: the code trimmed and upper-cased, the justification's whitespace collapsed. */
function claimLine(claim: { code: string; justification?: string }): string {
  const justification = (claim.justification ?? '').replace(/\s+/g, ' ').trim();
  return `${claim.code.trim().toUpperCase()}\t${justification}`;
}

/** The body without what editors add or drop unasked: a BOM, CR line ends, trailing blanks, blank lines at either end. */
function canonicalBody(body: string): string {
  const lines = body
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''));
  let first = 0;
  while (first < lines.length && lines[first] === '') first++;
  let last = lines.length;
  while (last > first && lines[last - 1] === '') last--;
  return lines.slice(first, last).join('\n');
}

/** The canonical text a digest hashes; exported for tests and for explaining a digest. */
export function evidenceDigestText(claims: readonly { code: string; justification?: string }[], body: string): string {
  const lines = [...new Set(claims.map(claimLine))].sort();
  return `${CANONICAL_HEADER}${lines.join('\n')}\n---\n${canonicalBody(body)}`;
}

/** The short digest of an evidence file's claims and body that a sign-off stores (first 12 hex digits of its SHA-256). */
export function evidenceDigest(claims: readonly { code: string; justification?: string }[], body: string): string {
  return sha256Hex(new TextEncoder().encode(evidenceDigestText(claims, body))).slice(0, DIGEST_LENGTH);
}
