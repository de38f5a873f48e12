// What the assessor's report says, gathered once from a loaded index so the HTML, Markdown and CSV
// renderers only lay it out. The core has no clock, no git and no lifecycle yet: the host passes
// those in a ReportInput.
import { percentOf } from '../base/percent';
import type { Ksb } from '../catalogue/catalogue';
import { KSB_KINDS, type KsbKind } from '../model/codes';
import type { CoverageCount } from '../coverage/coverage';
import { applyLevels } from '../rules/registry';
import type { PortfolioIndex } from '../portfolio/portfolioIndex';
import { toReported } from '../portfolio/reportedDiagnostics';
import type { GatewayCheck, SignoffState, SignoffView } from '../lifecycle/portfolioLifecycle';
import type { ReportImage } from './reportImages';

/** One sign-off of an evidence file; `current` is false when the file changed after it. */
export type Signoff = Pick<SignoffView, 'by' | 'role' | 'date' | 'current'> & {
  /** How git proves it, in words ("commit 3f2a9c1 by priya@northlight.example, signature verified"), when it was asked. */
  readonly proof?: string;
};

/** The gateway checklist as the report shows it: whether the apprentice is ready and why. */
export interface GatewayStatus {
  readonly ready: boolean;
  readonly checks: readonly Pick<GatewayCheck, 'id' | 'ok' | 'detail'>[];
}

/**
 * What the core cannot know: the date, the commit, the people and the lifecycle. Each optional
 * part is rendered only when given.
 */
export interface ReportInput {
  /** When the report was made, as the host words it (`2026-12-02`). */
  readonly generated: string;
  /** The git commit the portfolio is at, when it is in a repository. */
  readonly commit?: string;
  readonly employer?: string;
  readonly provider?: string;
  readonly mentor?: string;
  /** The apprenticeship's start and (planned) end dates. */
  readonly start?: string;
  readonly end?: string;
  readonly signoffState?: (relativePath: string) => SignoffState;
  readonly signoffs?: (relativePath: string) => readonly Signoff[];
  readonly otjHours?: (relativePath: string) => number | undefined;
  readonly gateway?: GatewayStatus;
  /** Every off-the-job hour logged (in evidence and in hour logs) against the target. */
  readonly otjTotal?: { readonly logged: number; readonly target: number | undefined; readonly expectedByToday: number | undefined };
  /** Images of each evidence file (by its path), embedded or linked: see collectEvidenceImages. */
  readonly images?: ReadonlyMap<string, readonly ReportImage[]>;
  /**
   * Put in front of every portfolio path in links, so they resolve from where the report is
   * saved (`../` when it is one folder below the root). Default: none.
   */
  readonly linkPrefix?: string;
  /** The in-page anchor of each evidence file (by its path), where the page holds the evidence itself (the submission pack). */
  readonly evidenceAnchors?: ReadonlyMap<string, string>;
}

/** One claim of an evidence file. */
export interface ReportClaim {
  readonly code: string;
  readonly justification: string | undefined;
}

/** One evidence file: a row of the matrix and of the index of evidence. */
export interface ReportEvidence {
  /** Path from the portfolio root, `/`-separated. */
  readonly path: string;
  /** The front matter title, or the path when there is none. */
  readonly title: string;
  readonly date: string | undefined;
  /** Valid claims, in the order the file makes them, each code once. */
  readonly claims: readonly ReportClaim[];
  readonly signoffState: SignoffState | undefined;
  readonly signoffs: readonly Signoff[];
  readonly otjHours: number | undefined;
  readonly images: readonly ReportImage[];
}

/** Evidence claiming one KSB, with the justification given for it. */
export interface ReportKsbEvidence {
  readonly path: string;
  readonly title: string;
  readonly justification: string | undefined;
}

/** One applicable KSB with the evidence that claims it. */
export interface ReportKsb {
  readonly ksb: Ksb;
  readonly evidence: readonly ReportKsbEvidence[];
}

/** Coverage of one kind of KSB. */
export interface ReportKind {
  readonly kind: KsbKind;
  readonly count: CoverageCount;
}

/** One problem, as `ksb check` lists it. */
export interface ReportProblem {
  readonly path: string;
  readonly line: number;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly code: string;
  readonly message: string;
}

/** The standard the portfolio is mapped against. */
export interface ReportStandard {
  readonly reference: string;
  readonly version: string;
  readonly title: string;
  readonly level: number | undefined;
  /** The option's title, or `undefined` when the portfolio names none. */
  readonly option: string | undefined;
  /** The method of end-point assessment the portfolio underpins (`assessment:`), whose KSBs alone count. */
  readonly method?: string;
}

/** A KSB another method of end-point assessment assesses: listed, not counted. */
export interface ReportOtherMethodKsb {
  readonly code: string;
  /** The titles of the methods that assess it; empty when none lists it. */
  readonly assessedBy: readonly string[];
}

/** Everything the report shows. */
export interface ReportModel {
  readonly input: ReportInput;
  readonly apprentice: string | undefined;
  /** `undefined` when portfolio.yaml is missing or unusable: then only the problems are known. */
  readonly standard: ReportStandard | undefined;
  /** The matrix's columns: every applicable code, in the standard's order. */
  readonly codes: readonly string[];
  readonly kinds: readonly ReportKind[];
  readonly summary: CoverageCount | undefined;
  /** Evidence files in path order. */
  readonly evidence: readonly ReportEvidence[];
  /** Evidence files marked `draft: true`, in path order: not in the report until undrafted. */
  readonly drafts: readonly string[];
  readonly ksbs: readonly ReportKsb[];
  /** With `assessment:`, the applicable KSBs other methods assess, in standard order. */
  readonly otherMethods: readonly ReportOtherMethodKsb[];
  readonly problems: readonly ReportProblem[];
  /** Whether any evidence has a sign-off state or hours, so the index shows those columns. */
  readonly hasSignoffs: boolean;
  readonly hasOtjHours: boolean;
}

/** Gathers the report of a loaded index (not a diagnostics-only one: that forgets claims). */
export function buildReportModel(index: PortfolioIndex, input: ReportInput): ReportModel {
  const coverage = index.coverage();
  const portfolio = index.portfolio;
  const evidence: ReportEvidence[] = [];
  const claimsOf = new Map<string, ReportKsbEvidence[]>();
  const drafts: string[] = [];
  for (const file of index.allFiles()) {
    if (!file.isEvidence) continue;
    if (file.isDraft) {
      drafts.push(file.relativePath);
      continue;
    }
    const path = file.relativePath;
    const title = cleanText(file.analysis.frontMatter?.title) || path;
    const seen = new Set<string>();
    const claims: ReportClaim[] = [];
    for (const claim of file.validClaims) {
      if (seen.has(claim.code)) continue;
      seen.add(claim.code);
      const justification = cleanText(claim.justification) || undefined;
      claims.push({ code: claim.code, justification });
      let list = claimsOf.get(claim.code);
      if (!list) claimsOf.set(claim.code, (list = []));
      list.push({ path, title, justification });
    }
    evidence.push({
      path,
      title,
      date: cleanText(file.analysis.frontMatter?.date) || undefined,
      claims,
      signoffState: input.signoffState?.(path),
      signoffs: input.signoffs?.(path) ?? [],
      otjHours: input.otjHours?.(path),
      images: input.images?.get(path) ?? [],
    });
  }
  const entries = coverage?.entries ?? [];
  const problems = toReported(leveled(index), index).map((d) => ({ path: d.file, line: d.line, severity: d.severity, code: d.code, message: d.message }));
  return {
    input,
    apprentice: cleanText(portfolio?.config.apprentice) || undefined,
    standard: portfolio && {
      reference: portfolio.standard.reference,
      version: portfolio.standard.version,
      title: portfolio.standard.title,
      level: portfolio.standard.level,
      option: portfolio.option?.title,
      ...(portfolio.assessment ? { method: portfolio.assessment.method.title } : {}),
    },
    codes: entries.map((e) => e.ksb.code),
    kinds: coverage ? KSB_KINDS.filter((kind) => coverage.byKind[kind].total > 0).map((kind) => ({ kind, count: coverage.byKind[kind] })) : [],
    summary: coverage?.summary,
    evidence,
    drafts,
    ksbs: entries.map((e) => ({ ksb: e.ksb, evidence: claimsOf.get(e.ksb.code) ?? [] })),
    otherMethods: (coverage?.otherMethods ?? []).map((e) => ({ code: e.ksb.code, assessedBy: e.assessedBy.map((method) => cleanText(method.title)) })),
    problems,
    hasSignoffs: evidence.some((e) => e.signoffState !== undefined || e.signoffs.length > 0),
    hasOtjHours: evidence.some((e) => e.otjHours !== undefined),
  };
}

/** The percentage a count covers, rounded down (see base/percent.ts). */
export function coveredPercent({ covered, total }: CoverageCount): number {
  return percentOf(covered, total);
}

/** Control characters but tab and line ends, which the whitespace rule below turns into spaces. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** One line of text: runs of whitespace (CRLF, tabs) as one space, control characters dropped. */
export function cleanText(text: string | undefined): string {
  if (text === undefined) return '';
  return text.replace(CONTROL_CHARACTERS, '').replace(/\s+/g, ' ').trim();
}

function leveled(index: PortfolioIndex) {
  const result = new Map<string, ReturnType<typeof applyLevels>>();
  for (const [path, diagnostics] of index.allDiagnostics()) {
    const list = applyLevels(diagnostics);
    if (list.length > 0) result.set(path, list);
  }
  return result;
}
