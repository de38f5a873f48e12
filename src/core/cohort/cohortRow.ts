// One row of a tutor's cohort: a whole portfolio at a glance, made from the same coverage, hours,
// sign-off and gateway functions as `ksb coverage`, `ksb hours` and `ksb gateway`, so the cohort
// never disagrees with them. Its RAG status follows one stated rule (`ragOf`).
import { addMonths } from '../base/dates';
import type { CoverageCount } from '../coverage/coverage';
import { GATEWAY_DEFAULTS, fileSignoffs, gatewayReport, hoursReport } from '../lifecycle/portfolioLifecycle';
import { CONFIG_FILE_NAME } from '../model/configFileName';
import type { KsbKind } from '../model/codes';
import type { RuleLevel } from '../model/diagnostics';
import type { PortfolioIndex } from '../portfolio/portfolioIndex';
import { toReported } from '../portfolio/reportedDiagnostics';
import { applyLevels } from '../rules/registry';

/** Red, amber or green, by the rule `ragOf` states. */
export type RagStatus = 'red' | 'amber' | 'green';

/** Off-the-job hours of a row: logged, the target, and what the plan expects by today. */
export interface CohortHours {
  readonly logged: number;
  readonly target: number | null;
  readonly expected: number | null;
}

/** Evidence files by sign-off state; `unverified` is null where `verify-signoffs` is off (nothing is proved, so nothing is unverified). */
export interface CohortSignoffs {
  readonly signed: number;
  readonly stale: number;
  readonly unsigned: number;
  readonly unverified: number | null;
}

/** What an apprentice added since a revision or date (`ksb cohort --since`). */
export interface CohortSince {
  /** The revision or date as written. */
  readonly since: string;
  readonly evidenceAdded: number;
  readonly claimsAdded: number;
  readonly newlyCovered: readonly string[];
  readonly hours: number;
  /** Why this portfolio has no comparison (not a git repository, unknown revision); `null` when it has one. */
  readonly error: string | null;
}

/** One portfolio of the cohort. Every figure is `null` when it is not known (a portfolio that cannot be read). */
export interface CohortRow {
  /** The folder as the tutor names it (relative to where the command ran, `/`-separated). */
  readonly path: string;
  readonly apprentice: string | null;
  readonly standard: string | null;
  readonly version: string | null;
  readonly option: string | null;
  /** The assessment method the KSB counts are of, where `assessment:` names one; `null` for the whole standard. */
  readonly assessment: string | null;
  readonly covered: number | null;
  readonly total: number | null;
  readonly byKind: Readonly<Record<KsbKind, CoverageCount>> | null;
  readonly errors: number | null;
  readonly warnings: number | null;
  readonly evidence: number | null;
  /** The latest day evidence changed: the last commit touching it in a git repository, else the latest front-matter date. */
  readonly lastEvidence: string | null;
  readonly lastEvidenceFrom: 'git' | 'front-matter' | null;
  readonly hours: CohortHours | null;
  readonly signoffs: CohortSignoffs | null;
  readonly ready: boolean | null;
  /** The ids of the gateway checks that fail (`ksb gateway` lists them). */
  readonly failing: readonly string[];
  /** When the gateway is due: `end` in portfolio.yaml, else `start` plus the minimum months. */
  readonly gatewayDue: string | null;
  readonly rag: RagStatus;
  /** Why the row is red or amber, one phrase each; empty when green. */
  readonly ragReasons: readonly string[];
  readonly since: CohortSince | null;
  /** The apprentice's own report, relative to the cohort page, when one was written. */
  readonly report: string | null;
  /** Why the portfolio could not be read; `null` when it was. */
  readonly error: string | null;
}

/** A problem of the run that is not a row: a folder that is not a portfolio, an artifact that cannot be read. */
export interface CohortProblem {
  readonly path: string;
  readonly problem: string;
}

/** The RAG rule's figures, stated once for the docs and the code: hours more than 10% behind are red, a gateway due within 3 months amber. */
export const RAG_RULE = { hoursBehindRed: 0.1, gatewayDueMonths: 3 } as const;

/** What a row needs beyond the loaded index. */
export interface CohortRowOptions {
  /** The folder as shown. */
  readonly path: string;
  /** Today's date, `YYYY-MM-DD`. */
  readonly today: string;
  /** Rule levels in force; defaults otherwise. */
  readonly levels?: Partial<Record<string, RuleLevel>>;
  /** The day of the last commit touching the portfolio's evidence, when the host knows it (a git repository). */
  readonly lastCommitDay?: string;
}

/** The row of a portfolio that could not be read: its error, and red. */
export function errorRow(path: string, error: string): CohortRow {
  const row: Omit<CohortRow, 'rag' | 'ragReasons'> = {
    path,
    apprentice: null,
    standard: null,
    version: null,
    option: null,
    assessment: null,
    covered: null,
    total: null,
    byKind: null,
    errors: null,
    warnings: null,
    evidence: null,
    lastEvidence: null,
    lastEvidenceFrom: null,
    hours: null,
    signoffs: null,
    ready: null,
    failing: [],
    gatewayDue: null,
    since: null,
    report: null,
    error,
  };
  return withRag(row, '');
}

/**
 * The row of a loaded (not diagnostics-only) portfolio on `today`. A `portfolio.yaml` that does not
 * resolve, or has errors, gives an error row: its counts would be of the wrong KSBs.
 */
export function cohortRow(index: PortfolioIndex, options: CohortRowOptions): CohortRow {
  const { path, today } = options;
  const configPath = `${index.root}/${CONFIG_FILE_NAME}`;
  const configProblems = toReported(new Map([[configPath, applyLevels(index.diagnosticsFor(configPath), options.levels)]]), index);
  const configErrors = configProblems.filter((p) => p.severity === 'error');
  const coverage = index.coverage();
  const portfolio = index.portfolio;
  if (!portfolio || !coverage || configErrors.length > 0) {
    const reasons = (configErrors.length > 0 ? configErrors : configProblems)
      .filter((p) => p.message.trim() !== '')
      .map((p) => `${p.line}:${p.column} ${p.message}`);
    return errorRow(path, `${CONFIG_FILE_NAME} is not usable: ${reasons.join('; ') || 'no standard could be resolved from it'}`);
  }

  let errors = 0;
  let warnings = 0;
  for (const diagnostics of index.allDiagnostics().values()) {
    for (const d of applyLevels(diagnostics, options.levels)) {
      if (d.level === 'error') errors++;
      else if (d.level === 'warning') warnings++;
    }
  }

  // A draft is not evidence until undrafted: not counted, not asked for a sign-off.
  const evidence = index.allFiles().filter((file) => file.role === 'evidence' && !file.isDraft);
  const signoffs = { signed: 0, stale: 0, unsigned: 0, unverified: 0 };
  let latestDated: string | undefined;
  for (const file of evidence) {
    signoffs[fileSignoffs(file).state]++;
    const day = file.analysis.frontMatter?.date?.slice(0, 10);
    if (day !== undefined && (latestDated === undefined || day > latestDated)) latestDated = day;
  }

  const hours = hoursReport(index, today);
  const gateway = gatewayReport(index, today, options.levels);
  const config = portfolio.config;
  const minMonths = config.gateway?.['min-months'] ?? GATEWAY_DEFAULTS.minMonths;
  const gatewayDue = config.end ?? (config.start === undefined ? null : addMonths(config.start, minMonths));
  const lastEvidence = options.lastCommitDay ?? latestDated ?? null;

  const row: Omit<CohortRow, 'rag' | 'ragReasons'> = {
    path,
    apprentice: config.apprentice ?? null,
    standard: portfolio.standard.reference,
    version: portfolio.standard.version,
    option: portfolio.option?.id ?? null,
    assessment: portfolio.assessment?.method.title ?? null,
    covered: coverage.summary.covered,
    total: coverage.summary.total,
    byKind: coverage.byKind,
    errors,
    warnings,
    evidence: evidence.length,
    lastEvidence,
    lastEvidenceFrom: options.lastCommitDay !== undefined ? 'git' : latestDated !== undefined ? 'front-matter' : null,
    hours: {
      logged: hours.total,
      target: hours.target ?? null,
      expected: hours.expectedByToday === undefined ? null : Math.round(hours.expectedByToday * 10) / 10,
    },
    // Unverified is a count only where git is asked to prove sign-offs (`verify-signoffs`).
    signoffs: { ...signoffs, unverified: (portfolio.config['verify-signoffs'] ?? 'off') === 'off' ? null : signoffs.unverified },
    ready: gateway.ready,
    failing: gateway.checks.filter((check) => !check.ok).map((check) => check.id),
    gatewayDue,
    since: null,
    report: null,
    error: null,
  };
  return withRag(row, today);
}

/** The row with its RAG status worked out again (after `--since` or a merge changed nothing it depends on, this is the same). */
export function withRag(row: Omit<CohortRow, 'rag' | 'ragReasons'>, today: string): CohortRow {
  const { rag, reasons } = ragOf(row, today);
  return { ...row, rag, ragReasons: reasons };
}

/**
 * The RAG rule. Red: the portfolio cannot be read, has errors, or its off-the-job hours are more
 * than 10% behind what the plan expects by today. Amber: the gateway is not ready and is due within
 * 3 months (or overdue). Green otherwise. A figure that is not known adds no reason.
 */
export function ragOf(row: Omit<CohortRow, 'rag' | 'ragReasons'>, today: string): { rag: RagStatus; reasons: string[] } {
  if (row.error !== null) return { rag: 'red', reasons: ['cannot be read'] };
  const red: string[] = [];
  if (row.errors !== null && row.errors > 0) red.push(`${row.errors} error${row.errors === 1 ? '' : 's'}`);
  const hours = row.hours;
  if (hours && hours.expected !== null && hours.expected > 0 && hours.logged < hours.expected * (1 - RAG_RULE.hoursBehindRed)) {
    const behind = Math.round(((hours.expected - hours.logged) / hours.expected) * 100);
    red.push(`hours ${behind}% behind`);
  }
  if (red.length > 0) return { rag: 'red', reasons: red };
  if (row.ready === false && row.gatewayDue !== null && today !== '' && row.gatewayDue <= addMonths(today, RAG_RULE.gatewayDueMonths)) {
    const when = row.gatewayDue < today ? `was due ${row.gatewayDue}` : `due ${row.gatewayDue}`;
    return { rag: 'amber', reasons: [`gateway ${when}, failing ${row.failing.join(', ') || 'checks'}`] };
  }
  return { rag: 'green', reasons: [] };
}
