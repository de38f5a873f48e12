import assert from 'node:assert/strict';
import { diagnosticOf, diagnosticsOf as readDiagnostics } from '../../src/core/rules/readFindings';
import fc from 'fast-check';
import {
  analyzeText,
  applyTextEdit,
  currentDigest,
  DiagnosticCode,
  fileSignoffs,
  gatewayReport,
  hoursReport,
  parseConfig,
  PortfolioIndex,
  signoffAgainEdit,
  signoffEdit,
  type PortfolioDiagnostic,
} from '../../src/core';
import { LineIndex } from '../../src/core/base/text';
import { parseFrontMatter } from '../../src/core/read/frontMatter';
import { configFor, DOC, marked, ROOT, showRange, withCode } from './inlinePortfolio';
import { MemoryFileSystem } from './memoryFileSystem';

const TODAY = '2026-06-30';
const CONFIG = configFor('production-coordinator', 'start: 2025-09-01\nend: 2027-02-26\nweekly-hours: 37.5\n');

/** A portfolio of `files` (paths relative to the root) indexed as of `today`. */
async function portfolioOf(files: Record<string, string>, today: string | undefined = TODAY): Promise<PortfolioIndex> {
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries({ 'portfolio.yaml': CONFIG, ...files }).map(([path, text]) => [`${ROOT}/${path}`, text])));
  const index = new PortfolioIndex(fs, ROOT, today === undefined ? {} : { today: () => today });
  await index.load();
  return index;
}

async function diagnosticsOf(document: string, path = 'evidence/doc.md', extra: Record<string, string> = {}): Promise<readonly PortfolioDiagnostic[]> {
  const index = await portfolioOf({ [path]: document, ...extra });
  return index.diagnosticsFor(`${ROOT}/${path}`);
}

/** `text` signed off by `by` as `role` on `date`, through the same edit the commands make. */
function signed(text: string, by = 'Priya Shah', role: 'apprentice' | 'employer' | 'mentor' | 'tutor' = 'employer', date = '2026-03-20'): string {
  const result = signoffEdit(text, { by, role, date });
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return applyTextEdit(text, result.edit);
}

const EVIDENCE = '---\ntitle: Call sheet\ndate: 2026-01-21\nksbs: [K1, S3]\n---\n\nI wrote the call sheet.\n';

describe('Lifecycle: sign-off fields', () => {
  it('Should read a well-formed sign-off with its places, and count it as current', async () => {
    const text = signed(EVIDENCE);
    const lifecycle = analyzeText(text).frontMatter?.lifecycle;
    assert.equal(lifecycle?.signoffs.length, 1);
    const [signoff] = lifecycle.signoffs;
    assert.deepEqual([signoff.by, signoff.role, signoff.date, signoff.complete], ['Priya Shah', 'employer', '2026-03-20', true]);
    const now = currentDigest(text);
    assert.ok(now.ok);
    assert.equal(signoff.digest, now.digest);
    assert.match(signoff.digest ?? '', /^v2:[0-9a-f]{12}$/);
    const index = await portfolioOf({ 'evidence/doc.md': text });
    assert.deepEqual(index.diagnosticsFor(DOC), []);
    const state = fileSignoffs(index.file(DOC)!);
    assert.deepEqual([state.state, state.byEmployer], ['signed', true]);
  });

  it('Should report each malformed part of a sign-off as signoff.invalid at that part', async () => {
    const { text, ranges } = marked(
      [
        '---',
        'ksbs: [K1]',
        'signoff:',
        '  - by: Sam',
        '    role: ⟦boss⟧',
        '    date: ⟦2026-02-30⟧',
        '    digest: ⟦"xyz"⟧',
        '  - ⟦just a name⟧',
        '  - ⟦by: Ann',
        '    role: tutor',
        '    date: 2026-01-01⟧',
        '---',
        '',
      ].join('\n'),
    );
    const found = withCode(await diagnosticsOf(text), DiagnosticCode.SignoffInvalid);
    assert.deepEqual(
      found.map((d) => showRange(d.range)),
      ranges.map(showRange),
    );
    assert.match(found[0].message, /Expected the role of sign-off 1 to be one of apprentice, employer, mentor, tutor, found `boss`/);
    assert.match(found[1].message, /Expected the date of sign-off 1 to be a day such as 2026-03-14, between 1950 and 2100, found `2026-02-30`/);
    assert.match(found[2].message, /12 hexadecimal characters/);
    assert.match(found[3].message, /Expected sign-off 2 to be a map/);
    assert.match(found[4].message, /Expected sign-off 3 to have `digest`, found none/);
  });

  it('Should say a `signoff:` that is not a list is one, and read an empty one as no sign-off', async () => {
    const notList = withCode(await diagnosticsOf('---\nksbs: [K1]\nsignoff: Priya\n---\n'), DiagnosticCode.SignoffInvalid);
    assert.equal(notList.length, 1);
    assert.match(notList[0].message, /Expected `signoff` to be a list of \{by, role, date, digest\}, found `Priya`/);
    assert.deepEqual(await diagnosticsOf('---\nksbs: [K1]\nsignoff:\n---\n'), []);
  });

  it('Should report a sign-off dated after today', async () => {
    const text = signed(EVIDENCE, 'Priya Shah', 'employer', '2026-07-01');
    const found = withCode(await diagnosticsOf(text), DiagnosticCode.SignoffInvalid);
    assert.equal(found.length, 1);
    assert.equal(found[0].message, 'Expected the date of the sign-off of Priya Shah to be no later than today (2026-06-30), found 2026-07-01');
  });
});

describe('Lifecycle: signoff.stale', () => {
  it('Should report a sign-off made stale by a change to the body, naming who signed and when, with the fix data', async () => {
    const text = signed(EVIDENCE).replace('I wrote the call sheet.', 'I wrote the call sheet and the risk assessment.');
    const [stale, ...rest] = withCode(await diagnosticsOf(text), DiagnosticCode.SignoffStale);
    assert.deepEqual(rest, []);
    assert.match(
      stale.message,
      /^Expected the claims, text, date, hours, requirements, type and linked files that Priya Shah \(employer\) signed off on 2026-03-20, found them changed since/,
    );
    assert.deepEqual(stale.fix, { kind: 'signoff-again', index: 0 });
    const index = await portfolioOf({ 'evidence/doc.md': text });
    assert.equal(fileSignoffs(index.file(DOC)!).state, 'stale');
  });

  it('Should report a change of claims or of a justification, but not of line endings, trailing spaces, claim order or the sign-off itself', async () => {
    const base = signed('---\ntitle: T\nksbs:\n  K1: "Wrote it"\n  S3: "Sent it"\n---\nBody line\n');
    const stale = async (text: string) => withCode(await diagnosticsOf(text), DiagnosticCode.SignoffStale).length;
    assert.equal(await stale(base), 0);
    assert.equal(await stale(base.replace(/\n/g, '\r\n')), 0, 'CRLF');
    assert.equal(await stale(base.replace(/\n/g, '\r')), 0, 'CR');
    assert.equal(await stale(base.replace('Body line', 'Body line   ')), 0, 'trailing spaces');
    assert.equal(await stale(base.replace('  K1: "Wrote it"\n  S3: "Sent it"', '  S3: "Sent it"\n  K1: "Wrote it"')), 0, 'claim order');
    assert.equal(await stale(base.replace('title: T', 'title: A new title')), 0, 'title is neither claims nor body');
    assert.equal(await stale(base.replace('"Wrote it"', '"Wrote most of it"')), 1, 'justification');
    assert.equal(await stale(base.replace('S3: "Sent it"', 'S4: "Sent it"')), 1, 'claim');
  });

  it('Should keep a sign-off made on a file with CR line endings current once the file is converted to LF or CRLF, and back', async () => {
    const cr = signed(EVIDENCE.replace(/\n/g, '\r'));
    const stale = async (text: string) => withCode(await diagnosticsOf(text), DiagnosticCode.SignoffStale).length;
    assert.equal(await stale(cr), 0, 'CR as signed');
    assert.equal(await stale(cr.replace(/\r/g, '\n')), 0, 'converted to LF');
    assert.equal(await stale(cr.replace(/\r/g, '\r\n')), 0, 'converted to CRLF');
    assert.equal(await stale(signed(EVIDENCE).replace(/\n/g, '\r')), 0, 'signed as LF, converted to CR');
    assert.equal(await stale(cr.replace('I wrote', 'I drafted')), 1, 'a change is still seen');
  });

  it('Should clear with "Sign off again", which renews only the date and the digest', async () => {
    const changed = signed(EVIDENCE).replace('I wrote', 'I drafted');
    const result = signoffAgainEdit(changed, 0, '2026-06-30');
    assert.ok(result.ok);
    const renewed = applyTextEdit(changed, result.edit);
    assert.deepEqual(withCode(await diagnosticsOf(renewed), DiagnosticCode.SignoffStale), []);
    assert.match(renewed, /- by: Priya Shah\n {4}role: employer\n {4}date: 2026-06-30\n {4}digest: "v2:[0-9a-f]{12}"\n---/);
  });
});

describe('Lifecycle: signoffEdit', () => {
  it('Should add a block list before the closing fence, keeping CRLF line endings', () => {
    const crlf = EVIDENCE.replace(/\n/g, '\r\n');
    const text = signed(crlf);
    assert.ok(!/[^\r]\n/.test(text), 'every line break stays CRLF');
    assert.match(
      text,
      /ksbs: \[K1, S3\]\r\nsignoff:\r\n {2}- by: Priya Shah\r\n {4}role: employer\r\n {4}date: 2026-03-20\r\n {4}digest: "v2:[0-9a-f]{12}"\r\n---/,
    );
  });

  it('Should keep CR line endings (a file saved by an old Mac editor) when adding, appending and renewing a sign-off', () => {
    const onlyCr = (text: string) => assert.ok(!text.includes('\n'), `a line feed was added: ${JSON.stringify(text)}`);
    const first = signed(EVIDENCE.replace(/\n/g, '\r'));
    onlyCr(first);
    assert.match(first, /ksbs: \[K1, S3\]\rsignoff:\r {2}- by: Priya Shah\r {4}role: employer\r {4}date: 2026-03-20\r {4}digest: "v2:[0-9a-f]{12}"\r---\r/);
    const second = signed(first, 'Jess Adeyemi', 'apprentice', '2026-03-21');
    onlyCr(second);
    const renewed = signed(second.replace('I wrote', 'I drafted'), 'Priya Shah', 'employer', '2026-04-01');
    onlyCr(renewed);
    for (const empty of ['signoff:', 'signoff: # later', 'signoff: []']) onlyCr(signed(`---\rksbs: [K1]\r${empty}\r---\rBody\r`));
    assert.deepEqual(
      analyzeText(renewed).frontMatter!.lifecycle!.signoffs.map((s) => `${s.by}/${s.date}/${s.complete}`),
      ['Priya Shah/2026-04-01/true', 'Jess Adeyemi/2026-03-21/true'],
    );
  });

  it('Should append to a block list at its indentation, and renew the same person and role instead of adding a second', () => {
    const twice = signed(signed(EVIDENCE), 'Jess Adeyemi', 'apprentice', '2026-03-21');
    const signoffs = analyzeText(twice).frontMatter!.lifecycle!.signoffs;
    assert.deepEqual(
      signoffs.map((s) => `${s.by}/${s.role}/${s.complete}`),
      ['Priya Shah/employer/true', 'Jess Adeyemi/apprentice/true'],
    );
    const renewed = signed(twice.replace('I wrote', 'I drafted'), 'priya shah', 'employer', '2026-04-01');
    const after = analyzeText(renewed).frontMatter!.lifecycle!.signoffs;
    assert.equal(after.length, 2);
    assert.equal(after[0].date, '2026-04-01');
  });

  it('Should rewrite an empty or flow `signoff:` as a block list', () => {
    for (const value of ['signoff:', 'signoff: []']) {
      const text = signed(`---\nksbs: [K1]\n${value}\n---\nBody\n`);
      assert.equal(analyzeText(text).frontMatter?.lifecycle?.signoffs.length, 1, value);
    }
    const flow = signed('---\nksbs: [K1]\n---\nBody\n').replace(
      /signoff:\n {2}- by: Priya Shah\n {4}role: employer\n {4}date: (\S+)\n {4}digest: (\S+)/,
      'signoff: [{by: Priya Shah, role: employer, date: $1, digest: $2}]',
    );
    assert.match(flow, /signoff: \[\{/);
    const text = signed(flow, 'Tom Tutor', 'tutor');
    assert.deepEqual(
      analyzeText(text).frontMatter?.lifecycle?.signoffs.map((s) => `${s.by}/${s.complete}`),
      ['Priya Shah/true', 'Tom Tutor/true'],
    );
  });

  it('Should quote a name YAML would read otherwise, and refuse a name with a line break, no front matter or broken YAML', () => {
    const text = signed(EVIDENCE, "O'Brien: Head of Production #1", 'employer');
    assert.equal(analyzeText(text).frontMatter?.lifecycle?.signoffs[0].by, "O'Brien: Head of Production #1");
    const refusals: Array<[string, string, RegExp]> = [
      [EVIDENCE, 'Priya\nrole: tutor', /line break/],
      ['No front matter here\n', 'Priya', /Expected front matter/],
      ['---\nksbs: [K1\n---\n', 'Priya', /YAML errors/],
    ];
    for (const [source, by, reason] of refusals) {
      const result = signoffEdit(source, { by, role: 'employer', date: '2026-03-20' });
      assert.ok(!result.ok);
      assert.match(result.reason, reason);
    }
  });

  it('Should, for any claims and body, leave a file whose sign-off is current and whose claims and body are unchanged', () => {
    const line = fc.stringMatching(/^[A-Za-z0-9 ,.'()-]{0,40}$/);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('K1', 'K2', 'S3', 'B1'), { maxLength: 4 }),
        fc.array(line, { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (codes, body, eol) => {
          const source = ['---', 'title: T', `ksbs: [${codes.join(', ')}]`, '---', ...body, ''].join(eol);
          const text = signed(source);
          const before = analyzeText(source).frontMatter!;
          const after = analyzeText(text);
          const now = currentDigest(text);
          assert.equal(after.frontMatter!.lifecycle!.signoffs[0].digest, now.ok ? now.digest : 'none');
          assert.deepEqual(
            after.frontMatter!.claims.map((c) => c.code),
            before.claims.map((c) => c.code),
          );
          assert.equal(text.slice(after.frontMatter!.bodyStart), source.slice(before.bodyStart));
          assert.deepEqual([...new Set(text.match(/\r\n|\r|\n/g))], [eol], 'the line breaks stay as they were');
        },
      ),
    );
  });
});

describe('Lifecycle: off-the-job hours', () => {
  it('Should read hours dated by the file or by each entry, and report impossible ones as otj.invalid', async () => {
    const { text, ranges } = marked(
      [
        '---',
        'date: 2026-03-02',
        'otj:',
        '  - {date: 2026-03-02, hours: 3.5, activity: Course day}',
        '  - {date: 2026-03-03, hours: ⟦-2⟧}',
        '  - {date: 2026-03-04, hours: ⟦25⟧}',
        '  - {date: 2026-03-05, hours: ⟦lots⟧}',
        '  - {date: ⟦2025-08-01⟧, hours: 1}',
        '  - {date: ⟦2026-07-01⟧, hours: 1}',
        '  - {date: 2026-03-06, hours: ⟦20⟧}',
        '  - {date: 2026-03-06, hours: ⟦6⟧}',
        '---',
        '',
      ].join('\n'),
    );
    const found = withCode(await diagnosticsOf(text, 'otj/2026-03.md'), DiagnosticCode.OtjInvalid);
    assert.deepEqual(found.map((d) => showRange(d.range)).sort(), ranges.map(showRange).sort());
    const messages = found.map((d) => d.message).join('\n');
    assert.match(messages, /Expected the hours of off-the-job entry 2 to be zero or more hours, found -2/);
    assert.match(messages, /at most 24 hours \(one day\), found 25/);
    assert.match(messages, /a number of hours such as 3.5, "2:30", "2h 30m" or "90m", found `lots`/);
    assert.match(messages, /on or after `start` \(2025-09-01\), found them on 2025-08-01/);
    assert.match(messages, /no later than today \(2026-06-30\), found them on 2026-07-01/);
    assert.match(messages, /Expected at most 24 off-the-job hours on 2026-03-06 across the portfolio, found 26, all in this file/);
  });

  it('Should index an hours log outside the evidence globs, never as evidence, and count its hours', async () => {
    const index = await portfolioOf({
      'otj/2026-03.md': '---\ntitle: March log\notj:\n  - {date: 2026-03-02, hours: 3.5}\n  - {date: 2026-03-09, hours: 4}\n---\n',
      'evidence/doc.md': '---\ndate: 2026-03-10\nksbs: [K1]\notj: 2\n---\n',
      'notes/idea.md': '---\ntitle: not the portfolio\n---\n',
    });
    const log = index.file(`${ROOT}/otj/2026-03.md`);
    assert.deepEqual([log?.role, log?.isEvidence], ['record', false]);
    assert.equal(index.file(`${ROOT}/notes/idea.md`), undefined);
    assert.deepEqual(index.diagnosticsFor(`${ROOT}/otj/2026-03.md`), []);
    const hours = hoursReport(index, TODAY);
    assert.equal(hours.total, 9.5);
    assert.equal(hours.entries, 3);
    assert.equal(hours.targetSource?.from, 'funding-rules');
  });

  it('Should report hours with no date at all', async () => {
    const found = withCode(await diagnosticsOf('---\nksbs: [K1]\notj: 3\n---\n'), DiagnosticCode.OtjInvalid);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /Expected a date for 3 off-the-job hours/);
  });
});

describe('Lifecycle: progress reviews', () => {
  const review = (date: string, parties = ['apprentice', 'employer', 'tutor']) =>
    [
      '---',
      'type: progress-review',
      `date: ${date}`,
      'signoff:',
      ...parties.flatMap((role) => [`  - by: ${role} person`, `    role: ${role}`, `    date: ${date}`, '    digest: "000000000000"']),
      '---',
      '',
    ].join('\n');

  it('Should never count a review as evidence, and report one without a date or a party', async () => {
    const index = await portfolioOf({
      'evidence/review-1.md': review('2025-11-20', ['apprentice', 'mentor']),
      'reviews/undated.md': '---\ntype: progress-review\n---\n',
    });
    const first = index.file(`${ROOT}/evidence/review-1.md`)!;
    assert.deepEqual([first.role, first.isEvidence], ['review', false]);
    assert.deepEqual(withCode(index.diagnosticsFor(first.path), DiagnosticCode.NoKsbs), []);
    const incomplete = withCode(index.diagnosticsFor(first.path), DiagnosticCode.ReviewIncomplete);
    assert.equal(incomplete.length, 1);
    assert.match(incomplete[0].message, /found none from the provider$/);
    const undated = withCode(index.diagnosticsFor(`${ROOT}/reviews/undated.md`), DiagnosticCode.ReviewIncomplete);
    assert.match(undated[0].message, /Expected a `date:` on this progress review/);
  });

  it('Should report a gap longer than the interval on the later review, and the time since the last one', async () => {
    const index = await portfolioOf({
      'reviews/1.md': review('2025-11-20'),
      'reviews/2.md': review('2026-03-01'),
      'reviews/3.md': review('2026-04-01'),
    });
    const second = withCode(index.diagnosticsFor(`${ROOT}/reviews/2.md`), DiagnosticCode.ReviewOverdue);
    assert.equal(second.length, 1);
    assert.equal(
      second[0].message,
      'Expected a progress review within 12 weeks of the previous review (2025-11-20), by 2026-02-12, found the next on 2026-03-01',
    );
    assert.deepEqual(withCode(index.diagnosticsFor(`${ROOT}/reviews/1.md`), DiagnosticCode.ReviewOverdue), [], 'start to the first is within 12 weeks');
    const third = withCode(index.diagnosticsFor(`${ROOT}/reviews/3.md`), DiagnosticCode.ReviewOverdue);
    assert.equal(third[0].message, 'Expected the next progress review within 12 weeks of this one, by 2026-06-24, found none by 2026-06-30');
  });

  it('Should report no review at all on `start` in portfolio.yaml, and follow `gateway.review-interval`', async () => {
    const fs = new MemoryFileSystem({
      [`${ROOT}/portfolio.yaml`]: configFor('production-coordinator', 'start: 2026-01-05\ngateway:\n  review-interval: 3 months\n'),
      [DOC]: EVIDENCE,
    });
    const index = new PortfolioIndex(fs, ROOT, { today: () => TODAY });
    await index.load();
    const [overdue] = withCode(index.diagnosticsFor(`${ROOT}/portfolio.yaml`), DiagnosticCode.ReviewOverdue);
    assert.match(overdue.message, /Expected a first progress review within 3 months of `start` \(2026-01-05\), by 2026-04-05, found none by 2026-06-30/);
    assert.equal(showRange(overdue.range), '4:7-4:17');
    // A review written later clears it, on the next change event.
    fs.write(`${ROOT}/reviews/1.md`, review('2026-03-30'));
    await index.refresh(`${ROOT}/reviews/1.md`);
    assert.deepEqual(withCode(index.diagnosticsFor(`${ROOT}/portfolio.yaml`), DiagnosticCode.ReviewOverdue), []);
  });
});

describe('Lifecycle: portfolio.yaml facts', () => {
  it('Should accept every lifecycle field, and report bad ones at their values', () => {
    const good = parseConfig(
      'standard: ST0792\nstart: 2025-09-01\nend: 2027-02-26\nweekly-hours: 37.5\nemployer: Northlight\nprovider: Academy\nmentor: Priya\notj-target: 400\ngateway:\n  min-evidence-per-ksb: 2\n  min-months: 12\n  review-interval: 12 weeks\n  requires: [english-level-2]\n',
    );
    assert.deepEqual(good.findings, []);
    assert.equal(good.config?.gateway?.requires?.[0], 'english-level-2');
    const problems = (text: string) => readDiagnostics(parseConfig(`standard: ST0792\n${text}`).findings).map((d) => d.message);
    assert.match(problems('start: 2025-02-30\n')[0], /`start`/);
    assert.match(
      problems('start: 2026-01-01\nend: 2025-12-31\n')[0],
      /Expected `end` \(the planned end of the practical period\) after `start` \(2026-01-01\), found 2025-12-31/,
    );
    assert.match(problems('weekly-hours: -3\n')[0], /`weekly-hours`/);
    assert.match(problems('gateway:\n  review-interval: fortnightly\n')[0], /an interval such as "12 weeks"/);
    assert.match(
      problems('gateway:\n  min-evidence: 2\n')[0],
      /Unexpected field `min-evidence` in `gateway`: expected one of min-evidence-per-ksb, min-months, review-interval, requires/,
    );
  });

  it('Should report a `meets:` that `gateway.requires` does not list', async () => {
    const found = withCode(await diagnosticsOf('---\nksbs: [K1]\nmeets: [english-level-2]\n---\n'), DiagnosticCode.UnknownRequirement);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /found none listed there/);
  });
});

describe('Lifecycle: gateway checklist', () => {
  it('Should list every check in order, with what fails', async () => {
    const index = await portfolioOf({
      'evidence/signed.md': signed(EVIDENCE),
      'evidence/unsigned.md': EVIDENCE,
      'evidence/changed.md': signed(EVIDENCE).replace('I wrote', 'I drafted'),
      'otj/2026-03.md': '---\notj:\n  - {date: 2026-03-02, hours: 20}\n---\n',
    });
    const report = gatewayReport(index, TODAY);
    assert.deepEqual(
      report.checks.map((c) => `${c.id}:${c.ok}`),
      ['coverage:false', 'signoff:false', 'otj:false', 'duration:false', 'reviews:false', 'requirements:true', 'errors:true'],
    );
    const detail = (id: string) => report.checks.find((c) => c.id === id)!.detail;
    assert.match(detail('coverage'), /^2 of \d+ KSBs have a piece of evidence; short: K2 \(0\)/);
    assert.equal(
      detail('signoff'),
      '1 of 3 evidence files signed off by the employer; changed since sign-off: evidence/changed.md; not signed off: evidence/unsigned.md',
    );
    assert.match(detail('otj'), /^20 hours of \d+ hours logged/);
    assert.equal(detail('duration'), '9 of 12 months since start (2025-09-01): gateway from 2026-09-01');
    assert.equal(detail('requirements'), 'none listed in `gateway.requires`');
    assert.equal(report.ready, false);
  });
});

describe('Lifecycle: hostile front matter', () => {
  const yamlValue = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.double({ noNaN: false }),
      fc.integer(),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('2026-03-14', '2026-02-30', 'employer', 'boss', '-1', '25', '000000000000'),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom('by', 'role', 'date', 'digest', 'hours', 'activity', 'x'), tie('value'), { maxKeys: 5 }),
    ),
  })).value;

  it('Should never throw on any shape of type, signoff, otj and meets, and report only known codes', async () => {
    const known = new Set(Object.values(DiagnosticCode) as string[]);
    await fc.assert(
      fc.asyncProperty(yamlValue, yamlValue, yamlValue, yamlValue, async (type, signoff, otj, meets) => {
        const text = `---\n${JSON.stringify({ ksbs: ['K1'], type, signoff, otj, meets })
          .slice(1, -1)
          .replace(/,"/g, '\n"')}\n---\nBody\n`;
        const diagnostics = await diagnosticsOf(text);
        for (const d of diagnostics) assert.ok(known.has(d.code), d.code);
        const result = signoffEdit(text, { by: 'Sam', role: 'tutor', date: TODAY });
        if (result.ok) assert.equal(analyzeText(applyTextEdit(text, result.edit)).frontMatter?.valid, true);
      }),
      { numRuns: 300 },
    );
  });

  it('Should read five thousand hour entries in one file (front matter near its size limit)', () => {
    const entries = Array.from({ length: 5_000 }, (_, i) => `  - {date: 2026-0${1 + (i % 9)}-1${i % 10}, hours: 0.5}`).join('\n');
    const lifecycle = analyzeText(`---\notj:\n${entries}\n---\n`).frontMatter?.lifecycle;
    assert.equal(lifecycle?.otj.length, 5_000);
  });
});

describe('Lifecycle: the fast reading path', () => {
  it('Should read a file as `ksb signoff` leaves it without the YAML parser, exactly as the parser does', () => {
    const text = signed(signed('---\ntitle: T\ndate: 2026-01-10\nksbs: [K1, S3]\ntype: evidence\notj: 3.5\n---\nBody\n'), "O'Brien: Head #1", 'mentor');
    const lines = new LineIndex(text);
    const fast = parseFrontMatter(text, lines, { fastPath: 'only' });
    assert.ok(fast, 'the fast path refused a file as ksb signoff writes it');
    assert.deepEqual(fast, parseFrontMatter(text, lines, { fastPath: 'off' }));
    assert.equal(fast.lifecycle?.signoffs.length, 2);
  });
});

describe('Lifecycle: what review found', () => {
  it('Should append to a list whose first map starts below its dash, and keep a comment after an empty `signoff:`', () => {
    const below = '---\nksbs: [K1]\nsignoff:\n  -\n    by: Bob\n    role: tutor\n    date: 2026-01-01\n    digest: "000000000000"\n---\nBody\n';
    const text = signed(below, 'Ann', 'employer');
    const after = analyzeText(text).frontMatter!;
    assert.equal(after.valid, true, text);
    assert.deepEqual(
      after.lifecycle?.signoffs.map((s) => s.by),
      ['Bob', 'Ann'],
    );
    const commented = signed('---\nksbs: [K1]\nsignoff:  # later\n---\nBody\n', 'Ann', 'employer');
    assert.match(commented, /^signoff: {2}# later\n {2}- by: Ann\n/m);
    assert.equal(analyzeText(commented).frontMatter?.lifecycle?.signoffs.length, 1);
  });

  it('Should refuse to rewrite a flow list holding an item that is not a sign-off, rather than drop it', () => {
    const result = signoffEdit('---\nksbs: [K1]\nsignoff: [junk, {by: Bob, role: tutor, date: 2026-01-01, digest: "000000000000"}]\n---\n', {
      by: 'Ann',
      role: 'employer',
      date: TODAY,
    });
    assert.ok(!result.ok);
    assert.match(result.reason, /fix the `signoff.invalid` problems first/);
  });

  it('Should say a sign-off of a file too large to read whole cannot be verified, and count it as not current', async () => {
    const text = signed(EVIDENCE) + 'x'.repeat(1_100_000);
    const index = await portfolioOf({ 'evidence/doc.md': text });
    const [stale] = withCode(index.diagnosticsFor(DOC), DiagnosticCode.SignoffStale);
    assert.match(stale.message, /cannot be verified/);
    assert.equal(fileSignoffs(index.file(DOC)!).byEmployer, false);
  });

  it('Should not count a review dated after today, and report it', async () => {
    const index = await portfolioOf({
      'reviews/1.md': '---\ntype: progress-review\ndate: 2026-06-01\n---\n',
      'reviews/2.md': '---\ntype: progress-review\ndate: 2027-01-20\n---\n',
    });
    const [future] = withCode(index.diagnosticsFor(`${ROOT}/reviews/2.md`), DiagnosticCode.ReviewIncomplete);
    assert.match(future.message, /dated no later than today \(2026-06-30\), found 2027-01-20/);
    const reviews = gatewayReport(index, TODAY).checks.find((c) => c.id === 'reviews')!;
    assert.match(reviews.detail, /the last on 2026-06-01/);
  });

  it('Should fail the reviews check with no review and no `start` to count from', async () => {
    const fs = new MemoryFileSystem({ [`${ROOT}/portfolio.yaml`]: configFor('production-coordinator'), [DOC]: EVIDENCE });
    const index = new PortfolioIndex(fs, ROOT, { today: () => TODAY });
    await index.load();
    const reviews = gatewayReport(index, TODAY).checks.find((c) => c.id === 'reviews')!;
    assert.equal(reviews.ok, false);
    assert.match(reviews.detail, /no `start` in portfolio.yaml/);
  });

  it('Should refuse far dates and more than 120 months in portfolio.yaml', () => {
    const problems = (text: string) =>
      parseConfig(`standard: ST0792\n${text}`)
        .findings.map((finding) => diagnosticOf(finding).message)
        .join('\n');
    assert.match(problems('start: 0001-01-01\n'), /a date between 1950 and 2100/);
    assert.match(problems('gateway:\n  min-months: 100000\n'), /`gateway.min-months`/);
  });
});
