import type { Coverage, ReportedDiagnostic } from '../core';
import { formatCount, KIND_TITLES, plural, shortenText } from '../core';

export { toReported, type ReportedDiagnostic, type ReportedLocation } from '../core';

/** The diagnostic with `prefix` (a folder and `/`) before its paths and its related places' paths. */
export function withFolderPrefix(diagnostic: ReportedDiagnostic, prefix: string): ReportedDiagnostic {
  if (!prefix) return diagnostic;
  return {
    ...diagnostic,
    file: prefix + diagnostic.file,
    ...(diagnostic.related && { related: diagnostic.related.map((r) => ({ ...r, file: prefix + r.file })) }),
  };
}

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

/** GitHub Actions workflow commands, so problems show up as annotations on a pull request (paths from the repository root). */
export function formatCheckGithub(diagnostics: readonly ReportedDiagnostic[]): string {
  const level = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;
  return diagnostics
    .map((d) => {
      const properties = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.code)}`;
      return `::${level[d.severity]} ${properties}::${escapeData(d.message)}\n`;
    })
    .join('');
}

/** A workflow command's message, escaped as `@actions/core` does so it cannot end the command. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: a comma or colon would end it and start another property or the message. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Characters that break a line of output or disguise it: C0 and C1 controls (newline, escape),
 * Unicode line and paragraph separators, and bidirectional overrides and isolates.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSAFE_IN_A_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** The same characters, to replace every one of them. */
const EVERY_UNSAFE_IN_A_LINE = new RegExp(UNSAFE_IN_A_LINE.source, 'g');

/**
 * A path for a line of text output: as it is when ordinary (spaces, commas and non-ASCII letters
 * included, so it stays clickable), JSON-quoted when it holds a character that could forge or
 * disguise a line, a colon (past a drive letter: so `file:line:col` splits at the first colon) or
 * starts with a quote (so a quoted path is never mistaken for a plain one).
 */
export function quotedPath(path: string): string {
  const odd = UNSAFE_IN_A_LINE.test(path) || path.startsWith('"') || path.replace(/^[A-Za-z]:\//, '').includes(':');
  return odd ? jsonQuote(path) : path;
}

/** Text kept on one line: each unsafe character becomes its JSON escape (`\n`, `\u001b`). */
export function oneLine(text: string): string {
  if (!UNSAFE_IN_A_LINE.test(text)) return text;
  return text.replace(EVERY_UNSAFE_IN_A_LINE, (char) => jsonQuote(char).slice(1, -1));
}

/** JSON.stringify, plus the escapes it leaves out that matter on a terminal (DEL, C1, separators, bidi). */
function jsonQuote(text: string): string {
  return JSON.stringify(text).replace(EVERY_UNSAFE_IN_A_LINE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
  const percent = total === 0 ? 0 : Math.round((covered / total) * 100);
  const perKind = (['knowledge', 'skill', 'behaviour'] as const)
    .filter((k) => coverage.byKind[k].total > 0)
    .map((k) => `${KIND_TITLES[k].toLowerCase()} ${formatCount(coverage.byKind[k])}`)
    .join(', ');
  out.push('', `Covered ${covered}/${total} KSBs (${percent}%): ${perKind}; ${total - covered} without evidence.`);
  return `${out.join('\n')}\n`;
}
