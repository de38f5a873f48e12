// Reading the cohort back from JSON without checking anything again: each apprentice's CI publishes
// `ksb coverage --format json` (which carries the apprentice's cohort row) as an artifact, and a
// provider merges the artifacts, or earlier `ksb cohort --format json` outputs, into one cohort.
import * as z from 'zod/mini';
import { KSB_KINDS } from '../model/codes';
import { errorRow, withRag, type CohortProblem, type CohortRow } from './cohortRow';

const count = z.object({ covered: z.number(), total: z.number() });
const nullableString = z.nullable(z.string());
const nullableNumber = z.nullable(z.number());

/** A cohort row as JSON carries it; the RAG status is worked out again from the figures. */
const rowSchema = z.object({
  path: z.string(),
  apprentice: nullableString,
  standard: nullableString,
  version: nullableString,
  option: nullableString,
  assessment: z.optional(nullableString),
  covered: nullableNumber,
  total: nullableNumber,
  byKind: z.nullable(z.object({ knowledge: count, skill: count, behaviour: count })),
  errors: nullableNumber,
  warnings: nullableNumber,
  evidence: nullableNumber,
  lastEvidence: nullableString,
  lastEvidenceFrom: z.nullable(z.enum(['git', 'front-matter'])),
  hours: z.nullable(z.object({ logged: z.number(), target: nullableNumber, expected: nullableNumber })),
  signoffs: z.nullable(z.object({ signed: z.number(), stale: z.number(), unsigned: z.number(), unverified: nullableNumber })),
  ready: z.nullable(z.boolean()),
  failing: z.array(z.string()),
  gatewayDue: nullableString,
  since: z.optional(
    z.nullable(
      z.object({
        since: z.string(),
        evidenceAdded: z.number(),
        claimsAdded: z.number(),
        newlyCovered: z.array(z.string()),
        hours: z.number(),
        error: nullableString,
      }),
    ),
  ),
  report: z.optional(nullableString),
  error: nullableString,
});

const cohortSchema = z.object({ portfolios: z.array(rowSchema), problems: z.optional(z.array(z.object({ path: z.string(), problem: z.string() }))) });

/** `ksb coverage --format json`: the coverage, and (from this version) the cohort row. */
const coverageSchema = z.object({
  standard: z.string(),
  version: z.string(),
  option: nullableString,
  ksbs: z.array(z.object({ code: z.string(), kind: z.enum(KSB_KINDS as ['knowledge', 'skill', 'behaviour']), covered: z.boolean() })),
  summary: count,
  cohort: z.optional(rowSchema),
});

/** What one artifact gave: rows, or a problem saying why it gave none. */
export interface CohortArtifact {
  readonly rows: readonly CohortRow[];
  readonly problems: readonly CohortProblem[];
}

/**
 * The rows in one JSON artifact named `name`, on `today` (for the RAG status). A coverage artifact's
 * row is named after the artifact; a cohort output keeps its rows' paths. Anything else is a problem, never a throw.
 */
export function readCohortArtifact(name: string, text: string, today: string): CohortArtifact {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { rows: [], problems: [{ path: name, problem: `not JSON: ${(error as Error).message}` }] };
  }
  const cohort = cohortSchema.safeParse(value);
  if (cohort.success) return { rows: cohort.data.portfolios.map((row) => asRow(row, row.path, today)), problems: cohort.data.problems ?? [] };
  const coverage = coverageSchema.safeParse(value);
  if (coverage.success) {
    const data = coverage.data;
    if (data.cohort) return { rows: [asRow(data.cohort, name, today)], problems: [] };
    const byKind = Object.fromEntries(
      KSB_KINDS.map((kind) => {
        const ksbs = data.ksbs.filter((k) => k.kind === kind);
        return [kind, { covered: ksbs.filter((k) => k.covered).length, total: ksbs.length }];
      }),
    ) as CohortRow['byKind'];
    const row = errorRow(name, '');
    return {
      rows: [
        withRag(
          {
            ...row,
            error: null,
            standard: data.standard,
            version: data.version,
            option: data.option,
            covered: data.summary.covered,
            total: data.summary.total,
            byKind,
          },
          today,
        ),
      ],
      problems: [],
    };
  }
  return {
    rows: [],
    problems: [{ path: name, problem: 'expected the JSON of `ksb coverage --format json` or `ksb cohort --format json`, found another shape' }],
  };
}

function asRow(row: z.infer<typeof rowSchema>, path: string, today: string): CohortRow {
  return withRag({ ...row, path, assessment: row.assessment ?? null, since: row.since ?? null, report: row.report ?? null }, today);
}
