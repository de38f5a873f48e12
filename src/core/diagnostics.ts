import { RULES, DiagnosticCode } from './rules/registry';
import { FILE_START, type Range } from './text';

export { DiagnosticCode };

/** Every diagnostic code, in the order the docs list them. */
export const ALL_DIAGNOSTIC_CODES: readonly DiagnosticCode[] = RULES.map((rule) => rule.code);

/** How loudly a rule reports; `ignore` turns it off. Adapters map the rest to their own severities. */
export type RuleLevel = 'ignore' | 'hint' | 'information' | 'warning' | 'error';

/** The level of each rule when the user has not set one. */
export const DEFAULT_RULE_LEVELS = Object.freeze(Object.fromEntries(RULES.map((rule) => [rule.code, rule.defaultLevel]))) as Readonly<
  Record<DiagnosticCode, RuleLevel>
>;

/** What a quick fix needs, carried by the diagnostic so fixes never parse message text. */
export type FixData =
  | { readonly kind: 'replace-code'; readonly replacement: string }
  | { readonly kind: 'remove-claim'; readonly removeRange: Range }
  | { readonly kind: 'add-ksbs' }
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

/** Applies per-rule levels (user settings over defaults) and drops ignored rules. */
export function applyLevels(diagnostics: readonly PortfolioDiagnostic[], overrides: Partial<Record<string, RuleLevel>> = {}): LeveledDiagnostic[] {
  const result: LeveledDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const level = overrides[diagnostic.code] ?? DEFAULT_RULE_LEVELS[diagnostic.code];
    if (level !== 'ignore') result.push({ ...diagnostic, level });
  }
  return result;
}

/** The range at the very start of a file, for findings about a whole file. */
export { FILE_START };
