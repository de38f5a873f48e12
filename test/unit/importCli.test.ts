import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { assertUsageError, ensureCliBuilt, type ProcessRun } from './processHarness';

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'import');

let scratch: string;

/** Runs the built CLI in `cwd` with today fixed. */
function ksb(cwd: string, args: readonly string[]): ProcessRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KSB_TODAY: '2026-06-30' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of a fixture's portfolio to work on; the fixture itself stays as committed. */
let copies = 0;
function copyOf(form: string): string {
  const root = path.join(scratch, `${form}-${++copies}`);
  cpSync(path.join(FIXTURES, form), root, { recursive: true });
  return path.join(root, 'portfolio');
}

function read(root: string, file: string): string {
  return readFileSync(path.join(root, file), 'utf8');
}

/** Every file's bytes and modification time, to prove a second --write changes nothing. */
function snapshot(root: string, files: readonly string[]): string[] {
  return files.map((file) => `${file} ${statSync(path.join(root, file)).mtimeMs} ${readFileSync(path.join(root, file)).toString('base64')}`);
}

describe('ksb import and ksb hours import', function () {
  this.timeout(60_000);

  before(() => {
    ensureCliBuilt(REPO);
    scratch = mkdtempSync(path.join(tmpdir(), 'ksb-import-'));
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  describe('codes tagged in the body', () => {
    it("Should plan each file's tagged codes with the paragraph's first sentence, and list unknown and denied codes as not mapped", () => {
      const root = copyOf('tags');
      const plan = ksb(root, ['import']);
      assert.equal(plan.status, 0, plan.stderr);
      assert.match(
        plan.stdout,
        /evidence\/call-sheet\.md\n {2}\+ K2: I drafted the Day 3 call sheet from the shooting schedule and the tide tables\. \(from the text\)\n {2}\+ S6: /,
      );
      assert.match(plan.stdout, /\+ K9: I checked the crew's travel and parking with the location manager\./);
      assert.match(plan.stdout, /! not mapped: K99 is not a code of ST0792 v1\.2 \(K1-K29, S1-S23, B1-B4\) \(evidence\/call-sheet\.md:10\)/);
      assert.match(plan.stdout, /! not mapped: S20 is denied in "This is S4 evidence, not S20\.": not claimed/);
      assert.doesNotMatch(plan.stdout, /\+ S20/);
      // A claim already there is kept and said; S3 in "an AWS S3 bucket" is a word, not a tag.
      assert.match(plan.stdout, /evidence\/risk-assessment\.md\n {2}\+ S3: I wrote the risk assessment[^\n]*\n {2}= already claims K1\n/);
      assert.match(plan.stdout, /6 claims to add to 3 files: run again with --write to add them\n$/);
      // The plan writes nothing.
      assert.doesNotMatch(read(root, 'evidence/call-sheet.md'), /^---/);
    });

    it('Should give the plan as JSON with --format json', () => {
      const root = copyOf('tags');
      const plan = ksb(root, ['import', '--format', 'json']);
      assert.equal(plan.status, 0, plan.stderr);
      const parsed = JSON.parse(plan.stdout);
      const callSheet = parsed.files.find((f: { path: string }) => f.path === 'evidence/call-sheet.md');
      assert.deepEqual(
        callSheet.claims.map((c: { code: string; source: string }) => `${c.code}:${c.source}`),
        ['K2:tag', 'S6:tag', 'K9:tag', 'S4:tag'],
      );
      assert.deepEqual(parsed.written, []);
    });

    it('Should write front matter once per file, keep claims, body, BOM and CRLF, and change nothing on a second --write', () => {
      const root = path.join(scratch, 'tags-write', 'portfolio');
      cpSync(path.join(FIXTURES, 'tags'), path.dirname(root), { recursive: true });
      const bodyBefore = read(root, 'evidence/call-sheet.md');
      const written = ksb(root, ['import', '--write']);
      assert.equal(written.status, 0, written.stderr);
      assert.match(written.stdout, /Added 6 claims to 3 files: run ksb check to see the portfolio\n$/);
      const callSheet = read(root, 'evidence/call-sheet.md');
      assert.ok(callSheet.endsWith(bodyBefore), 'the body is untouched');
      assert.match(
        callSheet,
        /^---\nksbs:\n {2}K2: "I drafted the Day 3 call sheet[^"]*"\n {2}S6: "[^"]*"\n {2}K9: "I checked[^"]*"\n {2}S4: "This is S4 evidence, not S20\."\n---\n\n# Call sheet/,
      );
      const budget = readFileSync(path.join(root, 'evidence/budget.md'));
      assert.deepEqual([...budget.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
      assert.match(
        budget.toString('utf8'),
        /^\ufeff---\r\nksbs:\r\n {2}K4: "I reconciled the February cost report against the purchase orders\."\r\n---\r\n\r\n# Budget/,
      );
      assert.match(
        read(root, 'evidence/risk-assessment.md'),
        /^---\ntitle: Risk assessment for the harbour wall\nksbs:\n {2}K1:\n {2}S3: "I wrote the risk assessment/,
      );

      const files = ['evidence/call-sheet.md', 'evidence/budget.md', 'evidence/risk-assessment.md'];
      const before = snapshot(root, files);
      const again = ksb(root, ['import', '--write']);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /Nothing to claim: no new codes found in 3 Markdown files/);
      assert.deepEqual(snapshot(root, files), before);

      const check = ksb(root, ['check']);
      assert.equal(check.status, 0, check.stdout + check.stderr);
      assert.doesNotMatch(check.stdout, /tagged-not-claimed|no-evidence/);
    });

    it('Should say why ksb check finds no evidence before the import, and tell each tagged file how to claim', () => {
      const fresh = path.join(scratch, 'tags-fresh');
      cpSync(path.join(FIXTURES, 'tags', 'portfolio'), fresh, { recursive: true });
      // The risk assessment claims already: without it, the portfolio has no evidence at all.
      rmSync(path.join(fresh, 'evidence', 'risk-assessment.md'));
      const check = ksb(fresh, ['check']);
      assert.match(
        check.stdout,
        /portfolio\.yaml:1:1 warning portfolio\.no-evidence Expected evidence files claiming KSBs, found none: 2 Markdown files, none with `ksbs:`; 2 mention KSB codes: try `ksb import`/,
      );
      assert.match(check.stdout, /evidence\/call-sheet\.md:4:\d+ info evidence\.tagged-not-claimed Tags K2, S6, K9, S4 in the text but claims none/);
    });
  });

  describe('a mapping table', () => {
    it('Should claim from links and titles with the how column as justification, and list missing files, PDFs and unknown codes', () => {
      const root = copyOf('table');
      const plan = ksb(root, ['import', '--table', 'mapping.md']);
      assert.equal(plan.status, 0, plan.stderr);
      assert.match(
        plan.stdout,
        /evidence\/call-sheet\.md\n {2}\+ K2: Drafted the call sheet from the schedule \(from the table\)\n {2}\+ S6: Drafted the call sheet from the schedule \(from the table\)\n/,
      );
      assert.match(plan.stdout, /evidence\/kit-check\.md\n {2}\+ S3: Checked the kit in and reported a loss \(from the table\)/);
      assert.match(plan.stdout, /! mapping\.md:6: evidence\/cost-report\.pdf is not a Markdown file of the portfolio/);
      assert.match(plan.stdout, /! mapping\.md:8: links to evidence\/travel-plan\.md, which does not exist/);
      assert.match(plan.stdout, /! not mapped: K99 is not a code of ST0792 v1\.2/);
      const written = ksb(root, ['import', '--table', 'mapping.md', '--write']);
      assert.equal(written.status, 0, written.stderr);
      assert.match(
        read(root, 'evidence/budget.md'),
        /^---\r\nksbs:\r\n {2}K4: "Reconciled the February costs"\r\n---\r\n\r\nThe February budget reconciliation\.\r\n$/,
      );
      assert.doesNotMatch(read(root, 'mapping.md'), /^---/, 'the table itself gets no claims');
      assert.equal(ksb(root, ['import', '--table', 'mapping.md', '--write']).stdout.includes('Nothing to claim'), true);
    });

    it('Should refuse a --table without a KSB table, and one outside the portfolio, in one line', () => {
      const root = copyOf('table');
      writeFileSync(path.join(root, 'plain.md'), '| Week | Notes |\n|---|---|\n| 1 | x |\n');
      const noTable = ksb(root, ['import', '--table', 'plain.md']);
      assert.equal(noTable.status, 0);
      assert.match(noTable.stdout, /! plain\.md: expected a table with a KSB column and a link or title column, found headers \| Week \| Notes \|/);
      writeFileSync(path.join(root, '..', 'outside.md'), '| KSB | Evidence |\n|---|---|\n| K1 | [a](a.md) |\n');
      assertUsageError(ksb(root, ['import', '--table', '../outside.md']), /--table \.\.\/outside\.md is outside the portfolio/);
      assertUsageError(ksb(root, ['import', '--table', 'nope.md']), /no such file: --table nope\.md/);
    });
  });

  describe('a CSV', () => {
    it('Should read KSB, file and justification columns in any case, with a BOM and CRLF, and list missing files and bad codes', () => {
      const root = copyOf('csv');
      const plan = ksb(root, ['import', '--csv', 'ksbs.csv']);
      assert.equal(plan.status, 0, plan.stderr);
      assert.match(plan.stdout, /evidence\/budget\.md\n {2}\+ K4: Reconciled the costs \(from the CSV\)/);
      assert.match(
        plan.stdout,
        /evidence\/call-sheet\.md\n {2}\+ K2: Drafted the call sheet \(from the CSV\)\n {2}\+ S6: Sent it out, with travel \(from the CSV\)\n {2}\+ K9: Sent it out, with travel/,
      );
      assert.match(plan.stdout, /! ksbs\.csv row 5: links to evidence\/missing\.md, which does not exist/);
      assert.match(plan.stdout, /! ksbs\.csv row 6: expected KSB codes, found "Z1"/);
      assert.equal(ksb(root, ['import', '--csv', 'ksbs.csv', '--write']).status, 0);
      assert.match(read(root, 'evidence/budget.md'), /^---\ntitle: Budget\nksbs:\n {2}K1:\n {2}K4: "Reconciled the costs"\n---\n/);
      assert.equal(ksb(root, ['check']).status, 0);
    });
  });

  describe('file names that start with a code', () => {
    it('Should claim the codes a file name starts with and leave other files alone', () => {
      const root = copyOf('file-names');
      const written = ksb(root, ['import', '--write']);
      assert.equal(written.status, 0, written.stderr);
      assert.match(written.stdout, /evidence\/K7-kit-check\.md\n {2}\+ K7 \(from the file name\)/);
      assert.match(read(root, 'evidence/K7-kit-check.md'), /^---\nksbs: \[K7\]\n---\n\n# Kit check\n/);
      assert.match(read(root, 'evidence/S3_K2-schedule.md'), /^---\nksbs: \[S3, K2\]\n---\n/);
      assert.equal(read(root, 'evidence/notes.md'), '# Notes\n\nThoughts on the week.\n');
      const coverage = ksb(root, ['coverage', '--format', 'json']);
      assert.equal(coverage.status, 0, coverage.stderr);
    });
  });

  describe('ksb hours import', () => {
    it('Should read a CSV tracker below a title, with UK and ISO dates and hours as 7, 3:30 and 3h 30m, recognise the totals row and list unreadable rows', () => {
      const root = copyOf('hours');
      const result = ksb(root, ['hours', 'import', '../tracker.csv']);
      assert.equal(result.status, 0, result.stderr);
      assert.match(
        result.stdout,
        /^Wrote otj\/tracker\.md: 4 entries, 15\.5 hours from 2026-01-12 to 2026-02-16 \(columns Date, Duration, Activity, KSBs from row 4\)\n/,
      );
      assert.match(result.stdout, /Row 10 is a total of 14 hours, not an entry: the entries above add up to it\n/);
      assert.match(result.stdout, /row 8: expected a date such as 12\/01\/2026 or 2026-01-12 in Date, found "sometime in Feb"/);
      assert.match(result.stdout, /row 9: expected hours such as 3\.5, 3:30 or 3h 30m in Duration, found "lots"/);
      assert.match(result.stdout, /row 11: 54 hours on 2026-02-09 is more than a day holds: is this a period\?/);
      const log = read(root, 'otj/tracker.md');
      assert.match(
        log,
        /otj:\n {2}- \{date: 2026-01-12, hours: 7, activity: "Academy day: call sheets \(K2, S6\)"\}\n {2}- \{date: 2026-01-19, hours: 3\.5, activity: "Reading: production guidelines"\}\n {2}- \{date: 2026-01-26, hours: 3\.5,/,
      );
      assert.match(log, /- row 9: expected hours/);
      const hours = ksb(root, ['hours']);
      assert.match(hours.stdout, /Off-the-job hours: 15\.5 hours/);
      assert.equal(ksb(root, ['check']).status, 0);
      assertUsageError(ksb(root, ['hours', 'import', '../tracker.csv']), /cannot write otj\/tracker\.md: it already exists \(--force replaces it/);
      assert.equal(ksb(root, ['hours', 'import', '../tracker.csv', '--force']).status, 0);
    });

    it('Should read an .xlsx tracker on its second sheet: Excel dates, serial numbers, formulas, rich text and a duration typed as a time', () => {
      const root = copyOf('hours');
      const result = ksb(root, ['hours', 'import', '../tracker.xlsx']);
      assert.equal(result.status, 0, result.stderr);
      assert.match(
        result.stdout,
        /^Wrote otj\/tracker\.md: 4 entries, 19\.8 hours from 2026-01-12 to 2026-02-10 \(columns Week commencing, Hours, Description of learning, KSBs from row 3\)/,
      );
      assert.match(result.stdout, /Row 8 is a total of 23\.8 hours, not an entry: the entries above add up to 19\.8 hours/);
      assert.match(result.stdout, /row 9: expected a date/);
      const log = read(root, 'otj/tracker.md');
      assert.match(log, /\{date: 2026-01-19, hours: 6\.5, activity: "Reading: guidelines"\}/);
      assert.match(log, /\{date: 2026-01-26, hours: 3\.5, activity: "Workshop typed as a time \(K1\)"\}/);
      assert.match(log, /\{date: 2026-02-10, hours: 2\.25, activity: "A date as a serial number"\}/);
    });

    it('Should run ksb hours on a folder still, and refuse a tracker it cannot read in one line', () => {
      const root = copyOf('hours');
      assert.equal(ksb(path.dirname(root), ['hours', 'portfolio']).status, 0);
      writeFileSync(path.join(root, 'no-header.csv'), 'a,b\n1,2\n');
      assertUsageError(
        ksb(root, ['hours', 'import', 'no-header.csv']),
        /cannot read no-header\.csv: expected a header row with a date column and an hours \(or duration\) column/,
      );
      writeFileSync(path.join(root, 'fake.xlsx'), 'not a zip');
      assertUsageError(ksb(root, ['hours', 'import', 'fake.xlsx']), /cannot read fake\.xlsx: expected an Excel workbook \(\.xlsx\)/);
      writeFileSync(path.join(root, 'old.xls'), 'x');
      assertUsageError(ksb(root, ['hours', 'import', 'old.xls']), /expected a \.xlsx or \.csv file, found \.xls: save it as \.xlsx or \.csv first/);
      assertUsageError(ksb(root, ['hours', 'import']), /hours import needs the tracker to read/);
    });
  });
});
