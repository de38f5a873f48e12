import * as z from 'zod/mini';
import { KSB_CODE_PATTERN } from '../model/codes';
import { readKsbListItem } from '../model/ksbRanges';

/** A string with at least one character. */
const nonEmpty = () => z.string().check(z.minLength(1));

/** A KSB code, as `ksbs` and duties write it. */
const ksbCode = () => z.string().check(z.regex(KSB_CODE_PATTERN, 'a code such as K1, S12 or B3'));

/** Identifier of a source document the data was taken from (e.g. `"001"` for a seed file). */
const sourceRef = nonEmpty().check(z.describe('Id of an entry in `sources` that this piece was taken from'));

const optionIds = z
  .optional(z.array(nonEmpty()).check(z.minLength(1)))
  .check(z.describe('Ids of the options this applies to; leave out for core (every option)'));

/** A date as `YYYY-MM-DD`. */
const isoDate = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date such as 2024-08-15 (quoted in YAML)'));

/** Kinds of gap in a standard's data that a user must be told about rather than shown a guess. */
export const STANDARD_NOTE_KINDS = [
  'no-ksbs',
  'options-unmapped',
  'ksbs-in-no-duty',
  'duty-without-option',
  'version-from-file-name',
  'dangling-reference',
  'codes-differ',
] as const;

/** One thing the source of a standard cannot say, in words for the user. */
export const noteSchema = z.strictObject({
  kind: z.enum(STANDARD_NOTE_KINDS),
  text: nonEmpty(),
  codes: z.optional(
    z
      .array(ksbCode())
      .check(z.describe('The KSBs the gap concerns, so hover and lookup can say it at each of them; left out when it concerns the whole standard')),
  ),
});

/** A document the data was built from. */
export const sourceSchema = z.strictObject({
  id: nonEmpty(),
  file: nonEmpty().check(z.describe('File name of the source document')),
  description: nonEmpty(),
  url: z.optional(nonEmpty().check(z.describe('Where the document was downloaded from'))),
  retrieved: z.optional(isoDate().check(z.describe('When it was downloaded'))),
});

/** One option (pathway) of a core-and-options standard. */
export const optionSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case kebab-case slug')),
  title: nonEmpty(),
  source: sourceRef,
});

/** A method of end-point assessment with the KSBs it assesses, as the assessment plan maps them. */
export const epaMethodSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case kebab-case slug'), z.describe('How `assessment.method` in portfolio.yaml names it')),
  title: nonEmpty().check(z.describe('The method as the assessment plan names it')),
  ksbs: z.array(nonEmpty()).check(z.describe('The KSBs it assesses: codes and ranges such as K1-K5')),
});

/** One knowledge, skill or behaviour statement. */
export const ksbSchema = z.strictObject({
  code: ksbCode(),
  text: nonEmpty(),
  options: optionIds,
  source: sourceRef,
});

/** One duty of the occupation, with the KSBs it lists. */
export const dutySchema = z.strictObject({
  number: z.int().check(z.positive()),
  text: nonEmpty(),
  options: optionIds,
  ksbs: z.array(ksbCode()),
  source: sourceRef,
});

/** One version of an apprenticeship standard: the shape of every standard data file. */
export const standardFileSchema = z
  .strictObject({
    reference: z.string().check(z.regex(/^ST\d{4}$/, 'a standard reference such as ST0792')),
    // The API writes most versions as `1.2`, a few as `1`: both are kept as written, never guessed into another.
    version: z.string().check(z.regex(/^\d+(\.\d+)*$/, 'a version such as "1.2" (quoted in YAML)')),
    title: nonEmpty(),
    level: z.optional(z.int().check(z.gte(1), z.lte(8))).check(z.describe('The qualification level; left out where the source gives none')),
    status: z.optional(nonEmpty().check(z.describe('The status the public API gives, e.g. "Approved for delivery" or "Retired"'))),
    startDate: z.optional(isoDate().check(z.describe('Earliest start date of this version'))),
    endDate: z.optional(isoDate().check(z.describe('Latest start date of this version'))),
    latestEndDate: z.optional(isoDate().check(z.describe('Latest end date for apprentices on this version, where the source gives one'))),
    approvedForDelivery: z.optional(isoDate()),
    typicalDurationMonths: z.optional(z.int().check(z.positive(), z.describe('Typical duration of the apprenticeship in months'))),
    otjMinimumHours: z.optional(z.number().check(z.positive(), z.describe('Minimum off-the-job training hours the source publishes'))),
    standardPageUrl: z.optional(nonEmpty()),
    assessmentPlanUrl: z.optional(nonEmpty()),
    notes: z
      .optional(z.array(noteSchema))
      .check(z.describe('What the source cannot say (no KSBs, options no KSB is mapped to...), shown in hover, lookup and as diagnostics')),
    sources: z.array(sourceSchema).check(z.minLength(1)),
    options: z.array(optionSchema),
    epaMethods: z
      .array(z.union([nonEmpty(), epaMethodSchema]))
      .check(z.describe('The methods of end-point assessment: a title, or an id, title and the KSBs the method assesses')),
    ksbs: z.array(ksbSchema),
    duties: z.array(dutySchema),
  })
  .check(
    z.superRefine((file, ctx) => {
      const sourceIds = new Set(file.sources.map((s) => s.id));
      const optionIdSet = new Set(file.options.map((o) => o.id));
      const codes = new Set<string>();
      const checkSource = (source: string, path: (string | number)[]) => {
        if (!sourceIds.has(source)) {
          ctx.addIssue({ code: 'custom', path, message: `Expected a source id from \`sources\` (${[...sourceIds].join(', ')}), found "${source}"` });
        }
      };
      const checkOptions = (options: string[] | undefined, path: (string | number)[]) => {
        options?.forEach((id, i) => {
          if (!optionIdSet.has(id)) {
            ctx.addIssue({ code: 'custom', path: [...path, i], message: `Expected an option id (${[...optionIdSet].join(', ')}), found "${id}"` });
          }
        });
      };
      file.options.forEach((o, i) => checkSource(o.source, ['options', i, 'source']));
      file.ksbs.forEach((ksb, i) => {
        if (codes.has(ksb.code)) ctx.addIssue({ code: 'custom', path: ['ksbs', i, 'code'], message: `Expected unique codes, found ${ksb.code} twice` });
        codes.add(ksb.code);
        checkSource(ksb.source, ['ksbs', i, 'source']);
        checkOptions(ksb.options, ['ksbs', i, 'options']);
      });
      file.notes?.forEach((note, i) => {
        note.codes?.forEach((code, j) => {
          if (!codes.has(code)) ctx.addIssue({ code: 'custom', path: ['notes', i, 'codes', j], message: `Expected a code listed in \`ksbs\`, found ${code}` });
        });
      });
      file.epaMethods.forEach((method, i) => {
        if (typeof method === 'string') return;
        method.ksbs.forEach((written, j) => {
          const item = readKsbListItem(written);
          const path = ['epaMethods', i, 'ksbs', j];
          if (!item.ok) ctx.addIssue({ code: 'custom', path, message: `Expected a code or range: ${item.reason}` });
          else {
            const unknown = [...new Set([item.first, item.last])].filter((code) => !codes.has(code));
            if (unknown.length > 0)
              ctx.addIssue({ code: 'custom', path, message: `Expected codes listed in \`ksbs\`, found ${unknown.join(' and ')} in ${written}` });
          }
        });
      });
      file.duties.forEach((duty, i) => {
        checkSource(duty.source, ['duties', i, 'source']);
        checkOptions(duty.options, ['duties', i, 'options']);
        duty.ksbs.forEach((code, j) => {
          if (!codes.has(code)) ctx.addIssue({ code: 'custom', path: ['duties', i, 'ksbs', j], message: `Expected a code listed in \`ksbs\`, found ${code}` });
        });
      });
    }),
  );

/** A standard data file as written on disk. */
export type StandardFile = z.infer<typeof standardFileSchema>;
