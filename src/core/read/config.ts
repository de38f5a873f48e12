import { isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import { DEFAULT_REVIEW_INTERVAL_WORDS } from '../model/lifecycleTerms';
import * as z from 'zod/mini';
import type { Catalogue, StandardNote, StandardOption, StandardVersion } from '../catalogue/catalogue';
import { formatFieldPath } from '../catalogue/catalogue';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { type PortfolioDiagnostic } from '../model/diagnostics';
import { CONFIG_FILE_NAME } from '../model/configFileName';
import { compileGlob } from '../base/glob';
import { FILE_START, LineIndex, withYamlLineBreaks, type Range } from '../base/text';
import { DAY_RANGE, isDayInRange, isIsoDay, parseInterval } from '../base/dates';
import { OTJ_TARGET_RANGE } from '../model/hours';
import { validate } from '../base/validate';
import { yamlToData } from '../base/yamlData';

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
});

/** `portfolio.yaml` after validation. */
export type PortfolioConfig = z.output<typeof portfolioConfigSchema>;

/** A validated config and a way to point diagnostics at its fields. */
export interface ParsedConfig {
  readonly config: PortfolioConfig | undefined;
  /** Problems found; a config can have some and still be usable (an invalid glob among valid ones). */
  readonly diagnostics: readonly PortfolioDiagnostic[];
  /** The range of a field's value, or the file start when the field is absent. */
  rangeOf(field: keyof PortfolioConfig): Range;
}

/** Reads `portfolio.yaml`; problems become `portfolio.invalid-config` diagnostics on it. */
export function parseConfig(text: string): ParsedConfig {
  const lines = new LineIndex(text);
  const document = parseDocument(withYamlLineBreaks(text), { prettyErrors: false });
  const rangeOf = (field: string) => nodeRange(document, [field], lines);
  const fail = (diagnostics: PortfolioDiagnostic[]): ParsedConfig => ({ config: undefined, diagnostics, rangeOf });
  if (document.errors.length > 0) {
    return fail(
      document.errors.map((error) => ({
        code: DiagnosticCode.InvalidConfig,
        message: `Expected valid YAML in ${CONFIG_FILE_NAME}, found: ${error.message.split('\n')[0]}`,
        range: lines.rangeAt(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
      })),
    );
  }
  if (!isMap(document.contents)) {
    return fail([
      {
        code: DiagnosticCode.InvalidConfig,
        message: `Expected ${CONFIG_FILE_NAME} to be a map with at least \`standard:\` (e.g. \`standard: ST0792\`), found ${document.contents === null ? 'an empty file' : 'something else'}`,
        range: FILE_START,
      },
    ]);
  }
  const converted = yamlToData(document);
  if (!converted.ok) {
    return fail([
      {
        code: DiagnosticCode.InvalidConfig,
        message: converted.message,
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
    const known = Object.keys(portfolioConfigSchema.shape).join(', ');
    return fail(
      result.error.issues.map((issue) => {
        const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
        if (issue.code === 'unrecognized_keys') {
          // Only `gateway:` nests fields; its own names are the ones to offer.
          const nested = path.length > 0;
          return {
            code: DiagnosticCode.InvalidConfig,
            message: `Unexpected field ${issue.keys.map((k) => `\`${k}\``).join(', ')}${nested ? ` in \`${formatFieldPath(path)}\`` : ''}: expected one of ${nested ? Object.keys(gatewaySchema.shape).join(', ') : known}`,
            range: nested ? nodeRange(document, [...path, issue.keys[0]], lines) : keyRange(document, issue.keys[0], lines),
          };
        }
        const field = formatFieldPath(path);
        return {
          code: DiagnosticCode.InvalidConfig,
          message:
            issue.code === 'invalid_type' && issue.input === undefined
              ? `Expected the field \`${field}\`, found none`
              : `Expected \`${field}\` to be valid: ${issue.message}`,
          range: nodeRange(document, path, lines),
        };
      }),
    );
  }
  const diagnostics = globProblems(result.data.evidence ?? [], document, lines);
  const { start, end } = result.data;
  if (start !== undefined && end !== undefined && end <= start) {
    diagnostics.push({
      code: DiagnosticCode.InvalidConfig,
      message: `Expected \`end\` (the planned end of the practical period) after \`start\` (${start}), found ${end}`,
      range: rangeOf('end'),
    });
  }
  return { config: result.data, diagnostics, rangeOf };
}

/** A diagnostic at each `evidence` glob that is not a valid glob; the others keep working. */
function globProblems(globs: readonly string[], document: Document, lines: LineIndex): PortfolioDiagnostic[] {
  return globs.flatMap((glob, index) => {
    const compiled = compileGlob(glob);
    if (compiled.ok) return [];
    const shown = glob.length > 60 ? `${glob.slice(0, 60)}...` : glob;
    return [
      {
        code: DiagnosticCode.InvalidConfig,
        message: `Expected a valid glob in \`evidence\`, found \`${shown}\`: ${compiled.reason}`,
        // `evidence: "x"` has no item 0, so the range falls back to the field's value.
        range: nodeRange(document, ['evidence', index], lines),
      },
    ];
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
}

/** Resolves standard, version and option; unknown ones are diagnostics naming the valid choices. */
export function resolveConfig(parsed: ParsedConfig, catalogue: Catalogue): { portfolio: Portfolio | undefined; diagnostics: PortfolioDiagnostic[] } {
  const config = parsed.config;
  if (!config) return { portfolio: undefined, diagnostics: [...parsed.diagnostics] };
  // A config can be usable and still have problems (an invalid glob among valid ones).
  const diagnostics: PortfolioDiagnostic[] = [...parsed.diagnostics];
  const problem = (field: keyof PortfolioConfig, message: string): PortfolioDiagnostic => ({
    code: DiagnosticCode.InvalidConfig,
    message,
    range: parsed.rangeOf(field),
  });

  const versions = catalogue.versions(config.standard);
  if (versions.length === 0) {
    const references = catalogue.references();
    // A folder of the whole API holds about 1,500 references: name the first few.
    const known = references.length > 12 ? `${references.slice(0, 12).join(', ')} and ${references.length - 12} more` : references.join(', ') || 'none';
    return {
      portfolio: undefined,
      diagnostics: [
        ...diagnostics,
        problem(
          'standard',
          `Unexpected standard \`${config.standard}\`: expected one of ${known} (add others with \`ksb standard add REFERENCE\` or as data files in a \`standards/\` folder)`,
        ),
      ],
    };
  }
  let standard = catalogue.get(config.standard, config.version);
  if (!standard) {
    const known = versions.map((v) => `"${v.version}"`).join(', ');
    diagnostics.push(problem('version', `Unexpected version "${config.version}" of ${versions[0].reference}: expected one of ${known}`));
    // Check the option against the latest version too, so one pass reports every problem.
    standard = versions[versions.length - 1];
  }

  let option: StandardOption | undefined;
  const choices = standard.options.map((o) => `\`${o.id}\` (${o.title})`).join(', ');
  if (config.option !== undefined) {
    option = standard.findOption(config.option);
    if (!option) diagnostics.push(problem('option', `Unexpected option \`${config.option}\` for ${standard.label}: expected one of ${choices}`));
  } else if (standard.options.length > 0) {
    diagnostics.push(
      problem(
        'standard',
        `Expected an \`option:\` for ${standard.label}, which has options: ${choices}. Until one is set, the editor counts KSBs of every option and ksb coverage refuses to count.`,
      ),
    );
  }

  if (!catalogue.get(config.standard, config.version)) return { portfolio: undefined, diagnostics };
  diagnostics.push(...standardDiagnostics(standard, parsed.rangeOf(config.version === undefined ? 'standard' : 'version')));
  // An invalid glob (reported by parseConfig) matches nothing: listing globs means "only these".
  const globs = config.evidence?.flatMap((glob) => {
    const compiled = compileGlob(glob);
    return compiled.ok ? [compiled.matches] : [];
  });
  const matchesEvidenceGlobs = globs ? (path: string) => globs.some((matches) => matches(path)) : undefined;
  return { portfolio: { config, standard, option, matchesEvidenceGlobs }, diagnostics };
}

/** What a note's gap should have been, for the expected-vs-found message. */
const EXPECTED_FOR_NOTE: Readonly<Record<StandardNote['kind'], string>> = {
  'no-ksbs': 'Expected knowledge, skills and behaviours in',
  'options-unmapped': 'Expected KSBs mapped to the options in',
  'ksbs-in-no-duty': 'Expected every KSB to belong to the core or an option in',
  'duty-without-option': 'Expected every non-core duty to name its option in',
  'version-from-file-name': 'Expected a version in',
  'dangling-reference': 'Expected every mapping to name a KSB listed in',
  'codes-differ': 'Expected KSB texts to begin with their own code, or none, in',
};

/** The chosen version's data gaps and status, as diagnostics at the field that chose it. */
export function standardDiagnostics(standard: StandardVersion, range: Range): PortfolioDiagnostic[] {
  const diagnostics: PortfolioDiagnostic[] = standard.notes.map((note) => ({
    code: DiagnosticCode.StandardDataGap,
    message: `${EXPECTED_FOR_NOTE[note.kind]} the data of ${standard.label}, found a gap: ${note.text}`,
    range,
  }));
  if (standard.notApprovedForDelivery) {
    const retired = /^retired$/i.test(standard.status ?? '');
    const dates = standard.endDate ? ` (latest start ${standard.endDate})` : '';
    diagnostics.push({
      code: DiagnosticCode.StandardNotApproved,
      message: retired
        ? `Expected ${standard.label} to be approved for delivery, found "${standard.status}"${dates}: apprentices who started on it stay on it; new starts take a later version`
        : `Expected ${standard.label} to be approved for delivery, found "${standard.status}"${dates}: check that this is the version of your apprenticeship`,
      range,
    });
  }
  return diagnostics;
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
