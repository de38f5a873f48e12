// The JSON format: each command's result as one indented JSON document, for scripts.
import type { Coverage, GatewayReport, HoursReport } from '../../core';
import type { OutputFormat } from './outputFormat';

/** `--format json`. */
export const JSON_FORMAT = { name: 'json', summary: 'one JSON document, for scripts' } as const satisfies OutputFormat;

/** `value` as the JSON every command prints: indented by two spaces, ending in a newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
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
