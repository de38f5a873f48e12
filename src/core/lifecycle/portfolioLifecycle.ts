// What the apprenticeship around the evidence adds up to, over a loaded index: each file's
// sign-off state, the off-the-job hours against their target, and the gateway checklist.
import { isRejected, type RuleLevel } from '../model/diagnostics';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { signoffProof, type SignoffProof } from '../rules/signoffUnverified';
import { applyLevels } from '../rules/registry';
import type { IndexedFile, PortfolioIndex } from '../portfolio/portfolioIndex';
import type { Portfolio } from '../read/config';
import type { Range } from '../base/text';
import { addInterval, formatInterval, parseInterval, wholeMonthsBetween } from '../base/dates';
import type { SignoffRole } from '../model/lifecycleTerms';
import { summarizeHours, type HoursSummary, type OtjEntry } from '../model/hours';
import { fundingRuleOtjTarget } from './otjTarget';
import { DEFAULT_REVIEW_INTERVAL } from '../model/lifecycleTerms';

/** A file's sign-offs at a glance: `stale` when any no longer matches the file, `unverified` when git does not prove one. */
export type SignoffState = 'signed' | 'stale' | 'unverified' | 'unsigned';

/** One well-formed sign-off, whether the file is still what was signed, and how git proves it. */
export interface SignoffView {
  readonly index: number;
  readonly by: string;
  readonly role: SignoffRole;
  readonly date: string;
  readonly current: boolean;
  /** Verified, unverified or not checked (`verify-signoffs` off, no git). */
  readonly proof: SignoffProof;
  /** Current and not unverified: what the gateway counts. */
  readonly counts: boolean;
}

/** A file's sign-offs and what they add up to. */
export interface FileSignoffs {
  readonly state: SignoffState;
  readonly signoffs: readonly SignoffView[];
  /** Signed off by the employer (or the mentor, for the employer) and not changed since. */
  readonly byEmployer: boolean;
}

/**
 * The sign-offs of one indexed file, with how git proves each when `index` (the file's portfolio) is
 * given. A sign-off another check rejects (`signoff.invalid`, `signoff.wrong-role`,
 * `signoff.unknown-signer`) is left out; an unverified one is listed, and does not count.
 */
export function fileSignoffs(file: IndexedFile, index?: PortfolioIndex): FileSignoffs {
  const digest = file.analysis.contentDigest;
  const config = index?.portfolio?.config;
  const trace = index?.signoffTraceOf(file.path);
  const signoffs: SignoffView[] = [];
  for (const entry of file.analysis.frontMatter?.lifecycle?.signoffs ?? []) {
    if (!entry.complete || !entry.by || !entry.role || !entry.date) continue;
    const rejections = file.diagnostics.filter((d) => d.subject?.field === 'signoff' && d.subject.index === entry.index);
    if (rejections.some((d) => d.code !== DiagnosticCode.SignoffUnverified)) continue;
    const proof: SignoffProof = config
      ? signoffProof(entry, config, trace)
      : rejections.length > 0
        ? { state: 'unverified', commit: undefined, authorEmail: undefined, reason: rejections[0].message }
        : { state: 'not-checked', reason: 'the portfolio was not given' };
    const current = digest !== undefined && !isStale(file, entry.index);
    signoffs.push({ index: entry.index, by: entry.by, role: entry.role, date: entry.date, current, proof, counts: current && proof.state !== 'unverified' });
  }
  const state: SignoffState =
    signoffs.length === 0 ? 'unsigned' : signoffs.some((s) => !s.current) ? 'stale' : signoffs.some((s) => !s.counts) ? 'unverified' : 'signed';
  return { state, signoffs, byEmployer: signoffs.some((s) => s.counts && (s.role === 'employer' || s.role === 'mentor')) };
}

/** Whether `signoff.stale` found sign-off `index` changed since, in the digest version it was made with. */
function isStale(file: IndexedFile, index: number): boolean {
  return file.diagnostics.some((d) => d.code === DiagnosticCode.SignoffStale && d.fix?.kind === 'signoff-again' && d.fix.index === index);
}

/** Where the off-the-job target comes from, as `ksb hours` and the status bar say it. */
export interface OtjTargetSource {
  readonly hours: number;
  /** `portfolio`: `otj-target:`; `standard`: the standard's published minimum; `funding-rules`: the default rule. */
  readonly from: 'portfolio' | 'standard' | 'funding-rules';
  /** One sentence saying how the figure was reached. */
  readonly rule: string;
}

/** The target: `otj-target`, else the standard's published minimum, else the funding rules from start, end and weekly hours. */
export function otjTargetOf(portfolio: Portfolio): OtjTargetSource | undefined {
  const config = portfolio.config;
  const set = config['otj-target'];
  if (set !== undefined) return { hours: set, from: 'portfolio', rule: `\`otj-target: ${set}\` in portfolio.yaml` };
  const published = portfolio.standard.otjMinimumHours;
  if (published !== undefined) return { hours: published, from: 'standard', rule: `the minimum ${portfolio.standard.label} publishes` };
  if (config.start === undefined || config.end === undefined || config['weekly-hours'] === undefined) return undefined;
  const computed = fundingRuleOtjTarget({ start: config.start, end: config.end, weeklyHours: config['weekly-hours'] });
  return computed && { hours: computed.hours, from: 'funding-rules', rule: computed.rule };
}

/** Every off-the-job entry of the portfolio that counts, and how many do not. */
export interface LoggedHours {
  readonly entries: readonly OtjEntry[];
  /** Entries not counted: each has an `otj.invalid` that says why (undated, before `start`, after today, over 24 hours a day...). */
  readonly excluded: number;
}

/**
 * The off-the-job entries of every file that no `otj.invalid` rejects: what a check rejects never
 * counts. Entries whose hours could not be read at all are not entries, and are not in `excluded`.
 */
export function loggedHours(index: PortfolioIndex): LoggedHours {
  const entries: OtjEntry[] = [];
  let excluded = 0;
  // Without a portfolio no rule has judged the entries: none of them can count.
  const judged = index.portfolio !== undefined;
  for (const file of index.allFiles()) {
    const frontMatter = file.analysis.frontMatter;
    const diagnostics = index.diagnosticsFor(file.path);
    for (const entry of frontMatter?.lifecycle?.otj ?? []) {
      const date = entry.date ?? frontMatter?.date?.slice(0, 10);
      if (!judged || date === undefined || isRejected(diagnostics, 'otj', entry.index)) {
        excluded++;
        continue;
      }
      entries.push({
        date,
        ...(entry.to !== undefined && { to: entry.to }),
        hours: entry.hours,
        relativePath: file.relativePath,
        ...(entry.activity ? { activity: entry.activity } : {}),
      });
    }
  }
  return { entries, excluded };
}

/** `ksb hours` and the status bar: the total against the target, pro rata and by month. */
export interface HoursReport extends HoursSummary {
  readonly targetSource: OtjTargetSource | undefined;
  readonly excluded: number;
  /** The entries counted, for a breakdown by file. */
  readonly counted: readonly OtjEntry[];
}

/** The portfolio's off-the-job hours on `today`. */
export function hoursReport(index: PortfolioIndex, today: string): HoursReport {
  const portfolio = index.portfolio;
  const targetSource = portfolio && otjTargetOf(portfolio);
  const { entries, excluded } = loggedHours(index);
  const config = portfolio?.config;
  const summary = summarizeHours(entries, { target: targetSource?.hours, start: config?.start, end: config?.end, today });
  return { ...summary, targetSource, excluded, counted: entries };
}

/** The checks of `ksb gateway`, in the order they are listed. */
export const GATEWAY_CHECKS = ['coverage', 'evidence', 'words', 'signoff', 'otj', 'duration', 'reviews', 'requirements', 'errors'] as const;

/** A place a failing check points at: the editor opens it on a click. */
export interface GatewayLocation {
  readonly path: string;
  readonly range?: Range;
}

/** One line of the checklist. */
export interface GatewayCheck {
  readonly id: (typeof GATEWAY_CHECKS)[number];
  readonly ok: boolean;
  readonly detail: string;
  /** What fails, for the editor; not part of `ksb gateway --format json`. */
  readonly locations: readonly GatewayLocation[];
}

/** The readiness checklist: ready when every check passes. */
export interface GatewayReport {
  readonly ready: boolean;
  readonly checks: readonly GatewayCheck[];
}

/** The defaults of the `gateway:` block. */
export const GATEWAY_DEFAULTS = { minEvidencePerKsb: 1, minMonths: 12 } as const;

/** Where a target comes from, in a few words. */
const TARGET_FROM: Readonly<Record<OtjTargetSource['from'], string>> = {
  portfolio: '`otj-target` in portfolio.yaml',
  standard: "the standard's published minimum",
  'funding-rules': "the funding rules' default for the planned period",
};

/** How many names a detail lists before "and N more". */
const LISTED = 8;

/**
 * The gateway checklist of a loaded (not diagnostics-only) index on `today`. `levels` are the
 * rule levels in force (the user's over the defaults), for the `errors` check.
 */
export function gatewayReport(index: PortfolioIndex, today: string, levels: Partial<Record<string, RuleLevel>> = {}): GatewayReport {
  const portfolio = index.portfolio;
  const configPath = index.configPath;
  if (!portfolio) {
    const detail = 'portfolio.yaml does not resolve to a standard: fix its problems first';
    const checks = GATEWAY_CHECKS.map((id) => ({ id, ok: false, detail, locations: [{ path: configPath }] }));
    return { ready: false, checks };
  }
  const config = portfolio.config;
  const gateway = config.gateway ?? {};
  const files = index.allFiles();
  // A draft is not evidence until undrafted: listed under coverage, not asked for a sign-off.
  const evidence = files.filter((file) => file.role === 'evidence' && !file.isDraft);
  const drafts = files.filter((file) => file.isDraft).map((file) => file.relativePath);
  const draftNote = drafts.length > 0 ? `; drafts, not counted: ${listed(drafts)}` : '';
  const checks: GatewayCheck[] = [];
  const at = (field: 'start' | 'end' | 'gateway' | 'otj-target' | 'standard'): GatewayLocation => ({ path: configPath, range: index.configRangeOf(field) });

  // coverage
  const minimum = gateway['min-evidence-per-ksb'] ?? GATEWAY_DEFAULTS.minEvidencePerKsb;
  const coverage = index.coverage();
  if (coverage) {
    const short = coverage.entries.filter((entry) => entry.evidenceCount < minimum);
    const pieces = minimum === 1 ? 'a piece of evidence' : `${minimum} pieces of evidence`;
    checks.push({
      id: 'coverage',
      ok: short.length === 0,
      detail:
        (short.length === 0
          ? `every one of the ${coverage.entries.length} KSBs has ${minimum === 1 ? 'evidence' : pieces}`
          : `${coverage.entries.length - short.length} of ${coverage.entries.length} KSBs have ${pieces}; short: ${listed(short.map((e) => `${e.ksb.code} (${e.evidenceCount})`))}`) +
        draftNote,
      locations: [],
    });
  }

  // evidence and words: only when the portfolio's method of assessment sets bounds
  const method = portfolio.assessment?.method;
  const methodAt: GatewayLocation = { path: configPath, range: index.configRangeOf('assessment') };
  if (method?.evidence) {
    const { min, max } = method.evidence;
    const count = evidence.length;
    const ok = (min === undefined || count >= min) && (max === undefined || count <= max);
    checks.push({
      id: 'evidence',
      ok,
      detail: `${count} ${count === 1 ? 'piece' : 'pieces'} of evidence, ${describeBounds(min, max)} for ${method.title}${ok ? '' : max !== undefined && count > max ? `: ${count - max} too many` : `: ${min! - count} to go`}`,
      locations: ok ? [] : [methodAt],
    });
  }
  if (method?.words) {
    const { min, max } = method.words;
    const counted = evidence.filter((file) => file.analysis.proseWords !== undefined);
    const words = counted.reduce((sum, file) => sum + file.analysis.proseWords!, 0);
    const uncounted = evidence.length - counted.length;
    const ok = (min === undefined || words >= min) && (max === undefined || words <= max) && uncounted === 0;
    const longest = [...counted].sort((a, b) => b.analysis.proseWords! - a.analysis.proseWords!).slice(0, 3);
    checks.push({
      id: 'words',
      ok,
      detail: [
        `${words} words of evidence, ${describeBounds(min, max)} for ${method.title}`,
        max !== undefined && words > max
          ? `${words - max} over; the longest: ${longest.map((f) => `${f.relativePath} (${f.analysis.proseWords})`).join(', ')}`
          : '',
        min !== undefined && words < min ? `${min - words} to go` : '',
        uncounted > 0 ? `${uncounted} ${uncounted === 1 ? 'file' : 'files'} not counted (too large or unreadable)` : '',
      ]
        .filter(Boolean)
        .join('; '),
      locations: ok ? [] : max !== undefined && words > max ? longest.map((file) => ({ path: file.path })) : [methodAt],
    });
  }

  // signoff
  const unsigned: IndexedFile[] = [];
  const stale: IndexedFile[] = [];
  const unverified: IndexedFile[] = [];
  for (const file of evidence) {
    const signoffs = fileSignoffs(file, index);
    if (signoffs.byEmployer) continue;
    const employers = signoffs.signoffs.filter((s) => s.role === 'employer' || s.role === 'mentor');
    // Stale here means an employer's sign-off that no longer holds; unverified, one git does not prove.
    if (employers.some((s) => !s.current)) stale.push(file);
    else if (employers.some((s) => s.proof.state === 'unverified')) unverified.push(file);
    else unsigned.push(file);
  }
  const failing = [...stale, ...unverified, ...unsigned];
  checks.push({
    id: 'signoff',
    ok: evidence.length > 0 && failing.length === 0,
    detail:
      evidence.length === 0
        ? 'no evidence to sign off yet'
        : failing.length === 0
          ? `all ${evidence.length} evidence files signed off by the employer, none changed since`
          : [
              `${evidence.length - failing.length} of ${evidence.length} evidence files signed off by the employer`,
              stale.length > 0 ? `changed since sign-off: ${listed(stale.map((f) => f.relativePath))}` : '',
              unverified.length > 0 ? `${unverified.length} unverified by git (signoff.unverified): ${listed(unverified.map((f) => f.relativePath))}` : '',
              unsigned.length > 0 ? `not signed off: ${listed(unsigned.map((f) => f.relativePath))}` : '',
            ]
              .filter(Boolean)
              .join('; '),
    locations: failing.map((file) => ({ path: file.path })),
  });

  // otj
  const hours = hoursReport(index, today);
  const target = hours.targetSource;
  checks.push({
    id: 'otj',
    ok: target !== undefined && hours.total >= target.hours,
    detail:
      target === undefined
        ? `${formatHours(hours.total)} logged, against no target: set \`otj-target\`, or \`start\`, \`end\` and \`weekly-hours\` in portfolio.yaml`
        : `${formatHours(hours.total)} of ${formatHours(target.hours)} logged (${hours.total >= target.hours ? 'target met' : `${formatHours(round(target.hours - hours.total))} to go`}; the target is ${TARGET_FROM[target.from]}: ksb hours shows how)`,
    locations: target === undefined ? [at('standard')] : [at(config['otj-target'] !== undefined ? 'otj-target' : 'start')],
  });

  // duration
  const minMonths = gateway['min-months'] ?? GATEWAY_DEFAULTS.minMonths;
  if (config.start === undefined) {
    checks.push({ id: 'duration', ok: false, detail: `no \`start\` in portfolio.yaml to count the ${minMonths} months from`, locations: [at('standard')] });
  } else {
    const months = Math.max(0, wholeMonthsBetween(config.start, today));
    const ok = months >= minMonths;
    checks.push({
      id: 'duration',
      ok,
      detail: `${months} of ${minMonths} months since start (${config.start})${ok ? '' : `: gateway from ${addMonthsText(config.start, minMonths)}`}`,
      locations: ok ? [] : [at('start')],
    });
  }

  // reviews
  const interval = (gateway['review-interval'] && parseInterval(gateway['review-interval'])) || DEFAULT_REVIEW_INTERVAL;
  const reviews = files.filter((file) => file.role === 'review');
  const reviewProblems = [...index.allDiagnostics()].flatMap(([path, diagnostics]) =>
    diagnostics.filter((d) => d.code === 'review.overdue' || d.code === 'review.incomplete').map((d) => ({ path, range: d.range, code: d.code })),
  );
  const dates = reviews
    .map((file) => file.analysis.frontMatter?.date?.slice(0, 10))
    .filter((d): d is string => d !== undefined && d <= today)
    .sort();
  const last = dates[dates.length - 1];
  const nextDue = last === undefined ? (config.start === undefined ? undefined : addInterval(config.start, interval)) : addInterval(last, interval);
  const overdue = reviewProblems.filter((p) => p.code === 'review.overdue').length;
  const incomplete = reviewProblems.filter((p) => p.code === 'review.incomplete').length;
  const late = nextDue !== undefined && nextDue < today;
  const noSchedule = reviews.length === 0 && config.start === undefined;
  checks.push({
    id: 'reviews',
    ok: reviewProblems.length === 0 && !noSchedule,
    detail: [
      `${reviews.length} progress review${reviews.length === 1 ? '' : 's'} (every ${formatInterval(interval)})${last ? `, the last on ${last}` : ''}${nextDue ? `, the next ${late ? 'was ' : ''}due by ${nextDue}` : ''}`,
      noSchedule ? 'none, and no `start` in portfolio.yaml to count the interval from' : '',
      overdue > 0 ? `${overdue} overdue (review.overdue)` : '',
      incomplete > 0 ? `${incomplete} without a date or the three parties' sign-offs (review.incomplete)` : '',
    ]
      .filter(Boolean)
      .join('; '),
    locations: reviewProblems.map(({ path, range }) => ({ path, range })),
  });

  // requirements
  const required = gateway.requires ?? [];
  const metBy = new Map<string, string[]>();
  for (const file of files) {
    for (const item of file.analysis.frontMatter?.lifecycle?.meets ?? []) metBy.set(item.name, [...(metBy.get(item.name) ?? []), file.relativePath]);
  }
  const unmet = required.filter((name) => !metBy.has(name));
  checks.push({
    id: 'requirements',
    ok: unmet.length === 0,
    detail:
      required.length === 0
        ? 'none listed in `gateway.requires`'
        : unmet.length === 0
          ? required.map((name) => `${name} (${metBy.get(name)![0]})`).join(', ')
          : `not met: ${unmet.join(', ')} (a file meets one with \`meets: [${unmet[0]}]\`)`,
    locations: unmet.length === 0 ? [] : [at('gateway')],
  });

  // errors
  const withErrors: GatewayLocation[] = [];
  let errorCount = 0;
  for (const [path, diagnostics] of index.allDiagnostics()) {
    const errors = applyLevels(diagnostics, levels).filter((d) => d.level === 'error');
    if (errors.length === 0) continue;
    errorCount += errors.length;
    withErrors.push({ path, range: errors[0].range });
  }
  checks.push({
    id: 'errors',
    ok: errorCount === 0,
    detail:
      errorCount === 0
        ? 'no errors'
        : `${errorCount} error${errorCount === 1 ? '' : 's'} in ${withErrors.length} file${withErrors.length === 1 ? '' : 's'} (ksb check lists them)`,
    locations: withErrors,
  });

  const ordered = GATEWAY_CHECKS.flatMap((id) => checks.filter((check) => check.id === id));
  if (!coverage) ordered.unshift({ id: 'coverage', ok: false, detail: 'no coverage: portfolio.yaml does not resolve', locations: [at('standard')] });
  return { ready: ordered.every((check) => check.ok), checks: ordered };
}

/** Hours as people write them: `12`, `12.5`, with "hour(s)". */
export function formatHours(hours: number): string {
  const rounded = round(hours);
  return `${rounded} hour${rounded === 1 ? '' : 's'}`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function addMonthsText(start: string, months: number): string {
  return addInterval(start, { count: months, unit: 'months' });
}

/** `at most 20`, `at least 10`, `10 to 20`. */
function describeBounds(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min} to ${max} asked`;
  return min !== undefined ? `at least ${min} asked` : `at most ${max} asked`;
}

function listed(names: readonly string[]): string {
  return names.length <= LISTED ? names.join(', ') : `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more`;
}
