import { parseFrontMatter, type FrontMatter } from './frontMatter';
import { findLocalLinks, type LocalLink } from './links';
import { evidenceDigest } from '../base/digest';
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
  const contentDigest = signed > 0 && frontMatter ? evidenceDigest(frontMatter.claims, text.slice(frontMatter.bodyStart)) : undefined;
  return { frontMatter, links, findings, unreadable: false, ...(contentDigest ? { contentDigest } : {}) };
}

/** Analyses the start of a file too large to read whole: its front matter only, and says so. */
function analyzeStartOfText(start: string, fileSize: number): FileAnalysis {
  const frontMatter = parseFrontMatter(start, new LineIndex(start), { startOfFile: true });
  const findings: ReadFinding[] = [...(frontMatter?.findings ?? []), { kind: 'too-large-read-start', size: fileSize, range: FILE_START }];
  return { frontMatter, links: [], findings, unreadable: false };
}
