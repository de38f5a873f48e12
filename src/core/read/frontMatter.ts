import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { FrontMatterFinding, ReadFinding } from './findings';
import { FRONT_MATTER_FIELDS } from './frontMatterSchema';
import { isDayInRange, isIsoDay } from '../base/dates';
import { MAX_HOURS_A_DAY } from '../model/hours';
import { LIFECYCLE_KEYS, lifecycleFields, readLifecycleFields, type LifecycleFields, type SignoffEntry } from './lifecycleFields';
import { SIGNOFF_ROLES, type SignoffRole } from '../model/lifecycleTerms';
import { MAX_FRONT_MATTER_LENGTH, MAX_FRONT_MATTER_NESTING } from '../base/fileLimits';
import { FILE_START, detach, withYamlLineBreaks, type LineIndex, type Range } from '../base/text';
import { describeNode, isNodeWithRange } from '../base/yamlNodes';

/** One KSB code claimed in front matter, with its exact place in the file. */
export interface Claim {
  /** The code as written, e.g. `K1`, `k9` or `12`. */
  readonly code: string;
  /** The range of the written value (including quotes, if any). */
  readonly range: Range;
  /** What to delete to remove the claim cleanly (item plus separator, or the whole line). */
  readonly removeRange: Range;
  /** The one-line justification, in the map form. */
  readonly justification?: string;
}

/** How the `ksbs` value is written, so edits and completion can match it. */
export type KsbsStyle = 'flow-list' | 'block-list' | 'flow-map' | 'block-map' | 'empty' | 'other';

/** The parsed front matter of a Markdown file. */
export interface FrontMatter {
  /** Offsets of the YAML text between the fences. */
  readonly contentStart: number;
  readonly contentEnd: number;
  /** Offset just after the closing fence line: where the Markdown body starts. */
  readonly bodyStart: number;
  readonly closed: boolean;
  /** True when the YAML parsed without errors. */
  readonly valid: boolean;
  readonly hasKsbsKey: boolean;
  readonly ksbsStyle: KsbsStyle | undefined;
  /** The range of the `ksbs` key, for messages about the whole list. */
  readonly ksbsKeyRange: Range | undefined;
  readonly claims: readonly Claim[];
  /** A key that looks meant for `ksbs` (`KSBs:`, `codes:`), as typed, when there is no `ksbs:`: its claims are not read. */
  readonly mistypedKsbsKey?: { readonly key: string; readonly range: Range };
  /** `draft: true` (as Hugo, Jekyll and Front Matter CMS write it): the file is not evidence until undrafted. */
  readonly draft?: boolean;
  readonly title: string | undefined;
  readonly date: string | undefined;
  /** The range of the `date` value, for messages about it. */
  readonly dateRange: Range | undefined;
  /** Sign-offs, off-the-job hours, the file's `type` and the requirements it `meets`; `undefined` when it has none of them. */
  readonly lifecycle: LifecycleFields | undefined;
  /** YAML and field-shape problems, already in file positions, for the rules to report. */
  readonly findings: readonly ReadFinding[];
}

/** A `ksbs:` field at the margin, found without parsing. */
const KSBS_FIELD_LINE = /^ksbs[ \t]*:/m;

/** How to read front matter; only the differential tests choose anything but the default. */
export interface FrontMatterReadOptions {
  /** `auto`: the fast path, then the parser; `off`: the parser alone; `only`: the fast path or `undefined`. */
  readonly fastPath?: 'auto' | 'off' | 'only';
  /** The text is only the start of a larger file: front matter still open at its end is too large, not unclosed. */
  readonly startOfFile?: boolean;
}

const OPENING_FENCE = /^---[ \t]*(\r\n|\r|\n)/;
const CLOSING_FENCE = /^(---|\.\.\.)[ \t]*$/gm;

/** Whether one line (without its line break) opens front matter, as the first line of a file. */
export const OPENING_FENCE_LINE = /^---[ \t]*$/;
/** Whether one line (without its line break) closes front matter. */
export const CLOSING_FENCE_LINE = /^(---|\.\.\.)[ \t]*$/;

/** Where the front matter's YAML lies in a text, or `undefined` when the text has none. */
export function locateFrontMatter(text: string): { contentStart: number; contentEnd: number; bodyStart: number; closed: boolean } | undefined {
  const opening = OPENING_FENCE.exec(text);
  if (!opening) return undefined;
  const contentStart = opening[0].length;
  CLOSING_FENCE.lastIndex = contentStart;
  // A fence right after the opening one (empty front matter) must match too, hence the `m` flag
  // scan from contentStart rather than searching for "\n---".
  for (let match = CLOSING_FENCE.exec(text); match; match = CLOSING_FENCE.exec(text)) {
    const lineStart = match.index;
    let bodyStart = lineStart + match[0].length;
    // The `m` flag also breaks lines at U+2028 and U+2029, which YAML and editors do not.
    if (lineStart !== contentStart && !/[\r\n]/.test(text[lineStart - 1])) continue;
    if (bodyStart < text.length && !/[\r\n]/.test(text[bodyStart])) continue;
    if (text.startsWith('\r\n', bodyStart)) bodyStart += 2;
    else if (text[bodyStart] === '\n' || text[bodyStart] === '\r') bodyStart += 1;
    return { contentStart, contentEnd: lineStart, bodyStart, closed: true };
  }
  return { contentStart, contentEnd: text.length, bodyStart: text.length, closed: false };
}

/** Parses a file's front matter; `undefined` when the file has none. */
export function parseFrontMatter(text: string, lines: LineIndex, options: FrontMatterReadOptions = {}): FrontMatter | undefined {
  const located = locateFrontMatter(text);
  if (!located) return undefined;
  const { contentStart, contentEnd, bodyStart, closed } = located;
  const empty = {
    contentStart,
    contentEnd,
    bodyStart,
    closed,
    hasKsbsKey: false,
    ksbsStyle: undefined,
    ksbsKeyRange: undefined,
    claims: [],
    title: undefined,
    date: undefined,
    dateRange: undefined,
    lifecycle: undefined,
  };
  const fence = lines.rangeAt(0, 3);
  // Front matter that is not read still says whether it has a `ksbs:` field, so the file counts as
  // evidence (and as one of the files with problems) when the portfolio has no evidence globs.
  const notRead = (finding: FrontMatterFinding): FrontMatter => ({
    ...empty,
    valid: false,
    hasKsbsKey: KSBS_FIELD_LINE.test(text.slice(contentStart, contentEnd)),
    findings: [finding],
  });
  if (!closed && options.startOfFile) {
    return notRead({ kind: 'front-matter-past-read-limit', range: fence });
  }
  if (!closed) {
    return {
      ...empty,
      valid: false,
      findings: [{ kind: 'front-matter-unclosed', range: fence }],
    };
  }

  const length = contentEnd - contentStart;
  if (length > MAX_FRONT_MATTER_LENGTH) {
    return notRead({ kind: 'front-matter-too-long', length, range: fence });
  }
  const yaml = withYamlLineBreaks(text.slice(contentStart, contentEnd));

  // Positions from yaml are relative to the front matter; shift them once, here.
  const shift = (start: number, end: number): Range => lines.rangeAt(contentStart + start, contentStart + end);
  const fastPath = options.fastPath ?? 'auto';
  if (fastPath !== 'off') {
    const simple = readSimpleFrontMatter(yaml, contentStart, lines, shift);
    if (simple) return { ...empty, ...simple };
    if (fastPath === 'only') return undefined;
  }
  const depth = nestingDepthBound(yaml);
  if (depth > MAX_FRONT_MATTER_NESTING) {
    return notRead({ kind: 'front-matter-too-deep', depth, range: fence });
  }
  let document: Document.Parsed;
  try {
    document = parseDocument(yaml, { uniqueKeys: false, prettyErrors: false });
  } catch (error) {
    // The parser reports its own stack overflows as errors; anything else it throws is one too.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...empty,
      valid: false,
      findings: [{ kind: 'yaml-syntax', detail: firstLine(message), range: fence }],
    };
  }
  if (document.errors.length > 0) {
    return {
      ...empty,
      valid: false,
      findings: document.errors.map((error) => ({
        kind: 'yaml-syntax' as const,
        detail: firstLine(error.message),
        range: shift(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
      })),
    };
  }

  const findings: ReadFinding[] = [];
  const root = document.contents;
  if (root !== null && !isMap(root)) {
    const range = isNodeWithRange(root) ? shift(root.range[0], root.range[1]) : FILE_START;
    findings.push({ kind: 'front-matter-not-map', found: describeNode(root), range });
    return { ...empty, valid: true, findings };
  }

  let title: string | undefined;
  let date: ParsedDate | undefined;
  let ksbs: ReturnType<typeof readKsbs> | undefined;
  let draft = false;
  const lifecyclePairs = new Map<string, Pair>();
  const seen = new Map<string, Range>();
  for (const pair of root?.items ?? []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined || !isNodeWithRange(pair.key)) continue;
    const keyRange = shift(pair.key.range[0], pair.key.range[1]);
    const first = seen.get(key);
    if (first) {
      // The first occurrence wins, as it does for most YAML readers that accept duplicates.
      findings.push({ kind: 'field-twice', field: key, firstLine: first.start.line + 1, range: keyRange });
      continue;
    }
    seen.set(key, keyRange);
    if (key === 'ksbs') {
      ksbs = readKsbs(pair, contentStart, lines, shift, findings);
    } else if (LIFECYCLE_KEYS.has(key)) {
      lifecyclePairs.set(key, pair);
    } else if (key === 'draft') {
      const value = draftValue(pair.value);
      if (value === undefined) findings.push(invalidField('draft', FRONT_MATTER_FIELDS.draft.expected, pair.value, shift));
      draft = value === true;
    } else if (key === 'title' || key === 'date') {
      const value = readTextField(key, pair.value, keyRange, shift, findings);
      if (key === 'title') title = value === undefined ? undefined : detach(value);
      else if (value !== undefined && isNodeWithRange(pair.value)) date = { value, range: shift(pair.value.range[0], pair.value.range[1]) };
    }
  }

  const lifecycle = readLifecycleFields(lifecyclePairs, yaml, shift, findings);
  const mistyped = ksbs === undefined ? [...seen].find(([key]) => isMistypedKsbsKey(key)) : undefined;
  return {
    ...empty,
    ...parsedFields(ksbs, title, date, findings),
    lifecycle,
    ...(mistyped && { mistypedKsbsKey: { key: detach(mistyped[0]), range: mistyped[1] } }),
    ...(draft && { draft }),
  };
}

/** The YAML-dependent fields of a valid front matter, from either reading path. */
function parsedFields(
  ksbs: { style: KsbsStyle; keyRange: Range; claims: Claim[] } | undefined,
  title: string | undefined,
  date: ParsedDate | undefined,
  findings: ReadFinding[],
): ParsedFields {
  return {
    valid: true,
    hasKsbsKey: ksbs !== undefined,
    ksbsStyle: ksbs?.style,
    ksbsKeyRange: ksbs?.keyRange,
    claims: ksbs?.claims ?? [],
    title,
    date: date?.value,
    dateRange: date?.range,
    findings,
  };
}

/** A valid `date:` value and where it is written. */
type ParsedDate = { readonly value: string; readonly range: Range };

type Shift = (start: number, end: number) => Range;

/** A top-level `key: value` line: the key, then the value without trailing space (if any). */
const SIMPLE_FIELD = /^([A-Za-z_][\w-]*):(?: +(\S(?:.*\S)?))?$/;
/** A value YAML reads as this very text: starts with a letter, no comment, colon, tab or brackets. */
const SIMPLE_TEXT = /^[A-Za-z][^#:\t[\]{}]*$/;
/** Plain words YAML reads as something other than text. */
const NOT_TEXT = /^(true|false|null|yes|no|on|off|y|n)$/i;
/** A double-quoted value with nothing to unescape. */
const SIMPLE_QUOTED = /^"[^"\\]*"$/;
/** A number, a time or a version: not text, but never a YAML error either (`10:` is one: a nested map). */
const SIMPLE_NUMBER = /^\d(?:[\d.:-]*[\d.-])?$/;
/**
 * Characters the fast path leaves to the parser: CR (of CRLF), controls, DEL, C1 (NEL is a line
 * break to some readers), the Unicode line and paragraph separators, BOM, non-characters and lone
 * surrogates. yaml accepts most of them today; the fast path need not guess how.
 */
/* eslint-disable no-control-regex -- control characters are among what it looks for */
const UNCERTAIN_CHARACTER =
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/* eslint-enable no-control-regex */
/**
 * A code-shaped claim the fast path reads as written: `K1`, `k9`, `S12`, also `ST1`. Wider than the
 * KSB grammar (model/codes.ts) on purpose: it only has to be text that YAML reads as itself, and the
 * claim rules then judge the code.
 */
const SIMPLE_CLAIM = '[A-Za-z]{1,3}\\d{1,4}';
const SIMPLE_FLOW_LIST = new RegExp(`^\\[ *((?:${SIMPLE_CLAIM})(?: *, *${SIMPLE_CLAIM})*)? *\\]$`);
const SIMPLE_FLOW_ITEM = new RegExp(SIMPLE_CLAIM, 'g');
const SIMPLE_LIST_ITEM = new RegExp(`^( *)- (${SIMPLE_CLAIM})$`);
const SIMPLE_MAP_ENTRY = new RegExp(`^( +)(${SIMPLE_CLAIM}): +(\\S(?:.*\\S)?)$`);

/** The parts of a front matter that depend on its YAML. */
type ParsedFields = Pick<FrontMatter, 'valid' | 'hasKsbsKey' | 'ksbsStyle' | 'ksbsKeyRange' | 'claims' | 'title' | 'date' | 'dateRange' | 'findings'>;

/** Hours the fast path reads: `3`, `3.5`, `07.25`; YAML reads each as that number. */
const SIMPLE_HOURS = /^\d{1,2}(\.\d{1,2})?$/;
/** A sign-off item as `ksb signoff` writes it: four lines, each field once, in any order. */
const SIGNOFF_FIELD_COUNT = 4;
const SIMPLE_SIGNOFF_HEAD = /^ {2}- (by|role|date|digest): (\S(?:.*\S)?)$/;
const SIMPLE_SIGNOFF_FIELD = /^ {4}(by|role|date|digest): (\S(?:.*\S)?)$/;
/** A digest as `ksb signoff` writes it: always quoted, since `012345678901` unquoted is a number. */
const SIMPLE_DIGEST = /^"(?:v2:)?[0-9a-f]{12}"$/;

/**
 * Reads front matter in the shapes evidence files nearly always have, line by line: `key: text`,
 * `title: "text"`, `date: 2026-03-14`, and `ksbs` as a one-line flow list, a block list or a block
 * map of codes to one-line justifications; `signoff` as `ksb signoff` writes it, `type: word` and
 * `otj: 3.5` (a signed-off portfolio is the usual one at gateway). Anything else (comments, other quoting, multi-line
 * values, repeated keys, CRLF line breaks, control characters, odd indentation) returns `undefined`
 * for the YAML parser, which gives the same result for these shapes but costs 10-20 times as much;
 * with 10 000 files that parser was most of a cold load. Every line must be certainly in this
 * subset: when in doubt, refuse. A differential test holds it to the parser's reading.
 */
function readSimpleFrontMatter(
  yaml: string,
  contentStart: number,
  lines: LineIndex,
  shift: Shift,
): (ParsedFields & Pick<FrontMatter, 'lifecycle'>) | undefined {
  if (UNCERTAIN_CHARACTER.test(yaml)) return undefined;
  const rows = yaml.split('\n');
  if (rows[rows.length - 1] === '') rows.pop();
  const seen = new Set<string>();
  let title: string | undefined;
  let date: ParsedDate | undefined;
  let ksbs: { style: KsbsStyle; keyRange: Range; claims: Claim[] } | undefined;
  let lifecycle: { -readonly [K in keyof LifecycleFields]?: LifecycleFields[K] } | undefined;
  let offset = 0;
  for (let row = 0; row < rows.length; row++) {
    const line = rows[row];
    const lineOffset = offset;
    offset += line.length + 1;
    if (line === '') continue;
    const field = SIMPLE_FIELD.exec(line);
    if (!field) return undefined;
    const [, key, value] = field;
    // `true:` and `True:` are one key to YAML; a very long key is an error there. A key meant for `ksbs` goes to the parser, which reports it.
    if (seen.has(key) || NOT_TEXT.test(key) || key.length > 100 || isMistypedKsbsKey(key) || key === 'draft') return undefined;
    seen.add(key);
    const valueStart = lineOffset + line.length - (value?.length ?? 0);
    if (LIFECYCLE_KEYS.has(key)) {
      // Only the shapes `ksb signoff` writes, a `type:` word and `otj: 3.5`; the parser reads the rest.
      lifecycle ??= {};
      const keyRange = shift(lineOffset, lineOffset + key.length);
      if (key === 'type') {
        if (value === undefined || !SIMPLE_TEXT.test(value) || NOT_TEXT.test(value)) return undefined;
        lifecycle.type = value;
        lifecycle.typeRange = shift(valueStart, valueStart + value.length);
      } else if (key === 'otj') {
        if (value === undefined || !SIMPLE_HOURS.test(value) || Number(value) > MAX_HOURS_A_DAY) return undefined;
        lifecycle.otjKeyRange = keyRange;
        lifecycle.otj = [
          {
            index: 0,
            date: undefined,
            hours: Number(value),
            activity: undefined,
            hoursRange: shift(valueStart, valueStart + value.length),
            dateRange: undefined,
          },
        ];
      } else if (key === 'signoff' && value === undefined) {
        const signoffs: SignoffEntry[] = [];
        let seqStart: number | undefined;
        let itemEnd = 0;
        while (row + 1 < rows.length && rows[row + 1].startsWith('  - ')) {
          const fields = new Map<string, { value: string; start: number }>();
          let itemStart = 0;
          for (let part = 0; part < SIGNOFF_FIELD_COUNT; part++) {
            const item = rows[++row];
            if (item === undefined) return undefined;
            const itemOffset = offset;
            offset += item.length + 1;
            const match = (part === 0 ? SIMPLE_SIGNOFF_HEAD : SIMPLE_SIGNOFF_FIELD).exec(item);
            if (!match || fields.has(match[1])) return undefined;
            if (part === 0) {
              itemStart = itemOffset + 4;
              seqStart ??= itemOffset + 2;
            }
            fields.set(match[1], { value: match[2], start: itemOffset + item.length - match[2].length });
            itemEnd = itemOffset + item.length;
          }
          const by = fields.get('by')!;
          const role = fields.get('role')!;
          const date = fields.get('date')!;
          const digest = fields.get('digest')!;
          const name = SIMPLE_QUOTED.test(by.value)
            ? by.value.slice(1, -1).trim()
            : SIMPLE_TEXT.test(by.value) && !NOT_TEXT.test(by.value)
              ? by.value
              : undefined;
          if (
            !name ||
            !(SIGNOFF_ROLES as readonly string[]).includes(role.value) ||
            !isIsoDay(date.value) ||
            !isDayInRange(date.value) ||
            !SIMPLE_DIGEST.test(digest.value)
          )
            return undefined;
          signoffs.push({
            index: signoffs.length,
            by: detach(name),
            role: role.value as SignoffRole,
            date: date.value,
            digest: digest.value.slice(1, -1),
            range: shift(itemStart, itemEnd),
            dateRange: shift(date.start, date.start + date.value.length),
            digestRange: shift(digest.start, digest.start + digest.value.length),
            complete: true,
          });
        }
        if (seqStart === undefined) return undefined;
        lifecycle.signoffKeyRange = keyRange;
        lifecycle.signoffValue = { range: shift(seqStart, itemEnd), style: 'block', items: signoffs.length };
        lifecycle.signoffs = signoffs;
      } else {
        return undefined;
      }
      continue;
    }
    if (key === 'ksbs') {
      const keyRange = shift(lineOffset, lineOffset + key.length);
      const claims: Claim[] = [];
      if (value !== undefined) {
        const flow = SIMPLE_FLOW_LIST.exec(value);
        if (!flow) return undefined;
        const spans: Array<[number, number]> = [];
        for (const match of value.matchAll(SIMPLE_FLOW_ITEM)) spans.push([valueStart + match.index, valueStart + match.index + match[0].length]);
        spans.forEach(([start, end], index) => {
          const removeRange = index + 1 < spans.length ? shift(start, spans[index + 1][0]) : index > 0 ? shift(spans[index - 1][1], end) : shift(start, end);
          claims.push({ code: yaml.slice(start, end), range: shift(start, end), removeRange });
        });
        ksbs = { style: 'flow-list', keyRange, claims };
        continue;
      }
      // A block list or map: the following indented lines, one claim each, all alike.
      let style: KsbsStyle = 'empty';
      let indent: string | undefined;
      while (row + 1 < rows.length && /^[ -]/.test(rows[row + 1])) {
        const item = rows[++row];
        const itemOffset = offset;
        offset += item.length + 1;
        const listItem = SIMPLE_LIST_ITEM.exec(item);
        const mapEntry = listItem ? undefined : SIMPLE_MAP_ENTRY.exec(item);
        const itemStyle: KsbsStyle = listItem ? 'block-list' : 'block-map';
        const match = listItem ?? mapEntry;
        if (!match || (style !== 'empty' && (style !== itemStyle || match[1] !== indent))) return undefined;
        if (mapEntry && (!SIMPLE_TEXT.test(mapEntry[3]) || NOT_TEXT.test(mapEntry[3]))) return undefined;
        style = itemStyle;
        indent = match[1];
        const start = itemOffset + (listItem ? item.length - match[2].length : indent.length);
        const end = start + match[2].length;
        // Block items are removed as whole lines, so no blank line or dangling dash is left.
        const nextLine = lines.offsetAt({ line: lines.positionAt(contentStart + itemOffset).line + 1, character: 0 });
        const removeRange = lines.rangeAt(contentStart + itemOffset, Math.max(nextLine, contentStart + itemOffset + item.length));
        claims.push({ code: match[2], range: shift(start, end), removeRange, ...(mapEntry ? { justification: detach(mapEntry[3]) } : {}) });
      }
      ksbs = { style, keyRange, claims };
      continue;
    }
    if (value === undefined) {
      if (key === 'title' || key === 'date') return undefined;
    } else if (SIMPLE_QUOTED.test(value)) {
      if (key === 'title') {
        // An empty `""` is no title: the parser's reading reports it.
        if (!isValidField('title', value.slice(1, -1))) return undefined;
        title = detach(value.slice(1, -1));
      } else if (key === 'date') return undefined;
    } else if (SIMPLE_TEXT.test(value) && !NOT_TEXT.test(value)) {
      if (key === 'title') title = detach(value);
      else if (key === 'date') return undefined;
    } else if (SIMPLE_NUMBER.test(value) && key !== 'title') {
      if (key === 'date') {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isValidField('date', value)) return undefined;
        date = { value, range: shift(valueStart, valueStart + value.length) };
      }
    } else {
      return undefined;
    }
  }
  return { ...parsedFields(ksbs, title, date, []), lifecycle: lifecycle && lifecycleFields(lifecycle) };
}

/**
 * An upper bound on how deeply the YAML nests, in one pass: the deepest flow bracket nesting (brackets
 * in quotes and comments count too) plus the deepest block nesting (open indentation levels, plus
 * the `- `, `? ` and `: ` indicators on a line, which can nest without indenting: `- - - K1`).
 */
function nestingDepthBound(yaml: string): number {
  let flowDepth = 0;
  let deepestFlow = 0;
  let deepestBlock = 0;
  const indents: number[] = [];
  let lineStart = 0;
  while (lineStart <= yaml.length) {
    let lineEnd = yaml.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = yaml.length;
    let indent = 0;
    while (lineStart + indent < lineEnd && yaml[lineStart + indent] === ' ') indent++;
    if (lineStart + indent < lineEnd) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      let indicators = 0;
      for (let i = lineStart + indent; i < lineEnd; i++) {
        const char = yaml[i];
        if (char === '[' || char === '{') deepestFlow = Math.max(deepestFlow, ++flowDepth);
        else if (char === ']' || char === '}') flowDepth = Math.max(0, flowDepth - 1);
        else if ((char === '-' || char === '?' || char === ':') && (i + 1 === lineEnd || /[ \t\r]/.test(yaml[i + 1]))) indicators++;
      }
      deepestBlock = Math.max(deepestBlock, indents.length + indicators);
    }
    lineStart = lineEnd + 1;
  }
  return deepestFlow + deepestBlock;
}

function readKsbs(pair: Pair, contentStart: number, lines: LineIndex, shift: Shift, findings: ReadFinding[]) {
  const keyRange = isNodeWithRange(pair.key) ? shift(pair.key.range[0], pair.key.range[1]) : FILE_START;
  const value = pair.value as Node | null;
  const claims: Claim[] = [];
  if (value === null || (isScalar(value) && value.value === null)) return { style: 'empty' as const, keyRange, claims };

  const removal = (spans: ReadonlyArray<readonly [number, number]>, index: number, flow: boolean): Range => {
    const [start, end] = spans[index];
    if (flow) {
      if (index + 1 < spans.length) return shift(start, spans[index + 1][0]);
      if (index > 0) return shift(spans[index - 1][1], end);
      return shift(start, end);
    }
    // Block style: remove the whole line(s), so no blank line or dangling dash is left.
    const from = lines.offsetAt({ line: lines.positionAt(contentStart + start).line, character: 0 });
    // Block scalars end after their final newline: that line break belongs to the item.
    const endPosition = lines.positionAt(contentStart + end);
    const lastLine = endPosition.character === 0 && end > start ? endPosition.line - 1 : endPosition.line;
    const to = lines.offsetAt({ line: lastLine + 1, character: 0 });
    return lines.rangeAt(from, Math.max(to, contentStart + end));
  };

  if (isSeq(value)) {
    const spans: Array<readonly [number, number]> = value.items.map((item) =>
      isNodeWithRange(item) ? ([item.range[0], item.range[1]] as const) : ([0, 0] as const),
    );
    value.items.forEach((item, index) => {
      const removeRange = removal(spans, index, value.flow === true);
      if (isScalar(item) && item.value !== null && typeof item.value !== 'object' && item.range) {
        claims.push({ code: String(item.value), range: shift(item.range[0], item.range[1]), removeRange });
        return;
      }
      const read = readClaimItem(item as Node | null, index, shift);
      if (read.claim) claims.push({ ...read.claim, removeRange });
      findings.push(...read.findings);
    });
    // Items none of which could be read are each reported: the file is not also "claiming nothing".
    const style = value.items.length > 0 && claims.length === 0 ? 'other' : value.flow ? 'flow-list' : 'block-list';
    return { style: style as KsbsStyle, keyRange, claims };
  }

  if (isMap(value)) {
    const spans: Array<readonly [number, number]> = value.items.map((item) => pairSpan(item));
    value.items.forEach((item, index) => {
      const key = item.key;
      if (!isScalar(key) || key.value === null || !key.range) {
        findings.push({ kind: 'ksbs-key-shape', found: describeNode(key as Node), range: invalidField('ksbs', '', key as Node, shift).range });
        return;
      }
      const itemValue = item.value as Node | null;
      let justification: string | undefined;
      if (isScalar(itemValue) && typeof itemValue.value === 'string') justification = detach(itemValue.value);
      else if (itemValue !== null && !(isScalar(itemValue) && itemValue.value === null)) {
        findings.push(invalidField(`ksbs.${String(key.value)}`, 'a one-line justification', itemValue, shift));
      }
      claims.push({
        code: String(key.value),
        range: shift(key.range[0], key.range[1]),
        removeRange: removal(spans, index, value.flow === true),
        justification,
      });
    });
    return { style: value.flow ? ('flow-map' as const) : ('block-map' as const), keyRange, claims };
  }

  findings.push(invalidField('ksbs', FRONT_MATTER_FIELDS.ksbs.expected, value, shift));
  return { style: 'other' as const, keyRange, claims };
}

/** The keys a claim written as a map (`{code: K1, why: ...}`) takes for its code, and for its justification. */
const CLAIM_ITEM_CODE_KEYS = ['code', 'ksb', 'id'];
const CLAIM_ITEM_WHY_KEYS = ['why', 'justification'];
/** The forms a `ksbs:` list item can take, as messages show them. */
export const CLAIM_ITEM_FORMS = 'a code such as K1, `{code: K1, why: ...}` or `K1: why ...`';
/** A key that reads as a KSB code (`K1`, `s12`), for the `- K1: why` item form. */
const CODE_SHAPED_KEY = /^[A-Za-z]{1,3}\d{1,4}$/;

/**
 * One `ksbs:` list item that is not a plain code: `{code: K1, why: ...}` (also `ksb:`/`id:` and
 * `justification:`) or `K1: why`, read as a claim with its justification; anything else is a
 * `frontmatter.invalid-field` that shows the accepted forms.
 */
function readClaimItem(item: Node | null, index: number, shift: Shift): { claim?: Omit<Claim, 'removeRange'>; findings: FrontMatterFinding[] } {
  const rangeOf = (node: Node | null) => invalidField('ksbs', '', node, shift).range;
  const keyOf = (pair: Pair) => (isScalar(pair.key) && pair.key.value !== null ? String(pair.key.value) : undefined);
  const textOf = (node: unknown): string | undefined =>
    isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') && String(node.value).trim() !== ''
      ? String(node.value).trim()
      : undefined;
  if (!isMap(item))
    return { findings: [{ kind: 'ksbs-item-shape', item: index + 1, forms: CLAIM_ITEM_FORMS, found: describeNode(item), range: rangeOf(item) }] };
  const codePair = item.items.find((pair) => CLAIM_ITEM_CODE_KEYS.includes(keyOf(pair)?.toLowerCase() ?? ''));
  if (codePair) {
    const codeNode = codePair.value as Node | null;
    const code = textOf(codeNode);
    if (code === undefined || !isNodeWithRange(codeNode))
      return {
        findings: [
          {
            kind: 'ksbs-item-field',
            item: index + 1,
            field: keyOf(codePair) ?? 'code',
            expected: 'a code such as K1',
            found: describeNode(codeNode),
            range: rangeOf(codeNode ?? item),
          },
        ],
      };
    const findings: FrontMatterFinding[] = [];
    let justification: string | undefined;
    for (const pair of item.items) {
      if (pair === codePair) continue;
      const key = keyOf(pair) ?? '';
      if (CLAIM_ITEM_WHY_KEYS.includes(key.toLowerCase()) && justification === undefined) {
        const why = pair.value as Node | null;
        if (isScalar(why) && typeof why.value === 'string') justification = detach(why.value);
        else if (!(isScalar(why) && why.value === null) && why !== null)
          findings.push({
            kind: 'ksbs-item-field',
            item: index + 1,
            field: key,
            expected: 'a one-line justification',
            found: describeNode(why),
            range: rangeOf(why),
          });
      } else {
        findings.push({ kind: 'ksbs-item-field-unknown', item: index + 1, field: key, range: rangeOf(pair.key as Node | null) });
      }
    }
    return { claim: { code, range: shift(codeNode.range[0], codeNode.range[1]), ...(justification !== undefined && { justification }) }, findings };
  }
  const only = item.items.length === 1 ? item.items[0] : undefined;
  const onlyKey = only && isNodeWithRange(only.key) ? keyOf(only) : undefined;
  if (only && onlyKey !== undefined && CODE_SHAPED_KEY.test(onlyKey) && isNodeWithRange(only.key)) {
    const why = only.value as Node | null;
    if (why === null || (isScalar(why) && (why.value === null || typeof why.value === 'string'))) {
      const justification = isScalar(why) && typeof why.value === 'string' ? detach(why.value) : undefined;
      return {
        claim: { code: onlyKey, range: shift(only.key.range[0], only.key.range[1]), ...(justification !== undefined && { justification }) },
        findings: [],
      };
    }
  }
  const written = item.items
    .map(keyOf)
    .filter((key) => key !== undefined)
    .map((key) => `\`${key}\``);
  const found = `a map${written.length > 0 ? ` with keys ${written.join(', ')}` : ''}`;
  return { findings: [{ kind: 'ksbs-item-shape', item: index + 1, forms: CLAIM_ITEM_FORMS, found, range: rangeOf(item) }] };
}

/** Keys people write for their claims instead of `ksbs` (any case): `KSBs`, `KSB`, `codes`, `claims`, `ksb-codes`. */
const MISTYPED_KSBS_KEY = /^(ksbs?|ksb[-_ ]?codes|codes|claims)$/i;

/** Whether a front-matter key looks meant for `ksbs` without being it. */
export function isMistypedKsbsKey(key: string): boolean {
  return key !== 'ksbs' && MISTYPED_KSBS_KEY.test(key.trim());
}

/**
 * What a `draft:` value says: a boolean, or the text `true`/`yes`/`false`/`no` as some editors write
 * it; `undefined` for anything else, which the reader reports rather than guess.
 */
function draftValue(node: unknown): boolean | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'boolean') return node.value;
  if (typeof node.value !== 'string') return undefined;
  const text = node.value.trim().toLowerCase();
  return text === 'true' || text === 'yes' ? true : text === 'false' || text === 'no' ? false : undefined;
}

/** Whether a value (as YAML data) has the shape the field's definition asks for. */
function isValidField(field: keyof typeof FRONT_MATTER_FIELDS, value: unknown): boolean {
  return FRONT_MATTER_FIELDS[field].schema.safeParse(value).success;
}

/**
 * The value of a text field (`title`, `date`) when it has the shape the field's definition asks
 * for; otherwise `undefined` and a `field-shape` finding in `findings`.
 */
function readTextField(field: 'title' | 'date', node: Node | null, keyRange: Range, shift: Shift, findings: ReadFinding[]): string | undefined {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value === 'string' && isValidField(field, value)) return value;
  const finding = invalidField(field, FRONT_MATTER_FIELDS[field].expected, node, shift);
  // `? title` and `{title}` have no value node at all (the data is null, as for `title:`): point at the key.
  findings.push(isNodeWithRange(node) ? finding : { ...finding, range: keyRange });
  return undefined;
}

function pairSpan(pair: Pair): readonly [number, number] {
  const start = isNodeWithRange(pair.key) ? pair.key.range[0] : 0;
  const valueEnd = isNodeWithRange(pair.value) ? pair.value.range[1] : isNodeWithRange(pair.key) ? pair.key.range[1] : start;
  return [start, valueEnd];
}

function invalidField(field: string, expected: string, node: Node | null, shift: Shift): FrontMatterFinding {
  const range = isNodeWithRange(node) ? shift(node.range[0], node.range[1]) : FILE_START;
  return { kind: 'field-shape', field, expected, found: describeNode(node), range };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
