// The front-matter fields of the apprenticeship around the evidence: `type`, `signoff`, `otj` and
// `meets`. Read node by node, like `ksbs`, so every problem and every edit has its exact place.
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { DistributiveOmit, ReadFinding, SignoffFinding } from './findings';
import { detach, type Range } from '../base/text';
import { describeNode, isNodeWithRange } from '../base/yamlNodes';
import { isDayInRange, isIsoDay } from '../base/dates';
import { DIGEST_PATTERN } from '../base/digest';
import { MAX_HOURS_A_DAY, parseDuration } from '../model/hours';
import { daysBetween } from '../base/dates';
import { PROGRESS_REVIEW_TYPE, SIGNOFF_ROLES, type SignoffRole } from '../model/lifecycleTerms';

/** The front-matter keys this module reads; the fast reading path leaves files with them to the parser. */
export const LIFECYCLE_KEYS: ReadonlySet<string> = new Set(['type', 'signoff', 'otj', 'meets']);

/** One `signoff:` item as written; only a `complete` one counts as a sign-off. */
export interface SignoffEntry {
  readonly index: number;
  readonly by: string | undefined;
  readonly role: SignoffRole | undefined;
  /** A real calendar day, `YYYY-MM-DD`; anything else is reported and left `undefined`. */
  readonly date: string | undefined;
  readonly digest: string | undefined;
  /** The whole item, for messages about the sign-off. */
  readonly range: Range;
  readonly dateRange: Range | undefined;
  readonly digestRange: Range | undefined;
  /** Every field present and well formed. */
  readonly complete: boolean;
}

/** One off-the-job entry: a number of hours on a day, or over a period of days (`from`, `to`). */
export interface OtjLogEntry {
  /** Its place in the `otj:` list (0 for `otj: 3`), as findings that reject it name it. */
  readonly index: number;
  /** The day, or a period's first day; `undefined` for `otj: 3`, which the file's `date:` dates. */
  readonly date: string | undefined;
  /** A period's last day (`to:`), after `date`; `undefined` for an entry of one day. */
  readonly to?: string;
  readonly hours: number;
  readonly activity: string | undefined;
  /** The hours as written, for messages about them. */
  readonly hoursRange: Range;
  readonly dateRange: Range | undefined;
}

/** A `meets:` item: a gateway requirement this file meets. */
export interface MeetsItem {
  readonly name: string;
  readonly range: Range;
}

/** What a file's front matter says about the apprenticeship around its evidence. */
export interface LifecycleFields {
  readonly type: string | undefined;
  readonly typeRange: Range | undefined;
  /** The `signoff` key, and where a new item goes (`undefined` when the value is not a block list). */
  readonly signoffKeyRange: Range | undefined;
  /** The `signoff` value as written, and whether it is a block list (where new items are appended). */
  readonly signoffValue: { readonly range: Range; readonly style: 'block' | 'flow' | 'empty' | 'other'; readonly items: number } | undefined;
  readonly signoffs: readonly SignoffEntry[];
  readonly otjKeyRange: Range | undefined;
  readonly otj: readonly OtjLogEntry[];
  readonly meets: readonly MeetsItem[];
}

type Shift = (start: number, end: number) => Range;

/**
 * Reads the lifecycle fields from their key/value pairs (the first of each key); shape problems go
 * to `findings` (reported as `signoff.invalid`, `otj.invalid` or `frontmatter.invalid-field`).
 */
export function readLifecycleFields(pairs: ReadonlyMap<string, Pair>, yaml: string, shift: Shift, findings: ReadFinding[]): LifecycleFields | undefined {
  if (pairs.size === 0) return undefined;
  const keyRange = (key: string): Range | undefined => {
    const node = pairs.get(key)?.key;
    return isNodeWithRange(node) ? shift(node.range[0], node.range[1]) : undefined;
  };
  // A block collection's range runs on to the next line; a finding or an edit ends with its text.
  const at = (node: unknown, fallback: Range | undefined): Range => {
    if (!isNodeWithRange(node)) return fallback ?? shift(0, 0);
    let end = node.range[1];
    while (end > node.range[0] && /\s/.test(yaml[end - 1])) end--;
    return shift(node.range[0], end);
  };

  let type: string | undefined;
  const typePair = pairs.get('type');
  if (typePair) {
    const value = typePair.value as Node | null;
    if (isScalar(value) && typeof value.value === 'string' && value.value.trim() !== '') type = value.value.trim();
    else
      findings.push({
        kind: 'field-shape',
        field: 'type',
        expected: `a word such as ${PROGRESS_REVIEW_TYPE}`,
        found: describeNode(value),
        range: at(value, keyRange('type')),
      });
  }

  const signoffKey = keyRange('signoff');
  const signoffs = pairs.has('signoff') ? readSignoffs(pairs.get('signoff')!.value as Node | null, at, signoffKey, findings) : [];
  const otjKey = keyRange('otj');
  const otj = pairs.has('otj') ? readOtj(pairs.get('otj')!.value as Node | null, at, otjKey, findings) : [];

  const meets: MeetsItem[] = [];
  const meetsPair = pairs.get('meets');
  if (meetsPair) {
    const value = meetsPair.value as Node | null;
    const items = isSeq(value) ? value.items : isScalar(value) && typeof value.value === 'string' ? [value] : undefined;
    if (!items)
      findings.push({
        kind: 'field-shape',
        field: 'meets',
        expected: 'a list of gateway requirements such as [english-level-2]',
        found: describeNode(value),
        range: at(value, keyRange('meets')),
      });
    for (const item of items ?? []) {
      if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') meets.push({ name: item.value.trim(), range: at(item, undefined) });
      else
        findings.push({
          kind: 'field-shape',
          field: 'meets',
          eachItem: true,
          expected: 'the name of a requirement',
          found: describeNode(item as Node),
          range: at(item, keyRange('meets')),
        });
    }
  }
  const signoffNode = pairs.get('signoff')?.value as Node | null | undefined;
  const signoffValue =
    signoffNode === undefined
      ? undefined
      : {
          range: at(signoffNode, signoffKey),
          style:
            signoffNode === null || (isScalar(signoffNode) && signoffNode.value === null)
              ? ('empty' as const)
              : isSeq(signoffNode)
                ? signoffNode.flow
                  ? signoffNode.items.length === 0
                    ? ('empty' as const)
                    : ('flow' as const)
                  : ('block' as const)
                : ('other' as const),
          // Items that are not sign-offs are reported, not listed: an edit must not drop them.
          items: isSeq(signoffNode) ? signoffNode.items.length : 0,
        };
  return lifecycleFields({
    type,
    typeRange: typePair ? at(typePair.value, keyRange('type')) : undefined,
    signoffKeyRange: signoffKey,
    signoffValue,
    signoffs,
    otjKeyRange: otjKey,
    otj,
    meets,
  });
}

/** Lifecycle fields with every key present, so both reading paths build equal objects. */
export function lifecycleFields(parts: Partial<LifecycleFields>): LifecycleFields {
  return {
    type: parts.type,
    typeRange: parts.typeRange,
    signoffKeyRange: parts.signoffKeyRange,
    signoffValue: parts.signoffValue,
    signoffs: parts.signoffs ?? [],
    otjKeyRange: parts.otjKeyRange,
    otj: parts.otj ?? [],
    meets: parts.meets ?? [],
  };
}

type At = (node: unknown, fallback: Range | undefined) => Range;

const SIGNOFF_FIELDS = ['by', 'role', 'date', 'digest'] as const;

function readSignoffs(value: Node | null, at: At, keyRange: Range | undefined, findings: ReadFinding[]): SignoffEntry[] {
  if (value === null || (isScalar(value) && value.value === null)) return [];
  if (!isSeq(value)) {
    findings.push({ kind: 'signoff-not-list', found: describeNode(value), range: at(value, keyRange) });
    return [];
  }
  const entries: SignoffEntry[] = [];
  value.items.forEach((item, index) => {
    const range = at(item, keyRange);
    if (!isMap(item)) {
      findings.push({ kind: 'signoff-not-map', entry: index, found: describeNode(item as Node), range });
      return;
    }
    const fields = new Map<string, Pair>();
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!fields.has(key)) fields.set(key, pair);
    }
    let complete = true;
    const report = (finding: DistributiveOmit<SignoffFinding, 'range' | 'entry'>, node: unknown) => {
      complete = false;
      findings.push({ ...finding, entry: index, range: at(node, range) } as SignoffFinding);
    };
    const text = (field: (typeof SIGNOFF_FIELDS)[number]): { value: string | undefined; node: unknown } => {
      const node = fields.get(field)?.value;
      if (!fields.has(field)) {
        report({ kind: 'signoff-field-missing', field }, item);
        return { value: undefined, node };
      }
      if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') && String(node.value).trim() !== '')
        return { value: String(node.value).trim(), node };
      report({ kind: 'signoff-field-not-text', field, found: describeNode(node as Node) }, node);
      return { value: undefined, node };
    };
    for (const key of fields.keys()) {
      if (!(SIGNOFF_FIELDS as readonly string[]).includes(key)) report({ kind: 'signoff-field-unknown', field: key }, fields.get(key)?.key);
    }
    const by = text('by');
    const role = text('role');
    let knownRole: SignoffRole | undefined;
    if (role.value !== undefined) {
      knownRole = SIGNOFF_ROLES.find((candidate) => candidate === role.value!.toLowerCase());
      if (!knownRole) report({ kind: 'signoff-role-unknown', role: role.value }, role.node);
    }
    const date = text('date');
    let day: string | undefined;
    if (date.value !== undefined) {
      if (isIsoDay(date.value) && isDayInRange(date.value)) day = date.value;
      else report({ kind: 'signoff-date-invalid', date: date.value }, date.node);
    }
    const digest = text('digest');
    let digestValue: string | undefined;
    if (digest.value !== undefined) {
      if (DIGEST_PATTERN.test(digest.value)) digestValue = digest.value;
      else report({ kind: 'signoff-digest-invalid', digest: digest.value }, digest.node);
    }
    entries.push({
      index,
      by: by.value === undefined ? undefined : detach(by.value),
      role: knownRole,
      date: day,
      digest: digestValue,
      range,
      dateRange: isNodeWithRange(date.node) ? at(date.node, undefined) : undefined,
      digestRange: isNodeWithRange(digest.node) ? at(digest.node, undefined) : undefined,
      complete,
    });
  });
  return entries;
}

/** The fields an off-the-job entry can have: one day (`date`) or a period (`from`, `to`). */
const OTJ_FIELDS = ['date', 'from', 'to', 'hours', 'activity'] as const;

function readOtj(value: Node | null, at: At, keyRange: Range | undefined, findings: ReadFinding[]): OtjLogEntry[] {
  if (value === null || (isScalar(value) && value.value === null)) return [];
  /** The hours of an entry, at most 24 a day over `days` days; durations as people write them (parseDuration). */
  const hoursOf = (node: unknown, entry: number | undefined, days: number): number | undefined => {
    const written = isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'string') ? node.value : undefined;
    const hours = written === undefined ? undefined : parseDuration(written);
    if (hours === undefined) {
      if (typeof written === 'number' && written < 0) findings.push({ kind: 'otj-hours-negative', entry, hours: written, range: at(node, keyRange) });
      else findings.push({ kind: 'otj-hours-not-number', entry, found: describeNode(node as Node), range: at(node, keyRange) });
      return undefined;
    }
    if (days === 1 && hours > MAX_HOURS_A_DAY) {
      findings.push({ kind: 'otj-hours-over-a-day', entry, hours, range: at(node, keyRange) });
      return undefined;
    }
    if (hours > MAX_HOURS_A_DAY * days) {
      findings.push({ kind: 'otj-period-over', entry: entry ?? 0, hours, days, range: at(node, keyRange) });
      return undefined;
    }
    return hours;
  };
  if (isScalar(value)) {
    const hours = hoursOf(value, undefined, 1);
    return hours === undefined ? [] : [{ index: 0, date: undefined, hours, activity: undefined, hoursRange: at(value, keyRange), dateRange: undefined }];
  }
  if (!isSeq(value)) {
    findings.push({ kind: 'otj-not-list', found: describeNode(value), range: at(value, keyRange) });
    return [];
  }
  const entries: OtjLogEntry[] = [];
  value.items.forEach((item, index) => {
    if (!isMap(item)) {
      findings.push({ kind: 'otj-entry-not-map', entry: index, found: describeNode(item as Node), range: at(item, keyRange) });
      return;
    }
    const field = (name: string) => item.items.find((pair) => isScalar(pair.key) && pair.key.value === name);
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!(OTJ_FIELDS as readonly string[]).includes(key)) {
        findings.push({ kind: 'otj-field-unknown', entry: index, field: key, range: at(pair.key, keyRange), subject: { field: 'otj', index } });
      }
    }
    const hoursPair = field('hours');
    if (!hoursPair) {
      findings.push({ kind: 'otj-hours-missing', entry: index, range: at(item, keyRange) });
      return;
    }
    const dayOf = (pair: Pair | undefined, which: 'date' | 'from' | 'to'): string | undefined | null => {
      if (!pair) return undefined;
      const node = pair.value;
      const text = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
      if (text !== undefined && isIsoDay(text) && isDayInRange(text)) return text;
      findings.push({
        kind: 'otj-date-invalid',
        entry: index,
        ...(which !== 'date' && { field: which }),
        found: describeNode(node as Node),
        range: at(node, keyRange),
      });
      return null;
    };
    const datePair = field('date');
    const fromPair = field('from');
    const toPair = field('to');
    let date: string | undefined;
    let to: string | undefined;
    let dateRange: Range | undefined;
    if (fromPair || toPair) {
      // A period: both ends, and no `date:` beside them.
      if (datePair) {
        findings.push({ kind: 'otj-date-and-period', entry: index, range: at(datePair.key, keyRange) });
        return;
      }
      if (!fromPair || !toPair) {
        findings.push({ kind: 'otj-period-half', entry: index, has: fromPair ? 'from' : 'to', range: at(item, keyRange) });
        return;
      }
      const from = dayOf(fromPair, 'from');
      const last = dayOf(toPair, 'to');
      if (!from || !last) return;
      if (last < from) {
        findings.push({ kind: 'otj-period-reversed', entry: index, from, to: last, range: at(toPair.value, keyRange) });
        return;
      }
      date = from;
      to = last === from ? undefined : last;
      dateRange = spanning(at(fromPair.value, keyRange), at(toPair.value, keyRange));
    } else {
      const day = dayOf(datePair, 'date');
      if (day === null) return;
      date = day;
      dateRange = datePair ? at(datePair.value, keyRange) : undefined;
    }
    const hours = hoursOf(hoursPair.value, index, date !== undefined && to !== undefined ? daysBetween(date, to) + 1 : 1);
    const activityNode = field('activity')?.value;
    const activity = isScalar(activityNode) && typeof activityNode.value === 'string' ? detach(activityNode.value.trim()) : undefined;
    if (hours === undefined) return;
    entries.push({ index, date, ...(to !== undefined && { to }), hours, activity, hoursRange: at(hoursPair.value, keyRange), dateRange });
  });
  return entries;
}

/** The range from the start of the earlier of two ranges to the end of the later. */
function spanning(first: Range, second: Range): Range {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return { start: before(first.start, second.start) ? first.start : second.start, end: before(first.end, second.end) ? second.end : first.end };
}
