import type { PortfolioDiagnostic } from '../model/diagnostics';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule, type EvidenceContext, type FileFacts } from './rule';
import { latestDay, todayWords } from './today';

/** `evidence.future-date`: evidence is of work done, so its date cannot be after today. */
export const futureDateRule = defineRule({
  code: DiagnosticCode.FutureDate,
  defaultLevel: 'warning',
  summary: 'An evidence file whose `date:` is after today.',
  meaning: 'an evidence file whose `date:` is after today (a typo such as 2062 for 2026, or a plan written up early): evidence is of work already done',
  check: { over: 'evidence', run: (facts, context) => ({ diagnostics: checkDateNotFuture(facts, context) }) },
});

function checkDateNotFuture({ analysis }: FileFacts, context: EvidenceContext): PortfolioDiagnostic[] {
  const { date, dateRange } = analysis.frontMatter ?? {};
  const future = latestDay(context);
  // ISO dates compare as text.
  // A date with a time (`2026-03-14T10:00`) is compared by its day.
  if (future === undefined || date === undefined || dateRange === undefined || date.slice(0, 10) <= future) return [];
  return [
    {
      code: futureDateRule.code,
      message: `Expected a \`date\` no later than ${todayWords(context)}, found ${date}: evidence is of work already done`,
      range: dateRange,
    },
  ];
}
