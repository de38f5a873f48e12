// "After today", said once for every rule about dates: after the latest day that has begun anywhere
// on Earth, so that a date written today in any time zone is never in the future.
import type { EvidenceContext } from './rule';

/** The last day that has begun anywhere on Earth, as the host says it; a date after it is in the future. */
export function latestDay({ today, latestToday }: Pick<EvidenceContext, 'today' | 'latestToday'>): string | undefined {
  return latestToday !== undefined && (today === undefined || latestToday > today) ? latestToday : today;
}

/** "today (2026-03-14)", and the day it already is elsewhere when that is later. */
export function todayWords(context: Pick<EvidenceContext, 'today' | 'latestToday'>): string {
  const latest = latestDay(context);
  return latest === context.today ? `today (${context.today})` : `today (${context.today}; already ${latest} in the time zones furthest ahead)`;
}
