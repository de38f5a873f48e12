import { parseFrontMatter, type FrontMatter } from './frontMatter';
import { findLocalLinks, type LocalLink } from './links';
import { proseWordCount } from './proseWords';
import { evidenceDigest, evidenceFieldsHash, type DigestFields } from '../base/digest';
import { trimPartialCharacter } from '../base/fileLimits';
import { summarizeCodeMentions, type CodeTag } from './bodyCodes';
import type { ReadFinding } from './findings';
import { DEFAULT_PLACEHOLDERS, findPlaceholders, placeholderPattern, type PlaceholderFound } from './placeholders';
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
  /** Codes tagged in the body (`[K7, S3]`, a `KSBs:` line), for `evidence.tagged-not-claimed`; none when the body was not read. */
  readonly codeTags?: readonly CodeTag[];
  /** Whether the body reads as referencing KSB codes anywhere (tagged, listed, in inline code), for `portfolio.no-evidence`. */
  readonly mentionsCodes?: boolean;
  /** The digest of the claims and body (see base/digest.ts), when the file has sign-offs to hold it to. */
  readonly contentDigest?: string;
  /** The hash of what a version-2 digest covers but the linked files (evidenceFieldsHash), when the file has sign-offs. */
  readonly fieldsHash?: string;
  /** The local files the body links that a version-2 digest covers: targets as written, Markdown and folders left out. */
  readonly attachmentTargets?: readonly string[];
  /** Prose words in the body (see read/proseWords.ts); absent when the file was not read whole or is not text. */
  readonly proseWords?: number;
  /** Placeholders left in the body (`TODO`, `[EVIDENCE NEEDED]`), for `evidence.placeholder`. */
  readonly placeholders?: readonly PlaceholderFound[];
}

/** The fields a version-2 digest covers of a file's front matter and body. */
export function digestFieldsOf(frontMatter: FrontMatter, body: string): DigestFields {
  const lifecycle = frontMatter.lifecycle;
  return {
    claims: frontMatter.claims,
    body,
    date: frontMatter.date,
    type: lifecycle?.type,
    otj: (lifecycle?.otj ?? []).map(({ date, to, hours, activity }) => ({ date, ...(to ? { to } : {}), hours, activity })),
    meets: (lifecycle?.meets ?? []).map((item) => item.name),
  };
}

/** The link targets of `links` that a version-2 digest covers the bytes of: local files other than Markdown, once each. */
export function attachmentTargetsOf(links: readonly LocalLink[]): string[] {
  return [...new Set(links.map((link) => link.target).filter((target) => target !== '' && !target.endsWith('/') && !/\.(md|markdown)$/i.test(target)))];
}

/** How to analyse a file: the placeholders to look for (from `placeholders:` in portfolio.yaml). */
export interface AnalysisOptions {
  /** The pattern of placeholders (placeholderPattern); `undefined` looks for none. Absent: the defaults. */
  readonly placeholders?: RegExp | undefined;
}

/** The default placeholders' pattern, compiled once. */
const DEFAULT_PLACEHOLDER_PATTERN = placeholderPattern(DEFAULT_PLACEHOLDERS);

/**
 * Analyses a file's bytes: decoding problems are a `file-undecodable` finding. `fileSize`
 * larger than the bytes given says they are only the start of the file (see MARKDOWN_READ_LIMIT).
 */
export function analyzeBytes(bytes: Uint8Array, fileSize = bytes.length, options: AnalysisOptions = {}): FileAnalysis {
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
  return partial ? analyzeStartOfText(decoded.text, fileSize) : analyzeText(decoded.text, options);
}

/** Analyses a Markdown text: its front matter, claims and local links. */
export function analyzeText(text: string, options: AnalysisOptions = {}): FileAnalysis {
  const lines = new LineIndex(text);
  const frontMatter = parseFrontMatter(text, lines);
  const findings: ReadFinding[] = [...(frontMatter?.findings ?? [])];
  let links: LocalLink[] = [];
  let placeholders: PlaceholderFound[] = [];
  if (text.length > MAX_LINK_SCAN_LENGTH) {
    findings.push({ kind: 'too-large-for-links', size: text.length, range: FILE_START });
  } else {
    links = findLocalLinks(text, lines, frontMatter?.bodyStart ?? 0);
    const pattern = 'placeholders' in options ? options.placeholders : DEFAULT_PLACEHOLDER_PATTERN;
    placeholders = findPlaceholders(text, lines, frontMatter?.bodyStart ?? 0, pattern);
  }
  // Hashing every body would cost a cold load dearly; only sign-offs need the digest.
  const signed = frontMatter?.lifecycle?.signoffs.length ?? 0;
  const body = signed > 0 && frontMatter ? text.slice(frontMatter.bodyStart) : undefined;
  // Only files with front matter can be evidence; counting the others' words would be wasted.
  const proseWords = frontMatter ? proseWordCount(text) : undefined;
  const mentions = text.length > MAX_LINK_SCAN_LENGTH ? undefined : summarizeCodeMentions(text, lines);
  return {
    frontMatter,
    links,
    findings,
    unreadable: false,
    ...(frontMatter && body !== undefined
      ? {
          contentDigest: evidenceDigest(frontMatter.claims, body),
          fieldsHash: evidenceFieldsHash(digestFieldsOf(frontMatter, body)),
          attachmentTargets: attachmentTargetsOf(links),
        }
      : {}),
    ...(proseWords !== undefined ? { proseWords } : {}),
    ...(placeholders.length > 0 ? { placeholders } : {}),
    ...(mentions && mentions.codeTags.length > 0 ? { codeTags: mentions.codeTags } : {}),
    ...(mentions?.mentionsCodes ? { mentionsCodes: true } : {}),
  };
}

/** Analyses the start of a file too large to read whole: its front matter only, and says so. */
function analyzeStartOfText(start: string, fileSize: number): FileAnalysis {
  const frontMatter = parseFrontMatter(start, new LineIndex(start), { startOfFile: true });
  const findings: ReadFinding[] = [...(frontMatter?.findings ?? []), { kind: 'too-large-read-start', size: fileSize, range: FILE_START }];
  return { frontMatter, links: [], findings, unreadable: false };
}
