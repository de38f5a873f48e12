import type { Coverage, LeveledDiagnostic, PortfolioIndex } from '../core';
import { formatCount, KIND_TITLES, shortenText } from '../core';

/** A diagnostic as the CLI reports it: paths relative to the portfolio, 1-based positions. */
export interface ReportedDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
}

const SEVERITY_NAMES = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' } as const;

/** Converts the core's leveled diagnostics into reported ones, sorted by file and position. */
export function toReported(byFile: ReadonlyMap<string, readonly LeveledDiagnostic[]>, index: PortfolioIndex): ReportedDiagnostic[] {
  const reported: ReportedDiagnostic[] = [];
  for (const [path, diagnostics] of byFile) {
    const file = path.startsWith(`${index.root}/`) ? path.slice(index.root.length + 1) : path;
    for (const d of diagnostics) {
      reported.push({ file, line: d.range.start.line + 1, column: d.range.start.character + 1, code: d.code, severity: SEVERITY_NAMES[d.level], message: d.message });
    }
  }
  return reported.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** `file:line:col severity code message` lines and a summary. */
export function formatCheckText(diagnostics: readonly ReportedDiagnostic[], filesChecked: number): string {
  const lines = diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
  const count = (severity: ReportedDiagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  if (count('info') > 0) parts.push(`${count('info')} info`);
  if (count('hint') > 0) parts.push(plural(count('hint'), 'hint'));
  lines.push(diagnostics.length === 0 ? `No problems in ${plural(filesChecked, 'file')}.` : `${parts.join(', ')} in ${plural(filesChecked, 'file')}.`);
  return `${lines.join('\n')}\n`;
}

/** GitHub Actions workflow commands, so problems show up as annotations on a pull request. */
export function formatCheckGithub(diagnostics: readonly ReportedDiagnostic[], root: string): string {
  const level = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;
  const escape = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prefix = root === '.' || root === '' ? '' : `${root.replace(/\/$/, '')}/`;
  return diagnostics
    .map((d) => `::${level[d.severity]} file=${prefix}${d.file},line=${d.line},col=${d.column},title=${d.code}::${escape(d.message)}\n`)
    .join('');
}

/** The `--format json` shape of `ksb coverage`. */
export function coverageJson(coverage: Coverage) {
  const { standard, option } = coverage.portfolio;
  return {
    standard: standard.reference,
    version: standard.version,
    option: option?.id ?? null,
    ksbs: coverage.entries.map(({ ksb, evidence }) => ({
      code: ksb.code,
      kind: ksb.kind,
      text: ksb.text,
      covered: evidence.length > 0,
      evidence: evidence.map((e) => e.relativePath),
    })),
    summary: { total: coverage.summary.total, covered: coverage.summary.covered },
  };
}

/** A readable coverage table: code, evidence count and shortened text, grouped by kind. */
export function formatCoverageText(coverage: Coverage, width = 100): string {
  const { standard, option, config } = coverage.portfolio;
  const out: string[] = [];
  const who = config.apprentice ? ` for ${config.apprentice}` : '';
  out.push(`${standard.title} (${standard.label}), ${option ? `${option.title} option` : 'all options'}${who}`);
  const textWidth = Math.max(20, width - 16);
  for (const kind of ['knowledge', 'skill', 'behaviour'] as const) {
    const entries = coverage.entries.filter((e) => e.ksb.kind === kind);
    if (entries.length === 0) continue;
    out.push('', `${KIND_TITLES[kind]} ${formatCount(coverage.byKind[kind])}`);
    for (const { ksb, evidence } of entries) {
      const mark = evidence.length > 0 ? String(evidence.length).padStart(3) : '  -';
      out.push(`  ${ksb.code.padEnd(4)} ${mark}  ${shortenText(ksb.text, textWidth)}`);
    }
  }
  const { covered, total } = coverage.summary;
  const percent = total === 0 ? 0 : Math.round((covered / total) * 100);
  const perKind = (['knowledge', 'skill', 'behaviour'] as const)
    .filter((k) => coverage.byKind[k].total > 0)
    .map((k) => `${KIND_TITLES[k].toLowerCase()} ${formatCount(coverage.byKind[k])}`)
    .join(', ');
  out.push('', `Covered ${covered}/${total} KSBs (${percent}%): ${perKind}; ${total - covered} without evidence.`);
  return `${out.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
