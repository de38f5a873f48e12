// What a rule is: its code, level, docs and check, over the facts the readers found.
import type { FileAnalysis } from '../read/analysis';
import type { Catalogue } from '../catalogue/catalogue';
import type { CommitSignature, FileHistory } from '../base/gitHistory';
import type { Portfolio } from '../read/config';
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { FixData, PortfolioDiagnostic, RuleLevel } from '../model/diagnostics';
import type { Claim } from '../read/frontMatter';
import type { LinkTargetState, LocalLink } from '../read/links';
import type { FindingOf, ReadFindingKind } from '../read/findings';

/** What parsing found in one Markdown file, and whether the config counts it as evidence. */
export interface FileFacts {
  /** Absolute path, for related locations. */
  readonly path: string;
  readonly analysis: FileAnalysis;
  /** Matched by the config's globs or, without globs, claiming via a `ksbs:` key. */
  readonly isEvidence: boolean;
}

/** What the rules over an evidence file may ask of the portfolio it is in. */
export interface EvidenceContext {
  readonly portfolio: Portfolio;
  readonly catalogue: Catalogue;
  /** Where a link leads, as the index knows it (no file access here). */
  readonly linkTarget: (link: LocalLink) => LinkTargetState;
  /** Today's local date, `YYYY-MM-DD`, from the host (the core has no clock); rules about dates skip without it. */
  readonly today?: string;
  /**
   * The latest day that has begun anywhere on Earth (the day in UTC+14): a date is in the future
   * only after it, so what was written today in any time zone is never "after today". Default: `today`.
   */
  readonly latestToday?: string;
  /** The version-2 digest of the file now, linked files included (the index reads them); `undefined` without sign-offs. */
  readonly digestV2?: string;
  /** What git said of this file's sign-offs, when the host traced them (`verify-signoffs`); see rules/signoffUnverified.ts. */
  readonly signoffTrace?: {
    readonly file: FileHistory | undefined;
    readonly signature: (commit: string) => CommitSignature | undefined;
  };
}

/** What a check found: diagnostics and, for the claim rules, the claims that count. */
export interface CheckResult {
  readonly diagnostics: readonly PortfolioDiagnostic[];
  readonly validClaims?: readonly Claim[];
}

/**
 * When a rule runs. `evidence`: over a readable evidence file with usable front matter in a
 * portfolio whose config resolves. `portfolio-file`: likewise over any file of the portfolio with
 * sign-offs, off-the-job hours, a `type` or `meets` (evidence, progress reviews, hour logs). `markdown-file`: over every readable Markdown file of such a portfolio with usable front matter (or none), evidence or not, so a file not yet claiming can be told how. `ungoverned`: over an open Markdown file no `portfolio.yaml`
 * governs. A rule without a check reports what the readers found (its `findings`), or is raised by
 * the portfolio index, which sees every file at once.
 */
export type RuleCheck =
  | { readonly over: 'evidence'; readonly run: (facts: FileFacts, context: EvidenceContext) => CheckResult }
  | { readonly over: 'portfolio-file'; readonly run: (facts: FileFacts, context: EvidenceContext) => CheckResult }
  | { readonly over: 'markdown-file'; readonly run: (facts: FileFacts, context: EvidenceContext) => CheckResult }
  | { readonly over: 'ungoverned'; readonly run: (facts: FileFacts) => CheckResult };

/**
 * The message a rule gives each kind of reader finding it owns (`read/findings.ts`): the reader
 * says what it found and where, the rule says what was expected, in its words.
 */
export type FindingMessages = { readonly [Kind in ReadFindingKind]?: (finding: FindingOf<Kind>) => string };

/** One rule: its code and everything the settings, the docs and the quick fixes say about it. */
export interface RuleDefinition<Code extends string = string> {
  /** The stable code (`area.kebab-case`), from the `DiagnosticCode` table. */
  readonly code: Code;
  /** Its member name in `DiagnosticCode` (`NoKsbs`), as SARIF names a rule. */
  readonly name: string;
  readonly defaultLevel: RuleLevel;
  /** One line for the settings UI (`ksbPortfolio.diagnostics.rules`). */
  readonly summary: string;
  /** The README's "meaning": what is reported, with the cases a user meets. */
  readonly meaning: string;
  /** The quick fix offered for it, as the README names it; none when absent. */
  readonly quickFix?: { readonly kind: FixData['kind']; readonly title: string };
  /**
   * Several rules may share one check object: it runs once (checkFile puts the evidence diagnostics of all in file order).
   * A rule that shares a check names the same function.
   */
  readonly check?: RuleCheck;
  /** The reader findings this rule reports, each with its message; a kind belongs to one rule. */
  readonly findings?: FindingMessages;
}

const NAME_OF_CODE = new Map<string, string>(Object.entries(DiagnosticCode).map(([name, code]) => [code, name]));

/** Declares a rule, keeping its code as a literal type so the registry can check every code has one rule. */
export function defineRule<const Code extends DiagnosticCode>(rule: Omit<RuleDefinition<Code>, 'name'>): RuleDefinition<Code> {
  return { ...rule, name: NAME_OF_CODE.get(rule.code)! };
}
