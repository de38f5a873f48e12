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
 * `ksbs` it reads node by node for the claims' positions, to the same shape.
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
    expected: 'a date such as 2026-03-14',
  },
  ksbs: {
    schema: z.union([
      z.array(z.string()).check(z.describe('KSB codes this evidence claims, e.g. [K1, S3]')),
      z.record(z.string(), z.nullable(z.string())).check(z.describe('KSB codes mapped to a one-line justification')),
      z.null(),
    ]),
    description: 'The KSB codes this file evidences: a list, or a map from code to justification',
    expected: 'a list of codes such as [K1, S3], or a map from code to justification',
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
});

/** Known front-matter field names, in the order completion offers them. */
export const KNOWN_FRONT_MATTER_FIELDS = Object.keys(FRONT_MATTER_FIELDS) as ReadonlyArray<keyof typeof FRONT_MATTER_FIELDS>;
