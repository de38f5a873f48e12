import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { tinyStandard } from './inlinePortfolio';
import { ensureCliBuilt, type ProcessRun } from './processHarness';

// Issue 23: real portfolios as apprentices write them, read through the CLI.

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const TODAY = '2026-06-30';

let cwd: string;

function ksb(args: readonly string[]): ProcessRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', TZ: 'Pacific/Kiritimati', KSB_TODAY: TODAY },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes a portfolio of the tiny standard (K1, K2, S1) under `name`, with `files` beside its config. */
function portfolio(name: string, files: Record<string, string>, config = 'standard: ST9999\n'): string {
  const root = path.join(cwd, name);
  const all = { 'portfolio.yaml': config, 'standards/tiny.yaml': tinyStandard(), ...files };
  for (const [relative, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  }
  return root;
}

function checkJson(name: string): Array<{ file: string; code: string; message: string; line: number }> {
  const run = ksb(['check', name, '--format', 'json']);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return (JSON.parse(run.stdout) as { diagnostics: Array<{ file: string; code: string; message: string; line: number }> }).diagnostics;
}

describe('Forgiving reading of real portfolios (issue 23)', function () {
  this.timeout(60_000);

  before(() => {
    ensureCliBuilt(REPO);
    cwd = mkdtempSync(path.join(tmpdir(), 'ksb-forgive-'));
  });

  after(() => rmSync(cwd, { recursive: true, force: true }));

  describe('Hours as people log them', () => {
    it('Should read durations as "2h 30m", "2:30" and "90m", and spread a period over its months in ksb hours', () => {
      portfolio(
        'durations',
        {
          'otj/log.md': [
            '---',
            'otj:',
            '  - {date: 2026-01-12, hours: "2h 30m", activity: Course}',
            '  - {date: 2026-01-13, hours: "2:30"}',
            '  - {date: 2026-02-02, hours: 90m}',
            '  - {from: 2026-03-01, to: 2026-04-30, hours: 61, activity: Weekly study block}',
            '---',
            '',
          ].join('\n'),
        },
        'standard: ST9999\nstart: 2026-01-05\nend: 2026-12-28\n',
      );
      const run = ksb(['hours', 'durations', '--format', 'json']);
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { total: number; entries: number; excluded: number; perMonth: Array<{ month: string; hours: number }> };
      assert.equal(report.total, 2.5 + 2.5 + 1.5 + 61);
      assert.equal(report.entries, 4);
      assert.equal(report.excluded, 0);
      const byMonth = Object.fromEntries(report.perMonth.map(({ month, hours }) => [month, hours]));
      assert.equal(byMonth['2026-01'], 5);
      assert.equal(byMonth['2026-02'], 1.5);
      // 61 hours over 61 days: 31 in March, 30 in April.
      assert.equal(byMonth['2026-03'], 31);
      assert.equal(byMonth['2026-04'], 30);
      assert.deepEqual(
        checkJson('durations').filter((d) => d.code.startsWith('otj.') || d.code.startsWith('frontmatter.')),
        [],
      );
    });

    it('Should ask whether a total over 24 hours on one date is a period, and hold a period to 24 hours a day', () => {
      portfolio('periods', {
        'otj/log.md': [
          '---',
          'otj:',
          '  - {date: 2026-01-12, hours: 54, activity: Term one}',
          '  - {from: 2026-02-02, to: 2026-02-03, hours: 49}',
          '  - {from: 2026-02-10, to: 2026-02-01, hours: 3}',
          '  - {from: 2026-02-10, hours: 3}',
          '  - {date: 2026-02-10, from: 2026-02-10, to: 2026-02-11, hours: 3}',
          '  - {date: 2026-02-12, hours: three hours}',
          '---',
          '',
        ].join('\n'),
      });
      const messages = checkJson('periods')
        .filter((d) => d.code === 'otj.invalid')
        .map((d) => d.message);
      assert.deepEqual(messages, [
        'Expected the hours of off-the-job entry 1 to be at most 24 hours (one day), found 54: is this a period? write `from:` and `to:` days instead of one date',
        'Expected the hours of off-the-job entry 2 to be at most 48 hours (24 a day over its 2 days), found 49',
        'Expected the period of off-the-job entry 3 to end on or after it starts (2026-02-10), found `to: 2026-02-01`',
        'Expected off-the-job entry 4 to have both `from` and `to` for a period, found only `from`',
        'Expected off-the-job entry 5 to have either `date` (one day) or `from` and `to` (a period), found both',
        'Expected the hours of off-the-job entry 6 to be a number of hours such as 3.5, "2:30", "2h 30m" or "90m", found `three hours`',
      ]);
    });

    it('Should not count a period that runs past today', () => {
      portfolio('future-period', { 'otj/log.md': '---\notj:\n  - {from: 2026-06-01, to: 2026-07-31, hours: 20}\n---\n' });
      const found = checkJson('future-period').filter((d) => d.code === 'otj.invalid');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /^Expected a period of off-the-job hours that has ended by .*, found one to 2026-07-31: log the days so far$/);
      const run = ksb(['hours', 'future-period', '--format', 'json']);
      assert.equal(JSON.parse(run.stdout).total, 0);
    });
  });

  describe('Mistakes get a message, never silence', () => {
    it('Should name a mistyped claims key as typed, for each common form, and not also say the file claims nothing', () => {
      const keys = ['KSBs', 'KSB', 'ksb', 'Ksbs', 'codes', 'claims'];
      portfolio('mistyped', Object.fromEntries(keys.map((key) => [`evidence/${key}.md`, `---\ntitle: Work\ndate: 2026-01-10\n${key}: [K1]\n---\n\nBody.\n`])));
      const found = checkJson('mistyped').filter((d) => d.file.startsWith('evidence/'));
      assert.deepEqual(
        found.map((d) => [d.file, d.code, d.line, d.message]).sort(),
        keys
          .map((key) => [
            `evidence/${key}.md`,
            'frontmatter.mistyped-ksbs',
            4,
            `Expected the claims under \`ksbs:\`, found \`${key}:\`: keys are case-sensitive and its codes are not read until it is renamed to \`ksbs\``,
          ])
          .sort(),
      );
      // With `ksbs:` there as well, the other key is the user's own field.
      portfolio('mistyped-both', { 'evidence/a.md': '---\ntitle: Work\ndate: 2026-01-10\nksbs: [K1]\ncodes: [x]\n---\n\nBody.\n' });
      assert.deepEqual(
        checkJson('mistyped-both').filter((d) => d.file.startsWith('evidence/')),
        [],
      );
    });

    it('Should suggest the code a letter typed for a digit reads as (S1O, Kl2), with its fix', () => {
      portfolio('lookalikes', { 'evidence/a.md': '---\ntitle: Work\ndate: 2026-01-10\nksbs: [Kl, Sl, KO2]\n---\n\nBody.\n' });
      const found = checkJson('lookalikes').filter((d) => d.code === 'ksb.unknown-code');
      assert.deepEqual(
        found.map((d) => d.message),
        [
          'Unexpected code `Kl`: did you mean K1? (a letter typed for a digit)',
          'Unexpected code `Sl`: did you mean S1? (a letter typed for a digit)',
          'Unexpected code `KO2`: did you mean K2? (a letter typed for a digit)',
        ],
      );
    });

    it('Should read ksbs items written as {code, why} as claims with justifications in ksb coverage', () => {
      portfolio('claim-items', {
        'evidence/a.md':
          '---\ntitle: Release\ndate: 2026-01-10\nksbs:\n  - code: K1\n    why: Planned the release\n  - {ksb: S1, justification: Ran it}\n  - K2: Explained it\n---\n\nBody.\n',
      });
      assert.deepEqual(
        checkJson('claim-items').filter((d) => d.code.startsWith('frontmatter.') || d.code.startsWith('evidence.') || d.code.startsWith('ksb.')),
        [],
      );
      const run = ksb(['coverage', 'claim-items', '--format', 'json']);
      assert.equal(run.status, 0, run.stderr);
      const coverage = JSON.parse(run.stdout) as { summary: { total: number; covered: number } };
      assert.deepEqual(coverage.summary, { total: 3, covered: 3 });
      const report = ksb(['report', 'claim-items', '--output', 'claim-items/report.html']);
      assert.equal(report.status, 0, report.stderr);
      const html = readFileSync(path.join(cwd, 'claim-items/report.html'), 'utf8');
      assert.match(html, /Planned the release/);
      assert.match(html, /Ran it/);
    });

    it('Should show the accepted forms of a ksbs item it cannot read, without also calling the list empty', () => {
      portfolio('claim-items-bad', { 'evidence/a.md': '---\ntitle: Release\ndate: 2026-01-10\nksbs:\n  - {name: K1}\n---\n\nBody.\n' });
      const found = checkJson('claim-items-bad').filter((d) => d.file === 'evidence/a.md');
      assert.deepEqual(
        found.map((d) => [d.code, d.message]),
        [
          [
            'frontmatter.invalid-field',
            'Expected item 1 of `ksbs` to be a code such as K1, `{code: K1, why: ...}` or `K1: why ...`, found a map with keys `name`',
          ],
        ],
      );
    });
  });

  describe('draft: true', () => {
    it('Should count a draft for nothing until undrafted, and list it in coverage, gateway, summary and report', () => {
      const root = portfolio('drafts', {
        'evidence/done.md': '---\ntitle: Done\ndate: 2026-01-10\nksbs: [K1]\n---\n\nBody.\n',
        'evidence/wip.md': '---\ntitle: Work in progress\ndate: 2026-01-10\ndraft: true\nksbs: [K2, S1]\n---\n\nBody.\n',
      });
      const json = JSON.parse(ksb(['coverage', 'drafts', '--format', 'json']).stdout) as { summary: { covered: number }; drafts: string[] };
      assert.equal(json.summary.covered, 1);
      assert.deepEqual(json.drafts, ['evidence/wip.md']);
      assert.match(ksb(['coverage', 'drafts']).stdout, /Drafts, not counted until undrafted \(`draft: true`\): evidence\/wip.md/);
      const gateway = JSON.parse(ksb(['gateway', 'drafts', '--format', 'json']).stdout) as { checks: Array<{ id: string; detail: string }> };
      assert.match(gateway.checks.find((c) => c.id === 'coverage')!.detail, /; drafts, not counted: evidence\/wip.md$/);
      assert.match(gateway.checks.find((c) => c.id === 'signoff')!.detail, /of 1 evidence files/);
      assert.match(ksb(['summary', 'drafts']).stdout, /in 2 evidence files \(1 draft, not counted until undrafted\)/);
      assert.equal(ksb(['report', 'drafts', '--output', 'drafts/report.html']).status, 0);
      assert.match(readFileSync(path.join(root, 'report.html'), 'utf8'), /Drafts, not counted:<\/strong> <code>evidence\/wip.md<\/code>/);
      // Undrafted, it counts.
      writeFileSync(path.join(root, 'evidence/wip.md'), '---\ntitle: Work in progress\ndate: 2026-01-10\ndraft: false\nksbs: [K2, S1]\n---\n\nBody.\n');
      assert.equal((JSON.parse(ksb(['coverage', 'drafts', '--format', 'json']).stdout) as { summary: { covered: number } }).summary.covered, 3);
    });
  });

  describe('Links that start with /', () => {
    const BODY =
      '---\ntitle: Site page\ndate: 2026-01-10\nksbs: [K1]\n---\n\nSee [the post](/posts/first/), [the page](/about), [a file](/files/plan.pdf) and [a gone one](/posts/gone/).\n';

    it('Should read them as site routes, not missing attachments, without site-root', () => {
      portfolio('routes', { 'content/evidence.md': BODY });
      assert.deepEqual(
        checkJson('routes').filter((d) => d.code.startsWith('evidence.missing') || d.code === 'evidence.link-outside'),
        [],
      );
    });

    it('Should resolve them against site-root, as a file, a folder or the page a route serves', () => {
      portfolio(
        'site-root',
        {
          'content/evidence.md': BODY,
          'content/posts/first/index.md': '# First\n',
          'content/about.md': '# About\n',
          'content/files/plan.pdf': 'pdf',
        },
        'standard: ST9999\nsite-root: content\n',
      );
      const missing = checkJson('site-root').filter((d) => d.code === 'evidence.missing-attachment');
      assert.deepEqual(
        missing.map((d) => [d.file, d.message]),
        [['content/evidence.md', 'Expected a file at `/posts/gone/`, found none']],
      );
    });

    it('Should refuse a site-root outside the portfolio', () => {
      portfolio('site-root-out', { 'evidence.md': BODY }, 'standard: ST9999\nsite-root: ../elsewhere\n');
      const found = checkJson('site-root-out').filter((d) => d.code === 'portfolio.invalid-config');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /site-root/);
    });
  });

  describe('evidence.placeholder', () => {
    const BODY = [
      '---',
      'title: Half done',
      'date: 2026-01-10',
      'ksbs: [K1]',
      '---',
      '',
      'Result: XX% faster. [EVIDENCE NEEDED]',
      'TODO: screenshot. Lorem ipsum dolor.',
      'Dates TBC. TODOS and a todolist are words.',
      '',
      '```',
      '// TODO in code is code',
      '```',
      '',
    ].join('\n');

    it('Should warn of each default placeholder left in evidence, outside code', () => {
      portfolio('placeholders', { 'evidence/a.md': BODY, 'evidence/draft.md': BODY.replace('ksbs: [K1]', 'draft: true\nksbs: [K1]') });
      const found = checkJson('placeholders').filter((d) => d.code === 'evidence.placeholder');
      assert.deepEqual(
        found.map((d) => [d.file, d.line, d.message.replace(/ in evidence: .*$/, '')]),
        [
          ['evidence/a.md', 7, 'Unexpected placeholder `XX%`'],
          ['evidence/a.md', 7, 'Unexpected placeholder `[EVIDENCE NEEDED]`'],
          ['evidence/a.md', 8, 'Unexpected placeholder `TODO`'],
          ['evidence/a.md', 8, 'Unexpected placeholder `Lorem ipsum`'],
          ['evidence/a.md', 9, 'Unexpected placeholder `TBC`'],
        ],
      );
      assert.match(found[0].message, /expected finished text \(write it, or mark the file `draft: true` until it is done\)$/);
    });

    it('Should look for the placeholders portfolio.yaml lists instead, and for none with []', () => {
      portfolio(
        'placeholders-set',
        { 'evidence/a.md': BODY.replace('Dates TBC.', 'Dates [add date].') },
        'standard: ST9999\nplaceholders: ["[add date]", "dolor"]\n',
      );
      assert.deepEqual(
        checkJson('placeholders-set')
          .filter((d) => d.code === 'evidence.placeholder')
          .map((d) => d.message.replace(/ in evidence: .*$/, '')),
        ['Unexpected placeholder `dolor`', 'Unexpected placeholder `[add date]`'],
      );
      portfolio('placeholders-none', { 'evidence/a.md': BODY }, 'standard: ST9999\nplaceholders: []\n');
      assert.deepEqual(
        checkJson('placeholders-none').filter((d) => d.code === 'evidence.placeholder'),
        [],
      );
    });
  });
});
