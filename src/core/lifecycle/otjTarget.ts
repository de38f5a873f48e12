// The funding rules' default minimum of off-the-job training hours, for a portfolio that sets no
// `otj-target` and whose standard publishes none. The sentence returned with the figure shows its
// sums, so an apprentice can check it against the rules instead of trusting a number.
import { daysBetween, isIsoDay } from '../base/dates';

/** What the default needs: the planned practical period and the contracted hours a week. */
export interface OtjTargetInput {
  readonly start: string;
  readonly end: string;
  readonly weeklyHours: number;
}

/** A minimum of off-the-job hours and the one sentence saying which rule gave it and how. */
export interface OtjTarget {
  readonly hours: number;
  readonly rule: string;
}

/** The funding rules documents the default follows, for the README and for messages that cite them. */
export const OTJ_RULE_SOURCES: readonly { readonly title: string; readonly url: string }[] = [
  {
    title: 'Apprenticeship funding rules (DfE), gov.uk: the rules by start date, earlier years (before 1 August 2022: 20% of contracted hours) included',
    url: 'https://www.gov.uk/guidance/apprenticeship-funding-rules',
  },
  {
    title: 'Apprenticeship funding rules for training providers, what is an apprenticeship (2022 to 2023: 6 hours a week from 1 August 2022), gov.uk',
    url: 'https://www.gov.uk/guidance/apprenticeship-funding-rules-for-training-providers/what-is-an-apprenticeship',
  },
  {
    title: 'Apprenticeships: off-the-job training (DfE policy background and examples: statutory leave excluded), gov.uk',
    url: 'https://www.gov.uk/government/publications/apprenticeships-off-the-job-training',
  },
  {
    title: 'Apprenticeship funding rules 2025 to 2026 (a minimum per standard for starts from 1 August 2025, Annex C), gov.uk',
    url: 'https://www.gov.uk/government/publications/apprenticeship-funding-rules-2025-to-2026',
  },
];

/** Starts from this day follow the 2022 to 2023 rules: 6 hours a week for 30 or more contracted hours. */
const SIX_HOUR_RULE_FROM = '2022-08-01';
/** Starts from this day have a minimum published per standard (2025 to 2026 rules); the formula is only a fallback. */
const PER_STANDARD_RULE_FROM = '2025-08-01';
/** Contracted hours a week from which the 6-hour figure applies rather than 20%. */
const FULL_TIME_HOURS = 30;
const SIX_HOURS = 6;
const TWENTY_PERCENT = 0.2;
/** Statutory leave (28 days for a 5-day week) is 5.6 weeks of every 52, and no training is planned in it. */
const LEAVE_WEEKS_PER_YEAR = 5.6;
const WEEKS_PER_YEAR = 52;

/** A number of hours or weeks as the rule sentence shows it: at most one decimal, none when whole. */
function formatHours(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/**
 * The funding rules' default minimum off-the-job hours over the planned practical period, less statutory leave
 * (5.6 weeks a year, pro rata), rounded to the nearest hour: 20% of contracted hours for starts before 1 August 2022;
 * from then, 6 hours a week for 30 or more contracted hours a week, else 20% of them. Undefined when `end` is not
 * after `start`, either is not a calendar day, or `weeklyHours` is not a positive number.
 */
export function fundingRuleOtjTarget(input: OtjTargetInput): OtjTarget | undefined {
  const { start, end, weeklyHours } = input;
  if (!isIsoDay(start) || !isIsoDay(end) || typeof weeklyHours !== 'number' || !Number.isFinite(weeklyHours) || weeklyHours <= 0) return undefined;
  const days = daysBetween(start, end);
  if (days <= 0) return undefined;

  const plannedWeeks = days / 7;
  const leaveWeeks = (plannedWeeks * LEAVE_WEEKS_PER_YEAR) / WEEKS_PER_YEAR;
  const trainingWeeks = plannedWeeks - leaveWeeks;
  const sixHourRule = start >= SIX_HOUR_RULE_FROM;
  const fullTime = sixHourRule && weeklyHours >= FULL_TIME_HOURS;
  const perWeek = fullTime ? SIX_HOURS : weeklyHours * TWENTY_PERCENT;
  // Rounded to a millionth first, so that float noise (x.4999999) does not decide the nearest hour.
  const hours = Math.round(Math.round(perWeek * trainingWeeks * 1e6) / 1e6);

  const rate = fullTime
    ? `6 hours a week (contracted ${formatHours(weeklyHours)} hours, 30 or more)`
    : `20% of the contracted ${formatHours(weeklyHours)} hours a week (${formatHours(perWeek)} hours a week${sixHourRule ? ', under 30' : ''})`;
  const weeks = `${trainingWeeks.toFixed(1)} weeks (the planned ${plannedWeeks.toFixed(1)} less ${leaveWeeks.toFixed(1)} weeks' statutory leave at 5.6 weeks a year)`;
  const source = !sixHourRule
    ? 'from the funding rules for starts before 1 August 2022'
    : start >= PER_STANDARD_RULE_FROM
      ? 'from the funding rules for starts from 1 August 2022; for starts from 1 August 2025 the rules publish a minimum per standard instead'
      : 'from the funding rules for starts from 1 August 2022';
  return { hours, rule: `${rate} for ${weeks} = ${hours} hours, ${source}` };
}
