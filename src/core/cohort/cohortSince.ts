// What an apprentice added since a revision or a date: from `ksb diff`'s comparison in a git
// repository, from the front-matter dates elsewhere. Hours always come from the entries' own dates.
import { isCovered } from '../coverage/coverage';
import type { PortfolioIndex } from '../portfolio/portfolioIndex';
import { sumHours } from '../model/hours';
import { loggedHours } from '../lifecycle/portfolioLifecycle';
import type { PortfolioDiff } from '../compare/portfolioDiff';
import type { CohortSince } from './cohortRow';

/** The hours of the entries dated after `day` (the revision's commit day, or the date given). */
export function hoursAfter(index: PortfolioIndex, day: string): number {
  return sumHours(
    loggedHours(index)
      .entries.filter((entry) => entry.date > day)
      .map((entry) => entry.hours),
  );
}

/** What `diff` (base: the revision, head: now) says was added, with the hours logged after `day`. */
export function sinceFromDiff(since: string, diff: PortfolioDiff, hours: number): CohortSince {
  const claimsAdded =
    diff.evidence.added.reduce((sum, e) => sum + e.claims.length, 0) + diff.evidence.changed.reduce((sum, e) => sum + e.claimsAdded.length, 0);
  return {
    since,
    evidenceAdded: diff.evidence.added.length,
    claimsAdded,
    newlyCovered: diff.newlyCovered.map((change) => change.code),
    hours,
    error: null,
  };
}

/**
 * Without version control: the evidence dated after `day` counts as added, with its claims, and a
 * KSB is newly covered when all its evidence is dated after `day` (undated evidence counts as older).
 */
export function sinceFromDates(since: string, index: PortfolioIndex, day: string): CohortSince {
  const dayOf = new Map<string, string | undefined>();
  let evidenceAdded = 0;
  let claimsAdded = 0;
  for (const file of index.allFiles()) {
    if (file.role !== 'evidence') continue;
    const date = file.analysis.frontMatter?.date?.slice(0, 10);
    dayOf.set(file.relativePath, date);
    if (date !== undefined && date > day) {
      evidenceAdded++;
      claimsAdded += file.validClaims.length;
    }
  }
  const isNew = (relativePath: string) => {
    const date = dayOf.get(relativePath);
    return date !== undefined && date > day;
  };
  const newlyCovered = (index.coverage()?.entries ?? [])
    .filter((entry) => isCovered(entry) && entry.evidence.every((e) => isNew(e.relativePath)))
    .map((entry) => entry.ksb.code);
  return { since, evidenceAdded, claimsAdded, newlyCovered, hours: hoursAfter(index, day), error: null };
}

/** A `since` that could not be worked out, and why. */
export function sinceError(since: string, error: string): CohortSince {
  return { since, evidenceAdded: 0, claimsAdded: 0, newlyCovered: [], hours: 0, error };
}
