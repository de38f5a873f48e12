// Completion in evidence front matter: KSB codes in the `ksbs` value (list or map, flow or block),
// field names at the start of a top-level line, today's date after `date:`, and the values of the
// apprenticeship's fields: `type: progress-review`, a sign-off's `role:`, the `meets:` items that
// `gateway.requires` lists. Outside the evidence globs (hours logs, progress reviews) only the
// fields and values that are not about KSBs.
//
// Runs on every keystroke, so it reads the document line by line and stops at the closing fence:
// a long body is never read, and the YAML is never parsed. A light scan of the front matter lines
// (brackets, quotes, comments, indentation) is enough to know where the cursor is, and it keeps
// working while the YAML is half typed and invalid.
import type { Ksb, StandardVersion } from '../catalogue/catalogue';
import { CODE_PREFIX, kindTitle } from '../model/codes';
import type { Portfolio } from '../read/config';
import { CLOSING_FENCE_LINE, OPENING_FENCE_LINE } from '../read/frontMatter';
import { FRONT_MATTER_FIELDS, KNOWN_FRONT_MATTER_FIELDS } from '../read/frontMatterSchema';
import { describeKsb } from '../coverage/ksbLabels';
import { PROGRESS_REVIEW_TYPE, SIGNOFF_ROLES } from '../model/lifecycleTerms';
import type { Position, Range } from '../base/text';
import { today as localToday } from '../base/wording';

/** The lines of an open document, read on demand so a long body is never copied (`vscode.TextDocument` fits). */
export interface DocumentLines {
  readonly lineCount: number;
  lineAt(line: number): { readonly text: string };
}

/** What a completion item stands for; the adapter picks an icon from it. */
export type KsbCompletionKind = 'code' | 'field' | 'value';

/** One suggestion, in core terms. */
export interface KsbCompletionItem {
  readonly label: string;
  readonly kind: KsbCompletionKind;
  /** `Knowledge · Core`, for a code. */
  readonly detail?: string;
  /** Markdown: a code's full text and duties. */
  readonly documentation?: string;
  /** The text to insert; a snippet (`$1`, `${1:...}`) when `snippet` is true. */
  readonly insertText: string;
  readonly snippet?: boolean;
  /** What the editor matches the typed text against: the code, then the KSB text. */
  readonly filterText?: string;
  readonly sortText: string;
  /** The typed prefix up to the cursor: what the item replaces when inserted. */
  readonly range: Range;
  /** The prefix and the rest of the word after the cursor: what the item replaces in replace mode. */
  readonly replaceRange: Range;
  /** Whether to open suggestions again after inserting (inside a new `ksbs: []`). */
  readonly retrigger?: boolean;
  /** What the editor does after inserting: `sign-off` runs its Sign Off Evidence command on the file. */
  readonly action?: 'sign-off';
}

/** The suggestions at one position. */
export interface KsbCompletionList {
  readonly items: readonly KsbCompletionItem[];
  /** True when codes were narrowed by the typed text, so the editor must ask again as it changes. */
  readonly isIncomplete: boolean;
}

/** What completion needs to know about the file and its portfolio. */
export interface CompletionContext {
  readonly portfolio: Portfolio;
  /** The file's path relative to the portfolio root: only files that can be evidence get completion. */
  readonly relativePath: string;
  /** Today as `YYYY-MM-DD`, offered after `date:`; defaults to the local date. */
  readonly today?: string;
}

/** A key at the start of a line: `title:`, `"ksbs":`. */
const TOP_LEVEL_KEY = /^(["']?)([^\s#'"\-:][^:]*?)\1[ \t]*:(?=[ \t]|$)/;
/** A front matter line that starts a new top-level entry (not indented, not a comment, not a `- ` item). */
const TOP_LEVEL_LINE = /^[^\s#-]/;
/** What can be typed where a code goes: a code or words of a KSB's text. */
const TOKEN = `[^"'#:,\\[\\]{}]*`;
const INLINE_VALUE = new RegExp(`^([ \\t]*)(${TOKEN})$`);
const FLOW_TOKEN = new RegExp(`^${TOKEN}$`);
const BLOCK_LIST_ITEM = new RegExp(`^[ \\t]*-[ \\t]+["']?(${TOKEN})$`);
const BLOCK_BARE = new RegExp(`^([ \\t]*)["']?(${TOKEN})$`);
/** Lines read past the cursor at most, so a front matter that is never closed cannot cost a whole file. */
const MAX_LINES_AFTER_CURSOR = 2000;

/**
 * The suggestions at `position`, or `undefined` outside the front matter, in a file that cannot be
 * evidence, or where nothing fits (a justification, a comment, a title).
 */
export function provideCompletions(document: DocumentLines, position: Position, context: CompletionContext): KsbCompletionList | undefined {
  // A log or a review need not match the globs; codes and `meets:` are for evidence only.
  const evidence = context.portfolio.matchesEvidenceGlobs?.(context.relativePath) !== false;
  const lines = frontMatterLines(document, position.line);
  if (!lines) return undefined;
  const line = position.line;
  const text = lines[line];
  const character = Math.min(position.character, text.length);
  const cursor = { line, character, prefix: text.slice(0, character), rest: text.slice(character) };

  const ksbs = evidence ? findKsbsKey(lines) : undefined;
  if (ksbs) {
    const regionEnd = ksbsRegionEnd(lines, ksbs.line);
    const flowStart = firstSignificant(lines, ksbs.line, ksbs.valueStart, regionEnd);
    if (flowStart && (flowStart.char === '[' || flowStart.char === '{')) {
      const scan = scanFlow(lines, flowStart, regionEnd, cursor);
      if (scan.atCursor) return flowCompletions(scan, flowStart.char === '{', cursor, context);
    } else if (line === ksbs.line && character >= ksbs.valueStart) {
      return inlineValueCompletions(lines, ksbs.line, regionEnd, ksbs.valueStart, cursor, context);
    } else if (line > ksbs.line && line <= regionEnd) {
      return blockCompletions(lines, ksbs.line, regionEnd, cursor, context);
    }
  }
  return lifecycleValueCompletions(lines, cursor, context, evidence) ?? topLevelCompletions(lines, cursor, context, undefined, evidence);
}

interface Cursor {
  readonly line: number;
  readonly character: number;
  /** The line's text before the cursor. */
  readonly prefix: string;
  /** The line's text after the cursor. */
  readonly rest: string;
}

/**
 * The front matter's lines by document line number (line 0, the opening fence, is left empty),
 * or `undefined` when `cursorLine` is not between the fences.
 */
function frontMatterLines(document: DocumentLines, cursorLine: number): string[] | undefined {
  if (cursorLine < 1 || document.lineCount < 2 || !OPENING_FENCE_LINE.test(document.lineAt(0).text)) return undefined;
  const lines = [''];
  const last = Math.min(document.lineCount - 1, cursorLine + MAX_LINES_AFTER_CURSOR);
  for (let line = 1; line <= last; line++) {
    const text = document.lineAt(line).text;
    if (CLOSING_FENCE_LINE.test(text)) break;
    lines.push(text);
  }
  return cursorLine < lines.length ? lines : undefined;
}

/** The top-level `ksbs:` key: its line and where its value starts on that line. */
function findKsbsKey(lines: readonly string[]): { line: number; valueStart: number } | undefined {
  for (let line = 1; line < lines.length; line++) {
    const match = TOP_LEVEL_KEY.exec(lines[line]);
    if (match?.[2] === 'ksbs') return { line, valueStart: match[0].length };
  }
  return undefined;
}

/** The last line of the `ksbs` value: the line before the next top-level entry. */
function ksbsRegionEnd(lines: readonly string[], keyLine: number): number {
  let end = keyLine;
  while (end + 1 < lines.length && !TOP_LEVEL_LINE.test(lines[end + 1])) end++;
  return end;
}

interface LinePosition {
  readonly line: number;
  readonly character: number;
  readonly char: string;
}

/** The first character of the value that is neither space nor comment. */
function firstSignificant(lines: readonly string[], keyLine: number, valueStart: number, regionEnd: number): LinePosition | undefined {
  for (let line = keyLine; line <= regionEnd; line++) {
    const text = lines[line];
    for (let character = line === keyLine ? valueStart : 0; character < text.length; character++) {
      const char = text[character];
      if (char === '#') break;
      if (char !== ' ' && char !== '\t') return { line, character, char };
    }
  }
  return undefined;
}

interface FlowScan {
  /** The items of the flow collection, raw. */
  readonly items: readonly string[];
  /** Which of them holds the cursor. */
  readonly cursorItem: number;
  /** The state at the cursor, when the cursor is inside the collection. */
  readonly atCursor: { readonly depth: number; readonly inComment: boolean; readonly item: string } | undefined;
}

/**
 * Walks a flow collection (`[K1, K2]`, `{K1: why}`, possibly over several lines) from its opening
 * bracket, splitting items at top-level commas and noting the state at the cursor.
 */
function scanFlow(lines: readonly string[], start: LinePosition, regionEnd: number, cursor: Cursor): FlowScan {
  const items: string[] = [];
  let item = '';
  let depth = 0;
  let quote: string | undefined;
  let atCursor: FlowScan['atCursor'];
  let cursorItem = -1;
  scan: for (let line = start.line; line <= regionEnd; line++) {
    const text = lines[line];
    let inComment = false;
    for (let character = line === start.line ? start.character : 0; character <= text.length; character++) {
      if (line === cursor.line && character === cursor.character && depth > 0) {
        atCursor = { depth, inComment, item };
        cursorItem = items.length;
      }
      if (character === text.length || inComment) continue;
      const char = text[character];
      if (quote) {
        if (char === quote && !(quote === '"' && text[character - 1] === '\\')) quote = undefined;
      } else if (char === '"' || char === "'") {
        quote = char;
      } else if (char === '#' && (character === 0 || /\s/.test(text[character - 1]))) {
        inComment = true;
        continue;
      } else if (char === '[' || char === '{') {
        depth++;
        if (depth === 1) continue;
      } else if (char === ']' || char === '}') {
        depth--;
        if (depth === 0) {
          items.push(item);
          break scan;
        }
      } else if (char === ',' && depth === 1) {
        items.push(item);
        item = '';
        continue;
      }
      if (depth >= 1) item += char;
    }
    if (depth >= 1) item += '\n';
  }
  if (depth > 0) items.push(item); // Not closed yet: the user is typing it.
  return { items, cursorItem, atCursor };
}

function flowCompletions(scan: FlowScan, isMap: boolean, cursor: Cursor, context: CompletionContext): KsbCompletionList | undefined {
  const at = scan.atCursor!;
  if (at.depth !== 1 || at.inComment) return undefined;
  let token = at.item.replace(/^\s+/, '');
  if (token.startsWith('"') || token.startsWith("'")) token = token.slice(1);
  if (token.includes('\n') || !FLOW_TOKEN.test(token)) return undefined;
  // The item being typed is not a claim yet; one the cursor merely stands before is.
  const others = token === '' ? scan.items : scan.items.filter((_, index) => index !== scan.cursorItem);
  const claimed = others.map((item) => (isMap ? item.split(/:(?=\s|$)/)[0] : item));
  return codeCompletions(context, cursor, token, claimedCodes(claimed), (code) => code);
}

/** `ksbs: |` on the key's line with no value yet: a code goes in a new flow list. */
function inlineValueCompletions(
  lines: readonly string[],
  keyLine: number,
  regionEnd: number,
  valueStart: number,
  cursor: Cursor,
  context: CompletionContext,
): KsbCompletionList | undefined {
  const typed = INLINE_VALUE.exec(cursor.prefix.slice(valueStart));
  if (!typed || cursor.rest.trim() !== '' || blockItems(lines, keyLine, regionEnd, cursor.line).items.length > 0) return undefined;
  // Right after the colon, the list needs a space before it.
  const space = typed[1] === '' ? ' ' : '';
  return codeCompletions(context, cursor, typed[2], new Set(), (code) => `${space}[${code}]`);
}

/** A line of the block-style `ksbs` value (`  - K1` or `  K1: why`) or an empty line in it. */
function blockCompletions(
  lines: readonly string[],
  keyLine: number,
  regionEnd: number,
  cursor: Cursor,
  context: CompletionContext,
): KsbCompletionList | undefined {
  const items = (token: string) => blockItems(lines, keyLine, regionEnd, token === '' ? -1 : cursor.line);
  const listItem = BLOCK_LIST_ITEM.exec(cursor.prefix);
  if (listItem) return codeCompletions(context, cursor, listItem[1], claimedCodes(items(listItem[1]).items), (code) => code);
  if (/^[ \t]*-$/.test(cursor.prefix)) return codeCompletions(context, cursor, '', claimedCodes(items('').items), (code) => ` ${code}`);

  const bare = BLOCK_BARE.exec(cursor.prefix);
  if (!bare || bare[2].startsWith('-')) return undefined;
  const [, indentation, token] = bare;
  const { style, indent, items: written } = items(token);
  const claimed = claimedCodes(written);
  if (cursor.rest.trim() !== '') return codeCompletions(context, cursor, token, claimed, (code) => code);
  if (indentation === '' && token === '') {
    // An empty line at the margin: a code formatted like the items above, or a new field.
    const pad = ' '.repeat(style === 'none' ? 2 : indent);
    const codes = codeCompletions(context, cursor, '', claimed, style === 'map' ? (code) => `${pad}${code}: ` : (code) => `${pad}- ${code}`);
    return topLevelCompletions(lines, cursor, context, codes, true);
  }
  return codeCompletions(context, cursor, token, claimed, style === 'map' ? (code) => `${code}: ` : (code) => `- ${code}`);
}

/** The block items of the `ksbs` value (all but `skipLine`'s), their style and indentation. */
function blockItems(lines: readonly string[], keyLine: number, regionEnd: number, skipLine: number) {
  let style: 'list' | 'map' | 'none' = 'none';
  let indent = 0;
  const items: string[] = [];
  for (let line = keyLine + 1; line <= regionEnd; line++) {
    if (line === skipLine) continue;
    const text = lines[line];
    const list = /^([ \t]*)-(?:[ \t]+(["']?)([^"'#\s]*))?/.exec(text);
    const map = /^([ \t]+)(["']?)([^"'#\s:]+)\2[ \t]*:(?=[ \t]|$)/.exec(text);
    const found = list ?? map;
    if (!found) continue;
    if (style === 'none') {
      style = list ? 'list' : 'map';
      indent = found[1].length;
    }
    if (found[3]) items.push(found[3]);
  }
  return { style, indent, items };
}

/** Field names at the start of a top-level line, and today's date after `date:`. */
function topLevelCompletions(
  lines: readonly string[],
  cursor: Cursor,
  context: CompletionContext,
  codes: KsbCompletionList | undefined,
  evidence: boolean,
): KsbCompletionList | undefined {
  if (cursor.rest.trim() !== '') return codes;
  const dateValue = /^date[ \t]*:[ \t]+([0-9-]*)$/.exec(cursor.prefix);
  if (dateValue) {
    const today = context.today ?? localToday();
    const range = rangeBefore(cursor, dateValue[1].length);
    return {
      items: [{ label: today, kind: 'value', detail: 'Today', insertText: today, sortText: 'a', range, replaceRange: range }],
      isIncomplete: false,
    };
  }
  const name = /^[A-Za-z_][\w-]*$|^$/.exec(cursor.prefix);
  if (!name) return codes;
  const present = new Set<string>();
  for (let line = 1; line < lines.length; line++) {
    const key = line === cursor.line ? undefined : TOP_LEVEL_KEY.exec(lines[line])?.[2];
    if (key) present.add(key);
  }
  const range = rangeBefore(cursor, cursor.prefix.length);
  const today = context.today ?? localToday();
  const requires = context.portfolio.config.gateway?.requires ?? [];
  const offered = (field: (typeof KNOWN_FRONT_MATTER_FIELDS)[number]): boolean => {
    if (present.has(field)) return false;
    switch (field) {
      case 'ksbs':
        return evidence;
      // A review is never evidence: `type` is for files that claim nothing.
      case 'type':
        return !present.has('ksbs');
      // Without `gateway.requires` any `meets:` item is a gateway.unknown-requirement.
      case 'meets':
        return evidence && requires.length > 0;
      // A progress review is never evidence, so never a draft of it.
      case 'draft':
        return evidence;
      default:
        return true;
    }
  };
  const fields: KsbCompletionItem[] = [];
  KNOWN_FRONT_MATTER_FIELDS.forEach((field, index) => {
    if (!offered(field)) return;
    for (const [variant, snippet] of FIELD_SNIPPETS[field](today).entries()) {
      fields.push({
        label: snippet.label,
        kind: 'field',
        detail: snippet.detail,
        insertText: snippet.insertText,
        snippet: true,
        filterText: field,
        sortText: `c${index}${variant}`,
        range,
        replaceRange: range,
        retrigger: snippet.retrigger,
        ...(snippet.action ? { action: snippet.action, snippet: false } : {}),
      });
    }
  });
  if (!codes) return fields.length > 0 ? { items: fields, isIncomplete: false } : undefined;
  return { items: [...codes.items, ...fields], isIncomplete: codes.isIncomplete };
}

interface FieldSnippet {
  readonly label: string;
  readonly detail: string;
  readonly insertText: string;
  readonly retrigger?: boolean;
  readonly action?: 'sign-off';
}

const FIELD_SNIPPETS: Readonly<Record<(typeof KNOWN_FRONT_MATTER_FIELDS)[number], (today: string) => FieldSnippet[]>> = {
  title: () => [{ label: 'title', detail: FRONT_MATTER_FIELDS.title.description, insertText: 'title: $0' }],
  date: (today) => [{ label: 'date', detail: FRONT_MATTER_FIELDS.date.description, insertText: `date: \${1:${today}}` }],
  ksbs: () => [
    { label: 'ksbs', detail: 'The KSB codes this file evidences, as a list', insertText: 'ksbs: [$1]', retrigger: true },
    {
      label: 'ksbs (with justifications)',
      detail: 'The KSB codes this file evidences, each with a one-line justification',
      insertText: 'ksbs:\n  $1: $0',
      retrigger: true,
    },
  ],
  type: () => [{ label: 'type', detail: FRONT_MATTER_FIELDS.type.description, insertText: `type: \${1|${PROGRESS_REVIEW_TYPE}|}` }],
  // A digest cannot be typed: the editor's Sign Off Evidence command writes the whole entry.
  signoff: () => [{ label: 'signoff (Sign Off Evidence…)', detail: FRONT_MATTER_FIELDS.signoff.description, insertText: '', action: 'sign-off' }],
  otj: (today) => [
    { label: 'otj', detail: "Off-the-job training hours, dated by the file's `date:`", insertText: 'otj: ${1:1}' },
    {
      label: 'otj (dated entries)',
      detail: 'Off-the-job training hours, a list of {date, hours, activity}',
      insertText: `otj:\n  - date: \${1:${today}}\n    hours: \${2:1}\n    activity: $0`,
    },
  ],
  meets: () => [{ label: 'meets', detail: FRONT_MATTER_FIELDS.meets.description, insertText: 'meets: [$1]', retrigger: true }],
  draft: () => [{ label: 'draft', detail: FRONT_MATTER_FIELDS.draft.description, insertText: 'draft: true' }],
};

/** What each sign-off role stands for, in completion's detail. */
const ROLE_DETAILS: Readonly<Record<(typeof SIGNOFF_ROLES)[number], string>> = {
  apprentice: 'The apprentice: this is my own work',
  employer: "The employer: confirms the evidence is the apprentice's own (what the gateway asks)",
  mentor: 'The workplace mentor: counts for the employer at the gateway',
  tutor: "The training provider's tutor",
};

/** `role:` or `date:` in a list item under `signoff:` or `otj:`, or a `- ` item under `meets:`. */
const ITEM_FIELD = /^[ \t]+(?:-[ \t]+)?(role|date)[ \t]*:[ \t]*([A-Za-z0-9-]*)$/;

/**
 * The values of the apprenticeship's fields at the cursor, or `undefined` where none fits (the
 * caller then offers field names).
 */
function lifecycleValueCompletions(lines: readonly string[], cursor: Cursor, context: CompletionContext, evidence: boolean): KsbCompletionList | undefined {
  // Only at the end of a line, but inside `meets: [...]`, where the bracket follows.
  const atEnd = cursor.rest.trim() === '';
  const value = (label: string, detail: string, insertText: string, typed: number, sort: number): KsbCompletionItem => {
    const range = rangeBefore(cursor, typed);
    return { label, kind: 'value', detail, insertText, sortText: `a${sort}`, range, replaceRange: range };
  };
  const list = (items: KsbCompletionItem[]): KsbCompletionList | undefined => (items.length > 0 ? { items, isIncomplete: false } : undefined);

  const type = atEnd ? /^type[ \t]*:[ \t]+([A-Za-z-]*)$/.exec(cursor.prefix) : null;
  if (type)
    return list([
      value(PROGRESS_REVIEW_TYPE, 'A progress review: dated, signed off by the apprentice, employer and tutor', PROGRESS_REVIEW_TYPE, type[1].length, 0),
    ]);

  const requires = evidence ? (context.portfolio.config.gateway?.requires ?? []) : [];
  const owner = ownerKey(lines, cursor.line);
  const listed = owner === 'meets' ? meetsItems(lines, cursor.line) : new Set<string>();
  const requirements = (typed: string, insert: (name: string) => string) =>
    list(
      requires
        .filter((name) => !listed.has(name))
        .map((name, index) => value(name, 'A gateway requirement of portfolio.yaml', insert(name), typed.length, index)),
    );
  if (owner === 'meets') {
    const inline = /^meets[ \t]*:([ \t]*)([\w-]*)$/.exec(cursor.prefix);
    if (inline && atEnd) return requirements(inline[2], (name) => `${inline[1] === '' ? ' ' : ''}[${name}]`);
    const flow = /^meets[ \t]*:[ \t]*\[([^\]#]*,)?[ \t]*["']?([\w-]*)$/.exec(cursor.prefix);
    if (flow) {
      for (const name of (flow[1] ?? '').split(',')) listed.add(name.trim().replace(/^["']|["']$/g, ''));
      return requirements(flow[2], (name) => name);
    }
    const item = /^[ \t]*-[ \t]+["']?([\w-]*)$/.exec(cursor.prefix);
    if (item && atEnd) return requirements(item[1], (name) => name);
    return undefined;
  }
  if (owner !== 'signoff' && owner !== 'otj') return undefined;
  const field = atEnd ? ITEM_FIELD.exec(cursor.prefix) : null;
  if (!field) return undefined;
  if (field[1] === 'date') {
    const today = context.today ?? localToday();
    return list([value(today, 'Today', today, field[2].length, 0)]);
  }
  if (owner !== 'signoff') return undefined;
  return list(SIGNOFF_ROLES.map((role, index) => value(role, ROLE_DETAILS[role], role, field[2].length, index)));
}

/** The top-level key whose value holds `line`: the nearest top-level entry at or above it. */
function ownerKey(lines: readonly string[], line: number): string | undefined {
  for (let at = line; at >= 1; at--) {
    if (TOP_LEVEL_LINE.test(lines[at])) return TOP_LEVEL_KEY.exec(lines[at])?.[2];
  }
  return undefined;
}

/** The requirements already listed under `meets:` (flow or block), but the cursor line's. */
function meetsItems(lines: readonly string[], cursorLine: number): Set<string> {
  const names = new Set<string>();
  let keyLine = cursorLine;
  while (keyLine >= 1 && !TOP_LEVEL_LINE.test(lines[keyLine])) keyLine--;
  const flow = /^meets[ \t]*:[ \t]*\[([^\]#]*)/.exec(lines[keyLine] ?? '');
  if (flow && keyLine !== cursorLine) for (const name of flow[1].split(',')) names.add(name.trim().replace(/^["']|["']$/g, ''));
  for (let line = keyLine + 1; line < lines.length && !TOP_LEVEL_LINE.test(lines[line]); line++) {
    const item = /^[ \t]*-[ \t]+["']?([\w-]+)/.exec(lines[line]);
    if (item && line !== cursorLine) names.add(item[1]);
  }
  names.delete('');
  return names;
}

/** One entry per applicable KSB, built once per standard version and option. */
interface CodeEntry {
  readonly ksb: Ksb;
  readonly detail: string;
  readonly documentation: string;
  readonly filterText: string;
  /** The lower-case words of code and text, for narrowing by typed words. */
  readonly words: readonly string[];
}

const entriesByStandard = new WeakMap<StandardVersion, Map<string, readonly CodeEntry[]>>();

function codeEntries(standard: StandardVersion, optionId: string | undefined): readonly CodeEntry[] {
  let byOption = entriesByStandard.get(standard);
  if (!byOption) entriesByStandard.set(standard, (byOption = new Map()));
  const key = optionId ?? '';
  let entries = byOption.get(key);
  if (!entries) {
    entries = standard.applicableKsbs(optionId).map((ksb) => ({
      ksb,
      detail: `${kindTitle(ksb.kind)} · ${standard.optionLabel(ksb)}`,
      documentation: describeKsb(standard, ksb),
      filterText: `${ksb.code} ${ksb.text}`,
      words: `${ksb.code} ${ksb.text}`
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean),
    }));
    byOption.set(key, entries);
  }
  return entries;
}

/**
 * The applicable codes that match the typed `token` (a code prefix such as `S2`, or words of the
 * KSB text), claimed ones last, each replacing the token with `insert(code)`.
 */
function codeCompletions(
  context: CompletionContext,
  cursor: Cursor,
  token: string,
  claimed: ReadonlySet<string>,
  insert: (code: string) => string,
): KsbCompletionList {
  const { standard, option } = context.portfolio;
  const typed = token.trim().toLowerCase();
  const terms = typed.split(/[^a-z0-9]+/).filter(Boolean);
  const matches = (entry: CodeEntry) => {
    if (typed === '') return true;
    if (CODE_PREFIX.test(typed)) return entry.ksb.code.toLowerCase().startsWith(typed);
    return terms.every((term) => entry.words.some((word) => word.startsWith(term)));
  };
  const range = rangeBefore(cursor, token.length);
  const after = /^[A-Za-z0-9]*/.exec(cursor.rest)![0].length;
  const replaceRange = { start: range.start, end: { line: cursor.line, character: cursor.character + after } };
  const items: KsbCompletionItem[] = [];
  codeEntries(standard, option?.id).forEach((entry, index) => {
    if (!matches(entry)) return;
    const code = entry.ksb.code;
    items.push({
      label: code,
      kind: 'code',
      detail: entry.detail,
      documentation: entry.documentation,
      insertText: insert(code),
      filterText: entry.filterText,
      sortText: `${claimed.has(code) ? 'b' : 'a'}${String(index).padStart(4, '0')}`,
      range,
      replaceRange,
    });
  });
  return { items, isIncomplete: true };
}

/** The codes in raw item texts, unquoted and trimmed. */
function claimedCodes(items: readonly string[]): Set<string> {
  return new Set(
    items
      .map((item) =>
        item
          .trim()
          .replace(/^(["'])(.*)\1$/, '$2')
          .trim(),
      )
      .filter(Boolean),
  );
}

/** The range of the `length` characters before the cursor. */
function rangeBefore(cursor: Cursor, length: number): Range {
  return { start: { line: cursor.line, character: cursor.character - length }, end: { line: cursor.line, character: cursor.character } };
}
