// `ksb check --format sarif|junit` and `--output`: what code scanning and test-report readers get,
// validated against the SARIF 2.1.0 schema and parsed as XML, on real portfolios in temporary folders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parseStringPromise } from 'xml2js';
import { formatCheckJunit } from '../../src/cli/formats/junit';
import { fileUri, formatCheckSarif } from '../../src/cli/formats/sarif';
import { RULES } from '../../src/core';
import type { ReportedDiagnostic } from '../../src/core';

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const SAMPLE = path.join(REPO, 'examples', 'sample-portfolio');
const VERSION = String((JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
const SCHEMA = JSON.parse(readFileSync(path.join(REPO, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;

// The schema's language pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is no valid Unicode-mode regex.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(SCHEMA);

/** Asserts a SARIF log is valid against the OASIS schema, naming the first problems if not. */
function assertValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  assert.ok(valid, JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2));
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
  relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> }; message: { text: string } }[];
  partialFingerprints: Record<string, string>;
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: { tool: { driver: { name: string; version: string; informationUri: string; rules: Record<string, unknown>[] } }; results: SarifResult[] }[];
}

let cwd: string;

function ksb(...args: string[]) {
  // Today is fixed: the sample's overdue review is judged against it.
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, KSB_TODAY: '2026-12-01' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeFiles(root: string, files: Record<string, string>): string {
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  }
  return root;
}

const CONFIG = 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\n';

describe('ksb check --format sarif', function () {
  this.timeout(60_000);
  beforeEach(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'ksb-sarif-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('gives the sample portfolio as SARIF 2.1.0 that the OASIS schema accepts, one rule per code', () => {
    const result = ksb('check', SAMPLE, '--format', 'sarif');
    assert.equal(result.status, 1, result.stderr);
    const log = JSON.parse(result.stdout) as SarifLog;
    assertValidSarif(log);
    assert.equal(log.version, '2.1.0');
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, 'ksb');
    assert.match(run.tool.driver.informationUri, /^https:\/\//);
    assert.deepEqual(
      run.tool.driver.rules.map((rule) => rule.id),
      RULES.map((rule) => rule.code),
    );
    for (const rule of run.tool.driver.rules) {
      for (const key of ['shortDescription', 'fullDescription', 'help', 'helpUri', 'defaultConfiguration'])
        assert.ok(key in rule, `${String(rule.id)} has ${key}`);
    }
    assert.deepEqual(
      run.results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.region.startLine]),
      [
        ['ksb.wrong-option', 'error', 6],
        ['ksb.unknown-code', 'error', 4],
        ['evidence.missing-attachment', 'error', 45],
        ['signoff.stale', 'warning', 14],
        ['review.overdue', 'warning', 4],
      ],
    );
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
  });

  it('points helpUri at an anchor of a row of the diagnostics table in docs/rules.md', () => {
    const rulesPage = readFileSync(path.join(REPO, 'docs', 'rules.md'), 'utf8');
    const log = JSON.parse(ksb('check', SAMPLE, '--format', 'sarif').stdout) as SarifLog;
    for (const rule of log.runs[0].tool.driver.rules) {
      const [page, anchor] = String(rule.helpUri).split('#');
      assert.equal(page, `https://github.com/ksb-portfolio/ksb-portfolio/blob/v${VERSION}/docs/rules.md`, "helpUri names the rules page at the release's tag");
      assert.ok(rulesPage.includes(`<a id="${anchor}"></a>`), `docs/rules.md has no anchor ${anchor}`);
    }
  });

  it('writes paths relative to the repository root, for a portfolio in a subfolder', () => {
    const repo = path.join(cwd, 'repo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    writeFiles(path.join(repo, 'apprentices', 'jo'), { 'portfolio.yaml': CONFIG, 'evidence/a.md': '---\nksbs: [K999]\n---\n' });
    const log = JSON.parse(ksb('check', path.join(repo, 'apprentices', 'jo'), '--format', 'sarif').stdout) as SarifLog;
    assertValidSarif(log);
    const location = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(location, { uri: 'apprentices/jo/evidence/a.md', uriBaseId: '%SRCROOT%' });
  });

  it('gives a duplicate claim the first claim as a related location', () => {
    writeFiles(cwd, { 'portfolio.yaml': CONFIG, 'evidence/a.md': '---\nksbs:\n  - K1\n  - K2\n  - K1\n---\n' });
    const log = JSON.parse(ksb('check', '.', '--format', 'sarif').stdout) as SarifLog;
    assertValidSarif(log);
    const duplicate = log.runs[0].results.find((r) => r.ruleId === 'ksb.duplicate-code');
    assert.ok(duplicate, JSON.stringify(log.runs[0].results));
    assert.equal(duplicate.locations[0].physicalLocation.region.startLine, 5);
    assert.equal(duplicate.relatedLocations?.[0].physicalLocation.region.startLine, 3);
    assert.equal(duplicate.relatedLocations?.[0].physicalLocation.artifactLocation.uri, 'evidence/a.md');
  });

  it('keeps every fingerprint when lines are added above the problems, and tells two equal problems apart', () => {
    const evidence = (extra: string) => `---\ntitle: Kit list\n${extra}ksbs:\n  - K999\n  - K998\n---\nBody\n`;
    writeFiles(cwd, { 'portfolio.yaml': CONFIG, 'evidence/a.md': evidence('') });
    const before = (JSON.parse(ksb('check', '.', '--format', 'sarif').stdout) as SarifLog).runs[0].results;
    writeFiles(cwd, { 'evidence/a.md': evidence('tags: [kit]\nnotes: moved down two lines\n') });
    const after = (JSON.parse(ksb('check', '.', '--format', 'sarif').stdout) as SarifLog).runs[0].results;
    assert.equal(before.length, 2);
    assert.deepEqual(
      after.map((r) => r.locations[0].physicalLocation.region.startLine),
      before.map((r) => r.locations[0].physicalLocation.region.startLine + 2),
    );
    assert.deepEqual(
      after.map((r) => r.partialFingerprints),
      before.map((r) => r.partialFingerprints),
    );
    assert.notDeepEqual(before[0].partialFingerprints, before[1].partialFingerprints);
  });

  it('encodes odd file names as URI references the schema accepts', () => {
    const diagnostics: ReportedDiagnostic[] = ['evidence/a b#1?.md', 'evidence/ünï/%.md', 'evidence/x\ny.md'].map((file) => ({
      file,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      code: 'evidence.no-ksbs',
      severity: 'warning',
      message: 'm',
    }));
    const log = JSON.parse(
      formatCheckSarif(diagnostics, { version: '1.0.0', informationUri: 'https://example.test', rulesDocumentUri: 'https://example.test/README.md' }),
    ) as SarifLog;
    assertValidSarif(log);
    assert.deepEqual(
      log.runs[0].results.map((r) => decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri)),
      diagnostics.map((d) => d.file),
    );
    assert.equal(fileUri('a b/c#d.md'), 'a%20b/c%23d.md');
  });

  it('gives a clean portfolio a valid log with no results', () => {
    writeFiles(cwd, { 'portfolio.yaml': CONFIG, 'evidence/a.md': '---\nksbs: [K1]\n---\n' });
    const result = ksb('check', '.', '--format', 'sarif');
    assert.equal(result.status, 0, result.stderr);
    const log = JSON.parse(result.stdout) as SarifLog;
    assertValidSarif(log);
    assert.deepEqual(log.runs[0].results, []);
  });
});

describe('ksb check --format junit', function () {
  this.timeout(60_000);
  beforeEach(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'ksb-junit-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  interface JunitCase {
    $: { name: string; file: string; classname: string };
    failure?: { _: string; $: { type: string; message: string } }[];
    'system-out'?: string[];
  }

  async function parseJunit(xml: string) {
    const parsed = (await parseStringPromise(xml)) as {
      testsuites: { $: Record<string, string>; testsuite: { $: Record<string, string>; testcase: JunitCase[] }[] };
    };
    return { totals: parsed.testsuites.$, cases: parsed.testsuites.testsuite.flatMap((suite) => suite.testcase) };
  }

  it('gives a clean portfolio a passing case per evidence file, not an empty report', async () => {
    writeFiles(cwd, { 'portfolio.yaml': CONFIG, 'evidence/a.md': '---\nksbs: [K1]\n---\n', 'evidence/b.md': '---\nksbs: [K2]\n---\n' });
    const result = ksb('check', '.', '--format', 'junit');
    assert.equal(result.status, 0, result.stderr);
    const { totals, cases } = await parseJunit(result.stdout);
    assert.deepEqual([totals.tests, totals.failures], ['2', '0']);
    assert.deepEqual(
      cases.map((c) => [c.$.name, c.failure]),
      [
        ['evidence/a.md', undefined],
        ['evidence/b.md', undefined],
      ],
    );
  });

  it('fails a case per file with errors, a failure per error with file, line and message (paths from the repository root)', async () => {
    const result = ksb('check', SAMPLE, '--format', 'junit');
    assert.equal(result.status, 1, result.stderr);
    const { totals, cases } = await parseJunit(result.stdout);
    // 11 evidence files, and the progress review whose warning has a case of its own.
    assert.deepEqual([totals.tests, totals.failures], ['12', '3']);
    const failing = cases.filter((c) => c.failure);
    assert.deepEqual(
      failing.map((c) => c.failure?.map((f) => f._)),
      [
        [
          'examples/sample-portfolio/evidence/saturday-splash/02-studio-schedule-changes.md:6:5 ksb.wrong-option Unexpected code K25 for the Production coordinator option: K25 belongs to Post production coordinator',
        ],
        ['examples/sample-portfolio/evidence/saturday-splash/03-kit-check-in-and-loss-report.md:4:12 ksb.unknown-code Unexpected code `S05`: did you mean S5?'],
        [
          'examples/sample-portfolio/evidence/tidelines/01-carnet-and-travel-norway.md:45:11 evidence.missing-attachment Expected a file at `../../attachments/tidelines-carnet-general-list.pdf`, found none',
        ],
      ],
    );
    assert.equal(failing[0].failure?.[0].$.type, 'ksb.wrong-option');
  });

  it('stays well-formed XML whatever the file names and messages hold', async () => {
    const hostile = 'evidence/<a href="x">&amp;]]>\u0001\u001b\ud800.md';
    const xml = formatCheckJunit(
      [
        {
          file: hostile,
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          code: 'ksb.unknown-code',
          severity: 'error',
          message: 'Unexpected `<script>` & "quotes"\nnext line',
        },
        { file: hostile, line: 2, column: 1, endLine: 2, endColumn: 1, code: 'ksb.duplicate-code', severity: 'warning', message: ']]> <!-- -->' },
      ],
      [{ file: hostile, isEvidence: true }],
    );
    const { cases } = await parseJunit(xml);
    assert.equal(cases.length, 1);
    assert.match(cases[0].failure?.[0]._ ?? '', /Unexpected `<script>` & "quotes"\nnext line/);
    assert.match(cases[0]['system-out']?.[0] ?? '', /warning ksb\.duplicate-code \]\]> <!-- -->/);
    assert.match(cases[0].$.name, /^evidence\/<a href="x">&amp;\]\]>\\u0001\\u001b\\ud800\.md$/);
  });
});

describe('ksb check --output', function () {
  this.timeout(60_000);
  beforeEach(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'ksb-output-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('writes the report in --format to the file and prints the text report, in one run', () => {
    const result = ksb('check', SAMPLE, '--format', 'sarif', '--output', 'report.sarif');
    assert.equal(result.status, 1, result.stderr);
    assertValidSarif(JSON.parse(readFileSync(path.join(cwd, 'report.sarif'), 'utf8')));
    assert.match(result.stdout, /^3 errors, 2 warnings in 18 files\.$/m);
  });

  it('works for coverage too', () => {
    const result = ksb('coverage', SAMPLE, '--format', 'json', '--output', 'coverage.json');
    assert.equal(result.status, 0, result.stderr);
    const coverage = JSON.parse(readFileSync(path.join(cwd, 'coverage.json'), 'utf8')) as { ksbs: unknown[] };
    assert.equal(coverage.ksbs.length, 47);
    assert.match(result.stdout, /^Covered \d+\/47 KSBs/m);
  });

  it('refuses a named pipe in one line instead of blocking on it, and writes to /dev/null', () => {
    spawnSync('mkfifo', [path.join(cwd, 'pipe')]);
    const intoPipe = ksb('check', SAMPLE, '--format', 'sarif', '--output', 'pipe');
    assert.equal(intoPipe.status, 2, intoPipe.stderr);
    assert.match(intoPipe.stderr, /^ksb: cannot write --output pipe: expected a file, found a named pipe\n$/);
    assert.equal(ksb('check', SAMPLE, '--format', 'sarif', '--output', '/dev/null').status, 1);
  });

  it('refuses a folder in one line, exit 2, and makes a missing parent folder', () => {
    mkdirSync(path.join(cwd, 'out'));
    const intoFolder = ksb('check', SAMPLE, '--format', 'sarif', '--output', 'out');
    assert.equal(intoFolder.status, 2);
    assert.match(intoFolder.stderr, /^ksb: cannot write --output out: it is a folder\n$/);
    const noParent = ksb('check', SAMPLE, '--format', 'junit', '--output', 'missing/report.xml');
    assert.equal(noParent.status, 1, noParent.stderr);
    assert.match(readFileSync(path.join(cwd, 'missing', 'report.xml'), 'utf8'), /^<\?xml/);
  });
});
