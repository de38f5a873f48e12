import { DIGEST_PATTERN } from '../base/digest';
import * as z from 'zod/mini';
import { DAY_RANGE, isDayInRange, isIsoDay } from '../base/dates';
import { SIGNOFF_ROLES } from '../model/lifecycleTerms';

/** A calendar date written `YYYY-MM-DD`, optionally with a time, that really exists. */
export const isoDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'a date such as 2026-03-14'),
  z.refine((value: string) => isIsoDay(value.slice(0, 10)), 'a date that exists on the calendar'),
  z.refine((value: string) => isDayInRange(value), `a date ${DAY_RANGE.words}`),
);

/** A calendar day `YYYY-MM-DD` and nothing more, as sign-offs and off-the-job entries take it. */
const isoDaySchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a day such as 2026-03-14'),
  z.refine((value: string) => isIsoDay(value), 'a date that exists on the calendar'),
  z.refine((value: string) => isDayInRange(value), `a date ${DAY_RANGE.words}`),
);

/** One sign-off as `ksb signoff` writes it. */
const signoffSchema = z.strictObject({
  by: z.string().check(z.minLength(1), z.describe('Who signed off')),
  role: z.enum(SIGNOFF_ROLES).check(z.describe('As what: apprentice, employer, mentor or tutor')),
  date: isoDaySchema.check(z.describe('The day of the sign-off, YYYY-MM-DD, not after today')),
  digest: z
    .string()
    .check(
      z.regex(DIGEST_PATTERN),
      z.describe('The short hash of what was signed (`v2:`: claims, text, date, hours, requirements, type and linked files); it goes stale when they change'),
    ),
});

/** Hours on one day. */
const hoursSchema = z.number().check(z.minimum(0), z.maximum(24));

/** A duration as people log it, read by parseDuration (model/hours.ts). */
const durationSchema = z
  .string()
  .check(
    z.regex(
      /^\s*(\d+([.,]\d+)?|\d+:[0-5]\d(:[0-5]\d)?|\d+([.,]\d+)?\s*[hH][a-zA-Z]*\.?\s*(\d+([.,]\d+)?\s*[mM][a-zA-Z]*\.?|[0-5]?\d)?|\d+([.,]\d+)?\s*[mM][a-zA-Z]*\.?)\s*$/,
    ),
    z.describe('A duration such as "2:30", "2h 30m" or "90m"'),
  );

/** One off-the-job entry: one day (`date`), or a period (`from` and `to`, at most 24 hours a day over its days). */
const otjEntrySchema = z.union([
  z.strictObject({
    date: z.optional(isoDaySchema.check(z.describe("The day of the training; default the file's `date:`"))),
    hours: z.union([hoursSchema, durationSchema]).check(z.describe('Hours of off-the-job training that day: 3.5, "2:30", "2h 30m" or "90m"')),
    activity: z.optional(z.string().check(z.describe('What the training was'))),
  }),
  z.strictObject({
    from: isoDaySchema.check(z.describe('The first day of the period')),
    to: isoDaySchema.check(z.describe('The last day of the period')),
    hours: z.union([z.number().check(z.minimum(0)), durationSchema]).check(z.describe('Hours of off-the-job training over the whole period')),
    activity: z.optional(z.string().check(z.describe('What the training was'))),
  }),
]);

/** One front-matter field the tool knows: the shape of its value and how people are told about it. */
export interface FrontMatterField {
  /** The value as data (after YAML): what the published JSON Schema and the front-matter reader accept. */
  readonly schema: z.ZodMiniType;
  /** What the field is for: the JSON Schema's description and completion's detail. */
  readonly description: string;
  /** What a value should be, as `frontmatter.invalid-field` says "Expected `title` to be ...". */
  readonly expected: string;
}

/**
 * The fields the tool knows, in the order completion offers them; other fields are free. The reader
 * (frontMatter.ts) checks `title` and `date` with these schemas and words its messages from them;
 * `ksbs` it reads node by node for the claims' positions, to the same shape, as read/lifecycleFields.ts
 * reads `type`, `signoff`, `otj` and `meets`.
 */
export const FRONT_MATTER_FIELDS = {
  title: {
    schema: z.string().check(z.minLength(1)),
    description: 'What the evidence is, in a few words',
    expected: 'a line of text',
  },
  date: {
    schema: isoDateSchema,
    description: 'When the work was done, YYYY-MM-DD',
    expected: `a date such as 2026-03-14, ${DAY_RANGE.words}`,
  },
  ksbs: {
    schema: z.union([
      z
        .array(
          z.union([
            z.string(),
            ...(['code', 'ksb', 'id'] as const).map((key) =>
              z.looseObject({
                [key]: z.union([z.string(), z.number()]).check(z.describe('The KSB code')),
                why: z.optional(z.nullable(z.string().check(z.describe('A one-line justification (also written `justification:`)')))),
              }),
            ),
            z.record(z.string().check(z.regex(/^[A-Za-z]{1,3}\d{1,4}$/)), z.nullable(z.string())),
          ]),
        )
        .check(z.describe('KSB codes this evidence claims, e.g. [K1, S3], or items {code: K1, why: ...}')),
      z.record(z.string(), z.nullable(z.string())).check(z.describe('KSB codes mapped to a one-line justification')),
      z.null(),
    ]),
    description: 'The KSB codes this file evidences: a list, or a map from code to justification',
    expected: 'a list of codes such as [K1, S3], or a map from code to justification',
  },
  type: {
    schema: z.string().check(z.minLength(1)),
    description: 'What kind of file this is: `progress-review` for a progress review (never counted as evidence)',
    expected: 'a word such as progress-review',
  },
  signoff: {
    schema: z.union([z.array(signoffSchema), z.null()]),
    description: 'Sign-offs: who confirmed this file (by, role, date) and the digest of the claims and text they signed',
    expected: 'a list of {by, role, date, digest}',
  },
  otj: {
    schema: z.union([hoursSchema, durationSchema, z.array(otjEntrySchema), z.null()]),
    description:
      "Off-the-job training hours: a number or duration dated by the file's `date:`, or a list of {date, hours, activity} or {from, to, hours, activity}",
    expected: 'a number of hours or a list of {date, hours, activity} or {from, to, hours, activity}',
  },
  meets: {
    schema: z.union([z.array(z.string().check(z.minLength(1))), z.string().check(z.minLength(1))]),
    description: 'The gateway requirements (`gateway.requires` in portfolio.yaml) this file meets, e.g. [english-level-2]',
    expected: 'a list of gateway requirements such as [english-level-2]',
  },
  draft: {
    schema: z.boolean(),
    description: 'true while the piece is unfinished: checked, but counted for nothing until the line is removed or false',
    expected: 'true or false',
  },
} as const satisfies Record<string, FrontMatterField>;

/** A known field as the published schema has it: optional, described. */
function optionalField<T extends FrontMatterField>(field: T) {
  return z.optional(field.schema.check(z.describe(field.description)));
}

/** The front-matter fields the tool knows, each with the shape it expects. Other fields are free. */
export const evidenceFrontMatterSchema = z.looseObject({
  title: optionalField(FRONT_MATTER_FIELDS.title),
  date: optionalField(FRONT_MATTER_FIELDS.date),
  ksbs: optionalField(FRONT_MATTER_FIELDS.ksbs),
  type: optionalField(FRONT_MATTER_FIELDS.type),
  signoff: optionalField(FRONT_MATTER_FIELDS.signoff),
  otj: optionalField(FRONT_MATTER_FIELDS.otj),
  meets: optionalField(FRONT_MATTER_FIELDS.meets),
  draft: optionalField(FRONT_MATTER_FIELDS.draft),
});

/** Known front-matter field names, in the order completion offers them. */
export const KNOWN_FRONT_MATTER_FIELDS = Object.keys(FRONT_MATTER_FIELDS) as ReadonlyArray<keyof typeof FRONT_MATTER_FIELDS>;
