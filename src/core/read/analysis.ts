import { parseFrontMatter, type FrontMatter } from './frontMatter';
import { findLocalLinks, type LocalLink } from './links';
import { evidenceDigest, evidenceFieldsHash, type DigestFields } from '../base/digest';
import { trimPartialCharacter } from '../base/fileLimits';
import type { ReadFinding } from './findings';
import { FILE_START, decodeText, LineIndex } from '../base/text';

/** Bodies longer than this (in characters) are not scanned for links, and the user is told so. */
export const MAX_LINK_SCAN_LENGTH = 1_000_000;

/** What one Markdown file says, independent of any config: cached per file version. */
export interface FileAnalysis {
  readonly frontMatter: FrontMatter | undefined;
  readonly links: readonly LocalLink[];
  /** Problems found in the file itself (YAML, field shapes, unreadable content), for the rules to report. */
  readonly findings: readonly ReadFinding[];
  /** True when the bytes could not be read as text. */
  readonly unreadable: boolean;
  /** The digest of the claims and body (see base/digest.ts), when the file has sign-offs to hold it to. */
  readonly contentDigest?: string;
  /** The hash of what a version-2 digest covers but the linked files (evidenceFieldsHash), when the file has sign-offs. */
  readonly fieldsHash?: string;
  /** The local files the body links that a version-2 digest covers: targets as written, Markdown and folders left out. */
  readonly attachmentTargets?: readonly string[];
}

/** The fields a version-2 digest covers of a file's front matter and body. */
export function digestFieldsOf(frontMatter: FrontMatter, body: string): DigestFields {
  const lifecycle = frontMatter.lifecycle;
  return {
    claims: frontMatter.claims,
    body,
    date: frontMatter.date,
    type: lifecycle?.type,
    otj: (lifecycle?.otj ?? []).map(({ date, hours, activity }) => ({ date, hours, activity })),
    meets: (lifecycle?.meets ?? []).map((item) => item.name),
  };
}

/** The link targets of `links` that a version-2 digest covers the bytes of: local files other than Markdown, once each. */
export function attachmentTargetsOf(links: readonly LocalLink[]): string[] {
  return [...new Set(links.map((link) => link.target).filter((target) => target !== '' && !target.endsWith('/') && !/\.(md|markdown)$/i.test(target)))];
}

/**
 * Analyses a file's bytes: decoding problems are a `file-undecodable` finding. `fileSize`
 * larger than the bytes given says they are only the start of the file (see MARKDOWN_READ_LIMIT).
 */
export function analyzeBytes(bytes: Uint8Array, fileSize = bytes.length): FileAnalysis {
  const partial = fileSize > bytes.length;
  const decoded = decodeText(partial ? trimPartialCharacter(bytes) : bytes);
  if (!decoded.ok) {
    return {
      frontMatter: undefined,
      links: [],
      unreadable: true,
      findings: [{ kind: 'file-undecodable', reason: decoded.reason, range: FILE_START }],
    };
  }
  return partial ? analyzeStartOfText(decoded.text, fileSize) : analyzeText(decoded.text);
}

/** Analyses a Markdown text: its front matter, claims and local links. */
export function analyzeText(text: string): FileAnalysis {
  const lines = new LineIndex(text);
  const frontMatter = parseFrontMatter(text, lines);
  const findings: ReadFinding[] = [...(frontMatter?.findings ?? [])];
  let links: LocalLink[] = [];
  if (text.length > MAX_LINK_SCAN_LENGTH) {
    findings.push({ kind: 'too-large-for-links', size: text.length, range: FILE_START });
  } else {
    links = findLocalLinks(text, lines, frontMatter?.bodyStart ?? 0);
  }
  // Hashing every body would cost a cold load dearly; only sign-offs need the digest.
  const signed = frontMatter?.lifecycle?.signoffs.length ?? 0;
  if (signed === 0 || !frontMatter) return { frontMatter, links, findings, unreadable: false };
  const body = text.slice(frontMatter.bodyStart);
  return {
    frontMatter,
    links,
    findings,
    unreadable: false,
    contentDigest: evidenceDigest(frontMatter.claims, body),
    fieldsHash: evidenceFieldsHash(digestFieldsOf(frontMatter, body)),
    attachmentTargets: attachmentTargetsOf(links),
  };
}

/** Analyses the start of a file too large to read whole: its front matter only, and says so. */
function analyzeStartOfText(start: string, fileSize: number): FileAnalysis {
  const frontMatter = parseFrontMatter(start, new LineIndex(start), { startOfFile: true });
  const findings: ReadFinding[] = [...(frontMatter?.findings ?? []), { kind: 'too-large-read-start', size: fileSize, range: FILE_START }];
  return { frontMatter, links: [], findings, unreadable: false };
}
