import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ensureCliBuilt, type ProcessRun } from './processHarness';

// The method scoping of `assessment:` through the built CLI, on test/fixtures/assessment: the
// discussion method assesses 16 of the post production option's 46 KSBs, and the three evidence
// files cover 10 of them (and K6, which the presentation assesses).
const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'assessment');
const METHOD = 'Professional discussion underpinned by a portfolio of evidence';

function ksb(...args: string[]): ProcessRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KSB_TODAY: '2026-12-05' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ksb with assessment methods', () => {
  before(() => ensureCliBuilt(REPO));

  it('Should count only the method’s KSBs in ksb coverage, naming those other methods assess', () => {
    const result = ksb('coverage', FIXTURE);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Covered 10\/16 KSBs \(62%\): knowledge 5\/9, skills 3\/3, behaviours 2\/4; 6 without evidence\.$/m);
    assert.match(result.stdout, new RegExp(`^Counted for ${METHOD}; 30 KSBs are assessed by other methods and not counted: K6, K7, K8,`, 'm'));
    assert.doesNotMatch(result.stdout, /^ {2}K6 /m, 'K6 is not listed among the counted KSBs');
  });

  it('Should give the method, the other methods’ KSBs and the words per piece and in all in ksb coverage --format json', () => {
    const result = ksb('coverage', FIXTURE, '--format', 'json');
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout) as {
      assessment: unknown;
      ksbs: { code: string }[];
      otherMethods: { code: string; assessedBy: unknown; evidence: string[] }[];
      evidence: unknown;
      words: number;
      summary: unknown;
    };
    assert.deepEqual(json.assessment, { method: 'discussion', title: METHOD });
    assert.equal(json.ksbs.length, 16);
    assert.deepEqual(json.summary, { total: 16, covered: 10 });
    assert.deepEqual(
      json.otherMethods.find((k) => k.code === 'K6'),
      {
        code: 'K6',
        kind: 'knowledge',
        assessedBy: [{ method: 'presentation', title: 'Presentation with questions' }],
        evidence: ['evidence/review/colour-review.md'],
      },
    );
    assert.deepEqual(json.evidence, [
      { path: 'evidence/conform.md', title: 'Conform and online booking for episode 1', words: 20 },
      { path: 'evidence/review/colour-review.md', title: 'Colour review notes', words: 18 },
      { path: 'evidence/schedule.md', title: 'Delivery schedule for the series', words: 21 },
    ]);
    assert.equal(json.words, 59);
  });

  it('Should count the method’s KSBs in ksb summary and name the method', () => {
    const result = ksb('summary', FIXTURE);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /\*\*10 of 16 KSBs covered \(62%\)\*\*, 6 without evidence\./);
    assert.match(result.stdout, new RegExp(`\\*\\*Method:\\*\\* ${METHOD} \\(30 KSBs assessed by other methods not counted\\)`));
  });

  it('Should check coverage, pieces of evidence and words for the method at the gateway', () => {
    const result = ksb('gateway', FIXTURE, '--format', 'json');
    const checks = (JSON.parse(result.stdout) as { checks: { id: string; ok: boolean; detail: string }[] }).checks;
    const byId = new Map(checks.map((check) => [check.id, check]));
    assert.match(byId.get('coverage')!.detail, /^10 of 16 KSBs have a piece of evidence; short: K4 \(0\), K5 \(0\), K25 \(0\), K26 \(0\), B3 \(0\), B4 \(0\)$/);
    assert.deepEqual(byId.get('evidence'), { id: 'evidence', ok: true, detail: `3 pieces of evidence, 3 to 20 asked for ${METHOD}` });
    assert.deepEqual(byId.get('words'), { id: 'words', ok: true, detail: `59 words of evidence, at most 15000 asked for ${METHOD}` });
  });

  it('Should count the method’s KSBs in the matrix', () => {
    const result = ksb('report', FIXTURE, '--format', 'csv');
    assert.equal(result.status, 0, result.stderr);
    const header = result.stdout.replace(/^\uFEFF/, '').split('\r\n')[0];
    assert.equal(header, 'Title,Date,Path,K1,K2,K3,K4,K5,K9,K24,K25,K26,S1,S3,S21,B1,B2,B3,B4');
  });
});
