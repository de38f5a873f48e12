import { isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import * as z from 'zod/mini';
import type { Catalogue, StandardOption, StandardVersion } from '../catalogue/catalogue';
import { formatFieldPath } from '../catalogue/catalogue';
import type { ConfigFinding, OptionChoice, ReadFinding, StandardFinding } from './findings';
import { compileGlob } from '../base/glob';
import { FILE_START, LineIndex, withYamlLineBreaks, type Range } from '../base/text';
import { DAY_RANGE, isDayInRange, isIsoDay, parseInterval } from '../base/dates';
import { OTJ_TARGET_RANGE } from '../model/hours';
import { DEFAULT_REVIEW_INTERVAL_WORDS, SIGNOFF_ROLES, VERIFY_SIGNOFF_MODES } from '../model/lifecycleTerms';
import { validate } from '../base/validate';
import { yamlToData } from '../base/yamlData';
import { type Assessment, assessmentMethodSchema, assessmentSchema, resolveAssessment } from './assessment';

/** A string with at least one character. */
const nonEmpty = () => z.string().check(z.minLength(1));

/** One string or a list of them, read as a list (`evidence: "*.md"` is `["*.md"]`). */
const oneOrMany = (description: string) =>
  z.optional(
    z
      .pipe(
        z.union([nonEmpty(), z.array(nonEmpty())]),
        z.transform((value: string | string[]) => (typeof value === 'string' ? [value] : value)),
      )
      .check(z.describe(description)),
  );

/** A calendar day written `YYYY-MM-DD` that exists. */
const isoDaySchema = z.string().check(
  z.refine((value: string) => isIsoDay(value), 'a date such as 2026-03-14'),
  z.refine((value: string) => isDayInRange(value), `a date ${DAY_RANGE.words}`),
);

/** The `gateway:` block: what readiness for end-point assessment asks of this portfolio. */
const gatewaySchema = z.strictObject({
  'min-evidence-per-ksb': z.optional(z.int().check(z.minimum(1), z.describe('Pieces of evidence each applicable KSB needs (default 1)'))),
  'min-months': z.optional(z.int().check(z.minimum(0), z.maximum(120), z.describe('Months of the practical period before gateway (default 12)'))),
  'review-interval': z.optional(
    nonEmpty().check(
      z.refine((value: string) => parseInterval(value) !== undefined, 'an interval such as "12 weeks" or "3 months"'),
      z.describe(`The longest gap between progress reviews, e.g. "12 weeks" or "3 months" (default ${DEFAULT_REVIEW_INTERVAL_WORDS})`),
    ),
  ),
  requires: z.optional(
    z.array(nonEmpty()).check(z.describe('Named items the gateway needs (e.g. english-level-2), each met by an evidence file whose `meets:` names it')),
  ),
});

/** One e-mail address, as git records an author's (`name@host`). */
const emailSchema = nonEmpty().check(z.refine((value: string) => /^[^\s@<>]+@[^\s@<>]+$/.test(value), 'an e-mail address such as priya@northlight.example'));

/** One person of `people:`: their name as sign-offs write it, the roles they hold and the e-mail addresses they commit with. */
const personSchema = z.strictObject({
  name: nonEmpty().check(z.describe('The name as sign-offs write it in `by:`')),
  roles: z.array(z.enum(SIGNOFF_ROLES)).check(z.minLength(1), z.describe(`The roles this person may sign off in: ${SIGNOFF_ROLES.join(', ')}`)),
  email: z.optional(
    z
      .pipe(
        z.union([emailSchema, z.array(emailSchema)]),
        z.transform((value: string | string[]) => (typeof value === 'string' ? [value] : value)),
      )
      .check(z.describe('The e-mail address (or a list of them) this person commits with, for `verify-signoffs`')),
  ),
});

/** The shape of `portfolio.yaml`. */
export const portfolioConfigSchema = z.strictObject({
  standard: nonEmpty().check(z.describe('The standard reference, e.g. ST0792')),
  version: z.optional(
    z.pipe(z.union([nonEmpty(), z.number()]), z.transform(String)).check(z.describe('The standard version, e.g. "1.2"; defaults to the latest shipped')),
  ),
  option: z.optional(nonEmpty().check(z.describe('The option id (e.g. post-production-coordinator) or its title'))),
  apprentice: z.optional(z.string().check(z.describe("The apprentice's name"))),
  evidence: oneOrMany('Globs of evidence files relative to this file; default: every .md below it'),
  standards: oneOrMany('Extra standard data files or folders to load, relative to this file'),
  start: z.optional(isoDaySchema.check(z.describe('When the apprenticeship started, YYYY-MM-DD'))),
  end: z.optional(isoDaySchema.check(z.describe('The planned end of the practical period, YYYY-MM-DD'))),
  'weekly-hours': z.optional(
    z.number().check(z.positive(), z.maximum(80), z.describe('Contracted hours a week (30 or more for the 6-hours-a-week off-the-job rule)')),
  ),
  employer: z.optional(nonEmpty().check(z.describe('The employer, as the sign-offs and the report name it'))),
  provider: z.optional(nonEmpty().check(z.describe('The training provider'))),
  mentor: z.optional(nonEmpty().check(z.describe("The apprentice's workplace mentor"))),
  'otj-target': z.optional(
    z
      .number()
      .check(
        z.minimum(OTJ_TARGET_RANGE.least),
        z.maximum(OTJ_TARGET_RANGE.most),
        z.describe("Off-the-job training hours to reach; default: the standard's published minimum, else the funding rules"),
      ),
  ),
  gateway: z.optional(gatewaySchema.check(z.describe('What the end-point assessment gateway asks, for `ksb gateway`'))),
  assessment: z.optional(
    assessmentSchema.check(z.describe('Which KSBs each method of end-point assessment assesses, and the method this portfolio underpins: only its KSBs count')),
  ),
  placeholders: z.optional(
    z
      .array(z.string())
      .check(
        z.describe(
          'Placeholders `evidence.placeholder` looks for in evidence, as written and ignoring case (default: "[EVIDENCE NEEDED]", TODO, TBC, "XX%", "lorem ipsum"); [] looks for none',
        ),
      ),
  ),
  'site-root': z.optional(
    nonEmpty().check(
      z.refine((value: string) => !value.startsWith('/') && !value.split(/[\\/]/).includes('..'), 'a folder inside the portfolio, such as content'),
      z.describe("The static site's content folder (e.g. `content` for Hugo): links starting with `/` are resolved against it"),
    ),
  ),
  people: z.optional(
    z.array(personSchema).check(z.describe('Who takes part: `{name, roles, email}` each; with it, a sign-off must name one of them in a role they hold')),
  ),
  'verify-signoffs': z.optional(
    z
      .enum(VERIFY_SIGNOFF_MODES)
      .check(
        z.describe(
          'How sign-offs are proved by git: `off` (default), `commits` (the commit that wrote a sign-off is by its signer) or `signatures` (and git verifies its signature)',
        ),
      ),
  ),
});

/** `portfolio.yaml` after validation. */
export type PortfolioConfig = z.output<typeof portfolioConfigSchema>;

/** A validated config and a way to point diagnostics at its fields. */
export interface ParsedConfig {
  readonly config: PortfolioConfig | undefined;
  /** Problems found, for the rules to report; a config can have some and still be usable (an invalid glob among valid ones). */
  readonly findings: readonly ConfigFinding[];
  /** The range of a field's value, or the file start when the field is absent. */
  rangeOf(field: keyof PortfolioConfig): Range;
  /** The range of the deepest node written on a path (`['assessment', 'methods', 'discussion', 'ksbs', 0]`). */
  rangeAt(path: readonly (string | number)[]): Range;
}

/** Reads `portfolio.yaml`; problems are findings (reported as `portfolio.invalid-config`) on it. */
export function parseConfig(text: string): ParsedConfig {
  const lines = new LineIndex(text);
  const document = parseDocument(withYamlLineBreaks(text), { prettyErrors: false });
  const rangeOf = (field: string) => nodeRange(document, [field], lines);
  const rangeAt = (path: readonly (string | number)[]) => nodeRange(document, path, lines);
  const fail = (findings: ConfigFinding[]): ParsedConfig => ({ config: undefined, findings, rangeOf, rangeAt });
  if (document.errors.length > 0) {
    return fail(
      document.errors.map((error) => ({
        kind: 'config-yaml-syntax' as const,
        detail: error.message.split('\n')[0],
        range: lines.rangeAt(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
      })),
    );
  }
  if (!isMap(document.contents)) return fail([{ kind: 'config-not-map', empty: document.contents === null, range: FILE_START }]);
  const converted = yamlToData(document);
  if (!converted.ok) {
    return fail([
      {
        kind: 'config-not-data',
        detail: converted.message,
        range: lines.rangeAt(converted.offsets[0], Math.max(converted.offsets[1], converted.offsets[0] + 1)),
      },
    ]);
  }
  const data = converted.data as Record<string, unknown>;
  // `version: 1.10` is a number to YAML; keep what the user wrote rather than 1.1.
  const versionNode = document.get('version', true);
  if (isScalar(versionNode) && typeof versionNode.value === 'number' && versionNode.range) {
    data.version = text.slice(versionNode.range[0], versionNode.range[1]);
  }
  const result = validate(portfolioConfigSchema, data);
  if (!result.success) {
    const known = Object.keys(portfolioConfigSchema.shape);
    return fail(
      result.error.issues.map((issue): ConfigFinding => {
        const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
        if (issue.code === 'unrecognized_keys') {
          // A nested block's own names are the ones to offer.
          const nested = path.length > 0;
          return {
            kind: 'config-field-unknown',
            fields: issue.keys,
            known: nested ? nestedFieldNames(path) : known,
            ...(nested ? { nested: formatFieldPath(path) } : {}),
            range: nested ? nodeRange(document, [...path, issue.keys[0]], lines) : keyRange(document, issue.keys[0], lines),
          };
        }
        const field = formatFieldPath(path);
        const range = nodeRange(document, path, lines);
        return issue.code === 'invalid_type' && issue.input === undefined
          ? { kind: 'config-field-missing', field, range }
          : { kind: 'config-field-invalid', field, detail: issue.message, range };
      }),
    );
  }
  const findings = globProblems(result.data.evidence ?? [], document, lines);
  const { start, end } = result.data;
  if (start !== undefined && end !== undefined && end <= start) findings.push({ kind: 'config-end-before-start', start, end, range: rangeOf('end') });
  return { config: result.data, findings, rangeOf, rangeAt };
}

/** The field names a nested block of the config takes (`gateway`, `assessment`, a method of `assessment.methods`). */
function nestedFieldNames(path: readonly PropertyKey[]): string[] {
  if (path[0] === 'gateway') return Object.keys(gatewaySchema.shape);
  if (path[0] === 'people') return Object.keys(personSchema.shape);
  if (path[0] === 'assessment') return Object.keys(path.length > 1 ? assessmentMethodSchema.shape : assessmentSchema.shape);
  return [];
}

/** A finding at each `evidence` glob that is not a valid glob; the others keep working. */
function globProblems(globs: readonly string[], document: Document, lines: LineIndex): ConfigFinding[] {
  return globs.flatMap((glob, index): ConfigFinding[] => {
    const compiled = compileGlob(glob);
    if (compiled.ok) return [];
    // `evidence: "x"` has no item 0, so the range falls back to the field's value.
    return [{ kind: 'config-glob-invalid', glob, reason: compiled.reason, range: nodeRange(document, ['evidence', index], lines) }];
  });
}

/** A config resolved against the catalogue: the standard version and option it means. */
export interface Portfolio {
  readonly config: PortfolioConfig;
  readonly standard: StandardVersion;
  /** The configured option; `undefined` when none is set or the standard has none. */
  readonly option: StandardOption | undefined;
  /** Whether a Markdown file (path relative to the portfolio root) is evidence by the globs. */
  readonly matchesEvidenceGlobs: ((relativePath: string) => boolean) | undefined;
  /** The method of end-point assessment the portfolio underpins, from `assessment:`: only its KSBs count. */
  readonly assessment?: Assessment;
}

/** Resolves standard, version and option; unknown ones are findings naming the valid choices. */
export function resolveConfig(parsed: ParsedConfig, catalogue: Catalogue): { portfolio: Portfolio | undefined; findings: ReadFinding[] } {
  const config = parsed.config;
  if (!config) return { portfolio: undefined, findings: [...parsed.findings] };
  // A config can be usable and still have problems (an invalid glob among valid ones).
  const findings: ReadFinding[] = [...parsed.findings];

  const versions = catalogue.versions(config.standard);
  if (versions.length === 0) {
    findings.push({ kind: 'config-standard-unknown', standard: config.standard, known: catalogue.references(), range: parsed.rangeOf('standard') });
    return { portfolio: undefined, findings };
  }
  let standard = catalogue.get(config.standard, config.version);
  if (!standard) {
    findings.push({
      kind: 'config-version-unknown',
      version: String(config.version),
      reference: versions[0].reference,
      known: versions.map((v) => v.version),
      range: parsed.rangeOf('version'),
    });
    // Check the option against the latest version too, so one pass reports every problem.
    standard = versions[versions.length - 1];
  }

  let option: StandardOption | undefined;
  const choices: OptionChoice[] = standard.options.map((o) => ({ id: o.id, title: o.title }));
  if (config.option !== undefined) {
    option = standard.findOption(config.option);
    if (!option) findings.push({ kind: 'config-option-unknown', option: config.option, standard: standard.label, choices, range: parsed.rangeOf('option') });
  } else if (standard.options.length > 0) {
    findings.push({ kind: 'config-option-missing', standard: standard.label, choices, range: parsed.rangeOf('standard') });
  }

  if (!catalogue.get(config.standard, config.version)) return { portfolio: undefined, findings };
  findings.push(...standardFindings(standard, parsed.rangeOf(config.version === undefined ? 'standard' : 'version')));
  // An invalid glob (reported by parseConfig) matches nothing: listing globs means "only these".
  const globs = config.evidence?.flatMap((glob) => {
    const compiled = compileGlob(glob);
    return compiled.ok ? [compiled.matches] : [];
  });
  const matchesEvidenceGlobs = globs ? (path: string) => globs.some((matches) => matches(path)) : undefined;
  const { assessment, problems } = resolveAssessment(config.assessment, standard, option);
  for (const { path, ...fact } of problems) findings.push({ ...fact, range: parsed.rangeAt(path) });
  return { portfolio: { config, standard, option, matchesEvidenceGlobs, ...(assessment ? { assessment } : {}) }, findings };
}

/** The chosen version's data gaps and status, as findings at the field that chose it. */
export function standardFindings(standard: StandardVersion, range: Range): StandardFinding[] {
  const findings: StandardFinding[] = standard.notes.map((note) => ({ kind: 'standard-gap', standard: standard.label, note, range }));
  if (standard.notApprovedForDelivery) {
    findings.push({ kind: 'standard-not-approved', standard: standard.label, status: standard.status, endDate: standard.endDate, range });
  }
  return findings;
}

function nodeRange(document: Document, path: readonly (string | number)[], lines: LineIndex): Range {
  for (let depth = path.length; depth >= 1; depth--) {
    const node = document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.rangeAt(node.range[0], node.range[1]);
  }
  return FILE_START;
}

function keyRange(document: Document, key: string, lines: LineIndex): Range {
  const contents = document.contents;
  if (isMap(contents)) {
    for (const pair of contents.items) {
      if (isScalar(pair.key) && pair.key.value === key && pair.key.range) return lines.rangeAt(pair.key.range[0], pair.key.range[1]);
    }
  }
  return FILE_START;
}
