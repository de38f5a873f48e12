import * as z from 'zod/mini';

/** A calendar date written `YYYY-MM-DD`, optionally with a time, that really exists. */
export const isoDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'a date such as 2026-03-14'),
  z.refine((value: string) => {
    const [year, month, day] = value.slice(0, 10).split('-').map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, 'a date that exists on the calendar'),
);

/** The front-matter fields the tool knows, each with the shape it expects. Other fields are free. */
export const evidenceFrontMatterSchema = z.looseObject({
  title: z.optional(z.string().check(z.minLength(1), z.describe('What the evidence is, in a few words'))),
  date: z.optional(isoDateSchema.check(z.describe('When the work was done, YYYY-MM-DD'))),
  ksbs: z.optional(
    z
      .union([
        z.array(z.string()).check(z.describe('KSB codes this evidence claims, e.g. [K1, S3]')),
        z.record(z.string(), z.nullable(z.string())).check(z.describe('KSB codes mapped to a one-line justification')),
        z.null(),
      ])
      .check(z.describe('The KSB codes this file evidences: a list, or a map from code to justification')),
  ),
});

/** Known front-matter field names, in the order completion offers them. */
export const KNOWN_FRONT_MATTER_FIELDS = ['title', 'date', 'ksbs'] as const;
