// The text format: what every command prints by default, one thing a line, for a terminal or a CI log.
import type {
  CohortProblem,
  CohortRow,
  Coverage,
  CoverageFigures,
  DiffLabels,
  DiffProblem,
  GatewayReport,
  HoursReport,
  KsbChange,
  PortfolioDiff,
  PortfolioIndex,
  ReportedDiagnostic,
} from '../../core';
import { CONFIG_FILE_NAME, formatCount, percentOf, formatHours, introducesErrors, isEmptyDiff, KIND_TITLES, plural, shortenText } from '../../core';
import { oneLine, quotedPath } from '../printable';
import type { OutputFormat } from './outputFormat';

/** `--format text`, the default of every command but report. */
export const TEXT_FORMAT = { name: 'text', summary: 'lines for a terminal or a log' } as const satisfies OutputFormat;

/** `file:line:col severity code message` lines and a summary. */
export function formatCheckText(diagnostics: readonly ReportedDiagnostic[], filesChecked: number): string {
  const lines = diagnostics.map((d) => `${quotedPath(d.file)}:${d.line}:${d.column} ${d.severity} ${oneLine(d.code)} ${oneLine(d.message)}`);
  const count = (severity: ReportedDiagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  if (count('info') > 0) parts.push(`${count('info')} info`);
  if (count('hint') > 0) parts.push(plural(count('hint'), 'hint'));
  lines.push(diagnostics.length === 0 ? `No problems in ${plural(filesChecked, 'file')}.` : `${parts.join(', ')} in ${plural(filesChecked, 'file')}.`);
  return `${lines.join('\n')}\n`;
}

/** A readable coverage table: code, evidence count and shortened text, grouped by kind. */
export function formatCoverageText(coverage: Coverage, width = 100): string {
  const { standard, option, config } = coverage.portfolio;
  const out: string[] = [];
  const who = config.apprentice ? ` for ${config.apprentice}` : '';
  // The apprentice's name and a workspace standard's title are the user's text: keep them on their line.
  // A standard without options has no option to name; one with options and none chosen counts them all.
  const which = option ? `, ${option.title} option` : standard.options.length > 0 ? ', all options' : '';
  out.push(oneLine(`${standard.title} (${standard.label})${which}${who}`));
  const textWidth = Math.max(20, width - 16);
  for (const kind of ['knowledge', 'skill', 'behaviour'] as const) {
    const entries = coverage.entries.filter((e) => e.ksb.kind === kind);
    if (entries.length === 0) continue;
    out.push('', `${KIND_TITLES[kind]} ${formatCount(coverage.byKind[kind])}`);
    for (const { ksb, evidence } of entries) {
      const mark = evidence.length > 0 ? String(evidence.length).padStart(3) : '  -';
      out.push(oneLine(`  ${ksb.code.padEnd(4)} ${mark}  ${shortenText(ksb.text, textWidth)}`));
    }
  }
  const { covered, total } = coverage.summary;
  const percent = percentOf(covered, total);
  const perKind = (['knowledge', 'skill', 'behaviour'] as const)
    .filter((k) => coverage.byKind[k].total > 0)
    .map((k) => `${KIND_TITLES[k].toLowerCase()} ${formatCount(coverage.byKind[k])}`)
    .join(', ');
  out.push('', `Covered ${covered}/${total} KSBs (${percent}%): ${perKind}; ${total - covered} without evidence.`);
  const assessment = coverage.portfolio.assessment;
  if (assessment && coverage.otherMethods.length > 0) {
    const others = coverage.otherMethods.map((entry) => entry.ksb.code);
    out.push(
      oneLine(
        `Counted for ${assessment.method.title}; ${others.length} ${others.length === 1 ? 'KSB is' : 'KSBs are'} assessed by other methods and not counted: ${shortenText(others.join(', '), width - 20)}.`,
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

/** `ksb diff`'s text: coverage before and after, the KSBs that changed, the evidence and the problems, one thing a line. */
export function formatDiffText(diff: PortfolioDiff, labels: DiffLabels): string {
  const where = labels.folder === '' ? '' : ` in ${quotedPath(labels.folder)}`;
  const out = [`Portfolio${where}: ${oneLine(labels.base)} → ${labels.head === undefined ? 'the working tree' : oneLine(labels.head)}`];
  out.push(`Coverage: ${figures(diff.coverage.before)} → ${figures(diff.coverage.after)}${delta(diff.coverage.before, diff.coverage.after)}`);
  if (isEmptyDiff(diff)) {
    out.push('No change to the evidence, the sign-offs, the coverage or the problems.');
    return `${out.join('\n')}\n`;
  }
  ksbLines(out, 'Newly covered', diff.newlyCovered);
  ksbLines(out, 'No longer covered', diff.noLongerCovered);
  const { added, removed, changed } = diff.evidence;
  if (added.length + removed.length + changed.length > 0) {
    out.push(`Evidence: ${added.length} added, ${removed.length} removed, ${changed.length} changed`);
    for (const e of added) out.push(`  added    ${quotedPath(e.file)}${claims(e.claims.map((c) => `+${c}`))}`);
    for (const e of removed) out.push(`  removed  ${quotedPath(e.file)}${claims(e.claims.map((c) => `-${c}`))}`);
    for (const e of changed) {
      const what = e.previousFile === null ? 'changed ' : 'renamed ';
      const from = e.previousFile === null ? '' : ` (from ${quotedPath(e.previousFile)})`;
      out.push(`  ${what} ${quotedPath(e.file)}${from}${claims([...e.claimsAdded.map((c) => `+${c}`), ...e.claimsDropped.map((c) => `-${c}`)])}`);
    }
  }
  const signoffs = diff.signoffs;
  if (signoffs.added.length + signoffs.renewed.length + signoffs.removed.length + signoffs.stale.length > 0) {
    out.push(
      `Sign-offs: ${signoffs.added.length} added, ${signoffs.renewed.length} renewed, ${signoffs.removed.length} removed, ${signoffs.stale.length} gone stale`,
    );
    for (const [what, list] of [
      ['added   ', signoffs.added],
      ['renewed ', signoffs.renewed],
      ['removed ', signoffs.removed],
      ['stale   ', signoffs.stale],
    ] as const) {
      for (const s of list) out.push(`  ${what} ${quotedPath(s.file)} by ${oneLine(s.by)} (${s.role}) on ${s.date}`);
    }
  }
  const { introduced, fixed } = diff.problems;
  if (introduced.length + fixed.length > 0) {
    const errors = introduced.filter((p) => p.severity === 'error').length;
    out.push(`Problems: ${introduced.length} introduced${errors > 0 ? ` (${plural(errors, 'error')})` : ''}, ${fixed.length} fixed`);
    for (const p of introduced) out.push(`  introduced ${problemLine(p)}`);
    for (const p of fixed) out.push(`  fixed      ${problemLine(p)}`);
  }
  if (introducesErrors(diff)) out.push('The change introduces errors.');
  return `${out.join('\n')}\n`;
}

function figures(f: CoverageFigures | null): string {
  if (!f) return 'none (no usable portfolio.yaml)';
  const percent = percentOf(f.covered, f.total);
  return `${f.covered}/${f.total} (${percent}%)`;
}

function delta(before: CoverageFigures | null, after: CoverageFigures | null): string {
  if (!before || !after || before.covered === after.covered) return '';
  const by = after.covered - before.covered;
  return `, ${by > 0 ? '+' : '-'}${Math.abs(by)}`;
}

function ksbLines(out: string[], heading: string, changes: readonly KsbChange[]): void {
  if (changes.length === 0) return;
  out.push(`${heading}: ${changes.length}`);
  for (const c of changes) {
    const evidence = c.evidence.slice(0, 3).map(quotedPath).join(', ') + (c.evidence.length > 3 ? ` and ${c.evidence.length - 3} more` : '');
    out.push(oneLine(`  ${c.code.padEnd(4)} ${evidence}`));
  }
}

function claims(list: readonly string[]): string {
  return list.length === 0 ? '' : `: ${oneLine(list.join(' '))}`;
}

function problemLine(p: DiffProblem): string {
  return `${quotedPath(p.file)}:${p.line}:${p.column} ${p.severity} ${oneLine(p.code)} ${oneLine(p.message)}`;
}

/** `ksb hours` as text: the total, the pace and a bar per month. */
export function formatHoursText(report: HoursReport, today: string): string {
  const lines: string[] = [];
  const target = report.targetSource;
  if (target) {
    const share = target.hours > 0 ? ` (${Math.floor((report.total / target.hours) * 100)}%)` : '';
    lines.push(`Off-the-job hours: ${formatHours(report.total)} of ${formatHours(target.hours)}${share}`);
    lines.push(`Target: ${target.rule}`);
    if (report.expectedByToday !== undefined) {
      const gap = Math.round((report.total - report.expectedByToday) * 10) / 10;
      lines.push(
        `Expected by today (${today}), pro rata: ${formatHours(report.expectedByToday)}: ${gap >= 0 ? `on track${gap > 0 ? `, ${formatHours(gap)} ahead` : ''}` : `behind by ${formatHours(-gap)}`}`,
      );
    }
  } else {
    lines.push(`Off-the-job hours: ${formatHours(report.total)}, against no target`);
    lines.push('Target: none; set `otj-target`, or `start`, `end` and `weekly-hours` in portfolio.yaml');
  }
  lines.push(`Entries: ${report.entries}`);
  if (report.perMonth.length > 0) {
    lines.push('', 'By month:');
    const most = Math.max(...report.perMonth.map((m) => m.hours), 1);
    for (const { month, hours } of report.perMonth) {
      lines.push(`  ${month}  ${String(Math.round(hours * 10) / 10).padStart(6)}  ${'#'.repeat(Math.round((hours / most) * 30))}`);
    }
  }
  if (report.excluded > 0)
    lines.push(
      '',
      `${report.excluded} ${report.excluded === 1 ? 'entry is' : 'entries are'} not counted (otj.invalid: undated, before start, after today or over 24 hours a day): ksb check names them`,
    );
  return `${lines.join('\n')}\n`;
}

/** `ksb gateway` as text: a line per check, said in words (not only a symbol). */
export function formatGatewayText(report: GatewayReport, index: PortfolioIndex, today: string): string {
  const portfolio = index.portfolio;
  const who = portfolio?.config.apprentice ? `${oneLine(portfolio.config.apprentice)}'s portfolio` : 'The portfolio';
  const standard = portfolio ? ` (${portfolio.standard.label}${portfolio.option ? `, ${portfolio.option.title}` : ''})` : '';
  const width = Math.max(...report.checks.map((check) => check.id.length));
  const lines = [`Gateway readiness of ${who}${standard} on ${today}: ${report.ready ? 'READY' : 'NOT READY'}`, ''];
  for (const check of report.checks) lines.push(`  ${check.ok ? 'PASS' : 'FAIL'}  ${check.id.padEnd(width)}  ${oneLine(check.detail)}`);
  const failing = report.checks.filter((check) => !check.ok).length;
  lines.push('', report.ready ? 'Every check passes.' : `${failing} of ${report.checks.length} checks fail.`);
  return `${lines.join('\n')}\n`;
}

/** One row of `ksb standard list`. */
export interface ListedStandard {
  readonly reference: string;
  readonly version: string;
  readonly title: string;
  readonly status: string | null;
  /** `shipped`, or the file's path relative to the portfolio (`standards/ST0116_1.1.json`). */
  readonly from: string;
}

/** The rows as aligned text, problems after them. */
export function formatStandardList(list: { standards: readonly ListedStandard[]; problems: readonly string[] }): string {
  const rows = list.standards.map((s) => [`${s.reference} v${s.version}`, s.title, s.status ?? '-', s.from].map(oneLine));
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length), 0));
  const lines = rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell)).join('  '));
  lines.push(...list.problems);
  lines.push(
    `${plural(list.standards.length, 'standard')}: ${list.standards.filter((s) => s.from === 'shipped').length} shipped, ${list.standards.filter((s) => s.from !== 'shipped').length} from the portfolio.`,
  );
  return `${lines.join('\n')}\n`;
}

/** The cohort table's columns: heading, width, and whether the cell is right-aligned. Their widths and gaps add up to 99. */
const COHORT_TEXT_COLUMNS = [
  { heading: 'RAG', width: 5, right: false },
  { heading: 'APPRENTICE', width: 16, right: false },
  { heading: 'PATH', width: 18, right: false },
  { heading: 'COVERED', width: 7, right: true },
  { heading: 'ERR', width: 3, right: true },
  { heading: 'WARN', width: 4, right: true },
  { heading: 'EVID', width: 4, right: true },
  { heading: 'LAST', width: 10, right: false },
  { heading: 'HOURS', width: 9, right: true },
  { heading: 'READY', width: 5, right: false },
] as const;

/** `text` cut to `width` characters with an ellipsis, padded to it. */
function fitCell(text: string, width: number, right: boolean): string {
  const chars = [...oneLine(text)];
  const cut = chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : chars.join('');
  const pad = ' '.repeat(Math.max(0, width - [...cut].length));
  return right ? pad + cut : cut + pad;
}

/** How far a row's notes are indented: past the RAG column. */
const NOTE_INDENT = '       ';

/** A note under a row, on one line per 100 columns, broken at spaces where it can be. */
function indented(text: string, width = 100): string[] {
  const room = width - NOTE_INDENT.length;
  const lines: string[] = [];
  let rest = oneLine(text);
  while (rest.length > room) {
    const space = rest.lastIndexOf(' ', room);
    const cut = space > room / 2 ? space : room;
    lines.push(NOTE_INDENT + rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  lines.push(NOTE_INDENT + rest);
  return lines;
}

/** A figure or `-` when unknown. */
function known(value: number | string | null | undefined): string {
  return value === null || value === undefined ? '-' : String(value);
}

/**
 * The cohort for a terminal, within 100 columns: one line per portfolio (hours as logged/expected
 * by today), an indented line saying why a row is red or amber and what `--since` found, then the
 * counts and, on one line, the folders that are not portfolios.
 */
export function formatCohortText(rows: readonly CohortRow[], problems: readonly CohortProblem[], notPortfolios: readonly string[]): string {
  const line = (cells: readonly string[]) =>
    COHORT_TEXT_COLUMNS.map((c, i) => fitCell(cells[i], c.width, c.right))
      .join('  ')
      .trimEnd();
  const out = [line(COHORT_TEXT_COLUMNS.map((c) => c.heading))];
  for (const row of rows) {
    const hours = row.hours ? `${row.hours.logged}/${known(row.hours.expected)}` : '-';
    const covered = row.covered === null || row.total === null ? '-' : `${row.covered}/${row.total}`;
    const ready = row.ready === null ? '-' : row.ready ? 'yes' : 'no';
    out.push(
      line([
        row.rag,
        row.apprentice ?? '-',
        row.path,
        covered,
        known(row.errors),
        known(row.warnings),
        known(row.evidence),
        known(row.lastEvidence),
        hours,
        ready,
      ]),
    );
    if (row.error !== null) out.push(...indented(`error: ${row.error}`));
    else if (row.ragReasons.length > 0) out.push(...indented(row.ragReasons.join('; ')));
    const since = row.since;
    if (since) {
      out.push(
        ...indented(
          since.error !== null
            ? `since ${since.since}: ${since.error}`
            : `since ${since.since}: ${plural(since.evidenceAdded, 'evidence file')} added, ${plural(since.claimsAdded, 'claim')}, ${since.newlyCovered.length === 0 ? 'no KSB newly covered' : `newly covered ${since.newlyCovered.join(' ')}`}, ${formatHours(since.hours)}`,
        ),
      );
    }
  }
  const counts = { red: 0, amber: 0, green: 0 };
  for (const row of rows) counts[row.rag]++;
  out.push(`${plural(rows.length, 'portfolio')}: ${counts.red} red, ${counts.amber} amber, ${counts.green} green.`);
  if (notPortfolios.length > 0) out.push(`Not portfolios (no ${CONFIG_FILE_NAME} below them): ${notPortfolios.map(quotedPath).join(', ')}`);
  for (const p of problems) out.push(`${quotedPath(p.path)}: ${oneLine(p.problem)}`);
  return `${out.join('\n')}\n`;
}
