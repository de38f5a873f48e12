// The public apprenticeship standards API's JSON (`/api/apprenticeshipstandards/{reference}`), read
// as it is into our standard model. The API has no K1/S1 codes, two ways of giving options and
// HTML-escaped texts; every rule that turns it into codes, options and duties is here, and whatever
// the file cannot say becomes a note the user is shown, never a guess presented as fact.
import { KIND_NAMES, KSB_KINDS, type KsbKind } from '../model/codes';
import { slugify } from '../base/paths';
import { plural } from '../base/wording';
import type { StandardFile } from './schema';

/** The key `ksb standard add` puts first in a file it writes: where and when the file was fetched. */
export const API_SOURCE_KEY = '$source';

/** Where an API file came from, as `ksb standard add` records it. */
export interface ApiSource {
  readonly url: string;
  /** `YYYY-MM-DD`. */
  readonly retrieved: string;
}

/** The outcome of reading one API file. */
export type ApiStandardResult = { readonly ok: true; readonly data: StandardFile } | { readonly ok: false; readonly field: string; readonly message: string };

/** Option ids to use instead of ones made from titles, by option title (any case): shipped data keeps its ids stable. */
export type OptionIds = Readonly<Record<string, string>>;

/**
 * Whether parsed JSON has the API's shape rather than our data file format: an object with the
 * API's `referenceNumber` (ours has `reference`) and at least one of its KSB or duty arrays.
 */
export function isApiStandard(data: unknown): data is Record<string, unknown> {
  if (!isRecord(data) || !('referenceNumber' in data) || 'reference' in data) return false;
  return ['knowledges', 'skills', 'behaviours', 'duties', 'standardPageUrl'].some((key) => key in data);
}

/** How each kind is held in the API: its array and the id field of its items. */
const API_KINDS: Readonly<Record<KsbKind, { readonly array: string; readonly id: string; readonly dutyField: string; readonly unstructuredField: string }>> = {
  knowledge: { array: 'knowledges', id: 'knowledgeId', dutyField: 'mappedKnowledge', unstructuredField: 'mappedKnowledge' },
  skill: { array: 'skills', id: 'skillId', dutyField: 'mappedSkills', unstructuredField: 'mappedSkills' },
  behaviour: { array: 'behaviours', id: 'behaviourId', dutyField: 'mappedBehaviour', unstructuredField: 'mappedBehaviour' },
};

/** Id of the one source entry an API file gives every fact. */
const API_SOURCE_ID = 'api';

/**
 * Reads one API standard file into our model. Rules (the README's "Standards from the public API"):
 * - codes are positions: the n-th item of `knowledges` is Kn, and likewise S and B;
 * - texts are HTML-decoded, tags dropped, spaces collapsed, and a leading code stripped where it is
 *   the item's own (`K1: ...` on K1); a different one is kept and a note says so;
 * - options come from `options`, a KSB being specific to the options of the non-core duties
 *   (`isThisACoreDuty: 0`) that list it and core when any core duty lists it; or, where no duty
 *   names an option, from `optionsUnstructuredTemplate` and `optionsUnstructuredKsbMapping`;
 * - a KSB whose option the file does not say counts for every option, and a note says so;
 * - dates are the API's, cut to the day: `earliestStartDate` starts the version, `latestStartDate` ends it.
 */
export function readApiStandard(json: Record<string, unknown>, origin: string, optionIds: OptionIds = {}): ApiStandardResult {
  const reference = text(json.referenceNumber).toUpperCase();
  if (!/^ST\d{4}$/.test(reference)) {
    return {
      ok: false,
      field: 'referenceNumber',
      message: `Expected \`referenceNumber\` to be a standard reference such as ST0792, found ${describe(json.referenceNumber)}`,
    };
  }
  const notes: NonNullable<StandardFile['notes']>[number][] = [];
  let version = apiVersion(json);
  if (!version) {
    const named = /_(\d+(?:\.\d+)*)\.json$/i.exec(origin)?.[1];
    if (!named) {
      return {
        ok: false,
        field: 'version',
        message: `Expected \`version\` (or \`versionNumber\`), found none, and the file name \`${origin}\` does not end in _VERSION.json`,
      };
    }
    version = named;
    notes.push({ kind: 'version-from-file-name', text: `The API file gives no version; ${version} is taken from its name.` });
  }
  if (!/^\d+(\.\d+)*$/.test(version)) return { ok: false, field: 'version', message: `Expected \`version\` such as "1.2", found ${describe(version)}` };

  // Codes by GUID, per kind: a GUID means something only within one version and one kind.
  const codeByGuid = new Map<string, string>();
  // Texts that begin with a code other than their position (ST0530 numbers groups of statements).
  const codesDiffer: string[] = [];
  const ksbs: { code: string; text: string; guid: string }[] = [];
  for (const kind of KSB_KINDS) {
    const { array, id } = API_KINDS[kind];
    const letter = KIND_NAMES[kind].letter;
    list(json[array]).forEach((item, index) => {
      const code = `${letter}${index + 1}`;
      const guid = isRecord(item) ? text(item[id]) : '';
      const written = isRecord(item) ? cleanApiText(text(item.detail)) : '';
      const detail = withoutOwnCode(written, code);
      if (detail === written && writtenCode(written, letter) !== undefined) codesDiffer.push(code);
      ksbs.push({ code, guid, text: detail || '(The API file gives this KSB no text.)' });
      if (guid && !codeByGuid.has(`${kind}:${guid}`)) codeByGuid.set(`${kind}:${guid}`, code);
    });
  }
  if (ksbs.length === 0) {
    const status = text(json.status);
    notes.push({
      kind: 'no-ksbs',
      text: `The API file lists no knowledge, skills or behaviours${status ? ` (status: ${status})` : ''}, so there is nothing to claim or cover.`,
    });
  }

  if (codesDiffer.length > 0) {
    notes.push({
      kind: 'codes-differ',
      text: `The texts of ${listCodes(codesDiffer)} begin with a code other than their position in the API file; codes here are positions, so check them against the standard's own page.`,
    });
  }

  let dangling = 0;
  const codesOf = (mapping: Record<string, unknown>, field: (kind: KsbKind) => string): string[] =>
    KSB_KINDS.flatMap((kind) =>
      list(mapping[field(kind)]).flatMap((guid) => {
        const code = codeByGuid.get(`${kind}:${text(guid)}`);
        if (code === undefined) dangling++;
        return code === undefined ? [] : [code];
      }),
    );

  // Options: structured, with their GUIDs, or unstructured titles.
  const structured = list(json.options).filter(isRecord);
  const template = list(json.optionsUnstructuredTemplate).map(text).filter(Boolean);
  const optionTitles = structured.length > 0 ? structured.map((o) => cleanApiText(text(o.title))) : template.map((t) => cleanApiText(t));
  const usedIds = new Set<string>();
  const options = optionTitles.map((title, index) => {
    const key = title.toLowerCase();
    // `Object.hasOwn`: an option titled `Constructor` must not find `Object`.
    const wanted = (Object.hasOwn(optionIds, key) ? optionIds[key] : undefined) ?? (slugify(title.replace(/&/g, ' and ')) || `option-${index + 1}`);
    let id = wanted;
    for (let n = 2; usedIds.has(id); n++) id = `${wanted}-${n}`;
    usedIds.add(id);
    return { id, title: title || `Option ${index + 1}`, source: API_SOURCE_ID };
  });
  const optionIdByGuid = new Map(structured.map((o, index) => [text(o.optionId), options[index]?.id]));

  const dutyOptionless: number[] = [];
  const duties = list(json.duties)
    .filter(isRecord)
    .map((duty, index) => {
      const number = index + 1;
      const core = duty.isThisACoreDuty !== 0 && duty.isThisACoreDuty !== '0' && duty.isThisACoreDuty !== false;
      const mapped = core ? [] : unique(list(duty.mappedOptions).flatMap((guid) => optionIdByGuid.get(text(guid)) ?? []));
      if (!core && mapped.length === 0 && options.length > 0) dutyOptionless.push(number);
      return {
        number,
        text: cleanApiText(text(duty.dutyDetail)) || `(The API file gives duty ${number} no text.)`,
        options: mapped.length > 0 ? mapped : undefined,
        ksbs: unique(codesOf(duty, (kind) => API_KINDS[kind].dutyField)),
        source: API_SOURCE_ID,
      };
    });

  const ksbOptions = new Map<string, string[] | undefined>();
  const inNoDuty: string[] = [];
  let optionSplit: 'duties' | 'unstructured' | 'none' = 'none';
  if (options.length > 0 && duties.some((duty) => duty.options !== undefined)) {
    optionSplit = 'duties';
    // One pass over the mappings, not one per KSB: a hostile file may list 60 000 KSBs in one duty.
    const dutiesByCode = new Map<string, (typeof duties)[number][]>();
    for (const duty of duties)
      for (const code of duty.ksbs)
        dutiesByCode
          .set(code, dutiesByCode.get(code) ?? [])
          .get(code)!
          .push(duty);
    for (const ksb of ksbs) {
      const holding = dutiesByCode.get(ksb.code) ?? [];
      if (holding.length === 0) {
        inNoDuty.push(ksb.code);
        continue;
      }
      if (holding.some((duty) => duty.options === undefined)) continue;
      ksbOptions.set(ksb.code, unique(holding.flatMap((duty) => duty.options ?? [])));
    }
  } else if (options.length > 0) {
    const byTitle = new Map(options.map((o) => [o.title.toLowerCase(), o.id]));
    const core = new Set<string>();
    const specific = new Map<string, string[]>();
    for (const mapping of list(json.optionsUnstructuredKsbMapping).filter(isRecord)) {
      const title = cleanApiText(text(mapping.coreOrOptionTitle)).toLowerCase();
      const codes = codesOf(mapping, (kind) => API_KINDS[kind].unstructuredField);
      if (title === 'core') codes.forEach((code) => core.add(code));
      const optionId = byTitle.get(title);
      if (optionId) for (const code of codes) specific.set(code, unique([...(specific.get(code) ?? []), optionId]));
    }
    if (specific.size > 0) {
      optionSplit = 'unstructured';
      for (const ksb of ksbs) {
        if (core.has(ksb.code)) continue;
        const own = specific.get(ksb.code);
        if (own) ksbOptions.set(ksb.code, own);
        else inNoDuty.push(ksb.code);
      }
    }
  }
  if (options.length > 0 && optionSplit === 'none' && ksbs.length > 0) {
    notes.push({
      kind: 'options-unmapped',
      text: `The API file names ${plural(options.length, 'option')} (${options.map((o) => o.title).join('; ')}) but maps no KSB to any of them, so which KSBs belong to which option cannot be known from it: every KSB counts for every option.`,
    });
  }
  if (inNoDuty.length > 0) {
    notes.push({
      kind: 'ksbs-in-no-duty',
      text:
        optionSplit === 'unstructured'
          ? `${listCodes(inNoDuty)} ${inNoDuty.length === 1 ? 'is' : 'are'} mapped neither to the core nor to an option, so the file does not say which option ${inNoDuty.length === 1 ? 'it belongs' : 'they belong'} to: counted for every option.`
          : `${listCodes(inNoDuty)} ${inNoDuty.length === 1 ? 'is' : 'are'} listed by no duty, so the file does not say which option ${inNoDuty.length === 1 ? 'it belongs' : 'they belong'} to: counted for every option.`,
      // Every code, though the text names at most twelve: hover and lookup say it at each KSB.
      codes: inNoDuty,
    });
  }
  if (dutyOptionless.length > 0 && optionSplit === 'duties') {
    notes.push({
      kind: 'duty-without-option',
      text: `${dutyOptionless.length === 1 ? 'Duty' : 'Duties'} ${dutyOptionless.join(', ')} ${dutyOptionless.length === 1 ? 'is' : 'are'} not core but ${dutyOptionless.length === 1 ? 'names' : 'name'} no option: counted for every option.`,
    });
  }
  if (dangling > 0) {
    notes.push({
      kind: 'dangling-reference',
      text: `${plural(dangling, 'mapping')} in the API file ${dangling === 1 ? 'names a KSB' : 'name KSBs'} the file does not list; ${dangling === 1 ? 'it was' : 'they were'} left out.`,
    });
  }

  const recorded = json[API_SOURCE_KEY];
  const source = isRecord(recorded) ? recorded : undefined;
  const sourceUrl = text(source?.url) || text(json.url);
  const retrieved = isoDay(source?.retrieved);
  const level = typeof json.level === 'number' && Number.isInteger(json.level) && json.level >= 1 && json.level <= 8 ? json.level : undefined;
  const duration =
    typeof json.typicalDuration === 'number' && Number.isInteger(json.typicalDuration) && json.typicalDuration > 0 ? json.typicalDuration : undefined;
  const data: StandardFile = {
    reference,
    version,
    title: cleanApiText(text(json.title)) || reference,
    ...(level !== undefined && { level }),
    ...optional('status', cleanApiText(text(json.status))),
    ...optional('startDate', isoDay(json.earliestStartDate)),
    ...optional('endDate', isoDay(json.latestStartDate)),
    ...optional('latestEndDate', isoDay(json.latestEndDate)),
    ...optional('approvedForDelivery', isoDay(json.approvedForDelivery)),
    ...(duration !== undefined && { typicalDurationMonths: duration }),
    ...optional('standardPageUrl', httpUrl(json.standardPageUrl)),
    ...optional('assessmentPlanUrl', httpUrl(json.assessmentPlanUrl)),
    ...(notes.length > 0 && { notes }),
    sources: [
      {
        id: API_SOURCE_ID,
        file: origin,
        description: `Public apprenticeship standards API: ${reference} version ${version}${retrieved ? `, retrieved ${retrieved}` : ''}`,
        ...optional('url', sourceUrl),
        ...optional('retrieved', retrieved),
      },
    ],
    options,
    epaMethods: [],
    ksbs: ksbs.map((ksb) => ({ code: ksb.code, text: ksb.text, ...optional('options', ksbOptions.get(ksb.code)), source: API_SOURCE_ID })),
    duties,
  };
  return { ok: true, data };
}

/**
 * The version an API file gives, as every reader of it must see it: `version`, else
 * `versionNumber`, trimmed, a number written as text, and `V0.0` (ST1462) read as 0.0; `''` for none.
 */
export function apiVersion(json: Record<string, unknown>): string {
  return (text(json.version) || text(json.versionNumber)).replace(/^[vV](?=\d)/, '');
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  pound: '£',
  euro: '€',
  bull: '•',
};

/** Decodes HTML character references; unknown names are left as written. */
export function decodeHtmlEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const codePoint = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff) ? String.fromCodePoint(codePoint) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The code a text begins with (`K1: ...`, `S 12 - ...`) when it is of the kind `letter`. */
function writtenCode(text: string, letter: string): string | undefined {
  const match = new RegExp(`^${letter}\\s?0*([1-9][0-9]{0,2})\\s*[:.)\\-–—]\\s*`).exec(text);
  return match ? `${letter}${match[1]}` : undefined;
}

/**
 * A KSB text without the code it begins with, when that code is its own (`K1: ...` for K1): our
 * code is the item's position, so the prefix would repeat it. A different code is kept as written.
 */
function withoutOwnCode(text: string, code: string): string {
  if (writtenCode(text, code[0]) !== code) return text;
  return text.replace(new RegExp(`^${code[0]}\\s?0*[1-9][0-9]{0,2}\\s*[:.)\\-–—]\\s*`), '');
}

/**
 * An API text as plain text: entities decoded (twice escaped texts exist, so until none is left,
 * at most three rounds), tags dropped, whitespace collapsed.
 */
export function cleanApiText(value: string): string {
  let decoded = value;
  for (let round = 0; round < 3 && /&(#x?[0-9a-f]+|[a-z]+);/i.test(decoded); round++) decoded = decodeHtmlEntities(decoded);
  return decoded
    .replace(/<\/?(p|br|li|ul|ol|div)\b[^>]*>/gi, ' ')
    .replace(/<[a-z/!][^<>]{0,500}>/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** `2023-06-08` from the API's `2023-06-08T00:00:00` or `2020-08-24T00:00:00 +00:00`. */
function isoDay(value: unknown): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ]|$)/.exec(text(value));
  return match?.[1];
}

function httpUrl(value: unknown): string | undefined {
  const url = text(value);
  return /^https?:\/\/\S+$/i.test(url) ? url : undefined;
}

/** `{ [key]: value }` when there is a value, else nothing, to spread into an object. */
function optional<K extends string, V>(key: K, value: V | undefined | ''): { [P in K]?: V } {
  return value === undefined || value === '' ? {} : ({ [key]: value } as { [P in K]?: V });
}

/** `K5, S3 and B1`, at most twelve named. */
function listCodes(codes: readonly string[]): string {
  const shown = codes.slice(0, 12);
  const rest = codes.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

function describe(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'none';
  return JSON.stringify(value).slice(0, 60);
}
