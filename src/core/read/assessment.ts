// The `assessment:` block of portfolio.yaml: which KSBs each method of end-point assessment
// assesses, and which method this portfolio underpins. Methods come from the standard's data
// (`epaMethods` with KSBs) and from the config, which may add methods or change a method's KSBs.
import * as z from 'zod/mini';
import type { StandardOption, StandardVersion } from '../catalogue/catalogue';
import { itemNames, readKsbListItem } from '../model/ksbRanges';
import type { AssessmentFinding } from './findings';

const nonEmpty = () => z.string().check(z.minLength(1));

/** `{min, max}` bounds of a count, each optional. */
const boundsSchema = (what: string, least: number) =>
  z
    .strictObject({
      min: z.optional(z.int().check(z.minimum(least), z.describe(`The fewest ${what}`))),
      max: z.optional(z.int().check(z.minimum(1), z.describe(`The most ${what}`))),
    })
    .check(
      z.refine((bounds) => bounds.min === undefined || bounds.max === undefined || bounds.min <= bounds.max, {
        message: '`min` no larger than `max`',
        path: ['max'],
      }),
    );

/** One method of end-point assessment in `assessment.methods`. */
export const assessmentMethodSchema = z.strictObject({
  title: z.optional(nonEmpty().check(z.describe('The method as the assessment plan names it, e.g. "Presentation with questions"'))),
  ksbs: z.optional(z.array(nonEmpty()).check(z.describe('The KSBs the method assesses: codes and ranges, e.g. [K1-K5, K9, S1, B1-B4]'))),
  evidence: z.optional(
    boundsSchema('pieces of evidence', 0).check(z.describe('Pieces of evidence the method asks for, e.g. {min: 10, max: 20}: a gateway check')),
  ),
  words: z.optional(
    boundsSchema('words of evidence, in all', 0).check(
      z.describe('Words of evidence in all (prose, not front matter or code), e.g. {max: 15000}: a gateway check'),
    ),
  ),
});

/** The `assessment:` block of portfolio.yaml. */
export const assessmentSchema = z.strictObject({
  method: z.optional(nonEmpty().check(z.describe('The method this portfolio underpins: an id from `methods` or the standard data'))),
  methods: z.optional(
    z
      .record(z.string().check(z.regex(/^[A-Za-z0-9][\w-]*$/, 'a method id such as discussion')), assessmentMethodSchema)
      .check(z.describe('Methods of end-point assessment by id: their title, the KSBs each assesses, and evidence and word bounds')),
  ),
});

/** `assessment:` as validated. */
export type AssessmentConfig = z.output<typeof assessmentSchema>;

/** Bounds of a count from `evidence:` or `words:`. */
export interface CountBounds {
  readonly min?: number;
  readonly max?: number;
}

/** One method of end-point assessment, resolved against the standard: the KSBs it assesses. */
export interface AssessmentMethod {
  readonly id: string;
  readonly title: string;
  /** The codes it assesses that the standard has, in the order written. */
  readonly ksbs: ReadonlySet<string>;
  readonly evidence?: CountBounds;
  readonly words?: CountBounds;
}

/** The method a portfolio underpins and the others, so what the portfolio counts can be scoped to it. */
export interface Assessment {
  /** The method this portfolio underpins: only its KSBs count. */
  readonly method: AssessmentMethod;
  /** Every method, the portfolio's own included, in the order the standard then the config list them. */
  readonly methods: readonly AssessmentMethod[];
}

/** A problem in `assessment:`, at the path of the item it concerns (for the config's ranges). */
export type AssessmentProblem = AssessmentFinding & { readonly path: readonly (string | number)[] };

/** The other methods that assess a KSB the portfolio's method does not: what the editor and reports show it as. */
export function otherMethodsOf(assessment: Assessment, code: string): AssessmentMethod[] {
  return assessment.methods.filter((method) => method !== assessment.method && method.ksbs.has(code));
}

/**
 * Resolves `assessment:` against the standard and option: the methods and their KSBs, checking
 * every code and range of the config. `assessment` is `undefined` (nothing is scoped) when the
 * block is absent, names no known method, or the method has no valid KSB.
 */
export function resolveAssessment(
  config: AssessmentConfig | undefined,
  standard: StandardVersion,
  option: StandardOption | undefined,
): { assessment: Assessment | undefined; problems: AssessmentProblem[] } {
  if (config === undefined) return { assessment: undefined, problems: [] };
  const problems: AssessmentProblem[] = [];
  const applies = (code: string) => {
    const ksb = standard.ksb(code);
    return ksb !== undefined && standard.appliesTo(ksb, option?.id);
  };
  const methods = new Map<string, AssessmentMethod>();
  for (const method of standard.assessmentMethods) {
    const ksbs = new Set(method.ksbs.flatMap((written) => codesOf(written, standard)).filter(applies));
    methods.set(method.id, { id: method.id, title: method.title, ksbs });
  }
  for (const [id, written] of Object.entries(config.methods ?? {})) {
    const known = methods.get(id);
    const ksbs = written.ksbs
      ? checkedCodes(written.ksbs, ['assessment', 'methods', id, 'ksbs'], standard, option, problems)
      : (known?.ksbs ?? new Set<string>());
    if (!written.ksbs && !known) {
      problems.push({ path: ['assessment', 'methods', id], kind: 'config-method-ksbs-missing', method: id });
    }
    methods.set(id, {
      id,
      title: written.title ?? known?.title ?? id,
      ksbs,
      ...(written.evidence ? { evidence: written.evidence } : {}),
      ...(written.words ? { words: written.words } : {}),
    });
  }
  const ids = [...methods.keys()];
  if (config.method === undefined) {
    problems.push({ path: ['assessment'], kind: 'config-method-missing', methods: ids });
    return { assessment: undefined, problems };
  }
  const method = methods.get(config.method) ?? [...methods.values()].find((m) => m.title.toLowerCase() === config.method!.toLowerCase());
  if (!method) {
    problems.push({ path: ['assessment', 'method'], kind: 'config-method-unknown', method: config.method, methods: ids, standard: standard.label });
    return { assessment: undefined, problems };
  }
  if (method.ksbs.size === 0) {
    problems.push({ path: ['assessment', 'method'], kind: 'config-method-empty', method: method.id, scope: describeScope(standard, option) });
    return { assessment: undefined, problems };
  }
  return { assessment: { method, methods: [...methods.values()] }, problems };
}

/** The standard's codes an item names, in standard order; none when it is not a code or range. */
function codesOf(written: string, standard: StandardVersion): string[] {
  const item = readKsbListItem(written);
  return item.ok ? standard.ksbs.filter((ksb) => itemNames(item, ksb.code[0], ksb.number)).map((ksb) => ksb.code) : [];
}

/**
 * The codes of the config's list that the standard has and the option takes, with a problem at
 * each item that is not a code or range, names a code the standard lacks, or one of another option.
 */
function checkedCodes(
  items: readonly string[],
  path: readonly (string | number)[],
  standard: StandardVersion,
  option: StandardOption | undefined,
  problems: AssessmentProblem[],
): Set<string> {
  const codes = new Set<string>();
  items.forEach((written, index) => {
    const at = [...path, index];
    const item = readKsbListItem(written);
    if (!item.ok) {
      problems.push({ path: at, kind: 'config-ksb-item-invalid', field: path.join('.'), standard: standard.label, reason: item.reason });
      return;
    }
    const missing = [...new Set([item.first, item.last])].filter((code) => !standard.ksb(code));
    if (missing.length > 0) {
      problems.push({
        path: at,
        kind: 'config-ksb-item-unknown',
        codes: missing,
        ...(item.range ? { written: written.trim() } : {}),
        standard: standard.label,
        ranges: standard.codeRanges(),
      });
      return;
    }
    // The standard's KSBs the item names: a number a range spans but the standard skips is no code.
    for (const ksb of standard.ksbs) {
      if (!itemNames(item, ksb.code[0], ksb.number)) continue;
      const code = ksb.code;
      if (standard.appliesTo(ksb, option?.id)) codes.add(code);
      else if (!item.range) {
        problems.push({ path: at, kind: 'config-ksb-item-option', code, option: option?.title ?? '', belongsTo: standard.optionLabel(ksb) });
      }
    }
  });
  return codes;
}

function describeScope(standard: StandardVersion, option: StandardOption | undefined): string {
  return option ? `${standard.label} (${option.title})` : standard.label;
}
