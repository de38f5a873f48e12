import type { Ksb } from '../catalogue/catalogue';
import { KSB_KINDS, type KsbKind } from '../model/codes';
import { otherMethodsOf, type AssessmentMethod } from '../read/assessment';
import type { Portfolio } from '../read/config';
import type { Range } from '../base/text';

/** One file's valid claim of a KSB, for links from the coverage view. */
export interface EvidenceReference {
  /** Path relative to the portfolio root, `/`-separated. */
  readonly relativePath: string;
  readonly title: string | undefined;
  /** Where the claim is, so the view can open the file at that line. */
  readonly range: Range;
}

/** One applicable KSB and the evidence that validly claims it. */
export interface CoverageEntry {
  readonly ksb: Ksb;
  /** Sorted by path on first read; use `evidenceCount` when only the number matters. */
  readonly evidence: readonly EvidenceReference[];
  readonly evidenceCount: number;
}

/** Covered and total counts. */
export interface CoverageCount {
  readonly covered: number;
  readonly total: number;
}

/** A KSB of the standard that another method of end-point assessment assesses: shown, never counted. */
export interface OtherMethodEntry extends CoverageEntry {
  /** The methods that assess it; empty when no method lists it. */
  readonly assessedBy: readonly AssessmentMethod[];
}

/** Coverage of a portfolio against its standard version and option (and its method of assessment, if set). */
export interface Coverage {
  readonly portfolio: Portfolio;
  /** The KSBs that count: every applicable KSB, or with `assessment:` those of the portfolio's method. */
  readonly entries: readonly CoverageEntry[];
  /** With `assessment:`, the applicable KSBs the portfolio's method does not assess, in standard order. */
  readonly otherMethods: readonly OtherMethodEntry[];
  readonly byKind: Readonly<Record<KsbKind, CoverageCount>>;
  readonly summary: CoverageCount;
}

/**
 * Builds coverage from the valid claims of every evidence file, keyed by code. Claims of codes
 * outside the standard or the option never reach here: they are not valid claims.
 */
export function computeCoverage(portfolio: Portfolio, claimsByCode: ReadonlyMap<string, ReadonlyMap<string, EvidenceReference>>): Coverage {
  const assessment = portfolio.assessment;
  const entries: CoverageEntry[] = [];
  const otherMethods: OtherMethodEntry[] = [];
  for (const ksb of portfolio.standard.applicableKsbs(portfolio.option?.id)) {
    const evidence = [...(claimsByCode.get(ksb.code)?.values() ?? [])];
    if (!assessment || assessment.method.ksbs.has(ksb.code)) entries.push(entry(ksb, evidence, {}));
    else otherMethods.push(entry(ksb, evidence, { assessedBy: otherMethodsOf(assessment, ksb.code) }));
  }
  const byKind = Object.fromEntries(KSB_KINDS.map((kind) => [kind, countCoverage(entries.filter((e) => e.ksb.kind === kind))])) as Record<
    KsbKind,
    CoverageCount
  >;
  return { portfolio, entries, otherMethods, byKind, summary: countCoverage(entries) };
}

/** Whether an entry has at least one piece of evidence. */
export function isCovered(entry: CoverageEntry): boolean {
  return entry.evidenceCount > 0;
}

/** How many of `entries` are covered, out of how many. */
export function countCoverage(entries: readonly CoverageEntry[]): CoverageCount {
  return { covered: entries.filter(isCovered).length, total: entries.length };
}

/**
 * An entry whose evidence (a snapshot, taken now) is sorted on first read. Counts need no order,
 * and sorting every code's evidence on each call cost 50 ms in a 10 000-file portfolio
 * (about 1 400 files per code), which every single-file update paid for.
 */
function entry<Extra extends object>(ksb: Ksb, evidence: EvidenceReference[], extra: Extra): CoverageEntry & Extra {
  let sorted = evidence.length < 2;
  return {
    ...extra,
    ksb,
    evidenceCount: evidence.length,
    get evidence() {
      if (!sorted) evidence.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
      sorted = true;
      return evidence;
    },
  };
}

/** `31/46 (67%)`, as the status bar and reports show coverage. */
export function formatCount({ covered, total }: CoverageCount): string {
  return `${covered}/${total}`;
}
