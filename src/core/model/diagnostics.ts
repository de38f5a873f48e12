// What a diagnostic is, for every layer: the rules make them, the adapters show them.
import type { DiagnosticCode } from './diagnosticCodes';
import type { Range } from '../base/text';

/** How loudly a rule reports; `ignore` turns it off. Adapters map the rest to their own severities. */
export type RuleLevel = 'ignore' | 'hint' | 'information' | 'warning' | 'error';

/** What a quick fix needs, carried by the diagnostic so fixes never parse message text. */
export type FixData =
  | { readonly kind: 'replace-code'; readonly replacement: string }
  | { readonly kind: 'remove-claim'; readonly removeRange: Range }
  | { readonly kind: 'add-ksbs' }
  /** Rename the front-matter key at the diagnostic's range to `to`. */
  | { readonly kind: 'rename-key'; readonly to: string }
  /** Claim the codes tagged in the body (`[K7, S3]`), with their paragraphs' first sentences as justifications. */
  | { readonly kind: 'claim-tagged'; readonly codes: readonly string[] }
  | { readonly kind: 'create-config' }
  /** Sign-off `index` of the file's `signoff:` list again, today, with the file's digest now. */
  | { readonly kind: 'signoff-again'; readonly index: number };

/** A place related to a diagnostic, such as the first occurrence of a duplicate. */
export interface RelatedLocation {
  readonly path: string;
  readonly range: Range;
  readonly message: string;
}

/**
 * The entry of a list field that a finding rejects: sign-off `index` of `signoff:`, or entry
 * `index` of `otj:` (0 for `otj: 3`). Every figure leaves a rejected entry out, so what a check
 * rejects never counts.
 */
export interface DiagnosticSubject {
  readonly field: 'signoff' | 'otj';
  readonly index: number;
}

/** One finding of a rule, before severity settings are applied. */
export interface PortfolioDiagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly range: Range;
  readonly related?: readonly RelatedLocation[];
  readonly fix?: FixData;
  readonly subject?: DiagnosticSubject;
}

/** Whether any of `diagnostics` rejects entry `index` of `field`. */
export function isRejected(diagnostics: readonly PortfolioDiagnostic[], field: DiagnosticSubject['field'], index: number): boolean {
  return diagnostics.some((diagnostic) => diagnostic.subject?.field === field && diagnostic.subject.index === index);
}

/** A diagnostic with its effective level, ready for an adapter. */
export interface LeveledDiagnostic extends PortfolioDiagnostic {
  readonly level: Exclude<RuleLevel, 'ignore'>;
}
