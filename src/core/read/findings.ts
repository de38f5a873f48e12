// What the readers found wrong, as facts with positions: a reader says what it read and where, and
// the rule of the finding's kind (`rules/`, each rule's `findings`) says what it means and in what
// words. `rules/readFindings.ts` turns findings into diagnostics; every kind has exactly one rule.
import type { Range } from '../base/text';
import type { DiagnosticSubject } from '../model/diagnostics';
import type { StandardNote } from '../catalogue/catalogue';

/** `Omit` over each member of a union, so what is left stays a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Every finding has a kind and a place; `subject` names the `signoff:`/`otj:` entry it rejects. */
interface At<Kind extends string> {
  readonly kind: Kind;
  readonly range: Range;
  readonly subject?: DiagnosticSubject;
}

/** Which `otj` value a finding is about: the whole `otj: 3`, or entry `entry` (0-based) of the list. */
export type OtjPlace = { readonly entry: number } | { readonly entry: undefined };

/** Findings about the bytes and the folder entries of a file (`file.*`). */
export type FileFinding =
  /** The bytes are not text; `reason` says how (decodeText's expected-vs-found). */
  | (At<'file-undecodable'> & { readonly reason: string })
  | (At<'file-read-error'> & { readonly error: string })
  | (At<'folder-read-error'> & { readonly error: string })
  | (At<'name-undecodable'> & { readonly what: 'file' | 'folder' })
  | At<'special-file'>
  | At<'symbolic-link'>
  | (At<'too-large-for-links'> & { readonly size: number })
  | (At<'too-large-read-start'> & { readonly size: number });

/** Findings about the front matter as a whole and its fields (`frontmatter.*`). */
export type FrontMatterFinding =
  /** `detail` is the YAML parser's first line of its message. */
  | (At<'yaml-syntax'> & { readonly detail: string })
  | At<'front-matter-unclosed'>
  | At<'front-matter-past-read-limit'>
  | (At<'front-matter-too-long'> & { readonly length: number })
  | (At<'front-matter-too-deep'> & { readonly depth: number })
  | (At<'front-matter-not-map'> & { readonly found: string })
  | (At<'field-twice'> & { readonly field: string; readonly firstLine: number })
  /** A field of the wrong shape: `expected` is the field's documented shape, `found` what was there. */
  | (At<'field-shape'> & { readonly field: string; readonly expected: string; readonly found: string; readonly eachItem?: true })
  /** A key of the map form of `ksbs` that is not a code. */
  | (At<'ksbs-key-shape'> & { readonly found: string })
  /** Item `item` (1-based) of a `ksbs` list in none of the accepted `forms`. */
  | (At<'ksbs-item-shape'> & { readonly item: number; readonly forms: string; readonly found: string })
  /** A field of a `{code: K1, why: ...}` item of the wrong shape. */
  | (At<'ksbs-item-field'> & { readonly item: number; readonly field: string; readonly expected: string; readonly found: string })
  | (At<'ksbs-item-field-unknown'> & { readonly item: number; readonly field: string });

/** Findings about `signoff:` entries (`signoff.invalid`); `entry` is 0-based. */
export type SignoffFinding =
  | (At<'signoff-not-list'> & { readonly found: string })
  | (At<'signoff-not-map'> & { readonly entry: number; readonly found: string })
  | (At<'signoff-field-missing'> & { readonly entry: number; readonly field: string })
  | (At<'signoff-field-not-text'> & { readonly entry: number; readonly field: string; readonly found: string })
  | (At<'signoff-field-unknown'> & { readonly entry: number; readonly field: string })
  | (At<'signoff-role-unknown'> & { readonly entry: number; readonly role: string })
  | (At<'signoff-date-invalid'> & { readonly entry: number; readonly date: string })
  | (At<'signoff-digest-invalid'> & { readonly entry: number; readonly digest: string });

/** Findings about `otj:` (`otj.invalid`). */
export type OtjFinding =
  | (At<'otj-not-list'> & { readonly found: string })
  | (At<'otj-entry-not-map'> & { readonly entry: number; readonly found: string })
  | (At<'otj-field-unknown'> & { readonly entry: number; readonly field: string })
  | (At<'otj-hours-missing'> & { readonly entry: number })
  | (At<'otj-hours-not-number'> & OtjPlace & { readonly found: string })
  | (At<'otj-hours-negative'> & OtjPlace & { readonly hours: number })
  | (At<'otj-hours-over-a-day'> & OtjPlace & { readonly hours: number })
  /** `field`: the period's `from` or `to`, when it is not `date`. */
  | (At<'otj-date-invalid'> & { readonly entry: number; readonly field?: 'from' | 'to'; readonly found: string })
  /** A period `{from, to, hours}` with more than 24 hours a day over its `days`. */
  | (At<'otj-period-over'> & { readonly entry: number; readonly hours: number; readonly days: number })
  | (At<'otj-period-reversed'> & { readonly entry: number; readonly from: string; readonly to: string })
  | (At<'otj-period-half'> & { readonly entry: number; readonly has: 'from' | 'to' })
  | (At<'otj-date-and-period'> & { readonly entry: number });

/** Why a `portfolio.yaml` or a standard data file was not read (`portfolio.invalid-config`, `standard.invalid-data`). */
export type DataFileRefusal =
  | { readonly found: 'symbolic-link' }
  | { readonly found: 'folder' }
  | { readonly found: 'special-file' }
  | { readonly found: 'too-large'; readonly size: number; readonly limit: number }
  | { readonly found: 'read-error'; readonly error: string }
  | { readonly found: 'undecodable'; readonly reason: string };

/** Where `standards:` pointed at something that was not read. */
export type StandardsSourceProblem =
  | { readonly problem: 'absolute'; readonly written: string }
  | { readonly problem: 'outside'; readonly written: string }
  /** `link`: the link on the way to `written`, when it is not `written` itself. */
  | { readonly problem: 'symbolic-link'; readonly written: string; readonly link?: string }
  | { readonly problem: 'folder-unreadable'; readonly written: string; readonly error: string }
  | { readonly problem: 'special-file'; readonly written: string }
  | { readonly problem: 'missing'; readonly written: string };

/** Findings about `portfolio.yaml` (`portfolio.invalid-config`). */
export type ConfigFinding =
  | (At<'config-unread'> & { readonly name: string; readonly refusal: DataFileRefusal })
  | (At<'config-yaml-syntax'> & { readonly detail: string })
  | (At<'config-not-map'> & { readonly empty: boolean })
  /** YAML that does not read as data (an alias without anchor, too many aliases): the base reader's words. */
  | (At<'config-not-data'> & { readonly detail: string })
  /** `nested`: the block the fields are in (`gateway`), with the fields it takes. */
  | (At<'config-field-unknown'> & { readonly fields: readonly string[]; readonly known: readonly string[]; readonly nested?: string })
  | (At<'config-field-missing'> & { readonly field: string })
  /** `detail`: what the schema asks of the field (its refinement's words). */
  | (At<'config-field-invalid'> & { readonly field: string; readonly detail: string })
  | (At<'config-end-before-start'> & { readonly start: string; readonly end: string })
  | (At<'config-glob-invalid'> & { readonly glob: string; readonly reason: string })
  | (At<'config-standard-unknown'> & { readonly standard: string; readonly known: readonly string[] })
  | (At<'config-version-unknown'> & { readonly version: string; readonly reference: string; readonly known: readonly string[] })
  | (At<'config-option-unknown'> & { readonly option: string; readonly standard: string; readonly choices: readonly OptionChoice[] })
  | (At<'config-option-missing'> & { readonly standard: string; readonly choices: readonly OptionChoice[] })
  | (At<'config-standards-source'> & StandardsSourceProblem)
  | (At<AssessmentFinding['kind']> & AssessmentFinding);

/** What is wrong in `assessment:` (see read/assessment.ts), without its place. */
export type AssessmentFinding =
  /** A method of `assessment.methods` with no `ksbs` that the standard's data does not map either. */
  | { readonly kind: 'config-method-ksbs-missing'; readonly method: string }
  /** `assessment:` without `method`; `methods`: the ids it could name. */
  | { readonly kind: 'config-method-missing'; readonly methods: readonly string[] }
  | { readonly kind: 'config-method-unknown'; readonly method: string; readonly methods: readonly string[]; readonly standard: string }
  /** The method assesses none of the KSBs of `scope` (the standard and option). */
  | { readonly kind: 'config-method-empty'; readonly method: string; readonly scope: string }
  /** An item of a `ksbs` list that is no code or range: `reason` is the range reader's expected-vs-found. */
  | { readonly kind: 'config-ksb-item-invalid'; readonly field: string; readonly standard: string; readonly reason: string }
  /** Codes the standard lacks, at an item's ends; `written` is the item when it is a range. */
  | {
      readonly kind: 'config-ksb-item-unknown';
      readonly codes: readonly string[];
      readonly written?: string;
      readonly standard: string;
      readonly ranges: string;
    }
  /** A single code of another option than the portfolio's. */
  | { readonly kind: 'config-ksb-item-option'; readonly code: string; readonly option: string; readonly belongsTo: string };

/** An option a standard offers, as a message names it. */
export interface OptionChoice {
  readonly id: string;
  readonly title: string;
}

/** Findings about the standard data in force (`standard.*`). */
export type StandardFinding =
  | (At<'standard-file-unread'> & { readonly name: string; readonly refusal: DataFileRefusal })
  /** A standard data file's own problem, in the words of its validation (`catalogue/schema.ts`). */
  | (At<'standard-file-invalid'> & { readonly detail: string })
  | (At<'standard-gap'> & { readonly standard: string; readonly note: StandardNote })
  | (At<'standard-not-approved'> & { readonly standard: string; readonly status: string | undefined; readonly endDate: string | undefined });

/** Anything a reader found wrong. */
export type ReadFinding = FileFinding | FrontMatterFinding | SignoffFinding | OtjFinding | ConfigFinding | StandardFinding;

/** The kinds of finding. */
export type ReadFindingKind = ReadFinding['kind'];

/** The finding of one kind. */
export type FindingOf<Kind extends ReadFindingKind> = Extract<ReadFinding, { kind: Kind }>;

/** The kinds that say the YAML itself is broken, so nothing in it can be edited safely. */
export const YAML_SYNTAX_KINDS: ReadonlySet<ReadFindingKind> = new Set(['yaml-syntax', 'front-matter-unclosed']);
