import { isNode, parseDocument, type Document } from 'yaml';
import type * as z from 'zod/mini';
import { FILE_START, LineIndex, withYamlLineBreaks, type Range } from '../base/text';
import { validate } from '../base/validate';
import { nestingProblem, yamlToData } from '../base/yamlData';
import { canonicalCode, KIND_NAMES, kindOfCode, KSB_KINDS, type KsbKind } from '../model/codes';
import { isApiStandard, readApiStandard, type OptionIds } from './apiStandard';
import { standardFileSchema, type StandardFile } from './schema';

// The kinds live with the code grammar; they are re-exported here, where standards use them.

/** A duty of the occupation. */
export interface Duty {
  readonly number: number;
  readonly text: string;
  /** Option ids the duty belongs to; `undefined` for a core duty. */
  readonly options: readonly string[] | undefined;
  readonly ksbs: readonly string[];
  readonly source: string;
}

/** One knowledge, skill or behaviour of a standard version. */
export interface Ksb {
  readonly code: string;
  readonly kind: KsbKind;
  readonly number: number;
  readonly text: string;
  /** Option ids the KSB applies to; `undefined` for core (every option). */
  readonly options: readonly string[] | undefined;
  /** The duties that list this KSB. */
  readonly duties: readonly Duty[];
  readonly source: string;
}

/** Something the standard's source cannot say, for hover, lookup and the config's diagnostics. */
export type StandardNote = NonNullable<StandardFile['notes']>[number];

/** A document a standard version was built from. */
export type StandardSource = StandardFile['sources'][number];

/** A method of end-point assessment the data maps to KSBs: its id, title and codes and ranges as written. */
export type EpaMethod = Exclude<StandardFile['epaMethods'][number], string>;

/** An option (pathway) of a standard. */
export interface StandardOption {
  readonly id: string;
  readonly title: string;
}

/** What a KSB's option is called where the standard's data cannot say it (it counts for every option). */
export const OPTION_NOT_KNOWN = 'Option not known';

/** One version of a standard, indexed for look-ups by code and option. */
export class StandardVersion {
  readonly reference: string;
  readonly version: string;
  readonly title: string;
  readonly level: number | undefined;
  /** The public API's status (`Approved for delivery`, `Retired`...), where the source gives one. */
  readonly status: string | undefined;
  /** Earliest start date of this version. */
  readonly startDate: string | undefined;
  /** Latest start date of this version. */
  readonly endDate: string | undefined;
  readonly latestEndDate: string | undefined;
  readonly typicalDurationMonths: number | undefined;
  readonly otjMinimumHours: number | undefined;
  readonly standardPageUrl: string | undefined;
  readonly assessmentPlanUrl: string | undefined;
  /** What the source cannot say; empty when it says everything we use. */
  readonly notes: readonly StandardNote[];
  readonly sources: readonly StandardSource[];
  readonly options: readonly StandardOption[];
  /** The methods of end-point assessment, by title. */
  readonly epaMethods: readonly string[];
  /** The methods the data maps to KSBs (`epaMethods` entries with an id), codes and ranges as written. */
  readonly assessmentMethods: readonly EpaMethod[];
  readonly ksbs: readonly Ksb[];
  readonly duties: readonly Duty[];
  private readonly byCode = new Map<string, Ksb>();

  constructor(
    data: StandardFile,
    /** Where the data came from: a bundled file name or a workspace path. */
    readonly origin: string,
  ) {
    this.reference = data.reference;
    this.version = data.version;
    this.title = data.title;
    this.level = data.level;
    this.status = data.status;
    this.startDate = data.startDate;
    this.endDate = data.endDate;
    this.latestEndDate = data.latestEndDate;
    this.typicalDurationMonths = data.typicalDurationMonths;
    this.otjMinimumHours = data.otjMinimumHours;
    this.standardPageUrl = data.standardPageUrl;
    this.assessmentPlanUrl = data.assessmentPlanUrl;
    this.notes = data.notes ?? [];
    this.sources = data.sources;
    this.options = data.options.map(({ id, title }) => ({ id, title }));
    this.epaMethods = data.epaMethods.map((method) => (typeof method === 'string' ? method : method.title));
    this.assessmentMethods = data.epaMethods.filter((method) => typeof method !== 'string');
    this.duties = data.duties.map((duty) => ({ ...duty, options: duty.options }));
    // Duties by code in one pass: filtering every duty for every KSB is quadratic on a hostile file.
    const dutiesByCode = new Map<string, Duty[]>();
    for (const duty of this.duties)
      for (const code of new Set(duty.ksbs))
        dutiesByCode
          .set(code, dutiesByCode.get(code) ?? [])
          .get(code)!
          .push(duty);
    this.ksbs = data.ksbs.map((ksb) => ({
      code: ksb.code,
      kind: kindOfCode(ksb.code)!,
      number: Number(ksb.code.slice(1)),
      text: ksb.text,
      options: ksb.options,
      duties: dutiesByCode.get(ksb.code) ?? [],
      source: ksb.source,
    }));
    for (const ksb of this.ksbs) this.byCode.set(ksb.code, ksb);
  }

  /** `ST0792 v1.2`, as messages name a standard version. */
  get label(): string {
    return `${this.reference} v${this.version}`;
  }

  /** Whether the status says the version no longer takes new starts or never did (anything but `Approved for delivery`). */
  get notApprovedForDelivery(): boolean {
    return this.status !== undefined && this.status.toLowerCase() !== 'approved for delivery';
  }

  /** The KSB with this exact code, if the version has it. */
  ksb(code: string): Ksb | undefined {
    return this.byCode.get(code);
  }

  /** The option with this id or (case-insensitive) title. */
  findOption(idOrTitle: string): StandardOption | undefined {
    const wanted = idOrTitle.trim().toLowerCase();
    return this.options.find((o) => o.id === wanted || o.title.toLowerCase() === wanted);
  }

  /** Whether a KSB counts for an apprentice on `optionId`; every KSB counts when no option is set. */
  appliesTo(ksb: Ksb, optionId: string | undefined): boolean {
    return ksb.options === undefined || optionId === undefined || ksb.options.includes(optionId);
  }

  /** The KSBs an apprentice on `optionId` must evidence, in standard order. */
  applicableKsbs(optionId: string | undefined): Ksb[] {
    return this.ksbs.filter((ksb) => this.appliesTo(ksb, optionId));
  }

  /** The duties that concern an apprentice on `optionId`. */
  applicableDuties(optionId: string | undefined): Duty[] {
    return this.duties.filter((d) => d.options === undefined || optionId === undefined || d.options.includes(optionId));
  }

  /**
   * The notes that concern one KSB: a note naming its code, and a note about the options of the
   * whole standard. A `ksbs-in-no-duty` note without codes (a data file written before notes
   * carried them) concerns a KSB no duty lists, in a standard whose duties name options.
   */
  notesFor(ksb: Ksb): StandardNote[] {
    return this.notes.filter((note) => {
      if (note.kind === 'options-unmapped') return true;
      if (note.kind !== 'ksbs-in-no-duty') return note.codes?.includes(ksb.code) === true;
      return note.codes ? note.codes.includes(ksb.code) : ksb.duties.length === 0 && this.duties.some((duty) => duty.options !== undefined);
    });
  }

  /** Whether the data says which option a KSB belongs to; where it cannot, the KSB counts for every option. */
  optionKnown(ksb: Ksb): boolean {
    return this.options.length === 0 || !this.notesFor(ksb).some((note) => note.kind === 'options-unmapped' || note.kind === 'ksbs-in-no-duty');
  }

  /** Human titles of a KSB's options, `Core` for a core KSB, or `Option not known` where the data cannot say. */
  optionLabel(ksb: Ksb): string {
    // "Core" would be a guess where the data cannot say the option.
    if (!this.optionKnown(ksb)) return OPTION_NOT_KNOWN;
    if (ksb.options === undefined) return 'Core';
    return ksb.options.map((id) => this.options.find((o) => o.id === id)?.title ?? id).join(', ');
  }

  /** The code ranges per kind, e.g. `K1-K29, S1-S23, B1-B4`, as messages quote them. */
  codeRanges(kind?: KsbKind): string {
    const kinds = kind ? [kind] : KSB_KINDS;
    return kinds
      .map((k) => {
        const numbers = this.ksbs.filter((ksb) => ksb.kind === k).map((ksb) => ksb.number);
        if (numbers.length === 0) return undefined;
        const letter = KIND_NAMES[k].letter;
        return `${letter}${Math.min(...numbers)}-${letter}${Math.max(...numbers)}`;
      })
      .filter((range): range is string => range !== undefined)
      .join(', ');
  }
}

/** Compares dotted version strings numerically (`1.10` after `1.9`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Every loaded standard version, by reference and version. */
export class Catalogue {
  private readonly standards = new Map<string, StandardVersion[]>();

  constructor(versions: Iterable<StandardVersion> = []) {
    for (const version of versions) this.add(version);
  }

  /** Adds a version; one with the same reference and version replaces the earlier one. */
  add(standard: StandardVersion): void {
    const key = standard.reference.toUpperCase();
    const list = (this.standards.get(key) ?? []).filter((s) => s.version !== standard.version);
    list.push(standard);
    list.sort((a, b) => compareVersions(a.version, b.version));
    this.standards.set(key, list);
  }

  /** A copy that extra versions can be added to without touching this one. */
  clone(): Catalogue {
    return new Catalogue(this.all());
  }

  /** Every version of every standard. */
  all(): StandardVersion[] {
    return [...this.standards.values()].flat();
  }

  /** Known standard references, e.g. `['ST0792']`. */
  references(): string[] {
    return [...this.standards.values()].map((list) => list[0].reference);
  }

  /** The versions of one standard, oldest first. */
  versions(reference: string): readonly StandardVersion[] {
    return this.standards.get(reference.trim().toUpperCase()) ?? [];
  }

  /** One version, or the latest when `version` is left out. */
  get(reference: string, version?: string): StandardVersion | undefined {
    const list = this.versions(reference);
    if (version === undefined) return list[list.length - 1];
    return list.find((s) => s.version === version);
  }

  /** The other versions of the same standard that have `code`. */
  versionsWithCode(reference: string, code: string): StandardVersion[] {
    return this.versions(reference).filter((s) => s.ksb(code) !== undefined);
  }
}

/** A problem in a standard data file: the file, the field and what was expected. */
export interface StandardDataProblem {
  readonly file: string;
  /** The field, e.g. `ksbs[3].text`; empty for the whole file. */
  readonly field: string;
  readonly message: string;
  readonly range: Range;
}

/** The outcome of reading one standard data file. */
export type StandardParseResult =
  { readonly ok: true; readonly standard: StandardVersion } | { readonly ok: false; readonly problems: readonly StandardDataProblem[] };

/** A standard data file's validated content, or its problems. */
export type StandardDataResult = { readonly ok: true; readonly data: StandardFile } | { readonly ok: false; readonly problems: readonly StandardDataProblem[] };

/**
 * Reads a standard data file, validates it and reports problems with positions. Two formats,
 * told apart by shape: our data file (YAML or JSON) and the public standards API's JSON.
 */
export function parseStandardFile(text: string, file: string): StandardParseResult {
  const result = readStandardData(text, file);
  return result.ok ? { ok: true, standard: new StandardVersion(result.data, file) } : result;
}

/**
 * Parses and validates a standard data file without indexing it. The build runs this on the
 * shipped standards (esbuild.mjs), so they reach the bundle as checked plain data. `optionIds`
 * keeps the option ids of an API file stable where titles changed (shipped data uses it).
 */
export function readStandardData(text: string, file: string, optionIds?: OptionIds): StandardDataResult {
  // JSON first: JSON.parse is many times faster than the YAML parser on the API's large files,
  // which matters for a folder of hundreds. The YAML parser reads what JSON.parse refuses, with positions.
  const json = parseJsonObject(text);
  const tooDeep = json === undefined ? undefined : nestingProblem(json, `\`${file}\``);
  // Refused here, or the YAML parser below would try it and overflow the stack.
  if (tooDeep) return { ok: false, problems: [{ file, field: '', message: tooDeep, range: FILE_START }] };
  if (json !== undefined && isApiStandard(json)) {
    const read = readApiStandard(json, file, optionIds);
    if (!read.ok) return { ok: false, problems: [{ file, field: read.field, message: `${file}: ${read.field}: ${read.message}`, range: FILE_START }] };
    const checked = validate(standardFileSchema, read.data);
    if (checked.success) return { ok: true, data: checked.data };
    // The reader's output always fits the schema; a failure here is a bug in it, reported as one.
    return {
      ok: false,
      problems: checked.error.issues.map((issue) => ({
        file,
        field: formatFieldPath(issue.path as (string | number)[]),
        message: `${file}: the API reader made invalid data: ${issue.message}`,
        range: FILE_START,
      })),
    };
  }
  const lines = new LineIndex(text);
  const document = parseDocument(withYamlLineBreaks(text), { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        file,
        field: '',
        message: `Expected valid YAML or JSON, found: ${error.message.split('\n')[0]}`,
        range: lines.rangeAt(error.pos[0], error.pos[1]),
      })),
    };
  }
  const converted = yamlToData(document);
  if (!converted.ok) {
    return { ok: false, problems: [{ file, field: '', message: converted.message, range: lines.rangeAt(converted.offsets[0], converted.offsets[1]) }] };
  }
  const result = validate(standardFileSchema, converted.data);
  if (!result.success) {
    return { ok: false, problems: result.error.issues.map((issue) => toProblem(issue, document, lines, file)) };
  }
  return { ok: true, data: result.data };
}

/** The object a JSON text holds, or `undefined` for anything else (invalid JSON, YAML, an array). */
function parseJsonObject(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!/^\s*\{/.test(body)) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function toProblem(issue: z.core.$ZodIssue, document: Document, lines: LineIndex, file: string): StandardDataProblem {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const field = formatFieldPath(path);
  // Point at the deepest node that exists: a missing field is reported on its parent.
  let range = lines.rangeAt(0, 0);
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      range = lines.rangeAt(node.range[0], node.range[1]);
      break;
    }
  }
  return { file, field, message: `${file}: ${field || 'file'}: ${issue.message}`, range };
}

/** `ksbs[3].text` from `['ksbs', 3, 'text']`. */
export function formatFieldPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

/** The KSBs whose codes are nearest to a code the standard lacks: same kind, closest numbers. */
export function nearestCodes(standard: StandardVersion, written: string, count = 3): Ksb[] {
  const canonical = canonicalCode(written);
  if (!canonical) return [];
  const letter = canonical[0];
  const number = Number(canonical.slice(1));
  return standard.ksbs
    .filter((ksb) => ksb.code[0] === letter)
    .sort((a, b) => Math.abs(a.number - number) - Math.abs(b.number - number) || a.number - b.number)
    .slice(0, count);
}
