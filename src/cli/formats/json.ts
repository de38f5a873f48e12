// The JSON format: each command's result as one indented JSON document, for scripts.
import type { Coverage, GatewayReport, HoursReport } from '../../core';
import type { OutputFormat } from './outputFormat';

/** `--format json`. */
export const JSON_FORMAT = { name: 'json', summary: 'one JSON document, for scripts' } as const satisfies OutputFormat;

/** `value` as the JSON every command prints: indented by two spaces, ending in a newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One evidence file as `ksb coverage --format json` lists it: its prose words (`null` when not counted: too large, unreadable). */
export interface EvidencePiece {
  readonly relativePath: string;
  readonly title: string | undefined;
  readonly words: number | undefined;
}

/**
 * The `--format json` shape of `ksb coverage`. With `assessment:`, `ksbs` and `summary` are the
 * method's KSBs; `otherMethods` lists the rest, which do not count.
 */
export function coverageJson(coverage: Coverage, pieces: readonly EvidencePiece[] = []) {
  const { standard, option, assessment } = coverage.portfolio;
  const sorted = [...pieces].sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  return {
    standard: standard.reference,
    version: standard.version,
    option: option?.id ?? null,
    assessment: assessment ? { method: assessment.method.id, title: assessment.method.title } : null,
    ksbs: coverage.entries.map(({ ksb, evidence }) => ({
      code: ksb.code,
      kind: ksb.kind,
      text: ksb.text,
      covered: evidence.length > 0,
      evidence: evidence.map((e) => e.relativePath),
    })),
    otherMethods: coverage.otherMethods.map(({ ksb, evidence, assessedBy }) => ({
      code: ksb.code,
      kind: ksb.kind,
      assessedBy: assessedBy.map((method) => ({ method: method.id, title: method.title })),
      evidence: evidence.map((e) => e.relativePath),
    })),
    evidence: sorted.map((piece) => ({ path: piece.relativePath, title: piece.title ?? null, words: piece.words ?? null })),
    words: sorted.reduce((sum, piece) => sum + (piece.words ?? 0), 0),
    summary: { total: coverage.summary.total, covered: coverage.summary.covered },
  };
}

/** `ksb hours --format json`. */
export function hoursJson(report: HoursReport, today: string): object {
  return {
    today,
    total: report.total,
    target: report.target ?? null,
    targetFrom: report.targetSource?.from ?? null,
    targetRule: report.targetSource?.rule ?? null,
    expectedByToday: report.expectedByToday ?? null,
    onTrack: report.onTrack ?? null,
    entries: report.entries,
    excluded: report.excluded,
    perMonth: report.perMonth,
  };
}

/** `ksb gateway --format json`: exactly `{ready, checks: [{id, ok, detail}]}`. */
export function gatewayJson(report: GatewayReport): object {
  return { ready: report.ready, checks: report.checks.map(({ id, ok, detail }) => ({ id, ok, detail })) };
}
