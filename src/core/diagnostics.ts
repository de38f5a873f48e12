import type { Range } from './text';

/** Stable diagnostic codes: tests, quick fixes, settings and docs refer to them. */
export enum DiagnosticCode {
  /** A claimed code that this standard version does not have (including near-misses such as `k9`). */
  UnknownCode = 'ksb.unknown-code',
  /** A claimed code that belongs to another option than the configured one. */
  WrongOption = 'ksb.wrong-option',
  /** The same code claimed twice in one file. */
  DuplicateCode = 'ksb.duplicate-code',
  /** An evidence file that claims no KSB. */
  NoKsbs = 'evidence.no-ksbs',
  /** A relative link or image in the body whose target does not exist. */
  MissingAttachment = 'evidence.missing-attachment',
  /** Front matter that is not valid YAML. */
  YamlError = 'frontmatter.yaml-error',
  /** Front matter too large (over 256 KB) or too deeply nested to parse: its claims are not read. */
  FrontMatterTooLarge = 'frontmatter.too-large',
  /** A known front-matter field with the wrong shape (`ksbs: 12`, `date: soon`). */
  InvalidField = 'frontmatter.invalid-field',
  /** A file that cannot be read as text (binary, bad encoding, a folder named `.md`). */
  UnreadableFile = 'file.unreadable',
  /** A file too large to check in full; what was skipped is named in the message. */
  FileTooLarge = 'file.too-large',
  /** A symbolic link to a Markdown file or a folder: links are never followed. */
  SymbolicLink = 'file.symlink',
  /** A problem in `portfolio.yaml`. */
  InvalidConfig = 'portfolio.invalid-config',
  /** Evidence (Markdown with `ksbs:` front matter) in a folder that has no `portfolio.yaml`. */
  MissingConfig = 'portfolio.missing-config',
  /** A problem in a standard data file loaded from the workspace. */
  InvalidStandard = 'standard.invalid-data',
}

/** Every diagnostic code, in the order the docs list them. */
export const ALL_DIAGNOSTIC_CODES: readonly DiagnosticCode[] = Object.values(DiagnosticCode);

/** How loudly a rule reports; `ignore` turns it off. Adapters map the rest to their own severities. */
export type RuleLevel = 'ignore' | 'hint' | 'information' | 'warning' | 'error';

/** The level of each rule when the user has not set one. */
export const DEFAULT_RULE_LEVELS: Readonly<Record<DiagnosticCode, RuleLevel>> = {
  [DiagnosticCode.UnknownCode]: 'error',
  [DiagnosticCode.WrongOption]: 'error',
  [DiagnosticCode.DuplicateCode]: 'warning',
  [DiagnosticCode.NoKsbs]: 'warning',
  [DiagnosticCode.MissingAttachment]: 'error',
  [DiagnosticCode.YamlError]: 'error',
  [DiagnosticCode.FrontMatterTooLarge]: 'error',
  [DiagnosticCode.InvalidField]: 'error',
  [DiagnosticCode.UnreadableFile]: 'error',
  [DiagnosticCode.FileTooLarge]: 'information',
  [DiagnosticCode.SymbolicLink]: 'warning',
  [DiagnosticCode.InvalidConfig]: 'error',
  [DiagnosticCode.MissingConfig]: 'information',
  [DiagnosticCode.InvalidStandard]: 'error',
};

/** What a quick fix needs, carried by the diagnostic so fixes never parse message text. */
export type FixData =
  | { readonly kind: 'replace-code'; readonly replacement: string }
  | { readonly kind: 'remove-claim'; readonly removeRange: Range }
  | { readonly kind: 'add-ksbs' }
  | { readonly kind: 'create-config' };

/** A place related to a diagnostic, such as the first occurrence of a duplicate. */
export interface RelatedLocation {
  readonly path: string;
  readonly range: Range;
  readonly message: string;
}

/** One finding of a rule, before severity settings are applied. */
export interface PortfolioDiagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly range: Range;
  readonly related?: readonly RelatedLocation[];
  readonly fix?: FixData;
}

/** A diagnostic with its effective level, ready for an adapter. */
export interface LeveledDiagnostic extends PortfolioDiagnostic {
  readonly level: Exclude<RuleLevel, 'ignore'>;
}

/** Applies per-rule levels (user settings over defaults) and drops ignored rules. */
export function applyLevels(
  diagnostics: readonly PortfolioDiagnostic[],
  overrides: Partial<Record<string, RuleLevel>> = {},
): LeveledDiagnostic[] {
  const result: LeveledDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const level = overrides[diagnostic.code] ?? DEFAULT_RULE_LEVELS[diagnostic.code];
    if (level !== 'ignore') result.push({ ...diagnostic, level });
  }
  return result;
}

/** The range at the very start of a file, for findings about a whole file. */
export const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
