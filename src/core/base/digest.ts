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

/** What a version-2 digest writes before its hex digits: a digest says the version it was made with. */
export const DIGEST_V2_PREFIX = 'v2:';

/** A digest as `ksb signoff` writes one: 12 hex digits (version 1: claims and body), or `v2:` and 12 hex digits. */
export const DIGEST_PATTERN = new RegExp(`^(?:${DIGEST_V2_PREFIX})?[0-9a-f]{${DIGEST_LENGTH}}$`);

/** The version a digest was made with: 1 (claims and body) or 2 (also date, hours, requirements, type and linked files). */
export function digestVersion(digest: string): 1 | 2 {
  return digest.startsWith(DIGEST_V2_PREFIX) ? 2 : 1;
}

/** The fields of an evidence file a version-2 digest covers besides its claims and body. */
export interface DigestFields {
  readonly claims: readonly { code: string; justification?: string }[];
  readonly body: string;
  /** `date:` as written (a day, or a day and time). */
  readonly date: string | undefined;
  readonly type: string | undefined;
  /** Off-the-job entries: a day (or a period from `date` to `to`), hours and activity. */
  readonly otj: readonly { readonly date: string | undefined; readonly to?: string; readonly hours: number; readonly activity: string | undefined }[];
  readonly meets: readonly string[];
}

/** Attachments at or over this size are digested by their size alone: hashing them would cost a load dearly. */
export const ATTACHMENT_HASH_LIMIT = 64 * 1024 * 1024;

/** The digest of one linked file's bytes for a version-2 digest: its SHA-256, or its size past ATTACHMENT_HASH_LIMIT (`bytes` then holds only its start). */
export function attachmentDigest(bytes: Uint8Array, size: number): string {
  return size >= ATTACHMENT_HASH_LIMIT ? `size:${size}` : sha256Hex(bytes);
}

/**
 * The canonical text of what a version-2 digest covers, but the linked files, hashed: the analysis
 * of a file keeps only this, and the index adds the linked files' bytes (evidenceDigestV2).
 */
export function evidenceFieldsHash(fields: DigestFields): string {
  const oneLine = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  // A period's last day follows its first (`2026-01-05..2026-01-09`); a day alone is written as before periods existed.
  const otj = fields.otj.map((entry) => `otj\t${entry.date ?? ''}${entry.to ? `..${entry.to}` : ''}\t${entry.hours}\t${oneLine(entry.activity)}`).sort();
  const text = [
    'ksb-signoff/2',
    `type\t${oneLine(fields.type)}`,
    `date\t${oneLine(fields.date)}`,
    `meets\t${[...new Set(fields.meets.map(oneLine))].sort().join(',')}`,
    ...otj,
    ...[...new Set(fields.claims.map(claimLine))].sort(),
    '---',
    canonicalBody(fields.body),
  ].join('\n');
  return sha256Hex(new TextEncoder().encode(text));
}

/**
 * A version-2 digest: the fields' hash (evidenceFieldsHash) and each linked file's target as
 * written with the digest of its bytes (`undefined`: no file there), in target order.
 */
export function evidenceDigestV2(fieldsHash: string, attachments: ReadonlyMap<string, string | undefined>): string {
  const lines = [...attachments.entries()].map(([target, digest]) => `${target}\t${digest ?? 'missing'}`).sort();
  const text = ['ksb-signoff/2', fieldsHash, ...lines].join('\n');
  return `${DIGEST_V2_PREFIX}${sha256Hex(new TextEncoder().encode(text)).slice(0, DIGEST_LENGTH)}`;
}

/** The short digest of an evidence file's claims and body that a sign-off stores (first 12 hex digits of its SHA-256). */
export function evidenceDigest(claims: readonly { code: string; justification?: string }[], body: string): string {
  return sha256Hex(new TextEncoder().encode(evidenceDigestText(claims, body))).slice(0, DIGEST_LENGTH);
}
