// Hover on the apprenticeship's front-matter fields: what `type`, `signoff`, `otj`, `meets` and `draft` are
// for, what each key of a sign-off or an off-the-job entry means, and on a sign-off's `digest`
// whether the file is still what was signed.
//
// Reads the lines up to the hovered one and the few after it that belong to the same list item,
// never the body, and does not parse the YAML: a half-typed front matter still gets its hovers.
import { CLOSING_FENCE_LINE, OPENING_FENCE_LINE } from '../read/frontMatter';
import { DEFAULT_REVIEW_INTERVAL_WORDS } from '../model/lifecycleTerms';
import { FRONT_MATTER_FIELDS } from '../read/frontMatterSchema';
import type { Position } from '../base/text';
import { escapeMarkdown } from '../base/wording';
import { digestVersion } from '../base/digest';
import type { DocumentLines } from './completion';
import type { KsbHover } from './hover';

/** What a field hover needs besides the lines. */
export interface FieldHoverContext {
  /** The digest of `version` a sign-off of the file would hold now, or `undefined` when it has none (YAML errors); asked only on a `digest` line. */
  readonly digestNow?: (version: 1 | 2) => string | undefined;
  /** How git proves the sign-off written on `line` (verified, unverified, not checked), in words; asked only on a `digest` line. */
  readonly proofAt?: (line: number) => string | undefined;
  /** `gateway.requires` of portfolio.yaml, named on `meets`. */
  readonly requires?: readonly string[];
}

/** Lines read after the hovered one to find the rest of its list item. */
const ITEM_LINES_AFTER = 20;

/** A key at the start of a top-level line, as completion reads it. */
const TOP_LEVEL_KEY = /^(["']?)(type|signoff|otj|meets|draft)\1[ \t]*:(?=[ \t]|$)/;
/** A key of a block list item: `  - by: Jo`, `    digest: "…"`. */
const ITEM_KEY = /^([ \t]*)(-[ \t]+)?(["']?)([A-Za-z]+)\3[ \t]*:(?=[ \t]|$)[ \t]*(.*)$/;
/** A line that starts a new top-level entry. */
const TOP_LEVEL_LINE = /^[^\s#-]/;

const FIELD_HELP: Readonly<Record<'type' | 'signoff' | 'otj' | 'meets' | 'draft', (context: FieldHoverContext) => string>> = {
  type: () =>
    `\`type: progress-review\` makes this file a progress review: it needs a \`date:\` and sign-offs of the apprentice, the employer (or mentor) and the tutor, and one is due every \`gateway.review-interval\` (default ${DEFAULT_REVIEW_INTERVAL_WORDS}). A review never counts as evidence.`,
  signoff: () =>
    'Each item is `{by, role, date, digest}`; the role is apprentice, employer, mentor or tutor. The digest is a short hash of the claims and text signed: when they change, the sign-off goes stale (`signoff.stale`). Write one with **KSB Portfolio: Sign Off Evidence** or `ksb signoff FILE --by NAME --role ROLE`; the gateway asks for the employer’s.',
  otj: () =>
    '`otj: 3` (hours dated by the file\'s `date:`), a duration such as `"2h 30m"`, or a list of `{date, hours, activity}` or, for a period, `{from, to, hours, activity}`. Counted against the off-the-job target by `ksb hours` and the status bar: at most 24 hours a day, not before `start`, not after today.',
  meets: (context) =>
    context.requires && context.requires.length > 0
      ? `The gateway requirements this file meets; \`gateway.requires\` in portfolio.yaml lists ${context.requires.map((name) => `\`${escapeMarkdown(name)}\``).join(', ')}.`
      : 'The gateway requirements this file meets; `gateway.requires` in portfolio.yaml lists none yet.',
  draft: () =>
    '`draft: true` marks unfinished evidence, as Hugo, Jekyll and Front Matter CMS do: it is checked, but its claims cover nothing, it is not asked for sign-off, placeholders in it are expected, and the gateway lists it until the line is removed or set to `false`.',
};

const SIGNOFF_KEYS: Readonly<Record<string, string>> = {
  by: 'Who signed off.',
  role: 'As what: apprentice, employer, mentor or tutor. The gateway asks for the employer’s (a mentor’s counts for the employer).',
  date: 'The day of the sign-off, `YYYY-MM-DD`, not after today.',
  digest:
    'A short hash of what was signed (not of the sign-offs): with `v2:`, the claims, text, date, hours, requirements, type and linked files; when they change, the sign-off goes stale.',
};

const OTJ_KEYS: Readonly<Record<string, string>> = {
  date: "The day of the training, `YYYY-MM-DD`; without it, the file's `date:`.",
  from: 'The first day of a period of training, `YYYY-MM-DD`; `to:` is the last.',
  to: 'The last day of a period of training, `YYYY-MM-DD`: the hours are at most 24 a day over its days, and spread over its months.',
  hours: 'Hours of off-the-job training that day, or over the period: a number (`3.5`) or a duration (`"2:30"`, `"2h 30m"`, `"90m"`); at most 24 a day.',
  activity: 'What the training was, for the log.',
};

/**
 * The hover for a key of `type`, `signoff`, `otj`, `meets` or `draft` (or of a `signoff` or `otj` list item) at
 * `position`, or `undefined` elsewhere. On a sign-off's `digest` it says whether it matches the file now.
 */
export function provideFieldHover(document: DocumentLines, position: Position, context: FieldHoverContext = {}): KsbHover | undefined {
  const line = position.line;
  if (line < 1 || line >= document.lineCount || !OPENING_FENCE_LINE.test(document.lineAt(0).text)) return undefined;
  // The hovered line must lie before the closing fence.
  let owner: string | undefined;
  for (let at = 1; at <= line; at++) {
    const text = document.lineAt(at).text;
    if (CLOSING_FENCE_LINE.test(text)) return undefined;
    if (TOP_LEVEL_LINE.test(text)) owner = TOP_LEVEL_KEY.exec(text)?.[2];
  }
  const text = document.lineAt(line).text;
  const top = TOP_LEVEL_KEY.exec(text);
  if (top) {
    const start = top[1].length;
    const end = start + top[2].length + top[1].length;
    if (position.character > end) return undefined;
    const field = top[2] as keyof typeof FIELD_HELP;
    return {
      range: { start: { line, character: 0 }, end: { line, character: end } },
      markdown: `**${field}** · ${FRONT_MATTER_FIELDS[field].description}\n\n${FIELD_HELP[field](context)}`,
    };
  }
  if (owner !== 'signoff' && owner !== 'otj') return undefined;
  const item = ITEM_KEY.exec(text);
  if (!item) return undefined;
  const [, indent, dash = '', quote, key] = item;
  const keyStart = indent.length + dash.length;
  const keyEnd = keyStart + key.length + quote.length * 2;
  const help = (owner === 'signoff' ? SIGNOFF_KEYS : OTJ_KEYS)[key];
  if (!help || position.character < keyStart) return undefined;
  const onValue = position.character > keyEnd;
  // Past the key only a digest says more than the key does.
  if (onValue && !(owner === 'signoff' && key === 'digest')) return undefined;
  const range = { start: { line, character: keyStart }, end: { line, character: onValue ? text.length : keyEnd } };
  const title = `**${owner}: ${key}**`;
  if (owner !== 'signoff' || key !== 'digest') return { range, markdown: `${title} · ${help}` };
  return { range, markdown: `${title} · ${help}\n\n${digestStatus(document, line, context)}` };
}

/** Whether the digest on `line` matches the file now, naming who signed and when. */
function digestStatus(document: DocumentLines, line: number, context: FieldHoverContext): string {
  const fields = itemFields(document, line);
  const written = unquote(fields.get('digest') ?? '');
  const who = [fields.get('by') && unquote(fields.get('by')!), fields.get('role') && `(${unquote(fields.get('role')!)})`].filter(Boolean).join(' ');
  const signed = `${who ? escapeMarkdown(who) : 'This sign-off'}${fields.get('date') ? ` on ${escapeMarkdown(unquote(fields.get('date')!))}` : ''}`;
  const version = digestVersion(written);
  const now = context.digestNow?.(version);
  const proof = context.proofAt?.(line);
  const proved = proof === undefined ? '' : `\n\nProof by git: ${escapeMarkdown(proof)}.`;
  if (now === undefined) return `Cannot tell whether it matches the file now: fix the front matter’s problems first.${proved}`;
  const what =
    version === 2
      ? 'claims, text, date, hours, requirements, type and linked files'
      : 'claims and text (a digest made before version 2: renew it to cover the date, hours and linked files too)';
  if (written === now) return `**Matches the file now:** the ${what} are as ${signed} signed them.${proved}`;
  return `**Does not match the file now** (the digest now is \`${now}\`): the ${what} changed after ${signed}. Sign off again (the quick fix), or undo the change.${proved}`;
}

/** The `key: value` pairs of the block list item holding `line`. */
function itemFields(document: DocumentLines, line: number): Map<string, string> {
  let start = line;
  // Up to the item's dash (or the key line, for a malformed list).
  while (start > 1 && !/^[ \t]*-[ \t]/.test(document.lineAt(start).text) && !TOP_LEVEL_LINE.test(document.lineAt(start - 1).text)) start--;
  const fields = new Map<string, string>();
  const last = Math.min(document.lineCount - 1, line + ITEM_LINES_AFTER);
  for (let at = start; at <= last; at++) {
    const text = document.lineAt(at).text;
    if (at > start && (/^[ \t]*-[ \t]/.test(text) || TOP_LEVEL_LINE.test(text) || CLOSING_FENCE_LINE.test(text))) break;
    const item = ITEM_KEY.exec(text);
    if (item && !fields.has(item[4])) fields.set(item[4], item[5].replace(/[ \t]+#.*$/, '').trim());
  }
  return fields;
}

function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/, '$2');
}
