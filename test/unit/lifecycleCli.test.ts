import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { tinyStandard } from './inlinePortfolio';
import { assertUsageError, ensureCliBuilt, type ProcessRun } from './processHarness';

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const TODAY = '2026-06-30';

let cwd: string;

/** Runs the built CLI in `cwd` with today fixed and a time zone far from UTC, so no date depends on the machine. */
function ksb(args: readonly string[], env: NodeJS.ProcessEnv = {}): ProcessRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', TZ: 'Pacific/Kiritimati', KSB_TODAY: TODAY, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(root: string, files: Record<string, string | Buffer>): string {
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  }
  return root;
}

const EVIDENCE = (codes: string) => `---\ntitle: Evidence of ${codes}\ndate: 2026-01-10\nksbs: [${codes}]\n---\n\nWhat I did.\n`;
const REVIEW = (date: string) => ['---', 'type: progress-review', `date: ${date}`, '---', '', `Review on ${date}.`, ''].join('\n');

/** A portfolio of the tiny standard that meets every gateway check once signed off and reviewed. */
function readyPortfolio(name: string): string {
  return write(path.join(cwd, name), {
    'portfolio.yaml':
      'standard: ST9999\nstart: 2025-05-01\nend: 2026-06-01\nweekly-hours: 37.5\notj-target: 10\nemployer: Northlight\ngateway:\n  requires: [english-level-2]\n',
    'standards/tiny.yaml': tinyStandard(),
    'evidence/a.md': EVIDENCE('K1, K2'),
    'evidence/b.md': EVIDENCE('S1').replace('ksbs: [S1]', 'ksbs: [S1]\nmeets: [english-level-2]\notj: 12'),
    'reviews/1.md': REVIEW('2025-07-20'),
    'reviews/2.md': REVIEW('2025-10-10'),
    'reviews/3.md': REVIEW('2025-12-30'),
    'reviews/4.md': REVIEW('2026-03-20'),
    'reviews/5.md': REVIEW('2026-05-30'),
  });
}

describe('ksb signoff, hours and gateway', function () {
  this.timeout(60_000);

  before(() => {
    ensureCliBuilt(REPO);
    cwd = mkdtempSync(path.join(tmpdir(), 'ksb-lifecycle-'));
  });

  after(() => rmSync(cwd, { recursive: true, force: true }));

  it('Should sign off files, renew a sign-off of the same person, and make ksb check report a later change as stale', () => {
    const root = write(path.join(cwd, 'signing'), {
      'portfolio.yaml': 'standard: ST9999\n',
      'standards/tiny.yaml': tinyStandard(),
      'evidence/a.md': EVIDENCE('K1'),
      'evidence/b.md': EVIDENCE('K2'),
    });
    const signed = ksb(['signoff', 'signing/evidence/a.md', 'signing/evidence/b.md', '--by', 'Priya Shah', '--role', 'employer']);
    assert.equal(signed.status, 0, signed.stderr);
    assert.match(
      signed.stdout,
      /^Signed off signing\/evidence\/a.md as Priya Shah \(employer\) on 2026-06-30, digest v2:[0-9a-f]{12}\nSigned off signing\/evidence\/b.md/,
    );
    const text = readFileSync(path.join(root, 'evidence/a.md'), 'utf8');
    assert.match(
      text,
      /ksbs: \[K1\]\nsignoff:\n {2}- by: Priya Shah\n {4}role: employer\n {4}date: 2026-06-30\n {4}digest: "v2:[0-9a-f]{12}"\n---\n\nWhat I did.\n$/,
    );
    assert.equal(ksb(['check', 'signing']).status, 0);

    writeFileSync(path.join(root, 'evidence/a.md'), text.replace('What I did.', 'What I did, and more.'));
    const check = ksb(['check', 'signing']);
    assert.equal(check.status, 0, 'a stale sign-off is a warning');
    assert.match(
      check.stdout,
      /evidence\/a.md:\d+:\d+ warning signoff.stale Expected the claims, text, date, hours, requirements, type and linked files that Priya Shah \(employer\) signed off on 2026-06-30, found them changed since/,
    );

    const again = ksb(['signoff', 'signing/evidence/a.md', '--by', 'priya shah', '--role', 'Employer'], { KSB_TODAY: '2026-07-01' });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /^Signed off again signing\/evidence\/a.md/);
    assert.equal((readFileSync(path.join(root, 'evidence/a.md'), 'utf8').match(/- by:/g) ?? []).length, 1);
    assert.doesNotMatch(ksb(['check', 'signing'], { KSB_TODAY: '2026-07-01' }).stdout, /signoff\./);
  });

  it('Should never embed an image reached through a symbolic link in the report', () => {
    const outside = write(path.join(cwd, 'outside'), { 'secret.png': 'TOP SECRET OUTSIDE' });
    const root = write(path.join(cwd, 'linked'), {
      'portfolio.yaml': 'standard: ST9999\n',
      'standards/tiny.yaml': tinyStandard(),
      'evidence/a.md': EVIDENCE('K1').replace('What I did.', '![shot](shot.png) ![deep](pics/deep.png)'),
    });
    symlinkSync(path.join(outside, 'secret.png'), path.join(root, 'evidence/shot.png'));
    symlinkSync(outside, path.join(root, 'evidence/pics'));
    writeFileSync(path.join(outside, 'deep.png'), 'ALSO SECRET');
    const result = ksb(['report', 'linked']);
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stdout, /data:image\/png;base64/);
    assert.ok(!result.stdout.includes(Buffer.from('TOP SECRET OUTSIDE').toString('base64')));
  });

  it('Should keep a byte order mark and CRLF line endings when signing off', () => {
    const root = write(path.join(cwd, 'bom'), {
      'portfolio.yaml': 'standard: ST9999\n',
      'a.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EVIDENCE('K1').replace(/\n/g, '\r\n'))]),
    });
    assert.equal(ksb(['signoff', 'bom/a.md', '--by', 'Sam', '--role', 'mentor']).status, 0);
    const bytes = readFileSync(path.join(root, 'a.md'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(!/[^\r]\n/.test(bytes.toString('utf8')));
  });

  it('Should keep CR line endings when signing off, and count the sign-off current after the file is converted to LF', () => {
    const root = write(path.join(cwd, 'cr'), {
      'portfolio.yaml': 'standard: ST9999\n',
      'standards/tiny.yaml': tinyStandard(),
      'evidence/a.md': EVIDENCE('K1').replace(/\n/g, '\r'),
    });
    const signed = ksb(['signoff', 'cr/evidence/a.md', '--by', 'Sam', '--role', 'mentor']);
    assert.equal(signed.status, 0, signed.stderr);
    const text = readFileSync(path.join(root, 'evidence/a.md'), 'utf8');
    assert.ok(!text.includes('\n'), `a line feed was added: ${JSON.stringify(text)}`);
    assert.match(text, /\rsignoff:\r {2}- by: Sam\r {4}role: mentor\r/);
    writeFileSync(path.join(root, 'evidence/a.md'), text.replace(/\r/g, '\n'));
    const check = ksb(['check', 'cr']);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.doesNotMatch(check.stdout, /signoff\./);
  });

  it('Should refuse what it cannot sign in one line, writing none of the files', () => {
    const root = write(path.join(cwd, 'refusals'), {
      'portfolio.yaml': 'standard: ST9999\n',
      'good.md': EVIDENCE('K1'),
      'plain.md': 'No front matter\n',
      'bin.md': Buffer.from([0, 1, 2, 0xff, 0xfe]),
    });
    symlinkSync(path.join(root, 'good.md'), path.join(root, 'link.md'));
    const before = readFileSync(path.join(root, 'good.md'), 'utf8');
    const cases: Array<[string[], RegExp]> = [
      [['signoff', 'refusals/good.md', '--role', 'employer'], /signoff needs --by NAME/],
      [['signoff', 'refusals/good.md', '--by', 'Sam'], /signoff needs --role: one of apprentice, employer, mentor, tutor/],
      [['signoff', 'refusals/good.md', '--by', 'Sam', '--role', 'boss'], /unknown --role boss/],
      [['signoff', '--by', 'Sam', '--role', 'tutor'], /signoff needs the evidence files/],
      [['signoff', 'refusals/good.md', 'refusals/plain.md', '--by', 'Sam', '--role', 'tutor'], /cannot sign off refusals\/plain.md: Expected front matter/],
      [['signoff', 'refusals/link.md', '--by', 'Sam', '--role', 'tutor'], /symbolic link/],
      [['signoff', 'refusals', '--by', 'Sam', '--role', 'tutor'], /expected a Markdown file, found a folder/],
      [['signoff', 'refusals/bin.md', '--by', 'Sam', '--role', 'tutor'], /cannot sign off refusals\/bin.md/],
      [['signoff', 'refusals/none.md', '--by', 'Sam', '--role', 'tutor'], /no such file: refusals\/none.md/],
      [['signoff', 'refusals/good.md', '--by', 'Sam', '--role', 'tutor', '--format', 'json'], /signoff takes no --format/],
    ];
    for (const [args, message] of cases) assertUsageError(ksb(args), message);
    assert.equal(readFileSync(path.join(root, 'good.md'), 'utf8'), before, 'nothing written when any file is refused');
    assertUsageError(
      ksb(['hours', 'refusals'], { KSB_TODAY: '30/06/2026' }),
      /KSB_TODAY must be a date such as 2026-03-14 \(1950 to 2100\), found 30\/06\/2026/,
    );
  });

  it('Should total the hours against the target, pro rata and by month, as text and JSON', () => {
    write(path.join(cwd, 'hours'), {
      'portfolio.yaml': 'standard: ST9999\nstart: 2026-01-05\nend: 2026-12-28\nweekly-hours: 37.5\n',
      'standards/tiny.yaml': tinyStandard(),
      'evidence/a.md': EVIDENCE('K1').replace('ksbs: [K1]', 'ksbs: [K1]\notj: 3.5'),
      'otj/2026-03.md':
        '---\notj:\n  - {date: 2026-03-02, hours: 7, activity: Course day}\n  - {date: 2026-03-09, hours: 6}\n  - {date: 2026-07-09, hours: 6}\n---\n',
    });
    const json = ksb(['hours', 'hours', '--format', 'json']);
    assert.equal(json.status, 0, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.deepEqual(Object.keys(report), [
      'today',
      'total',
      'target',
      'targetFrom',
      'targetRule',
      'expectedByToday',
      'onTrack',
      'entries',
      'excluded',
      'perMonth',
    ]);
    assert.equal(report.total, 16.5);
    assert.equal(report.entries, 3);
    assert.equal(report.excluded, 1);
    assert.equal(report.targetFrom, 'funding-rules');
    assert.ok(report.target > 250 && report.target < 320, String(report.target));
    assert.equal(report.onTrack, false);
    assert.deepEqual(
      report.perMonth.map((m: { month: string }) => m.month),
      ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'],
    );
    const text = ksb(['hours', 'hours']);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /^Off-the-job hours: 16.5 hours of \d+ hours \(\d+%\)\nTarget: 6 hours a week/);
    assert.match(text.stdout, /Expected by today \(2026-06-30\), pro rata: [\d.]+ hours: behind by [\d.]+ hours/);
    assert.match(text.stdout, / {2}2026-03 {6}13 {2}#+\n/);
    assert.match(text.stdout, /1 entry is not counted/);
  });

  it('Should give the gateway checklist as exactly {ready, checks: [{id, ok, detail}]}, exiting 1 until ready and 0 then', () => {
    const root = readyPortfolio('gateway');
    const before = ksb(['gateway', 'gateway', '--format', 'json']);
    assert.equal(before.status, 1, before.stderr);
    const report = JSON.parse(before.stdout);
    assert.deepEqual(Object.keys(report), ['ready', 'checks']);
    assert.deepEqual(
      report.checks.map((check: Record<string, unknown>) => Object.keys(check).join(',')),
      Array(7).fill('id,ok,detail'),
    );
    assert.deepEqual(
      report.checks.map((check: { id: string; ok: boolean }) => `${check.id}:${check.ok}`),
      ['coverage:true', 'signoff:false', 'otj:true', 'duration:true', 'reviews:false', 'requirements:true', 'errors:true'],
    );

    assert.equal(ksb(['signoff', 'gateway/evidence/a.md', 'gateway/evidence/b.md', '--by', 'Priya', '--role', 'employer']).status, 0);
    for (let i = 1; i <= 5; i++) {
      for (const [by, role] of [
        ['Jess', 'apprentice'],
        ['Priya', 'employer'],
        ['Tom', 'tutor'],
      ]) {
        assert.equal(ksb(['signoff', `gateway/reviews/${i}.md`, '--by', by, '--role', role]).status, 0);
      }
    }
    const after = ksb(['gateway', 'gateway']);
    assert.equal(after.status, 0, after.stdout);
    assert.match(
      after.stdout,
      /^Gateway readiness of The portfolio \(ST9999 v1.0\) on 2026-06-30: READY\n\n {2}PASS {2}coverage {6}every one of the 3 KSBs has evidence\n/,
    );
    assert.match(after.stdout, /PASS {2}requirements {2}english-level-2 \(evidence\/b.md\)/);
    assert.match(after.stdout, /\nEvery check passes.\n$/);
    assert.ok(existsSync(path.join(root, 'portfolio.yaml')));
  });

  it("Should give the sample portfolio's checklist on 2026-12-01: only the duration passes", () => {
    const result = ksb(['gateway', path.join(REPO, 'examples', 'sample-portfolio'), '--format', 'json'], { KSB_TODAY: '2026-12-01' });
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      ready: false,
      checks: [
        {
          id: 'coverage',
          ok: false,
          detail: '33 of 47 KSBs have a piece of evidence; short: K2 (0), K3 (0), K5 (0), K14 (0), K16 (0), K22 (0), K23 (0), S7 (0) and 6 more',
        },
        {
          id: 'signoff',
          ok: false,
          detail:
            '6 of 11 evidence files signed off by the employer; changed since sign-off: evidence/tidelines/02-archive-and-music-clearances.md; not signed off: evidence/reflective-log/2026-06-end-of-quarter-reflection.md, evidence/saturday-splash/01-child-performance-licences.md, evidence/saturday-splash/02-studio-schedule-changes.md, evidence/saturday-splash/03-kit-check-in-and-loss-report.md',
        },
        {
          id: 'otj',
          ok: false,
          detail: "174 hours of 415 hours logged (241 hours to go; the target is the funding rules' default for the planned period: ksb hours shows how)",
        },
        { id: 'duration', ok: true, detail: '15 of 12 months since start (2025-09-01)' },
        {
          id: 'reviews',
          ok: false,
          detail: '2 progress reviews (every 12 weeks), the last on 2026-02-09, the next was due by 2026-05-04; 1 overdue (review.overdue)',
        },
        { id: 'requirements', ok: false, detail: 'not met: maths-level-2 (a file meets one with `meets: [maths-level-2]`)' },
        { id: 'errors', ok: false, detail: '3 errors in 3 files (ksb check lists them)' },
      ],
    });
  });

  it("Should put the sample's people, sign-offs, hours and gateway checklist in the assessor's report", () => {
    const result = ksb(['report', path.join(REPO, 'examples', 'sample-portfolio')], { KSB_TODAY: '2026-12-01' });
    assert.equal(result.status, 0, result.stderr);
    const html = result.stdout;
    assert.match(html, /<dt>Employer<\/dt><dd>Northlight Pictures<\/dd>/);
    assert.match(html, /<dt>Training provider<\/dt><dd>West of England Screen Academy<\/dd>/);
    assert.match(html, /<strong>Off-the-job training:<\/strong> 174 of 415 hours logged \(348.5 expected by 2026-12-01, pro rata\)/);
    assert.equal((html.match(/Changed since signed/g) ?? []).length, 1);
    assert.equal((html.match(/✓ Signed/g) ?? []).length, 6);
    const gateway = html.slice(html.indexOf('id="gateway"'), html.indexOf('id="problems"'));
    assert.match(gateway, /Not ready for gateway/);
    for (const id of ['coverage', 'signoff', 'otj', 'reviews', 'requirements', 'errors'])
      assert.match(gateway, new RegExp(`Not met</strong> <code>${id}</code>`), id);
    assert.match(gateway, /✓ Met<\/strong> <code>duration<\/code>: 15 of 12 months since start \(2025-09-01\)/);
  });

  it('Should exit 2 when the gateway cannot run, and refuse formats it does not write', () => {
    assertUsageError(ksb(['gateway', 'nowhere']), /no such directory: nowhere/);
    write(path.join(cwd, 'badstart'), { 'portfolio.yaml': 'standard: ST0792\noption: production-coordinator\nstart: 2026-02-30\n' });
    for (const command of ['gateway', 'hours']) assertUsageError(ksb([command, 'badstart']), /portfolio.yaml is not usable: .*`start`/);
    assertUsageError(ksb(['gateway', 'badstart'], { KSB_TODAY: '9999-12-31' }), /KSB_TODAY must be a date such as 2026-03-14 \(1950 to 2100\)/);
    assertUsageError(ksb(['hours', '.', '--format', 'sarif']), /unknown --format sarif: expected text or json/);
    assertUsageError(ksb(['gateway', 'a', 'b']), /gateway takes one folder, found 2/);
  });
});
