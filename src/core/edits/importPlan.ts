// `ksb import`: claims found in the forms apprentices map evidence in before they use front matter
// (codes tagged in the body, a mapping table, a CSV, file names starting with a code), planned per
// file with their justifications, and everything that could not be mapped said, never dropped.
import type { StandardVersion } from '../catalogue/catalogue';
import { canonicalCode } from '../model/codes';
import { analyzeText } from '../read/analysis';
import { findCodeMentions, isClaimingTag } from '../read/bodyCodes';
import { locateFrontMatter } from '../read/frontMatter';
import { basename, dirname, joinPath, normalizePath } from '../base/paths';
import { claimCodesEdit, type NewClaim } from './claimEdit';
import { applyTextEdit } from './configEdits';

/** A Markdown file of the portfolio, as the import reads it. */
export interface ImportFile {
  /** From the portfolio root, with `/` separators. */
  readonly path: string;
  readonly text: string;
  /** Whether tags and the file name may claim for it: an evidence file, not a review or the mapping table itself. */
  readonly evidence: boolean;
}

/** Where claims come from besides body tags and file names. */
export interface ImportSources {
  /** A Markdown file with a mapping table: its path from the root and its text. */
  readonly table?: { readonly path: string; readonly text: string };
  /** A CSV of KSB, file and justification: its path from the root and its rows, header first. */
  readonly csv?: { readonly path: string; readonly rows: readonly (readonly string[])[] };
}

/** Which form a planned claim came from. */
export type ImportSource = 'tag' | 'table' | 'csv' | 'file-name';

/** A claim the import would write. */
export interface PlannedClaim extends NewClaim {
  readonly source: ImportSource;
}

/** Something the import found and will not claim, and why. */
export interface NotMapped {
  /** Where it was found: `evidence/a.md:12`, `mapping.md:5`, `ksbs.csv row 4`. */
  readonly where: string;
  readonly reason: string;
}

/** One file's part of the plan. */
export interface PlannedFile {
  readonly path: string;
  /** Codes to add, in the order found, with their justifications. */
  readonly claims: readonly PlannedClaim[];
  /** Codes found for it that it claims already. */
  readonly alreadyClaimed: readonly string[];
  readonly notMapped: readonly NotMapped[];
}

/** The whole plan: files that gain claims or have something not mapped, and what belongs to no file. */
export interface ImportPlan {
  readonly files: readonly PlannedFile[];
  readonly notMapped: readonly NotMapped[];
}

/** The headers a mapping table or CSV may give its columns, matched in any case. */
const COLUMN_NAMES = {
  ksb: /\b(?:ksbs?|codes?|criteri(?:on|a))\b/i,
  evidence: /\b(?:evidence|links?|files?|paths?|artefacts?|artifacts?|documents?|titles?|pieces?|examples?)\b/i,
  how: /\b(?:how|justifications?|why|met|explanation|descriptions?|comments?|notes?|reasons?)\b/i,
} as const;

/** A file name that starts with codes: `K7-evidence.md`, `S3_K2 notes.md`. */
const CODES_IN_FILE_NAME = /^((?:[KSB]\d{1,3})(?:[-_ +,&]+[KSB]\d{1,3})*)(?=[-_ .])/i;

/** Plans the import of `files` against `standard`, from body tags, file names and the given sources. */
export function planImport(files: readonly ImportFile[], standard: StandardVersion, sources: ImportSources = {}): ImportPlan {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const found = new Map<string, { claims: Map<string, PlannedClaim>; notMapped: NotMapped[] }>();
  const global: NotMapped[] = [];
  const entry = (path: string) => found.get(path) ?? found.set(path, { claims: new Map(), notMapped: [] }).get(path)!;
  const known = (code: string, where: string, into: NotMapped[]): boolean => {
    if (standard.ksb(code)) return true;
    into.push({ where, reason: `${code} is not a code of ${standard.label} (${standard.codeRanges() || 'no KSBs'})` });
    return false;
  };
  const claim = (path: string, code: string, justification: string | undefined, source: ImportSource, where: string) => {
    const target = entry(path);
    if (!known(code, where, target.notMapped)) return;
    const before = target.claims.get(code);
    // The first justification found wins; the table's and the CSV's come before the tags'.
    if (!before) target.claims.set(code, { code, source, ...(justification ? { justification } : {}) });
    else if (before.justification === undefined && justification) target.claims.set(code, { ...before, justification });
  };
  /** A written path or link from `base`'s folder to a file of the portfolio, or what is wrong with it. */
  const resolve = (written: string, base: string, where: string, into: NotMapped[]): string | undefined => {
    const target = decodeLink(written);
    if (/^[a-z][\w+.-]*:/i.test(target)) {
      into.push({ where, reason: `${written} is a web address, not a file of the portfolio` });
      return undefined;
    }
    const candidates = [normalizePath(joinPath(dirname(base), target)), normalizePath(target.replace(/^\/+/, ''))];
    const path = candidates.find((candidate) => byPath.has(candidate));
    if (path) return path;
    if (!/\.(?:md|markdown)$/i.test(target))
      into.push({ where, reason: `${written} is not a Markdown file of the portfolio: claim it in the Markdown file that links it` });
    else into.push({ where, reason: `links to ${candidates[0]}, which does not exist` });
    return undefined;
  };

  if (sources.table) {
    const table = readMappingTable(sources.table.text);
    if (!table.ok) global.push({ where: sources.table.path, reason: table.reason });
    else
      for (const row of table.rows) {
        const where = `${sources.table.path}:${row.line}`;
        const codes = codesIn(row.ksb);
        if (codes.length === 0) {
          global.push({ where, reason: `expected KSB codes in the ${table.headers.ksb} column, found ${quote(row.ksb)}` });
          continue;
        }
        const links = [...row.evidence.matchAll(/\[[^\]]*\]\(\s*<?([^)>\s]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((link) => link[1]);
        const targets: string[] = [];
        if (links.length > 0) for (const link of links) targets.push(...optional(resolve(link, sources.table.path, where, global)));
        else {
          const title = plain(row.evidence);
          const path = title === '' ? undefined : findByTitle(files, title);
          if (path) targets.push(path);
          else global.push({ where, reason: title === '' ? `${codes.join(', ')}: no evidence in the row` : `no file titled ${quote(title)}` });
        }
        const how = row.how === undefined ? undefined : plain(row.how) || undefined;
        for (const path of targets) for (const code of codes) claim(path, code, how, 'table', where);
      }
  }

  if (sources.csv) {
    const [header = [], ...rows] = sources.csv.rows;
    const columns = csvColumns(header);
    if (!columns.ok) global.push({ where: sources.csv.path, reason: columns.reason });
    else
      rows.forEach((row, i) => {
        const where = `${sources.csv!.path} row ${i + 2}`;
        if (row.every((cell) => cell.trim() === '')) return;
        const codes = codesIn(row[columns.ksb] ?? '');
        const file = (row[columns.file] ?? '').trim();
        if (codes.length === 0 || file === '') {
          global.push({ where, reason: codes.length === 0 ? `expected KSB codes, found ${quote(row[columns.ksb] ?? '')}` : 'expected a file, found none' });
          return;
        }
        const path = resolve(file, sources.csv!.path, where, global);
        const justification = columns.how === undefined ? undefined : (row[columns.how] ?? '').trim() || undefined;
        if (path) for (const code of codes) claim(path, code, justification, 'csv', where);
      });
  }

  for (const file of files) {
    if (!file.evidence) continue;
    const mentions = findCodeMentions(file.text);
    const lineOf = lineCounter(file.text);
    for (const mention of mentions.filter(isClaimingTag)) claim(file.path, mention.code, mention.justification, 'tag', `${file.path}:${lineOf(mention.start)}`);
    const named = CODES_IN_FILE_NAME.exec(basename(file.path));
    if (named) for (const code of codesIn(named[1])) claim(file.path, code, undefined, 'file-name', file.path);
    const claimedHere = entry(file.path).claims;
    for (const mention of mentions)
      if (mention.denied && !claimedHere.has(mention.code))
        entry(file.path).notMapped.push({
          where: `${file.path}:${lineOf(mention.start)}`,
          reason: `${mention.code} is denied in ${quote(mention.sentence)}: not claimed`,
        });
  }

  const planned: PlannedFile[] = [];
  for (const [path, { claims, notMapped }] of found) {
    const file = byPath.get(path)!;
    const already = new Set(claimsOf(file.text).map((code) => canonicalCode(code) ?? code));
    const adding = [...claims.values()].filter((c) => !already.has(c.code));
    const alreadyClaimed = [...claims.values()].filter((c) => already.has(c.code)).map((c) => c.code);
    // A file whose front matter cannot take the claims (broken YAML) says so in the plan, not at --write.
    const applicable = adding.length === 0 ? { ok: true as const } : claimCodesEdit(file.text, adding);
    if (!applicable.ok) {
      notMapped.push({ where: path, reason: `${adding.map((c) => c.code).join(', ')} not claimed: ${applicable.reason}` });
      adding.length = 0;
    }
    if (adding.length > 0 || notMapped.length > 0 || alreadyClaimed.length > 0) planned.push({ path, claims: adding, alreadyClaimed, notMapped });
  }
  planned.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: planned, notMapped: global };
}

/** The claims the codes tagged in `text` make (each with its paragraph's first sentence), limited to `codes` when given: the "claim K7, S3 tagged in the text" quick fix. */
export function taggedClaims(text: string, codes?: readonly string[]): NewClaim[] {
  const claims = new Map<string, NewClaim>();
  for (const mention of findCodeMentions(text).filter(isClaimingTag)) {
    if ((codes && !codes.includes(mention.code)) || claims.has(mention.code)) continue;
    claims.set(mention.code, { code: mention.code, ...(mention.justification ? { justification: mention.justification } : {}) });
  }
  return [...claims.values()];
}

/** The new text of a planned file, or why it cannot be written; `undefined` text when nothing changes. */
export function applyPlannedFile(text: string, planned: Pick<PlannedFile, 'claims'>): { ok: true; text: string | undefined } | { ok: false; reason: string } {
  const result = claimCodesEdit(text, planned.claims);
  if (!result.ok) return result;
  return { ok: true, text: result.edit ? applyTextEdit(text, result.edit) : undefined };
}

/** The codes `text` claims now, as written. */
function claimsOf(text: string): string[] {
  return analyzeText(text).frontMatter?.claims.map((claim) => claim.code) ?? [];
}

/** Every code in a cell or name, canonical: `K7, s3` gives K7 and S3. */
function codesIn(text: string): string[] {
  const codes: string[] = [];
  for (const word of text.matchAll(/(?<![A-Za-z])[KSBksb]\s?0*\d{1,3}(?!\d)/g)) {
    const code = canonicalCode(word[0]);
    if (code && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 80 ? `${flat.slice(0, 79)}…` : flat}"`;
}

/** A cell's text without Markdown: link text kept, emphasis and code marks dropped. */
function plain(cell: string): string {
  return cell
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A link destination as a path: no anchor or query, percent-escapes decoded. */
function decodeLink(link: string): string {
  const path = link.replace(/[#?].*$/, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The file whose title, first heading or name (without `.md`) is `title`, in any case. */
function findByTitle(files: readonly ImportFile[], title: string): string | undefined {
  const wanted = title.toLowerCase();
  for (const file of files) {
    const located = locateFrontMatter(file.text);
    const front = located ? file.text.slice(located.contentStart, located.contentEnd) : '';
    const written = /^title:\s*["']?(.*?)["']?\s*$/m.exec(front)?.[1];
    const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(file.text.slice(located?.bodyStart ?? 0))?.[1];
    const name = basename(file.path).replace(/\.(?:md|markdown)$/i, '');
    if ([written, heading, name].some((candidate) => candidate !== undefined && plain(candidate).toLowerCase() === wanted)) return file.path;
  }
  return undefined;
}

/** 1-based line numbers of offsets in `text`. */
function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

interface MappingRow {
  readonly line: number;
  readonly ksb: string;
  readonly evidence: string;
  readonly how: string | undefined;
}

/** The first Markdown table of `text` with a KSB column and an evidence (link or title) column, row by row. */
function readMappingTable(text: string): { ok: true; headers: { ksb: string }; rows: MappingRow[] } | { ok: false; reason: string } {
  const lines = text.split(/\r\n|\r|\n/);
  const seen: string[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!/^\s*\|?.*\|/.test(lines[i]) || !/^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(lines[i + 1])) continue;
    const headers = cells(lines[i]);
    seen.push(headers.join(' | '));
    const ksb = headers.findIndex((h) => COLUMN_NAMES.ksb.test(h));
    const evidence = headers.findIndex((h, index) => index !== ksb && COLUMN_NAMES.evidence.test(h));
    if (ksb < 0 || evidence < 0) continue;
    const howIndex = headers.findIndex((h, index) => index !== ksb && index !== evidence && COLUMN_NAMES.how.test(h));
    const rows: MappingRow[] = [];
    for (let j = i + 2; j < lines.length && /\|/.test(lines[j]) && lines[j].trim() !== ''; j++) {
      const row = cells(lines[j]);
      rows.push({ line: j + 1, ksb: row[ksb] ?? '', evidence: row[evidence] ?? '', how: howIndex < 0 ? undefined : row[howIndex] });
    }
    return { ok: true, headers: { ksb: headers[ksb] }, rows };
  }
  return {
    ok: false,
    reason:
      seen.length === 0
        ? 'expected a Markdown table with a KSB column and a link or title column, found no table'
        : `expected a table with a KSB column and a link or title column, found headers ${seen.map((h) => `| ${h} |`).join(', ')}`,
  };
}

/** A table row's cells, trimmed; `\|` is a bar inside a cell, and bars inside inline code do not split. */
function cells(line: string): string[] {
  const result: string[] = [];
  let current = '';
  let inCode = false;
  const trimmed = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  for (let i = 0; i < trimmed.length; i++) {
    const char = trimmed[i];
    if (char === '\\' && trimmed[i + 1] === '|') {
      current += '|';
      i++;
    } else if (char === '`') {
      inCode = !inCode;
      current += char;
    } else if (char === '|' && !inCode) {
      result.push(current.trim());
      current = '';
    } else current += char;
  }
  result.push(current.trim());
  return result;
}

/** The columns of a CSV's header row, in any case, or what is missing. */
function csvColumns(header: readonly string[]): { ok: true; ksb: number; file: number; how: number | undefined } | { ok: false; reason: string } {
  const names = header.map((h) => h.replace(/^\ufeff/, '').trim());
  const ksb = names.findIndex((h) => COLUMN_NAMES.ksb.test(h));
  const file = names.findIndex((h, i) => i !== ksb && COLUMN_NAMES.evidence.test(h));
  const how = names.findIndex((h, i) => i !== ksb && i !== file && COLUMN_NAMES.how.test(h));
  if (ksb < 0 || file < 0)
    return { ok: false, reason: `expected columns KSB, file and (optional) justification, found ${names.map((n) => quote(n)).join(', ') || 'no header'}` };
  return { ok: true, ksb, file, how: how < 0 ? undefined : how };
}
