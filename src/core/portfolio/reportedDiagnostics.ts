import type { LeveledDiagnostic } from '../model/diagnostics';
import type { PortfolioIndex } from './portfolioIndex';
import type { Range } from '../base/text';

/** A place in a file as reports show it: a path relative to the portfolio, 1-based positions. */
export interface ReportedLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A diagnostic as reports show it: paths relative to the portfolio, 1-based positions. */
export interface ReportedDiagnostic extends ReportedLocation {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
  /** Places the problem refers to, such as a duplicate's first claim. */
  readonly related?: readonly (ReportedLocation & { readonly message: string })[];
}

const SEVERITY_NAMES = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' } as const;

/** Converts the core's leveled diagnostics into reported ones, sorted by file and position. */
export function toReported(byFile: ReadonlyMap<string, readonly LeveledDiagnostic[]>, index: PortfolioIndex): ReportedDiagnostic[] {
  const reported: ReportedDiagnostic[] = [];
  const relative = (path: string) => (path.startsWith(`${index.root}/`) ? path.slice(index.root.length + 1) : path);
  const place = (file: string, range: Range): ReportedLocation => ({
    file,
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  });
  for (const [path, diagnostics] of byFile) {
    const file = relative(path);
    for (const d of diagnostics) {
      reported.push({
        ...place(file, d.range),
        code: d.code,
        severity: SEVERITY_NAMES[d.level],
        message: d.message,
        ...(d.related && d.related.length > 0 && { related: d.related.map((r) => ({ ...place(relative(r.path), r.range), message: r.message })) }),
      });
    }
  }
  return reported.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
