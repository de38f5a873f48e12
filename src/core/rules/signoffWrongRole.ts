// `signoff.wrong-role`: a sign-off by someone who does not hold the role it is made in.
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { PROGRESS_REVIEW_TYPE, type SignoffRole } from '../model/lifecycleTerms';
import type { SignoffEntry } from '../read/lifecycleFields';
import { nameKey, peopleOf, type People } from '../read/people';
import type { PortfolioConfig } from '../read/config';
import { defineRule, type EvidenceContext, type FileFacts } from './rule';

/** `signoff.wrong-role`: the signer does not hold the role, the apprentice signs for someone else, or one person signs a review twice. */
export const signoffWrongRoleRule = defineRule({
  code: DiagnosticCode.SignoffWrongRole,
  defaultLevel: 'error',
  summary: 'A sign-off by someone who does not hold that role, or one person signing a progress review in two roles.',
  meaning:
    'with `people:` in `portfolio.yaml`, a sign-off whose `by:` does not hold its `role:` there (`apprentice:` and `mentor:` count as people with those roles); always on for the apprentice signing as employer, mentor or tutor, even without `people:`; and a progress review signed by one person in more than one role (it needs three different people). Such a sign-off never counts',
  check: { over: 'portfolio-file', run: (facts, context) => ({ diagnostics: checkSignoffRoles(facts, context) }) },
});

/**
 * Why `by` may not sign in `role`, or `undefined` when they may: the one judgement the rule and
 * `ksb signoff`'s refusal both make.
 */
export function wrongRoleProblem(config: PortfolioConfig, by: string, role: SignoffRole, people: People = peopleOf(config)): string | undefined {
  if (role !== 'apprentice' && people.isApprentice(by))
    return `Expected the ${role} to sign off as ${role}, found the apprentice ${by}: an apprentice signs only as apprentice`;
  // Without `people:` only the apprentice's roles are known for sure: `mentor:` names the mentor, who may sign for the employer.
  const person = people.declared ? people.find(by) : undefined;
  if (!person || person.roles.includes(role)) return undefined;
  return `Expected ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} of \`people:\` in portfolio.yaml to sign off as ${role}, found ${person.name}, who holds ${person.roles.join(', ')}`;
}

function checkSignoffRoles({ analysis }: FileFacts, { portfolio }: EvidenceContext): PortfolioDiagnostic[] {
  const lifecycle = analysis.frontMatter?.lifecycle;
  if (!lifecycle || lifecycle.signoffs.length === 0) return [];
  const people = peopleOf(portfolio.config);
  const diagnostics: PortfolioDiagnostic[] = [];
  const firstRoleOf = new Map<string, SignoffEntry>();
  for (const signoff of lifecycle.signoffs) {
    if (!signoff.complete || signoff.by === undefined || signoff.role === undefined) continue;
    const problem = wrongRoleProblem(portfolio.config, signoff.by, signoff.role, people);
    if (problem !== undefined) {
      diagnostics.push({ code: signoffWrongRoleRule.code, message: problem, range: signoff.range, subject: { field: 'signoff', index: signoff.index } });
      continue;
    }
    if (lifecycle.type !== PROGRESS_REVIEW_TYPE) continue;
    const key = nameKey(signoff.by);
    const first = firstRoleOf.get(key);
    if (first === undefined) firstRoleOf.set(key, signoff);
    else if (first.role !== signoff.role)
      diagnostics.push({
        code: signoffWrongRoleRule.code,
        message: `Expected three different people to sign off a progress review (apprentice, employer, provider), found ${signoff.by} signing as ${first.role} and as ${signoff.role}`,
        range: signoff.range,
        subject: { field: 'signoff', index: signoff.index },
      });
  }
  return diagnostics;
}
