// The mapping matrix alone, as Markdown and as CSV, for people who paste it into a document or a
// spreadsheet. Titles and paths are hostile input: Markdown escapes them, CSV defuses formulas.
import { escapeMarkdown } from '../base/wording';
import type { ReportEvidence, ReportModel } from './reportModel';

/** The matrix as a Markdown table: evidence title, date, path, then one column per code (✓ when claimed). */
export function renderMatrixMarkdown(model: ReportModel): string {
  const standard = model.standard;
  const out = [`# Mapping matrix: ${standard ? `${mdCell(standard.title)} (${mdCell(`${standard.reference} v${standard.version}`)})` : 'no standard'}`, ''];
  const facts = [
    ...(model.apprentice ? [`**Apprentice:** ${mdCell(model.apprentice)}`] : []),
    ...(standard ? [`**Option:** ${standard.option ? mdCell(standard.option) : 'none set'}`] : []),
    `**Generated:** ${mdCell(model.input.generated)}${model.input.commit ? ` at commit \`${model.input.commit.replace(/`/g, '')}\`` : ''}`,
  ];
  out.push(facts.join('  \n'), '');
  if (model.codes.length === 0) {
    out.push('No matrix: portfolio.yaml names no standard this tool knows.', '');
    return out.join('\n');
  }
  if (model.evidence.length === 0) out.push('No evidence files yet.', '');
  out.push(`| Evidence | Date | Path | ${model.codes.join(' | ')} |`, `| --- | --- | --- | ${model.codes.map(() => ':-:').join(' | ')} |`);
  for (const evidence of model.evidence) {
    const claimed = claimedCodes(evidence);
    out.push(
      `| ${mdCell(evidence.title)} | ${mdCell(evidence.date ?? '')} | ${mdCell(evidence.path)} | ${model.codes.map((c) => (claimed.has(c) ? '✓' : ' ')).join(' | ')} |`,
    );
  }
  out.push('');
  return out.join('\n');
}

/**
 * The matrix as CSV (RFC 4180, CRLF line ends, a byte order mark so spreadsheets read UTF-8):
 * Title, Date, Path, then one column per code holding `x` when claimed.
 */
export function renderMatrixCsv(model: ReportModel): string {
  const rows: string[][] = [['Title', 'Date', 'Path', ...model.codes]];
  for (const evidence of model.evidence) {
    const claimed = claimedCodes(evidence);
    rows.push([evidence.title, evidence.date ?? '', evidence.path, ...model.codes.map((c) => (claimed.has(c) ? 'x' : ''))]);
  }
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * One CSV field. A spreadsheet runs a field starting with `=`, `+`, `-`, `@` (or a tab or CR
 * before one) as a formula, so such a field gets a leading `'` (OWASP's advice); quotes when needed.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Text safe in one Markdown table cell: no formatting, no HTML, no pipe, one line. */
export function mdCell(text: string): string {
  return escapeMarkdown(text)
    .replace(/&/g, '\\&')
    .replace(/\|/g, '\\|')
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

function claimedCodes(evidence: ReportEvidence): Set<string> {
  return new Set(evidence.claims.map((c) => c.code));
}
