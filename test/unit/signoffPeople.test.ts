import assert from 'node:assert/strict';
import { DiagnosticCode, parseConfig } from '../../src/core';
import { evidenceDigest } from '../../src/core/base/digest';
import { peopleOf } from '../../src/core/read/people';
import { configFor, diagnose, loadPortfolio, ROOT, withCode } from './inlinePortfolio';

/** The messages `portfolio.yaml` gets in a portfolio with `config`. */
async function configMessages(config: string): Promise<string[]> {
  const { index } = await loadPortfolio({ 'portfolio.yaml': config });
  return index.diagnosticsFor(`${ROOT}/portfolio.yaml`).map((d) => d.message);
}

const PEOPLE = [
  'apprentice: Sam Patel',
  'people:',
  '  - {name: Sam Patel, roles: [apprentice], email: sam@apprentice.example}',
  '  - {name: Priya Shah, roles: [employer, mentor], email: priya@northlight.example}',
  '  - {name: Tom Reed, roles: [tutor], email: [t.reed@academy.example, treed@users.noreply.github.com]}',
  '',
].join('\n');

/** A document signed by each `[by, role]`, with the digest of its claims and body so nothing is stale. */
function signedBy(signers: readonly (readonly [string, string])[], type = ''): string {
  const body = '\nThe work.\n';
  const digest = evidenceDigest([{ code: 'K1' }], body);
  const items = signers.map(([by, role]) => `  - {by: ${by}, role: ${role}, date: 2026-01-10, digest: "${digest}"}`);
  return `---\ntitle: A\n${type}date: 2026-01-05\nksbs: [K1]\nsignoff:\n${items.join('\n')}\n---${body}`;
}

describe('portfolio.yaml people', () => {
  it('Should read one e-mail or a list of them, and count apprentice: and mentor: as people', () => {
    const parsed = parseConfig(`${configFor('post-production-coordinator')}mentor: Jo Bloggs\n${PEOPLE}`);
    assert.deepEqual(parsed.findings, []);
    const people = peopleOf(parsed.config!);
    assert.deepEqual(people.find('tom  reed')?.emails, ['t.reed@academy.example', 'treed@users.noreply.github.com']);
    assert.deepEqual(people.find('Jo Bloggs')?.roles, ['mentor']);
    assert.deepEqual(people.find('Sam Patel')?.roles, ['apprentice']);
    assert.equal(people.declared, true);
  });

  it('Should refuse an unknown role, a bad e-mail and an unknown field of a person, naming the person fields', async () => {
    const messages = (
      await configMessages(`${configFor('x')}people:\n  - {name: A, roles: [boss], email: nope}\n  - {name: B, roles: [tutor], mail: b@x.example}\n`)
    ).join('\n');
    assert.match(messages, /people\[0\]\.roles\[0\]/);
    assert.match(messages, /an e-mail address/);
    assert.match(messages, /Unexpected field `mail` in `people\[1\]`: expected one of name, roles, email/);
  });

  it('Should refuse a verify-signoffs mode it does not know', async () => {
    const messages = await configMessages(`${configFor('post-production-coordinator')}verify-signoffs: always\n`);
    assert.equal(messages.length, 1);
    assert.match(messages[0], /verify-signoffs/);
  });
});

describe('signoff.wrong-role', () => {
  it('Should report the apprentice signing as employer even without people:', async () => {
    const found = withCode(
      await diagnose(signedBy([['Sam Patel', 'employer']]), { config: configFor('post-production-coordinator', 'apprentice: Sam Patel\n') }),
      DiagnosticCode.SignoffWrongRole,
    );
    assert.deepEqual(
      found.map((d) => d.message),
      ['Expected the employer to sign off as employer, found the apprentice Sam Patel: an apprentice signs only as apprentice'],
    );
    assert.deepEqual(found[0].subject, { field: 'signoff', index: 0 });
  });

  it('Should report a declared person signing in a role they do not hold, and accept one they hold', async () => {
    const config = configFor('post-production-coordinator', PEOPLE);
    const found = withCode(
      await diagnose(
        signedBy([
          ['Tom Reed', 'employer'],
          ['Priya Shah', 'mentor'],
        ]),
        { config },
      ),
      DiagnosticCode.SignoffWrongRole,
    );
    assert.deepEqual(
      found.map((d) => d.message),
      ['Expected an employer of `people:` in portfolio.yaml to sign off as employer, found Tom Reed, who holds tutor'],
    );
  });

  it('Should need three different people on a progress review, and count the review incomplete without them', async () => {
    const diagnostics = await diagnose(
      signedBy(
        [
          ['Priya Shah', 'employer'],
          ['Priya Shah', 'mentor'],
          ['Tom Reed', 'tutor'],
        ],
        'type: progress-review\n',
      ),
      {
        config: configFor('post-production-coordinator', 'people:\n  - {name: Priya Shah, roles: [employer, mentor]}\n  - {name: Tom Reed, roles: [tutor]}\n'),
      },
    );
    assert.deepEqual(
      withCode(diagnostics, DiagnosticCode.SignoffWrongRole).map((d) => d.message),
      ['Expected three different people to sign off a progress review (apprentice, employer, provider), found Priya Shah signing as employer and as mentor'],
    );
    assert.match(withCode(diagnostics, DiagnosticCode.ReviewIncomplete)[0]?.message ?? '', /found none from the apprentice/);
  });
});

describe('signoff.unknown-signer', () => {
  it('Should report a by: naming no one of people:, listing who is declared', async () => {
    const found = withCode(
      await diagnose(signedBy([['P. Shah', 'employer']]), { config: configFor('post-production-coordinator', PEOPLE) }),
      DiagnosticCode.SignoffUnknownSigner,
    );
    assert.deepEqual(
      found.map((d) => d.message),
      ['Expected a sign-off by one of Sam Patel, Priya Shah, Tom Reed (`people:` in portfolio.yaml), found P. Shah'],
    );
  });

  it('Should say nothing without people:, and ignore case and spacing of names', async () => {
    assert.deepEqual(withCode(await diagnose(signedBy([['Anyone', 'employer']])), DiagnosticCode.SignoffUnknownSigner), []);
    const config = configFor('post-production-coordinator', PEOPLE);
    assert.deepEqual(withCode(await diagnose(signedBy([['priya  SHAH', 'employer']]), { config }), DiagnosticCode.SignoffUnknownSigner), []);
  });
});
