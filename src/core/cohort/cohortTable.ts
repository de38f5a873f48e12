// The cohort as a table of named columns: one definition of the columns, which the CSV, the HTML
// page and the terminal's table all take their headings and cells from.
import { csvField } from '../report/matrixText';
import type { CohortRow } from './cohortRow';

/** A figure as a table shows it: empty when unknown. */
export function cell(value: number | string | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** `12/40`, or empty when unknown. */
export function countCell(covered: number | null | undefined, total: number | null | undefined): string {
  return covered === null || covered === undefined || total === null || total === undefined ? '' : `${covered}/${total}`;
}

/** One column: its heading, its cell and (for sorting) its value. */
export interface CohortColumn {
  readonly heading: string;
  readonly value: (row: CohortRow) => string;
  /** A number to sort by, when the cell is not one itself (`12/40` sorts by its share). */
  readonly sortKey?: (row: CohortRow) => number | undefined;
}

function share(covered: number | null | undefined, total: number | null | undefined): number | undefined {
  return covered === null || covered === undefined || !total ? undefined : covered / total;
}

/** Every column of the cohort, in order; the `since` columns only when `--since` was given. */
export function cohortColumns(withSince: boolean): CohortColumn[] {
  const columns: CohortColumn[] = [
    { heading: 'rag', value: (r) => r.rag, sortKey: (r) => ({ red: 0, amber: 1, green: 2 })[r.rag] },
    { heading: 'path', value: (r) => r.path },
    { heading: 'apprentice', value: (r) => cell(r.apprentice) },
    { heading: 'standard', value: (r) => cell(r.standard) },
    { heading: 'version', value: (r) => cell(r.version) },
    { heading: 'option', value: (r) => cell(r.option) },
    { heading: 'assessment', value: (r) => cell(r.assessment) },
    { heading: 'covered', value: (r) => cell(r.covered) },
    { heading: 'total', value: (r) => cell(r.total) },
    {
      heading: 'knowledge',
      value: (r) => countCell(r.byKind?.knowledge.covered, r.byKind?.knowledge.total),
      sortKey: (r) => share(r.byKind?.knowledge.covered, r.byKind?.knowledge.total),
    },
    {
      heading: 'skills',
      value: (r) => countCell(r.byKind?.skill.covered, r.byKind?.skill.total),
      sortKey: (r) => share(r.byKind?.skill.covered, r.byKind?.skill.total),
    },
    {
      heading: 'behaviours',
      value: (r) => countCell(r.byKind?.behaviour.covered, r.byKind?.behaviour.total),
      sortKey: (r) => share(r.byKind?.behaviour.covered, r.byKind?.behaviour.total),
    },
    { heading: 'errors', value: (r) => cell(r.errors) },
    { heading: 'warnings', value: (r) => cell(r.warnings) },
    { heading: 'evidence', value: (r) => cell(r.evidence) },
    { heading: 'last evidence', value: (r) => cell(r.lastEvidence) },
    { heading: 'hours logged', value: (r) => cell(r.hours?.logged) },
    { heading: 'hours expected', value: (r) => cell(r.hours?.expected) },
    { heading: 'hours target', value: (r) => cell(r.hours?.target) },
    { heading: 'signed', value: (r) => cell(r.signoffs?.signed) },
    { heading: 'stale', value: (r) => cell(r.signoffs?.stale) },
    { heading: 'unsigned', value: (r) => cell(r.signoffs?.unsigned) },
    { heading: 'unverified', value: (r) => cell(r.signoffs?.unverified) },
    { heading: 'ready', value: (r) => cell(r.ready) },
    { heading: 'failing checks', value: (r) => r.failing.join(' ') },
    { heading: 'gateway due', value: (r) => cell(r.gatewayDue) },
    { heading: 'why', value: (r) => r.ragReasons.join('; ') },
  ];
  if (withSince) {
    columns.push(
      { heading: 'evidence added', value: (r) => cell(r.since?.evidenceAdded) },
      { heading: 'claims added', value: (r) => cell(r.since?.claimsAdded) },
      { heading: 'newly covered', value: (r) => (r.since ? r.since.newlyCovered.join(' ') : '') },
      { heading: 'hours added', value: (r) => cell(r.since?.hours) },
      { heading: 'since error', value: (r) => cell(r.since?.error) },
    );
  }
  columns.push({ heading: 'error', value: (r) => cell(r.error) });
  return columns;
}

/** The cohort as CSV for a spreadsheet: a heading row, then one row per portfolio (formula-safe fields, CRLF, a BOM for Excel). */
export function renderCohortCsv(rows: readonly CohortRow[]): string {
  const columns = cohortColumns(rows.some((r) => r.since !== null));
  const lines = [columns.map((c) => csvField(c.heading)), ...rows.map((row) => columns.map((c) => csvField(c.value(row))))];
  return `\uFEFF${lines.map((line) => line.join(',')).join('\r\n')}\r\n`;
}
