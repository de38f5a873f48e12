// The words of the apprenticeship around the evidence, written once: the reader, the schema,
// the rules, completion and the sign-off edit all take them from here.
import { formatInterval, type Interval } from '../base/dates';

/** Who may sign off a piece of evidence or a progress review. */
export const SIGNOFF_ROLES = ['apprentice', 'employer', 'mentor', 'tutor'] as const;

/** A role of `SIGNOFF_ROLES`. */
export type SignoffRole = (typeof SIGNOFF_ROLES)[number];

/** Whether `role` is one a sign-off may have. */
export function isSignoffRole(role: string): role is SignoffRole {
  return (SIGNOFF_ROLES as readonly string[]).includes(role);
}

/** How `verify-signoffs:` proves sign-offs: not at all, by the commit's author, or by its verified signature too. */
export const VERIFY_SIGNOFF_MODES = ['off', 'commits', 'signatures'] as const;

/** A mode of `VERIFY_SIGNOFF_MODES`. */
export type VerifySignoffMode = (typeof VERIFY_SIGNOFF_MODES)[number];

/** The `type:` of a progress review. */
export const PROGRESS_REVIEW_TYPE = 'progress-review';

/** The review interval when `gateway.review-interval` gives none: 12 weeks, as the 2022-25 funding rules ask. */
export const DEFAULT_REVIEW_INTERVAL: Interval = { count: 12, unit: 'weeks' };

/** `12 weeks`: the default review interval as the docs, hovers and snippets write it. */
export const DEFAULT_REVIEW_INTERVAL_WORDS = formatInterval(DEFAULT_REVIEW_INTERVAL);
