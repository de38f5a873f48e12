import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { builtinCatalogue } from '../../src/core';
import { tinyStandard } from './inlinePortfolio';
import { assertUsageError, ensureCliBuilt, type ProcessRun } from './processHarness';

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const SAMPLE = path.join(REPO, 'examples', 'sample-portfolio');
const FIXTURES = path.join(REPO, 'test', 'fixtures');

type CliResult = ProcessRun;

let cwd: string;

/** Runs `node dist/cli.js ...args` in an empty folder (so no `portfolio.yaml` is picked up by accident). */
function ksb(...args: string[]): CliResult {
  // Today is fixed: the sample's review and sign-off findings are judged against it.
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KSB_TODAY: SAMPLE_TODAY } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Asserts an object's own keys, in order. */
function assertKeys(value: unknown, keys: string[], where: string): void {
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `${where} should be an object`);
  assert.deepEqual(Object.keys(value), keys, `keys of ${where}`);
}

/** Writes a portfolio below `cwd`: `files` maps paths relative to its root to their text. */
function writePortfolio(name: string, files: Record<string, string>): string {
  const root = path.join(cwd, name);
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  }
  return root;
}

const PRODUCTION_CONFIG = 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\n';

/** The day the sample's expected problems are judged on. */
const SAMPLE_TODAY = '2026-12-01';

const SAMPLE_PROBLEMS = [
  'evidence/saturday-splash/02-studio-schedule-changes.md:6:5 error ksb.wrong-option Unexpected code K25 for the Production coordinator option: K25 belongs to Post production coordinator',
  'evidence/saturday-splash/03-kit-check-in-and-loss-report.md:4:12 error ksb.unknown-code Unexpected code `S05`: did you mean S5?',
  'evidence/tidelines/01-carnet-and-travel-norway.md:45:11 error evidence.missing-attachment Expected a file at `../../attachments/tidelines-carnet-general-list.pdf`, found none',
  'evidence/tidelines/02-archive-and-music-clearances.md:14:13 warning signoff.stale Expected the claims, text, date, hours, requirements, type and linked files that Priya Shah (employer) signed off on 2026-06-26, found them changed since (digest v2:64f6a41ef718, signed v2:61867db46dab): sign it off again, or undo the change',
  'reviews/2026-02-progress-review.md:4:7 warning review.overdue Expected the next progress review within 12 weeks of this one, by 2026-05-04, found none by 2026-12-01',
];

describe('ksb CLI', function () {
  this.timeout(60_000);

  before(() => {
    ensureCliBuilt(REPO);
    cwd = mkdtempSync(path.join(tmpdir(), 'ksb-cli-'));
  });

  after(() => {
    rmSync(cwd, { recursive: true, force: true });
  });

  describe('check', () => {
    it('Should exit 1 on the sample portfolio and print its five problems as file:line:col severity code message', () => {
      const result = ksb('check', SAMPLE);
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.stderr, '');
      const lines = result.stdout.trimEnd().split('\n');
      assert.deepEqual(lines.slice(0, -1), SAMPLE_PROBLEMS);
      assert.match(lines[lines.length - 1], /^3 errors, 2 warnings in \d+ files\.$/);
    });

    it('Should print the documented JSON shape with relative paths and 1-based positions', () => {
      const result = ksb('check', SAMPLE, '--format', 'json');
      assert.equal(result.status, 1, result.stderr);
      const report = JSON.parse(result.stdout) as { diagnostics: Array<Record<string, unknown>> };
      assertKeys(report, ['diagnostics'], 'the report');
      assert.equal(report.diagnostics.length, SAMPLE_PROBLEMS.length);
      report.diagnostics.forEach((d, i) =>
        assertKeys(
          d,
          ['file', 'line', 'column', 'endLine', 'endColumn', 'code', 'severity', 'message', ...('related' in d ? ['related'] : [])],
          `diagnostics[${i}]`,
        ),
      );
      assert.deepEqual(
        report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`),
        SAMPLE_PROBLEMS,
      );
    });

    it('Should report 1-based lines and columns, with a diagnostic on line 1 at column 1', () => {
      const result = ksb('check', path.join(FIXTURES, 'basic'), '--format', 'json');
      assert.equal(result.status, 1, result.stderr);
      const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: Array<{ file: string; line: number; column: number; code: string }> };
      const noKsbs = diagnostics.find((d) => d.code === 'evidence.no-ksbs');
      assert.deepEqual(noKsbs && [noKsbs.file, noKsbs.line, noKsbs.column], ['evidence/no-ksbs.md', 1, 1]);
      for (const d of diagnostics) {
        assert.ok(d.line >= 1 && d.column >= 1, JSON.stringify(d));
        assert.ok(!path.isAbsolute(d.file) && !d.file.includes('\\'), d.file);
      }
    });

    it('Should exit 0 with "No problems" on a clean portfolio', () => {
      const root = path.join(cwd, 'clean');
      mkdirSync(path.join(root, 'evidence', 'attachments'), { recursive: true });
      writeFileSync(path.join(root, 'portfolio.yaml'), 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\nevidence: ["evidence/**/*.md"]\n');
      writeFileSync(path.join(root, 'evidence', 'attachments', 'sheet.csv'), 'a,b\n');
      writeFileSync(
        path.join(root, 'evidence', 'one.md'),
        '---\ntitle: One\ndate: 2026-01-05\nksbs: [K1, K17, S18]\n---\n\nSee [the sheet](attachments/sheet.csv).\n',
      );
      const result = ksb('check', root);
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /^No problems in 1 file\.$/m);
      assert.equal(result.stderr, '');
    });

    it('Should exit 1 for a portfolio.yaml with errors', () => {
      const result = ksb('check', path.join(FIXTURES, 'bad-config'));
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stdout, /^portfolio\.yaml:2:10 error portfolio\.invalid-config /m);
    });
  });

  describe('check of several folders', () => {
    it('Should check every folder, prefix each path with its folder as written, and exit 1 if any has errors', () => {
      writePortfolio('several/clean', { 'portfolio.yaml': PRODUCTION_CONFIG, 'one.md': '---\nksbs: [K1]\n---\n' });
      writePortfolio('several/broken', { 'portfolio.yaml': PRODUCTION_CONFIG, 'two.md': '---\nksbs: [K99]\n---\n' });
      const result = ksb('check', 'several/clean/', 'several/broken');
      assert.equal(result.status, 1, result.stdout + result.stderr);
      const lines = result.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 2, result.stdout);
      assert.match(lines[0], /^several\/broken\/two\.md:2:8 error ksb\.unknown-code /);
      assert.equal(lines[1], '1 error, 0 warnings in 2 files.');
      const json = JSON.parse(ksb('check', 'several/broken', 'several/clean', '--format', 'json').stdout) as { diagnostics: Array<{ file: string }> };
      assert.deepEqual(
        json.diagnostics.map((d) => d.file),
        ['several/broken/two.md'],
      );
      assert.match(ksb('check', 'several/clean', 'several/broken', '--format', 'github').stdout, /^::error file=several\/broken\/two\.md,line=2,col=8,/);
    });

    it('Should exit 0 only when no folder has errors, and check a folder named twice once', () => {
      writePortfolio('twice/a', { 'portfolio.yaml': PRODUCTION_CONFIG, 'one.md': '---\nksbs: [K1]\n---\n' });
      writePortfolio('twice/b', { 'portfolio.yaml': PRODUCTION_CONFIG, 'one.md': '---\nksbs: [K2]\n---\n' });
      const result = ksb('check', 'twice/a', 'twice/b', './twice/a/');
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.equal(result.stdout, 'No problems in 2 files.\n');
    });

    it('Should exit 2 without a partial report when one of the folders is missing', () => {
      writePortfolio('partial/a', { 'portfolio.yaml': PRODUCTION_CONFIG, 'one.md': '---\nksbs: [K99]\n---\n' });
      assertUsageError(ksb('check', 'partial/a', 'partial/none'), /no such directory: partial\/none$/);
    });

    it('Should refuse a second folder for coverage with one line', () => {
      assertUsageError(ksb('coverage', SAMPLE, SAMPLE), /coverage takes one folder, found 2/);
    });
  });

  describe('hostile file names and text', () => {
    it('Should keep a file named a,line=99.md on its own annotation and its own text line', () => {
      const root = writePortfolio('names', {
        'portfolio.yaml': PRODUCTION_CONFIG,
        'a,line=99.md': '---\nksbs: [K99]\n---\n',
        'x\n::warning file=README.md::pwned.md': '---\nksbs: [K99]\n---\n',
      });
      const github = ksb('check', root, '--format', 'github').stdout;
      assert.deepEqual(
        github
          .trimEnd()
          .split('\n')
          .map((line) => line.slice(0, line.indexOf(',line='))),
        [
          `::error file=${root.replace(/:/g, '%3A')}/a%2Cline=99.md`,
          `::error file=${root.replace(/:/g, '%3A')}/x%0A%3A%3Awarning file=README.md%3A%3Apwned.md`,
        ],
      );
      const text = ksb('check', root).stdout.trimEnd().split('\n');
      assert.equal(text.length, 3, text.join('\n'));
      assert.match(text[1], /^"x\\n::warning file=README\.md::pwned\.md":2:8 error ksb\.unknown-code /);
    });

    it('Should keep an apprentice name with a newline on the coverage header line', () => {
      const root = writePortfolio('apprentice', { 'portfolio.yaml': `${PRODUCTION_CONFIG}apprentice: "Sam\\n::error::forged"\n` });
      const result = ksb('coverage', root);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout.split('\n')[0], /option for Sam\\n::error::forged$/);
    });
  });

  describe('coverage', () => {
    it('Should print a table and a summary line for the sample portfolio', () => {
      const result = ksb('coverage', SAMPLE);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^Junior production coordinator \(ST0792 v1\.2\), Production coordinator option for Jess Adeyemi$/m);
      assert.match(result.stdout, /^Covered \d+\/47 KSBs \(\d+%\): knowledge \d+\/23, skills \d+\/20, behaviours \d+\/4; \d+ without evidence\.$/m);
    });

    it('Should name no option for a standard that has none', () => {
      const root = writePortfolio('no-options', { 'portfolio.yaml': 'standard: ST9999\n', 'standards/ST9999-1.0.yaml': tinyStandard() });
      const result = ksb('coverage', root);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout.split('\n')[0], 'Tiny test standard (ST9999 v1.0)');
    });

    it('Should print exactly the documented JSON shape, consistent with the summary', () => {
      const result = ksb('coverage', SAMPLE, '--format', 'json');
      assert.equal(result.status, 0, result.stderr);
      const report = JSON.parse(result.stdout);
      assertKeys(
        report,
        ['standard', 'version', 'option', 'assessment', 'ksbs', 'otherMethods', 'evidence', 'words', 'summary', 'drafts', 'cohort'],
        'the report',
      );
      assert.deepEqual([report.standard, report.version, report.option], ['ST0792', '1.2', 'production-coordinator']);
      // The portfolio's cohort row rides along for `ksb cohort --from-json` (docs/cohort.md), agreeing with the coverage.
      assert.deepEqual([report.cohort.path, report.cohort.covered, report.cohort.total], ['.', report.summary.covered, report.summary.total]);
      assertKeys(report.summary, ['total', 'covered'], 'summary');
      assert.equal(report.ksbs.length, 47);
      report.ksbs.forEach((entry: Record<string, unknown>, i: number) => {
        assertKeys(entry, ['code', 'kind', 'text', 'covered', 'evidence'], `ksbs[${i}]`);
        assert.ok(['knowledge', 'skill', 'behaviour'].includes(entry.kind as string));
        const evidence = entry.evidence as string[];
        assert.equal(entry.covered, evidence.length > 0);
        for (const file of evidence) assert.match(file, /^evidence\/[^\\]+\.md$/);
      });
      assert.equal(report.summary.total, report.ksbs.length);
      assert.equal(report.summary.covered, report.ksbs.filter((e: { covered: boolean }) => e.covered).length);
      // Claims of the wrong option (K25) and near misses (S05) never count.
      assert.equal(
        report.ksbs.some((e: { code: string }) => e.code === 'K25'),
        false,
      );
      const text = ksb('coverage', SAMPLE).stdout;
      assert.ok(text.includes(`Covered ${report.summary.covered}/${report.summary.total} KSBs`), text);
    });

    it('Should exit 2 with one line when portfolio.yaml is not usable', () => {
      assertUsageError(ksb('coverage', path.join(FIXTURES, 'bad-config')), /portfolio\.yaml is not usable: 2:10 Unexpected version "9\.9"/);
    });

    it('Should exit 2 naming the problem for an unknown option, as check exits 1, instead of counting every option', () => {
      const root = writePortfolio('unknown-option', {
        'portfolio.yaml': 'standard: ST0792\nversion: "1.2"\noption: editor\n',
        'one.md': '---\nksbs: [K24]\n---\n',
      });
      assert.equal(ksb('check', root).status, 1);
      assertUsageError(ksb('coverage', root), /^ksb: portfolio\.yaml is not usable: 3:9 Unexpected option `editor` for ST0792 v1\.2: expected one of /);
      assertUsageError(ksb('coverage', root, '--format', 'json'), /portfolio\.yaml is not usable: 3:9 Unexpected option `editor`/);
    });

    it('Should keep a config problem with a newline in it on the one line of the refusal', () => {
      const root = writePortfolio('newline-option', { 'portfolio.yaml': 'standard: ST0792\noption: "a\\nb"\n' });
      assertUsageError(ksb('coverage', root), /Unexpected option `a\\nb`/);
    });

    it('Should exit 2 with a reason after the colon when portfolio.yaml is a folder, for check and coverage', () => {
      const root = writePortfolio('config-folder', { 'portfolio.yaml/keep': '', 'one.md': '---\nksbs: [K1]\n---\n' });
      for (const command of ['check', 'coverage']) {
        assertUsageError(ksb(command, root), /portfolio\.yaml in .+ is not a file: expected a YAML file, found a folder$/);
      }
    });
  });

  describe('lookup', () => {
    const v12 = builtinCatalogue().get('ST0792', '1.2')!;
    const v10 = builtinCatalogue().get('ST0792', '1.0')!;

    it('Should print the text, option and duties of K24', () => {
      const result = ksb('lookup', 'K24');
      assert.equal(result.status, 0, result.stderr);
      const k24 = v12.ksb('K24')!;
      assert.ok(result.stdout.startsWith('K24 (Knowledge, ST0792 v1.2: Junior production coordinator)\n'), result.stdout);
      assert.ok(result.stdout.includes(`\n${k24.text}\n`), result.stdout);
      assert.match(result.stdout, /^Option: Post production coordinator$/m);
      assert.ok(k24.duties.length > 0, 'K24 should be listed by a duty');
      assert.match(result.stdout, /^Duties:$/m);
      for (const duty of k24.duties) assert.ok(result.stdout.includes(`  ${duty.number}. ${duty.text}\n`), `duty ${duty.number} in:\n${result.stdout}`);
    });

    it('Should accept a near miss such as k24', () => {
      const result = ksb('lookup', 'k24');
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^K24 \(Knowledge/);
    });

    it('Should look K35 up in v1.0 with --version 1.0', () => {
      const result = ksb('lookup', 'K35', '--version', '1.0');
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^K35 \(Knowledge, ST0792 v1\.0: /);
      assert.ok(result.stdout.includes(v10.ksb('K35')!.text), result.stdout);
      assert.match(result.stdout, /^Option: Core$/m);
    });

    it('Should say, for v1.0 K27 which no duty lists, that its option is not known rather than call it core', () => {
      const result = ksb('lookup', 'K27', '--version', '1.0');
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^Option: not known \(it counts for every option\)$/m);
      assert.match(result.stdout, /^Note: No duty lists K27, so which option it belongs to is not known: it counts for every option\.$/m);
      assert.match(result.stdout, /^Status: Retired \(latest start 2023-06-07\)$/m);
    });

    it('Should exit 2 with one line naming the ranges for K99', () => {
      assertUsageError(ksb('lookup', 'K99'), /ST0792 v1\.2 has no K99 \(it has K1-K29, S1-S23, B1-B4\); nearest: K29/);
    });

    it('Should exit 2 with one line for an unknown version', () => {
      assertUsageError(ksb('lookup', 'K1', '--version', '7.0'), /unknown version 7\.0 of ST0792: expected one of 1\.0, 1\.1, 1\.2/);
    });
  });

  describe('errors it cannot recover from', () => {
    it('Should exit 2 with one line for a missing directory', () => {
      assertUsageError(ksb('check', path.join(cwd, 'no-such-folder')), /no such directory/);
    });

    it('Should exit 2 with one line for a directory without portfolio.yaml', () => {
      assertUsageError(ksb('check', path.join(FIXTURES, 'no-config')), /no portfolio\.yaml in /);
      assertUsageError(ksb('coverage', path.join(FIXTURES, 'no-config')), /no portfolio\.yaml in /);
    });

    it('Should exit 2 with one line for an unknown command', () => {
      assertUsageError(ksb('publish', SAMPLE), /unknown command `publish`/);
    });

    it('Should exit 2 with one line for --format xml', () => {
      assertUsageError(ksb('check', SAMPLE, '--format', 'xml'), /unknown --format xml/);
      assertUsageError(ksb('coverage', SAMPLE, '--format', 'xml'), /unknown --format xml/);
      // A format with a line break stays on the one line: it cannot forge a second one (a workflow command).
      assertUsageError(ksb('check', SAMPLE, '--format', 'xml\n::error::forged'), /unknown --format xml/);
    });

    it('Should exit 2 with one line for an unknown option flag', () => {
      assertUsageError(ksb('check', SAMPLE, '--colour'), /--colour/);
    });

    it('Should exit 2 with one line for a file given as the portfolio directory', () => {
      assertUsageError(ksb('check', path.join(SAMPLE, 'portfolio.yaml')), /not a directory/);
    });
  });
});
