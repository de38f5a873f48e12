import { percentOf } from '../base/percent';
import type { Coverage, CoverageCount, EvidenceReference } from '../coverage/coverage';
import { coverageByKind } from '../coverage/coverageGroups';
import { KIND_TITLES } from '../coverage/ksbLabels';
import { escapeMarkdown } from '../base/wording';

/** Options of the Markdown coverage report. */
export interface CoverageMarkdownOptions {
  /**
   * Put in front of every evidence path in links, e.g. `../` when the report is saved one folder
   * below the portfolio root. Default: none, so links are relative to the portfolio root.
   */
  readonly linkPrefix?: string;
  /** A date (or any text) for a "Generated on" line; the core has no clock, so the host passes it. */
  readonly generatedOn?: string;
}

/**
 * The coverage of a portfolio as a Markdown report: a title naming the standard, version, option
 * and apprentice, one table per kind (code, KSB text, links to the evidence) and a summary table.
 */
export function coverageMarkdown(coverage: Coverage, options: CoverageMarkdownOptions = {}): string {
  const { standard, option, config } = coverage.portfolio;
  const out: string[] = [`# KSB coverage: ${escapeMarkdown(standard.title)} (${standard.label})`, ''];
  const facts = [`**Standard:** ${standard.reference} version ${standard.version}${standard.level === undefined ? '' : `, level ${standard.level}`}`];
  facts.push(`**Option:** ${option ? escapeMarkdown(option.title) : 'none set (KSBs of every option count)'}`);
  if (config.apprentice) facts.push(`**Apprentice:** ${escapeMarkdown(config.apprentice)}`);
  if (options.generatedOn) facts.push(`**Generated on:** ${escapeMarkdown(options.generatedOn)}`);
  out.push(facts.join('  \n'), '');
  out.push(`**${describeCount(coverage.summary)} KSBs covered**; ${coverage.summary.total - coverage.summary.covered} without evidence.`);

  const groups = coverageByKind(coverage);
  for (const { kind, entries, count } of groups) {
    out.push('', `## ${KIND_TITLES[kind]} (${describeCount(count)})`, '', '| Code | KSB | Evidence |', '| --- | --- | --- |');
    for (const { ksb, evidence } of entries) {
      const links = evidence.length > 0 ? evidence.map((e) => evidenceLink(e, options.linkPrefix ?? '')).join('<br>') : '*none*';
      out.push(`| ${evidence.length > 0 ? ksb.code : `**${ksb.code}**`} | ${escapeCell(escapeMarkdown(ksb.text))} | ${links} |`);
    }
  }

  out.push('', '## Summary', '', '| Kind | Covered | Total | % |', '| --- | ---: | ---: | ---: |');
  for (const { kind, count } of groups) out.push(`| ${KIND_TITLES[kind]} | ${count.covered} | ${count.total} | ${percent(count)}% |`);
  out.push(`| **All** | **${coverage.summary.covered}** | **${coverage.summary.total}** | **${percent(coverage.summary)}%** |`, '');
  return out.join('\n');
}

/** `33/47 (70%)`. */
function describeCount(count: CoverageCount): string {
  return `${count.covered}/${count.total} (${percent(count)}%)`;
}

function percent({ covered, total }: CoverageCount): number {
  return percentOf(covered, total);
}

/** A link to one evidence file, titled by its front matter title or else its path. */
function evidenceLink(evidence: EvidenceReference, prefix: string): string {
  const text = escapeCell(escapeLinkText(evidence.title ?? evidence.relativePath));
  return `[${text}](${prefix}${encodePath(evidence.relativePath)})`;
}

/** Percent-encodes each path segment so spaces and brackets cannot break the link. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function escapeLinkText(text: string): string {
  return text.replace(/([\\[\]])/g, '\\$1');
}

/** Keeps a text inside one table cell: no pipes, no line breaks. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*[\r\n]+\s*/g, ' ');
}
