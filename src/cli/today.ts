// Today's date as every date rule of the CLI sees it.
import { DAY_RANGE, isDayInRange, isIsoDay, latestDayOnEarth, today as localToday } from '../core';
import { oneLine } from './printable';
import { UsageError } from './usageError';

/** The environment variable that fixes "today" (YYYY-MM-DD) for every date rule, for reproducible runs and tests. */
export const TODAY_ENV = 'KSB_TODAY';

/** Today as the CLI's rules see it: `$KSB_TODAY` when set, else the local date. */
export function cliToday(env: NodeJS.ProcessEnv): string {
  const fixed = env[TODAY_ENV];
  if (fixed === undefined || fixed === '') return localToday();
  if (!isIsoDay(fixed) || !isDayInRange(fixed))
    throw new UsageError(
      `${TODAY_ENV} must be a date such as 2026-03-14 (${DAY_RANGE.first.slice(0, 4)} to ${DAY_RANGE.last.slice(0, 4)}), found ${oneLine(fixed)}`,
    );
  return fixed;
}

/**
 * The latest day begun anywhere on Earth, after which a date is in the future: `$KSB_TODAY` when
 * set (a fixed day is the same everywhere), else the day in UTC+14, whatever this machine's zone.
 */
export function cliLatestToday(env: NodeJS.ProcessEnv): string {
  return env[TODAY_ENV] ? cliToday(env) : latestDayOnEarth(new Date());
}
