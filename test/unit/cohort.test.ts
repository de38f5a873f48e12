import assert from 'node:assert/strict';
import { cohortRow, errorRow, readCohortArtifact, renderCohortCsv, type CohortRow } from '../../src/core';
import { RAG_RULE, ragOf, withRag } from '../../src/core/cohort/cohortRow';
import { configFor, loadPortfolio } from './inlinePortfolio';

const TODAY = '2026-06-30';

const EVIDENCE = (codes: string, extra = '') => `---\ntitle: Evidence of ${codes}\ndate: 2026-01-10\nksbs: [${codes}]\n${extra}---\n\nWhat I did.\n`;

/** A row whose figures are all known and unremarkable: green. */
function greenRow(): Omit<CohortRow, 'rag' | 'ragReasons'> {
  return {
    ...errorRow('a', ''),
    error: null,
    apprentice: 'Sam',
    errors: 0,
    warnings: 3,
    hours: { logged: 100, target: 400, expected: 100 },
    ready: false,
    failing: ['coverage'],
    gatewayDue: '2027-06-30',
  };
}

describe('The cohort row', () => {
  it('Should count coverage, problems, evidence, sign-offs, hours and gateway from the same functions as the single-portfolio commands', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': configFor('production-coordinator', 'apprentice: Sam Jones\nstart: 2025-07-01\nend: 2026-09-30\notj-target: 300\n'),
      'evidence/a.md': EVIDENCE('K1, K2', 'otj: 12\n'),
      'evidence/b.md': EVIDENCE('K3, K99').replace('2026-01-10', '2026-03-02'),
    });
    const row = cohortRow(index, { path: 'clones/sam', today: TODAY });
    const coverage = index.coverage()!;
    assert.equal(row.path, 'clones/sam');
    assert.equal(row.apprentice, 'Sam Jones');
    assert.deepEqual([row.standard, row.version, row.option], ['ST0792', '1.2', 'production-coordinator']);
    assert.deepEqual([row.covered, row.total], [3, coverage.summary.total]);
    assert.deepEqual(row.byKind, coverage.byKind);
    assert.equal(row.evidence, 2);
    assert.ok(row.errors! >= 1, 'K99 is not a code of ST0792: an error');
    assert.equal(row.lastEvidence, '2026-03-02');
    assert.equal(row.lastEvidenceFrom, 'front-matter');
    assert.equal(row.hours?.logged, 12);
    assert.equal(row.hours?.target, 300);
    assert.deepEqual(row.signoffs, { signed: 0, stale: 0, unsigned: 2, unverified: null });
    assert.equal(row.ready, false);
    assert.ok(row.failing.includes('signoff'));
    assert.equal(row.gatewayDue, '2026-09-30');
    assert.equal(row.rag, 'red');
    assert.equal(row.error, null);
  });

  it("Should count the KSBs of the portfolio's assessment method where assessment: names one, and leave drafts out", async () => {
    const assessment = 'assessment:\n  method: discussion\n  methods:\n    discussion:\n      title: Professional discussion\n      ksbs: [K1-K5, S1]\n';
    const { index } = await loadPortfolio({
      'portfolio.yaml': configFor('production-coordinator', assessment),
      'evidence/a.md': EVIDENCE('K1, K9'),
      'evidence/draft.md': EVIDENCE('K2, S1', 'draft: true\n').replace('2026-01-10', '2026-04-01'),
    });
    const row = cohortRow(index, { path: '.', today: TODAY });
    assert.equal(row.assessment, 'Professional discussion');
    // K9 is assessed by another method, and the draft counts for nothing until undrafted.
    assert.deepEqual([row.covered, row.total], [1, 6]);
    assert.equal(row.evidence, 1);
    assert.equal(row.lastEvidence, '2026-01-10');
    assert.equal(row.signoffs?.unsigned, 1);
  });

  it('Should prefer the day of the last commit touching evidence when the host gives one', async () => {
    const { index } = await loadPortfolio({ 'portfolio.yaml': configFor('production-coordinator'), 'evidence/a.md': EVIDENCE('K1') });
    const row = cohortRow(index, { path: '.', today: TODAY, lastCommitDay: '2026-05-01' });
    assert.deepEqual([row.lastEvidence, row.lastEvidenceFrom], ['2026-05-01', 'git']);
  });

  it('Should make a portfolio.yaml with errors a red row with its error, not counts of the wrong KSBs', async () => {
    const { index } = await loadPortfolio({ 'portfolio.yaml': 'standard: ST0792\noption: no-such-option\n', 'evidence/a.md': EVIDENCE('K1') });
    const row = cohortRow(index, { path: 'x', today: TODAY });
    assert.match(row.error ?? '', /^portfolio\.yaml is not usable: \d+:\d+ /);
    assert.equal(row.covered, null);
    assert.deepEqual([row.rag, row.ragReasons], ['red', ['cannot be read']]);
  });
});

describe('The RAG rule', () => {
  it('Should be green with no errors, hours on track and the gateway far off', () => {
    assert.deepEqual(ragOf(greenRow(), TODAY), { rag: 'green', reasons: [] });
  });

  it('Should be red with an error', () => {
    assert.deepEqual(ragOf({ ...greenRow(), errors: 2 }, TODAY), { rag: 'red', reasons: ['2 errors'] });
  });

  it('Should be red with hours more than 10% behind, and not at exactly 10%', () => {
    const behind = (logged: number) => ragOf({ ...greenRow(), hours: { logged, target: 400, expected: 100 } }, TODAY);
    assert.equal(RAG_RULE.hoursBehindRed, 0.1);
    assert.deepEqual(behind(89), { rag: 'red', reasons: ['hours 11% behind'] });
    assert.equal(behind(90).rag, 'green');
  });

  it('Should be amber when the gateway is not ready and due within 3 months, or overdue', () => {
    assert.deepEqual(ragOf({ ...greenRow(), gatewayDue: '2026-09-30' }, TODAY), { rag: 'amber', reasons: ['gateway due 2026-09-30, failing coverage'] });
    assert.deepEqual(ragOf({ ...greenRow(), gatewayDue: '2026-01-01' }, TODAY).reasons, ['gateway was due 2026-01-01, failing coverage']);
    assert.equal(ragOf({ ...greenRow(), gatewayDue: '2026-10-01' }, TODAY).rag, 'green');
    assert.equal(ragOf({ ...greenRow(), gatewayDue: '2026-09-30', ready: true, failing: [] }, TODAY).rag, 'green');
  });

  it('Should let red win over amber', () => {
    assert.equal(ragOf({ ...greenRow(), errors: 1, gatewayDue: '2026-07-01' }, TODAY).rag, 'red');
  });
});

describe('Reading cohort artifacts', () => {
  it('Should read a coverage artifact with its cohort row as one row named after the artifact, the RAG worked out again', () => {
    const row = withRag({ ...greenRow(), path: '.', rag: 'green' } as unknown as Omit<CohortRow, 'rag' | 'ragReasons'>, TODAY);
    const text = JSON.stringify({
      standard: 'ST0792',
      version: '1.2',
      option: null,
      ksbs: [],
      summary: { covered: 0, total: 0 },
      cohort: { ...row, errors: 4 },
    });
    const { rows, problems } = readCohortArtifact('artifacts/sam.json', text, TODAY);
    assert.deepEqual(problems, []);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].path, 'artifacts/sam.json');
    assert.deepEqual([rows[0].rag, rows[0].ragReasons], ['red', ['4 errors']]);
  });

  it('Should read an older coverage artifact without a row as its coverage alone', () => {
    const text = JSON.stringify({
      standard: 'ST0792',
      version: '1.2',
      option: 'production-coordinator',
      ksbs: [
        { code: 'K1', kind: 'knowledge', text: 'x', covered: true, evidence: ['a.md'] },
        { code: 'S1', kind: 'skill', text: 'y', covered: false, evidence: [] },
      ],
      summary: { covered: 1, total: 2 },
    });
    const [row] = readCohortArtifact('old.json', text, TODAY).rows;
    assert.deepEqual(
      [row.covered, row.total, row.byKind?.knowledge, row.byKind?.skill, row.errors, row.error],
      [1, 2, { covered: 1, total: 1 }, { covered: 0, total: 1 }, null, null],
    );
    assert.equal(row.rag, 'green');
  });

  it('Should read a cohort output back with its rows and problems', () => {
    const rows = [withRag(greenRow(), TODAY), errorRow('b', 'portfolio.yaml is not a file')];
    const text = JSON.stringify({ today: TODAY, portfolios: rows, problems: [{ path: 'c', problem: 'not a portfolio' }] });
    const read = readCohortArtifact('all.json', text, TODAY);
    assert.deepEqual(read.rows, rows);
    assert.deepEqual(read.problems, [{ path: 'c', problem: 'not a portfolio' }]);
  });

  for (const [name, text] of [
    ['not JSON', '{"portfolios": ['],
    ['JSON of another shape', '{"diagnostics": []}'],
    ['a row with a wrong type', JSON.stringify({ portfolios: [{ ...errorRow('a', 'x'), errors: 'many' }] })],
    ['null', 'null'],
  ] as const) {
    it(`Should make ${name} a problem naming the artifact, never a throw`, () => {
      const read = readCohortArtifact('bad.json', text, TODAY);
      assert.deepEqual(read.rows, []);
      assert.equal(read.problems.length, 1);
      assert.equal(read.problems[0].path, 'bad.json');
    });
  }
});

describe('The cohort as CSV', () => {
  it('Should write a heading row and a formula-safe row per portfolio', () => {
    const csv = renderCohortCsv([withRag({ ...greenRow(), apprentice: '=HYPERLINK("http://x")' }, TODAY)]);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^rag,path,apprentice,standard,/);
    assert.match(lines[1], /^green,a,"'=HYPERLINK\(""http:\/\/x""\)",/);
  });
});
