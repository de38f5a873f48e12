// `review.overdue`: a gap between progress reviews longer than the interval (judged by the index,
// which sees every review).
import { addInterval, formatInterval, type Interval } from '../base/dates';
import type { Range } from '../base/text';
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { DEFAULT_REVIEW_INTERVAL_WORDS } from '../model/lifecycleTerms';
import { defineRule } from './rule';

/** `review.overdue`: raised by the index, which sees every progress review (`overdueReviews` below). */
export const reviewOverdueRule = defineRule({
  code: DiagnosticCode.ReviewOverdue,
  defaultLevel: 'warning',
  summary: 'A gap between progress reviews, or since the last one, longer than the review interval.',
  meaning: `a gap between two progress reviews (\`type: progress-review\`), from \`start\` to the first, or from the last to today, longer than \`gateway.review-interval\` (default ${DEFAULT_REVIEW_INTERVAL_WORDS}); reported on the later review, or on \`portfolio.yaml\` when there is none yet`,
});

/** One progress review as the index knows it. */
export interface ReviewFact {
  readonly path: string;
  /** The review's `date:` (its day); undefined reviews are `review.incomplete` and skipped here. */
  readonly date: string | undefined;
  /** Where overdue findings about this review go. */
  readonly range: Range;
}

/** What the review check needs of the portfolio besides its reviews. */
export interface ReviewSchedule {
  readonly interval: Interval;
  readonly start: string | undefined;
  /** The planned end of the practical period: no review is due after it. */
  readonly end: string | undefined;
  readonly today: string | undefined;
  /** Where a finding goes when there is no review yet: `start` in portfolio.yaml. */
  readonly configPath: string;
  readonly startRange: Range;
}

/**
 * `review.overdue` findings, by path: each gap between consecutive reviews (from `start` to the
 * first) longer than the interval, on the later review; and the time since the last one (or since
 * `start` with none), up to today or the planned end, on the last review or on portfolio.yaml.
 */
export function overdueReviews(reviews: readonly ReviewFact[], schedule: ReviewSchedule): Map<string, PortfolioDiagnostic[]> {
  const findings = new Map<string, PortfolioDiagnostic[]>();
  const add = (path: string, diagnostic: PortfolioDiagnostic) => {
    const list = findings.get(path);
    if (list) list.push(diagnostic);
    else findings.set(path, [diagnostic]);
  };
  const interval = formatInterval(schedule.interval);
  // A review dated after today has not happened yet (`review.incomplete` says so).
  const dated = reviews
    .filter((review): review is ReviewFact & { date: string } => review.date !== undefined && (schedule.today === undefined || review.date <= schedule.today))
    .sort((a, b) => a.date.localeCompare(b.date));
  let previous: { date: string; what: string } | undefined = schedule.start === undefined ? undefined : { date: schedule.start, what: '`start`' };
  for (const review of dated) {
    if (previous && review.date >= previous.date) {
      const due = addInterval(previous.date, schedule.interval);
      if (review.date > due) {
        add(review.path, {
          code: DiagnosticCode.ReviewOverdue,
          message: `Expected a progress review within ${interval} of ${previous.what} (${previous.date}), by ${due}, found the next on ${review.date}`,
          range: review.range,
        });
      }
    }
    previous = { date: review.date, what: 'the previous review' };
  }
  const until = schedule.today === undefined ? undefined : schedule.end !== undefined && schedule.end < schedule.today ? schedule.end : schedule.today;
  if (previous && until !== undefined) {
    const due = addInterval(previous.date, schedule.interval);
    if (until > due) {
      const last = dated[dated.length - 1];
      if (last) {
        add(last.path, {
          code: DiagnosticCode.ReviewOverdue,
          message: `Expected the next progress review within ${interval} of this one, by ${due}, found none by ${until}`,
          range: last.range,
        });
      } else {
        add(schedule.configPath, {
          code: DiagnosticCode.ReviewOverdue,
          message: `Expected a first progress review within ${interval} of \`start\` (${previous.date}), by ${due}, found none by ${until} (a review is a file with \`type: progress-review\`)`,
          range: schedule.startRange,
        });
      }
    }
  }
  return findings;
}
