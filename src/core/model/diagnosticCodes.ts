// The stable diagnostic codes, as a table of constants with nothing under it: every layer can name a
// code without loading the rules (rules/registry.ts gives each code its one rule, and checks it does).

/** Stable diagnostic codes by name, `DiagnosticCode.NoKsbs` for `evidence.no-ksbs`: tests, quick fixes, settings and docs refer to them. */
export const DiagnosticCode = Object.freeze({
  UnknownCode: 'ksb.unknown-code',
  WrongOption: 'ksb.wrong-option',
  DuplicateCode: 'ksb.duplicate-code',
  NoKsbs: 'evidence.no-ksbs',
  MissingAttachment: 'evidence.missing-attachment',
  LinkOutside: 'evidence.link-outside',
  FutureDate: 'evidence.future-date',
  Placeholder: 'evidence.placeholder',
  TaggedNotClaimed: 'evidence.tagged-not-claimed',
  SignoffStale: 'signoff.stale',
  SignoffInvalid: 'signoff.invalid',
  SignoffWrongRole: 'signoff.wrong-role',
  SignoffUnknownSigner: 'signoff.unknown-signer',
  SignoffUnverified: 'signoff.unverified',
  SignoffOldDigest: 'signoff.old-digest',
  OtjInvalid: 'otj.invalid',
  ReviewOverdue: 'review.overdue',
  ReviewIncomplete: 'review.incomplete',
  UnknownRequirement: 'gateway.unknown-requirement',
  YamlError: 'frontmatter.yaml-error',
  FrontMatterTooLarge: 'frontmatter.too-large',
  InvalidField: 'frontmatter.invalid-field',
  MistypedKsbs: 'frontmatter.mistyped-ksbs',
  UnreadableFile: 'file.unreadable',
  FileTooLarge: 'file.too-large',
  SymbolicLink: 'file.symlink',
  InvalidConfig: 'portfolio.invalid-config',
  MissingConfig: 'portfolio.missing-config',
  NoEvidence: 'portfolio.no-evidence',
  InvalidStandard: 'standard.invalid-data',
  StandardDataGap: 'standard.data-gap',
  StandardNotApproved: 'standard.not-approved',
} as const);

/** One stable diagnostic code (`area.kebab-case`). */
export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];
