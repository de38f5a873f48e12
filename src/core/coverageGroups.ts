import { KSB_KINDS, type Duty, type KsbKind } from './catalogue/catalogue';
import type { Coverage, CoverageCount, CoverageEntry } from './coverage';

/** The KSBs of one kind, with their count. */
export interface KindCoverage {
  readonly kind: KsbKind;
  readonly entries: readonly CoverageEntry[];
  readonly count: CoverageCount;
}

/** The KSBs one duty lists, with their count; `duty` is `undefined` for KSBs no duty lists. */
export interface DutyCoverage {
  readonly duty: Duty | undefined;
  readonly entries: readonly CoverageEntry[];
  readonly count: CoverageCount;
}

/** Whether an entry has at least one piece of evidence. */
export function isCovered(entry: CoverageEntry): boolean {
  return entry.evidenceCount > 0;
}

function countOf(entries: readonly CoverageEntry[]): CoverageCount {
  return { covered: entries.filter(isCovered).length, total: entries.length };
}

/** Coverage split into Knowledge, Skills and Behaviours, leaving out kinds the standard lacks. */
export function coverageByKind(coverage: Coverage): KindCoverage[] {
  return KSB_KINDS.map((kind) => {
    const entries = coverage.entries.filter((e) => e.ksb.kind === kind);
    return { kind, entries, count: countOf(entries) };
  }).filter((group) => group.entries.length > 0);
}

/**
 * Coverage split by the duties that concern the portfolio's option, in duty order; a KSB sits under
 * every duty that lists it. KSBs that no applicable duty lists come last, under `duty: undefined`.
 */
export function coverageByDuty(coverage: Coverage): DutyCoverage[] {
  const { standard, option } = coverage.portfolio;
  const groups: DutyCoverage[] = [];
  const placed = new Set<string>();
  for (const duty of standard.applicableDuties(option?.id)) {
    const listed = new Set(duty.ksbs);
    const entries = coverage.entries.filter((e) => listed.has(e.ksb.code));
    for (const entry of entries) placed.add(entry.ksb.code);
    groups.push({ duty, entries, count: countOf(entries) });
  }
  const unplaced = coverage.entries.filter((e) => !placed.has(e.ksb.code));
  if (unplaced.length > 0) groups.push({ duty: undefined, entries: unplaced, count: countOf(unplaced) });
  return groups;
}
