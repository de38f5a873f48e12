// The benchmark's output: a table for people on stdout and a JSON file for tools and history.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One line of the results table. */
export interface Row {
  /** Stable id, for comparing runs (`cold-load.core.10000`). */
  readonly id: string;
  readonly figure: string;
  /** The measured value, or `undefined` when it was not measured. */
  readonly value: number | undefined;
  readonly unit: 'ms' | 'MB' | 'KB' | 'x' | 'files';
  /** Context: p95, the baseline, a ratio, or why a figure was not measured. */
  readonly note?: string;
  /** The target for this figure, when it has one. */
  readonly target?: string;
  /** `true` met, `false` missed, `undefined` not measured or no target. */
  readonly pass?: boolean;
}

/** Everything one run produced. */
export interface BenchResults {
  readonly date: string;
  readonly machine: Record<string, string | number>;
  readonly settings: Record<string, unknown>;
  readonly rows: readonly Row[];
  /** Raw samples in milliseconds (and other raw figures), keyed by row id. */
  readonly samples: Record<string, unknown>;
  readonly durationSeconds: number;
}

/** Formats a value with a precision that suits its size. */
export function formatValue(value: number | undefined, unit: Row['unit']): string {
  if (value === undefined || Number.isNaN(value)) return 'not measured';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
  const number = value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit === 'x' ? `${number}×` : unit === 'files' ? number : `${number} ${unit}`;
}

/** The rows as a fixed-width text table. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['figure', 'value', 'note', 'target', 'result'];
  const cells = rows.map((row) => [
    row.figure,
    formatValue(row.value, row.unit),
    row.note ?? '',
    row.target ?? '',
    row.target === undefined ? '' : row.pass === undefined ? 'n/a' : row.pass ? 'pass' : 'MISS',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i === 1 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** The rows as a Markdown table, for docs/performance.md. */
export function formatMarkdown(rows: readonly Row[]): string {
  const lines = ['| figure | value | note | target | result |', '|---|---:|---|---|---|'];
  for (const row of rows) {
    const result = row.target === undefined ? '' : row.pass === undefined ? 'n/a' : row.pass ? 'pass' : '**miss**';
    lines.push(`| ${row.figure} | ${formatValue(row.value, row.unit)} | ${row.note ?? ''} | ${row.target ?? ''} | ${result} |`);
  }
  return lines.join('\n');
}

/** Writes the results as JSON (bench-results/ is gitignored). */
export function writeResults(path: string, results: BenchResults): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
