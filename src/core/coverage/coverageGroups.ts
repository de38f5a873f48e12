import type { Duty } from '../catalogue/catalogue';
import { KSB_KINDS, type KsbKind } from '../model/codes';
import { countCoverage, type Coverage, type CoverageCount, type CoverageEntry } from './coverage';

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

/** Coverage split into Knowledge, Skills and Behaviours, leaving out kinds the standard lacks. */
export function coverageByKind(coverage: Coverage): KindCoverage[] {
  return KSB_KINDS.map((kind) => {
    const entries = coverage.entries.filter((e) => e.ksb.kind === kind);
    return { kind, entries, count: countCoverage(entries) };
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
    groups.push({ duty, entries, count: countCoverage(entries) });
  }
  const unplaced = coverage.entries.filter((e) => !placed.has(e.ksb.code));
  if (unplaced.length > 0) groups.push({ duty: undefined, entries: unplaced, count: countCoverage(unplaced) });
  return groups;
}
