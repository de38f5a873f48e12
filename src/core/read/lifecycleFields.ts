// The front-matter fields of the apprenticeship around the evidence: `type`, `signoff`, `otj` and
// `meets`. Read node by node, like `ksbs`, so every problem and every edit has its exact place.
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { type PortfolioDiagnostic } from '../model/diagnostics';
import { detach, type Range } from '../base/text';
import { describeNode, isNodeWithRange } from '../base/yamlNodes';
import { DAY_RANGE, isDayInRange, isIsoDay } from '../base/dates';
import { DIGEST_LENGTH } from '../base/digest';
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
  /** A period's last day (`to:`), on or after `date`; `undefined` for an entry of one day. */
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
 * to `diagnostics` as `signoff.invalid`, `otj.invalid` or `frontmatter.invalid-field`.
 */
export function readLifecycleFields(
  pairs: ReadonlyMap<string, Pair>,
  yaml: string,
  shift: Shift,
  diagnostics: PortfolioDiagnostic[],
): LifecycleFields | undefined {
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
      diagnostics.push(
        problem(
          DiagnosticCode.InvalidField,
          `Expected \`type\` to be a word such as ${PROGRESS_REVIEW_TYPE}, found ${describeNode(value)}`,
          at(value, keyRange('type')),
        ),
      );
  }

  const signoffKey = keyRange('signoff');
  const signoffs = pairs.has('signoff') ? readSignoffs(pairs.get('signoff')!.value as Node | null, at, signoffKey, diagnostics) : [];
  const otjKey = keyRange('otj');
  const otj = pairs.has('otj') ? readOtj(pairs.get('otj')!.value as Node | null, at, otjKey, diagnostics) : [];

  const meets: MeetsItem[] = [];
  const meetsPair = pairs.get('meets');
  if (meetsPair) {
    const value = meetsPair.value as Node | null;
    const items = isSeq(value) ? value.items : isScalar(value) && typeof value.value === 'string' ? [value] : undefined;
    if (!items)
      diagnostics.push(
        problem(
          DiagnosticCode.InvalidField,
          `Expected \`meets\` to be a list of gateway requirements such as [english-level-2], found ${describeNode(value)}`,
          at(value, keyRange('meets')),
        ),
      );
    for (const item of items ?? []) {
      if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') meets.push({ name: item.value.trim(), range: at(item, undefined) });
      else
        diagnostics.push(
          problem(
            DiagnosticCode.InvalidField,
            `Expected each item of \`meets\` to be the name of a requirement, found ${describeNode(item as Node)}`,
            at(item, keyRange('meets')),
          ),
        );
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

function readSignoffs(value: Node | null, at: At, keyRange: Range | undefined, diagnostics: PortfolioDiagnostic[]): SignoffEntry[] {
  if (value === null || (isScalar(value) && value.value === null)) return [];
  if (!isSeq(value)) {
    diagnostics.push(
      problem(
        DiagnosticCode.SignoffInvalid,
        `Expected \`signoff\` to be a list of {by, role, date, digest}, found ${describeNode(value)}`,
        at(value, keyRange),
      ),
    );
    return [];
  }
  const entries: SignoffEntry[] = [];
  value.items.forEach((item, index) => {
    const range = at(item, keyRange);
    if (!isMap(item)) {
      diagnostics.push(
        problem(
          DiagnosticCode.SignoffInvalid,
          `Expected sign-off ${index + 1} to be a map of by, role, date and digest, found ${describeNode(item as Node)}`,
          range,
        ),
      );
      return;
    }
    const fields = new Map<string, Pair>();
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!fields.has(key)) fields.set(key, pair);
    }
    let complete = true;
    const report = (message: string, node: unknown) => {
      complete = false;
      diagnostics.push(problem(DiagnosticCode.SignoffInvalid, message, at(node, range)));
    };
    const text = (field: (typeof SIGNOFF_FIELDS)[number]): { value: string | undefined; node: unknown } => {
      const node = fields.get(field)?.value;
      if (!fields.has(field)) {
        report(`Expected sign-off ${index + 1} to have \`${field}\`, found none`, item);
        return { value: undefined, node };
      }
      if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') && String(node.value).trim() !== '')
        return { value: String(node.value).trim(), node };
      report(`Expected \`${field}\` of sign-off ${index + 1} to be text, found ${describeNode(node as Node)}`, node);
      return { value: undefined, node };
    };
    for (const key of fields.keys()) {
      if (!(SIGNOFF_FIELDS as readonly string[]).includes(key))
        report(`Unexpected field \`${key}\` in sign-off ${index + 1}: expected by, role, date and digest`, fields.get(key)?.key);
    }
    const by = text('by');
    const role = text('role');
    let knownRole: SignoffRole | undefined;
    if (role.value !== undefined) {
      knownRole = SIGNOFF_ROLES.find((candidate) => candidate === role.value!.toLowerCase());
      if (!knownRole) report(`Expected the role of sign-off ${index + 1} to be one of ${SIGNOFF_ROLES.join(', ')}, found \`${role.value}\``, role.node);
    }
    const date = text('date');
    let day: string | undefined;
    if (date.value !== undefined) {
      if (isIsoDay(date.value) && isDayInRange(date.value)) day = date.value;
      else report(`Expected the date of sign-off ${index + 1} to be a day such as 2026-03-14, ${DAY_RANGE.words}, found \`${date.value}\``, date.node);
    }
    const digest = text('digest');
    let digestValue: string | undefined;
    if (digest.value !== undefined) {
      if (new RegExp(`^[0-9a-f]{${DIGEST_LENGTH}}$`).test(digest.value)) digestValue = digest.value;
      else
        report(
          `Expected the digest of sign-off ${index + 1} to be ${DIGEST_LENGTH} hexadecimal characters as \`ksb signoff\` writes them, found \`${digest.value}\``,
          digest.node,
        );
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
/** How an entry's hours can be written, for messages about them. */
const HOURS_FORMS = '3.5, "2:30", "2h 30m" or "90m"';

function readOtj(value: Node | null, at: At, keyRange: Range | undefined, diagnostics: PortfolioDiagnostic[]): OtjLogEntry[] {
  if (value === null || (isScalar(value) && value.value === null)) return [];
  const report = (message: string, node: unknown, subject?: PortfolioDiagnostic['subject']) =>
    diagnostics.push(problem(DiagnosticCode.OtjInvalid, message, at(node, keyRange), subject));
  /** The hours of an entry, at most 24 a day over `days` days; a dated total over 24 asks whether it is a period. */
  const hoursOf = (node: unknown, where: string, days: number): number | undefined => {
    const written = isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'string') ? node.value : undefined;
    const hours = written === undefined ? undefined : parseDuration(written);
    if (hours === undefined) {
      if (typeof written === 'number' && written < 0) report(`Expected ${where} to be zero or more hours, found ${written}`, node);
      else report(`Expected ${where} to be a number of hours such as ${HOURS_FORMS}, found ${describeNode(node as Node)}`, node);
      return undefined;
    }
    if (days === 1 && hours > MAX_HOURS_A_DAY) {
      report(
        `Expected ${where} to be at most ${MAX_HOURS_A_DAY} hours (one day), found ${hours}: is this a period? write \`from:\` and \`to:\` days instead of one date`,
        node,
      );
      return undefined;
    }
    if (hours > MAX_HOURS_A_DAY * days) {
      report(`Expected ${where} to be at most ${MAX_HOURS_A_DAY * days} hours (${MAX_HOURS_A_DAY} a day over its ${days} days), found ${hours}`, node);
      return undefined;
    }
    return hours;
  };
  if (isScalar(value)) {
    const hours = hoursOf(value, '`otj`', 1);
    return hours === undefined ? [] : [{ index: 0, date: undefined, hours, activity: undefined, hoursRange: at(value, keyRange), dateRange: undefined }];
  }
  if (!isSeq(value)) {
    report(`Expected \`otj\` to be a number of hours or a list of {date, hours, activity} or {from, to, hours, activity}, found ${describeNode(value)}`, value);
    return [];
  }
  const entries: OtjLogEntry[] = [];
  value.items.forEach((item, index) => {
    const where = `the hours of off-the-job entry ${index + 1}`;
    if (!isMap(item)) {
      report(
        `Expected off-the-job entry ${index + 1} to be a map of date, hours and activity (or from, to, hours and activity), found ${describeNode(item as Node)}`,
        item,
      );
      return;
    }
    const field = (name: string) => item.items.find((pair) => isScalar(pair.key) && pair.key.value === name);
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!(OTJ_FIELDS as readonly string[]).includes(key))
        report(`Unexpected field \`${key}\` in off-the-job entry ${index + 1}: expected date, hours and activity, or from, to, hours and activity`, pair.key, {
          field: 'otj',
          index,
        });
    }
    const hoursPair = field('hours');
    if (!hoursPair) {
      report(`Expected off-the-job entry ${index + 1} to have \`hours\`, found none`, item);
      return;
    }
    const dayOf = (pair: Pair | undefined, name: string): string | undefined | null => {
      if (!pair) return undefined;
      const node = pair.value;
      const text = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
      if (text !== undefined && isIsoDay(text) && isDayInRange(text)) return text;
      report(
        `Expected the ${name} of off-the-job entry ${index + 1} to be a day such as 2026-03-14, ${DAY_RANGE.words}, found ${describeNode(node as Node)}`,
        node,
      );
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
        report(`Expected off-the-job entry ${index + 1} to have either \`date\` (one day) or \`from\` and \`to\` (a period), found both`, datePair.key);
        return;
      }
      if (!fromPair || !toPair) {
        report(`Expected off-the-job entry ${index + 1} to have both \`from\` and \`to\` for a period, found only \`${fromPair ? 'from' : 'to'}\``, item);
        return;
      }
      const from = dayOf(fromPair, 'first day (`from`)');
      const last = dayOf(toPair, 'last day (`to`)');
      if (!from || !last) return;
      if (last < from) {
        report(`Expected the period of off-the-job entry ${index + 1} to end on or after it starts (${from}), found \`to: ${last}\``, toPair.value);
        return;
      }
      date = from;
      to = last === from ? undefined : last;
      dateRange = shiftBetween(at(fromPair.value, keyRange), at(toPair.value, keyRange));
    } else {
      const day = dayOf(datePair, 'date');
      if (day === null) return;
      date = day;
      dateRange = datePair ? at(datePair.value, keyRange) : undefined;
    }
    const hours = hoursOf(hoursPair.value, where, date !== undefined && to !== undefined ? daysBetween(date, to) + 1 : 1);
    const activityNode = field('activity')?.value;
    const activity = isScalar(activityNode) && typeof activityNode.value === 'string' ? detach(activityNode.value.trim()) : undefined;
    if (hours === undefined) return;
    entries.push({ index, date, ...(to !== undefined && { to }), hours, activity, hoursRange: at(hoursPair.value, keyRange), dateRange });
  });
  return entries;
}

/** The range from the start of the earlier of two ranges to the end of the later. */
function shiftBetween(first: Range, second: Range): Range {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return { start: before(first.start, second.start) ? first.start : second.start, end: before(first.end, second.end) ? second.end : first.end };
}

function problem(code: PortfolioDiagnostic['code'], message: string, range: Range, subject?: PortfolioDiagnostic['subject']): PortfolioDiagnostic {
  return subject ? { code, message, range, subject } : { code, message, range };
}
