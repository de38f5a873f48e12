// `review.incomplete`: a progress review without its date or the three parties' sign-offs.
import { FILE_START } from '../base/text';
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { PROGRESS_REVIEW_TYPE } from '../model/lifecycleTerms';
import { defineRule, type EvidenceContext, type FileFacts } from './rule';
import { signoffDateProblem } from './signoffInvalid';
import { unknownSignerProblem } from './signoffUnknownSigner';
import { wrongRoleProblem } from './signoffWrongRole';
import { nameKey, peopleOf } from '../read/people';
import { latestDay, todayWords } from './today';

/** `review.incomplete`: a progress review without its date or the three parties' sign-offs. */
export const reviewIncompleteRule = defineRule({
  code: DiagnosticCode.ReviewIncomplete,
  defaultLevel: 'warning',
  summary: 'A progress review without a `date:` or without sign-offs of the apprentice, the employer and the provider.',
  meaning:
    'a progress review (`type: progress-review`) without a `date:` or dated after today, or not yet signed off by the apprentice, the employer (or mentor) and the provider (tutor)',
  check: { over: 'portfolio-file', run: (facts, context) => ({ diagnostics: checkReviewComplete(facts, context) }) },
});

/** The parties a progress review needs signed off, each met by any of its roles. */
const REVIEW_PARTIES: readonly { readonly name: string; readonly roles: readonly string[] }[] = [
  { name: 'the apprentice', roles: ['apprentice'] },
  { name: 'the employer', roles: ['employer', 'mentor'] },
  { name: 'the provider', roles: ['tutor'] },
];

/** `review.incomplete`: a review's date and the three parties' sign-offs. */
function checkReviewComplete(facts: FileFacts, context: EvidenceContext): PortfolioDiagnostic[] {
  const frontMatter = facts.analysis.frontMatter;
  const lifecycle = frontMatter?.lifecycle;
  if (lifecycle?.type !== PROGRESS_REVIEW_TYPE) return [];
  const range = lifecycle.typeRange ?? FILE_START;
  if (frontMatter?.date === undefined) {
    return [{ code: reviewIncompleteRule.code, message: 'Expected a `date:` on this progress review, found none: the review interval counts from it', range }];
  }
  const day = frontMatter.date.slice(0, 10);
  const future = latestDay(context);
  if (future !== undefined && day > future) {
    return [
      {
        code: reviewIncompleteRule.code,
        message: `Expected a progress review that has happened, dated no later than ${todayWords(context)}, found ${day}: a planned review counts once it is held`,
        range: frontMatter.dateRange ?? range,
      },
    ];
  }
  // A sign-off that signoff.invalid, signoff.wrong-role or signoff.unknown-signer rejects completes
  // nothing, and one person completes one party only: a review needs three different people.
  const people = peopleOf(context.portfolio.config);
  const signers = new Set<string>();
  const signed = new Set<string>();
  for (const signoff of lifecycle.signoffs) {
    if (!signoff.complete || signoff.by === undefined || signoff.role === undefined || signoffDateProblem(signoff, facts, context) !== undefined) continue;
    const config = context.portfolio.config;
    if (wrongRoleProblem(config, signoff.by, signoff.role, people) !== undefined || unknownSignerProblem(config, signoff.by, people) !== undefined) continue;
    if (signers.has(nameKey(signoff.by))) continue;
    signers.add(nameKey(signoff.by));
    signed.add(signoff.role);
  }
  const missing = REVIEW_PARTIES.filter((party) => !party.roles.some((role) => signed.has(role))).map((party) => party.name);
  if (missing.length === 0) return [];
  return [
    {
      code: reviewIncompleteRule.code,
      message: `Expected sign-offs of the apprentice, the employer (or mentor) and the provider (tutor) on this progress review, found none from ${listWords(missing)}`,
      range: lifecycle.signoffKeyRange ?? range,
    },
  ];
}

/** "a", "a and b", "a, b and c". */
function listWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
