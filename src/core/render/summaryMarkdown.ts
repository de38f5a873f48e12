// `ksb summary`: the portfolio at a glance, in Markdown for a CI job's summary page or a pull
// request comment. Bounded whatever the portfolio's size: lists are capped and texts shortened,
// so it stays far under GitHub's 1 MB step-summary limit and 65 536-character comment limit.
import { percentOf } from '../base/percent';
import type { Coverage, CoverageCount } from '../coverage/coverage';
import { coverageByKind } from '../coverage/coverageGroups';
import type { RuleLevel } from '../model/diagnostics';
import { KIND_TITLES, shortenText } from '../coverage/ksbLabels';
import { markdownCode, markdownText } from './portfolioDiffMarkdown';
import { plural } from '../base/wording';

/** One problem as the summary lists it; paths as the reader should see them. */
export interface SummaryProblem {
  readonly path: string;
  readonly line: number;
  readonly code: string;
  readonly level: Exclude<RuleLevel, 'ignore'>;
  readonly message: string;
}

/** What a summary is made of. */
export interface SummaryInput {
  /** Undefined when the config does not resolve; the summary then says so and lists the problems. */
  readonly coverage: Coverage | undefined;
  readonly problems: readonly SummaryProblem[];
  readonly evidenceFiles: number;
  /** Evidence files marked `draft: true`, which count for nothing until undrafted. */
  readonly drafts?: number;
  /** The portfolio's folder as the reader knows it, for the heading; empty for the repository root. */
  readonly folder?: string;
}

/** KSBs without evidence listed before "and N more". */
const MAX_UNCOVERED = 150;
/** Problems listed under each code. */
const FIRST_PROBLEMS = 5;
/** Characters of a KSB text or a message. */
const TEXT_WIDTH = 240;
/** Characters of a path. */
const PATH_WIDTH = 160;
const BAR_WIDTH = 20;
/**
 * Characters the lists may take in all: under GitHub's 65 536-character comment limit with room
 * for the rest, so the same summary can be posted on a pull request. Each "and N more" line is
 * counted in.
 */
export const SUMMARY_LIST_BUDGET = 56_000;

/** The summary in Markdown: coverage per kind with bars, the KSBs without evidence, problems by code. */
export function summaryMarkdown(input: SummaryInput): string {
  const out: string[] = [];
  const budget = { left: SUMMARY_LIST_BUDGET };
  const where = input.folder ? ` in ${markdownCode(input.folder)}` : '';
  const { coverage } = input;
  if (coverage) {
    const { standard, option, config } = coverage.portfolio;
    out.push(`## KSB portfolio${where}: ${markdownText(standard.title)} (${standard.label})`, '');
    const facts = [`**Option:** ${option ? markdownText(option.title) : 'none set (KSBs of every option count)'}`];
    if (config.apprentice) facts.push(`**Apprentice:** ${markdownText(config.apprentice)}`);
    const assessment = coverage.portfolio.assessment;
    if (assessment) {
      const others = coverage.otherMethods.length;
      facts.push(
        `**Method:** ${markdownText(assessment.method.title)}${others > 0 ? ` (${others} ${others === 1 ? 'KSB' : 'KSBs'} assessed by other methods not counted)` : ''}`,
      );
    }
    out.push(facts.join(' · '), '');
  } else {
    out.push(
      `## KSB portfolio${where}`,
      '',
      '**Coverage could not be counted:** `portfolio.yaml` does not resolve to a standard (see the problems below).',
      '',
    );
  }
  out.push(
    `${coverage ? `**${coverageSentence(coverage.summary)}**, ${coverage.summary.total - coverage.summary.covered} without evidence. ` : ''}${problemLine(input)}`,
    '',
  );

  if (coverage) {
    out.push('| Kind | Covered | Progress |', '| --- | ---: | --- |');
    for (const { kind, count } of coverageByKind(coverage)) out.push(`| ${KIND_TITLES[kind]} | ${count.covered}/${count.total} | ${bar(count)} |`);
    out.push(`| **All** | **${coverage.summary.covered}/${coverage.summary.total}** | ${bar(coverage.summary)} |`, '');
    const uncovered = coverage.entries.filter((entry) => entry.evidenceCount === 0);
    if (uncovered.length > 0) {
      out.push(`### Without evidence (${uncovered.length})`, '');
      listWithin(
        out,
        budget,
        uncovered.slice(0, MAX_UNCOVERED).map(({ ksb }) => `- **${ksb.code}** ${markdownText(shortenText(ksb.text, TEXT_WIDTH))}`),
        uncovered.length,
      );
      out.push('');
    }
  }

  if (input.problems.length > 0) {
    out.push(`### Problems (${input.problems.length})`, '', '| Code | Level | Count |', '| --- | --- | ---: |');
    const byCode = groupByCode(input.problems);
    for (const [code, problems] of byCode) out.push(`| ${markdownCode(code)} | ${problems[0].level} | ${problems.length} |`);
    out.push('');
    for (const [code, problems] of byCode) {
      out.push(`**${markdownCode(code)}**`, '');
      const lines = problems
        .slice(0, FIRST_PROBLEMS)
        .map((p) => `- ${markdownCode(`${shortenText(p.path, PATH_WIDTH)}:${p.line}`)} ${markdownText(shortenText(p.message, TEXT_WIDTH))}`);
      listWithin(out, budget, lines, problems.length);
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * Pushes list items while the budget lasts, then one `…and N more` for the rest of `total` (the
 * items given may already be the first few of more).
 */
function listWithin(out: string[], budget: { left: number }, items: readonly string[], total: number): void {
  let shown = 0;
  for (const item of items) {
    // Room is kept for the "and N more" line that may follow.
    if (item.length + 1 > budget.left - 40) break;
    out.push(item);
    budget.left -= item.length + 1;
    shown++;
  }
  if (total > shown) {
    const more = `- …and ${total - shown} more`;
    out.push(more);
    budget.left -= more.length + 1;
  }
}

/** `3 errors, 1 warning in 11 evidence files.`, or that there are none. */
function problemLine({ problems, evidenceFiles, drafts = 0 }: SummaryInput): string {
  const files = `${plural(evidenceFiles, 'evidence file')}${drafts > 0 ? ` (${plural(drafts, 'draft')}, not counted until undrafted)` : ''}`;
  if (problems.length === 0) return `No problems in ${files}.`;
  const count = (level: SummaryProblem['level']) => problems.filter((p) => p.level === level).length;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  const notes = count('information') + count('hint');
  if (notes > 0) parts.push(plural(notes, 'note'));
  return `**${parts.join(', ')}** in ${files}.`;
}

/** Problems grouped by code: errors' codes first, then by count. */
function groupByCode(problems: readonly SummaryProblem[]): [string, SummaryProblem[]][] {
  const groups = new Map<string, SummaryProblem[]>();
  for (const p of problems) {
    const group = groups.get(p.code);
    if (group) group.push(p);
    else groups.set(p.code, [p]);
  }
  const rank = { error: 0, warning: 1, information: 2, hint: 3 } as const;
  return [...groups].sort(([, a], [, b]) => rank[a[0].level] - rank[b[0].level] || b.length - a.length);
}

/** A text bar and the percentage: the number carries the meaning, the bar only shows it. */
function bar(count: CoverageCount): string {
  const percent = percentOf(count.covered, count.total);
  // Rounded down as the percentage is, but one cell shows that a start was made.
  const filled = count.covered === 0 ? 0 : Math.max(1, Math.floor((count.covered * BAR_WIDTH) / count.total));
  return `\`${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}\` ${percent}%`;
}

/** `33 of 47 KSBs covered (70%)`. */
function coverageSentence(count: CoverageCount): string {
  return `${count.covered} of ${count.total} KSBs covered (${percentOf(count.covered, count.total)}%)`;
}
