import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { assertUsageError } from './processHarness';
import { parse as parseYaml } from 'yaml';
import { parseStandardFile } from '../../src/core';
import { API_PATH, refusedBase, runCli, snapshotPresent, SNAPSHOT_DIR, softwareDeveloperFixture, startLocalApi, type CliRun, type LocalApi } from './apiServer';

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

let work: string;
let api: LocalApi;

/** Runs the CLI in `cwd` (default: the work folder) against the local API. */
function ksb(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return runCli(CLI, args, { cwd: options.cwd ?? work, env: { KSB_STANDARDS_API: api.base, ...options.env } });
}

/** A fresh folder with a portfolio.yaml on the shipped ST0792, for adding standards to. */
function portfolio(name: string): string {
  const root = path.join(work, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'portfolio.yaml'), 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\n');
  return root;
}

/** The files below `root`, relative and sorted. */
function filesBelow(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return found.sort();
}

interface CoverageReport {
  standard: string;
  version: string;
  option: string | null;
  ksbs: Array<{ code: string; kind: string; text: string; covered: boolean; evidence: string[] }>;
}

describe('ksb standard add, standard list and init against a local standards API', function () {
  this.timeout(120_000);

  before(async () => {
    if (!existsSync(CLI) || statSync(CLI).mtimeMs < statSync(path.join(REPO, 'src', 'cli', 'main.ts')).mtimeMs) {
      const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, encoding: 'utf8' });
      assert.equal(build.status, 0, `node esbuild.mjs failed:\n${build.stderr}`);
    }
    work = mkdtempSync(path.join(tmpdir(), 'ksb-standards-'));
    const fixture = softwareDeveloperFixture();
    api = await startLocalApi({
      [`${API_PATH}/ST0116`]: { json: fixture },
      [`${API_PATH}/ST0116/1.1`]: { json: fixture },
      [`${API_PATH}/ST0116/1.0`]: { json: softwareDeveloperFixture({ version: '1.0', status: 'Retired', latestStartDate: '2021-05-31T00:00:00' }) },
      [`${API_PATH}/ST0500`]: { status: 500, body: 'Internal error' },
      [`${API_PATH}/ST0777`]: { hang: true },
      [`${API_PATH}/ST0888`]: { status: 200, body: '<!DOCTYPE html><html><body>Please sign in</body></html>', type: 'text/html' },
      [`${API_PATH}/ST0999`]: { bytes: 9 * 1024 * 1024 },
      [`${API_PATH}/ST0666`]: {
        json: softwareDeveloperFixture({
          referenceNumber: 'ST0666',
          title: 'Forged\n::error file=README.md::pwned \u001b[31m',
          status: 'Retired\r\nok',
          options: [{ optionId: 'o-web', title: 'Web\u2028developer' }],
        }),
      },
    });
  });

  after(async () => {
    await api.close();
    rmSync(work, { recursive: true, force: true });
  });

  describe('standard add REF', () => {
    it('Should write standards/ST0116_1.1.json with `$source` and print reference, title, status, KSB counts, options and gaps', async () => {
      const root = portfolio('add-fixture');
      const result = await ksb(['standard', 'add', 'ST0116', '--dir', root]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '');
      assert.deepEqual(result.stdout.trimEnd().split('\n'), [
        'Wrote standards/ST0116_1.1.json: ST0116 v1.1, Software developer (test fixture)',
        '  status: Approved for delivery',
        '  KSBs: 4 knowledge, 1 skill, 1 behaviour',
        '  options: web-developer (Web developer), data-developer (Data developer)',
        `  source: ${api.base}/ST0116, retrieved ${result.stdout.match(/retrieved (\d{4}-\d{2}-\d{2})/)?.[1]}`,
        '  note: K4 is listed by no duty, so the file does not say which option it belongs to: counted for every option.',
        'To use it, set `standard: ST0116` and `version: "1.1"` in portfolio.yaml.',
      ]);
      const written = JSON.parse(readFileSync(path.join(root, 'standards', 'ST0116_1.1.json'), 'utf8')) as Record<string, unknown>;
      assert.equal(Object.keys(written)[0], '$source');
      assert.equal((written.$source as { url: string }).url, `${api.base}/ST0116`);
      assert.equal(written.referenceNumber, 'ST0116');
    });

    it('Should fetch {base}/REF/VERSION for --version and say when the version is not approved', async () => {
      const root = portfolio('add-version');
      const result = await ksb(['standard', 'add', 'st0116', '--version', '1.0', '--dir', root]);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^Wrote standards\/ST0116_1\.0\.json: ST0116 v1\.0, /);
      assert.match(result.stdout, /^ {2}status: Retired \(latest start 2021-05-31\)$/m);
      assert.ok(api.requests.includes(`${API_PATH}/ST0116/1.0`), api.requests.join('\n'));
    });

    it('Should keep an identical file, refuse a different one without --force, and replace it with --force', async () => {
      const root = portfolio('add-twice');
      assert.equal((await ksb(['standard', 'add', 'ST0116', '--dir', root])).status, 0);
      const again = await ksb(['standard', 'add', 'ST0116', '--dir', root]);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /^Kept \(same standard data\) standards\/ST0116_1\.1\.json/);
      const target = path.join(root, 'standards', 'ST0116_1.1.json');
      writeFileSync(target, JSON.stringify(softwareDeveloperFixture({ title: 'Edited by hand' })));
      assertUsageError(
        await ksb(['standard', 'add', 'ST0116', '--dir', root]),
        /standards\/ST0116_1\.1\.json already exists with different contents: pass --force to replace it$/,
      );
      assert.match(readFileSync(target, 'utf8'), /Edited by hand/);
      const forced = await ksb(['standard', 'add', 'ST0116', '--dir', root, '--force']);
      assert.equal(forced.status, 0, forced.stderr);
      assert.match(forced.stdout, /^Replaced standards\/ST0116_1\.1\.json/);
      assert.doesNotMatch(readFileSync(target, 'utf8'), /Edited by hand/);
      assert.deepEqual(filesBelow(path.join(root, 'standards')), ['ST0116_1.1.json'], 'no temporary file is left behind');
    });

    it('Should refuse a folder without portfolio.yaml, pointing at ksb init', async () => {
      mkdirSync(path.join(work, 'no-portfolio'));
      assertUsageError(
        await ksb(['standard', 'add', 'ST0116'], { cwd: path.join(work, 'no-portfolio') }),
        /no portfolio\.yaml in \.: run `ksb init --standard ST0116`/,
      );
      assert.equal(existsSync(path.join(work, 'no-portfolio', 'standards')), false);
    });

    it('Should say 404 means the API has no such standard', async () => {
      assertUsageError(
        await ksb(['standard', 'add', 'ST0404', '--dir', portfolio('add-404')]),
        /The standards API has no ST0404 \(404 at http:\/\/127\.0\.0\.1:\d+\/api\/apprenticeshipstandards\/ST0404\)/,
      );
    });

    it('Should say a 500 is the server, and how to get the file by hand', async () => {
      assertUsageError(
        await ksb(['standard', 'add', 'ST0500', '--dir', portfolio('add-500')]),
        /answered 500 for .*ST0500; try again later, or download it in a browser from .*ST0500 and run `ksb standard add FILE\.json`$/,
      );
    });

    it('Should give up on a server that never answers after the time limit, with one line', async () => {
      const started = Date.now();
      const result = await ksb(['standard', 'add', 'ST0777', '--dir', portfolio('add-timeout')], { env: { KSB_STANDARDS_API_TIMEOUT_MS: '300' } });
      assertUsageError(
        result,
        /^ksb: Could not fetch from the standards API \(no answer within 300 ms\); download it in a browser from .*\/ST0777 and run `ksb standard add FILE\.json`$/,
      );
      console.log(`      gave up after ${Date.now() - started} ms (limit 300 ms, plus node's start)`);
    });

    it('Should refuse a body that is not JSON, saying it was an HTML page', async () => {
      assertUsageError(
        await ksb(['standard', 'add', 'ST0888', '--dir', portfolio('add-html')]),
        /Expected JSON from .*\/ST0888, found an HTML page; download it in a browser/,
      );
    });

    it('Should refuse an answer over the 8 MB limit that sends no content-length', async () => {
      assertUsageError(await ksb(['standard', 'add', 'ST0999', '--dir', portfolio('add-huge')]), /\(the answer is over the 8\.0 MB limit\)/);
    });

    it('Should, offline (connection refused), say how to download the file by hand', async () => {
      const base = await refusedBase();
      const result = await ksb(['standard', 'add', 'ST0116', '--dir', portfolio('add-offline')], { env: { KSB_STANDARDS_API: base } });
      assertUsageError(
        result,
        new RegExp(
          `^ksb: Could not fetch from the standards API \\(connect ECONNREFUSED [^)]+\\); download it in a browser from ${base.replace(/[.]/g, '\\.')}/ST0116 and run \`ksb standard add FILE\\.json\`$`,
        ),
      );
    });

    it('Should keep a hostile title, status and option on their lines', async () => {
      const result = await ksb(['standard', 'add', 'ST0666', '--dir', portfolio('add-hostile-text')]);
      assert.equal(result.status, 0, result.stderr);
      const lines = result.stdout.trimEnd().split('\n');
      for (const line of lines) assert.match(line, /^(Wrote | {2}(status|KSBs|options|source|note): |To use it, )/, result.stdout);
      assert.match(lines[0], /^Wrote standards\/ST0666_1\.1\.json: ST0666 v1\.1, Forged ::error file=README\.md::pwned \\u001b\[31m$/);
      for (const unsafe of ['\u001b', '\r', '\u2028']) assert.ok(!result.stdout.includes(unsafe), JSON.stringify(result.stdout));
    });

    it('Should take the base URL from --api over the environment, and refuse one that is no URL', async () => {
      const root = portfolio('add-flag');
      const result = await ksb(['standard', 'add', 'ST0116', '--dir', root, '--api', api.base], { env: { KSB_STANDARDS_API: 'http://127.0.0.1:9/nothing' } });
      assert.equal(result.status, 0, result.stderr);
      assertUsageError(await ksb(['standard', 'add', 'ST0116', '--dir', root, '--api', 'ftp:/x']), /Expected --api to be an http\(s\) URL/);
    });
  });

  describe('standard add FILE.json', () => {
    it('Should add a downloaded file without the network, recording the file it came from', async () => {
      const root = portfolio('add-file');
      const downloaded = path.join(work, 'ST0116_1.1 (downloaded).json');
      writeFileSync(downloaded, JSON.stringify(softwareDeveloperFixture()));
      const result = await ksb(['standard', 'add', downloaded, '--dir', root], { env: { KSB_STANDARDS_API: await refusedBase() } });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^Wrote standards\/ST0116_1\.1\.json: ST0116 v1\.1, Software developer \(test fixture\)$/m);
      const written = JSON.parse(readFileSync(path.join(root, 'standards', 'ST0116_1.1.json'), 'utf8')) as { $source: Record<string, string> };
      assert.equal(written.$source.file, 'ST0116_1.1 (downloaded).json');
      const list = await ksb(['standard', 'list', root, '--format', 'json']);
      const listed = (JSON.parse(list.stdout) as { standards: Array<{ reference: string; from: string }> }).standards;
      assert.deepEqual(
        listed.find((s) => s.reference === 'ST0116'),
        { reference: 'ST0116', version: '1.1', title: 'Software developer (test fixture)', status: 'Approved for delivery', from: 'standards/ST0116_1.1.json' },
      );
    });

    it('Should refuse a folder, a named pipe, a binary file, a huge file and JSON of another shape with one line each', async function () {
      const root = portfolio('add-hostile');
      const binary = path.join(work, 'binary.json');
      writeFileSync(binary, Buffer.from([0x7b, 0x00, 0x01, 0xff, 0xfe, 0x00]));
      const huge = path.join(work, 'huge.json');
      writeFileSync(huge, '');
      truncateSync(huge, 9 * 1024 * 1024);
      const other = path.join(work, 'other.json');
      writeFileSync(other, '{"reference":"ST0792","version":"1.2","title":"ours","ksbs":[]}');
      const cases: Array<[string, RegExp]> = [
        [work, /is not a file: expected a JSON file from the standards API, found a folder$/],
        [binary, /binary\.json: Expected UTF-8 text, found binary content \(NUL bytes\): expected a JSON file from the standards API$/],
        [huge, /huge\.json is \d+\.\d MB, over the 8\.0 MB limit: expected a JSON file from the standards API$/],
        [other, /Expected an apprenticeship standard in the API's shape .* in `other\.json`$/],
        [path.join(work, 'missing.json'), /no such file: .*missing\.json$/],
      ];
      const fifo = path.join(work, 'pipe.json');
      if (spawnSync('mkfifo', [fifo]).status === 0)
        cases.push([fifo, /pipe\.json is not a file: expected a JSON file from the standards API, found a named pipe$/]);
      for (const [file, message] of cases) assertUsageError(await ksb(['standard', 'add', file, '--dir', root]), message);
      assert.equal(existsSync(path.join(root, 'standards')), false, 'nothing was written');
    });

    it('Should refuse --version that the file does not hold', async () => {
      const downloaded = path.join(work, 'v11.json');
      writeFileSync(downloaded, JSON.stringify(softwareDeveloperFixture()));
      assertUsageError(
        await ksb(['standard', 'add', downloaded, '--version', '1.0', '--dir', portfolio('add-file-version')]),
        /Expected version 1\.0 in `.*v11\.json`, found ST0116 v1\.1/,
      );
    });

    it('Should refuse a flag another command takes, and a missing argument', async () => {
      assertUsageError(await ksb(['standard', 'add', 'ST0116', '--option', 'x']), /standard add takes no --option/);
      assertUsageError(await ksb(['standard', 'add']), /standard add needs one reference or file/);
      assertUsageError(await ksb(['standard', 'remove', 'ST0116']), /unknown `standard remove`: expected standard add or standard list/);
    });
  });

  describe('standard list', () => {
    it('Should list the shipped standards in text, outside a portfolio too', async () => {
      mkdirSync(path.join(work, 'empty'), { recursive: true });
      const result = await ksb(['standard', 'list'], { cwd: path.join(work, 'empty') });
      assert.equal(result.status, 0, result.stderr);
      const lines = result.stdout.trimEnd().split('\n');
      assert.deepEqual(
        lines.slice(0, 3).map((line) => line.split(/\s{2,}/)[0]),
        ['ST0792 v1.0', 'ST0792 v1.1', 'ST0792 v1.2'],
      );
      assert.match(lines[2], /^ST0792 v1\.2 {2}Junior production coordinator {2}.*shipped$/);
      assert.equal(lines.at(-1), '3 standards: 3 shipped, 0 from the portfolio.');
    });

    it('Should name a broken workspace standard file as not loaded', async () => {
      const root = portfolio('list-broken');
      mkdirSync(path.join(root, 'standards'));
      writeFileSync(path.join(root, 'standards', 'broken.json'), '{"referenceNumber": "ST0116", "knowledges": [');
      const result = await ksb(['standard', 'list', root]);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^standards\/broken\.json: not loaded: /m);
    });
  });

  describe('init against the local API (hand-written ST0116)', () => {
    it('Should create a portfolio for ST0116 whose check passes and whose coverage lists its KSBs with code and text', async () => {
      const result = await ksb(['init', 'sd', '--standard', 'ST0116', '--option', 'Web developer', '--apprentice', 'Sam: "Dev"', '--ci', 'github']);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^Created a portfolio for ST0116 v1\.1, Software developer \(test fixture\), Web developer option in sd:$/m);
      const root = path.join(work, 'sd');
      assert.deepEqual(filesBelow(root), [
        '.github/workflows/portfolio.yml',
        '.gitignore',
        `evidence/${result.stdout.match(/evidence\/(\S+\.md)/)?.[1]}`,
        'portfolio.yaml',
        'standards/ST0116_1.1.json',
      ]);
      const config = parseYaml(readFileSync(path.join(root, 'portfolio.yaml'), 'utf8')) as Record<string, unknown>;
      assert.deepEqual(config, { standard: 'ST0116', version: '1.1', option: 'web-developer', apprentice: 'Sam: "Dev"' });
      const workflow = parseYaml(readFileSync(path.join(root, '.github/workflows/portfolio.yml'), 'utf8')) as {
        jobs: { check: { steps: Array<{ uses?: string; with?: Record<string, unknown> }> } };
      };
      assert.deepEqual(workflow.jobs.check.steps.at(-1), { uses: `ksb-portfolio/ksb-portfolio@v${PACKAGE_VERSION}`, with: { path: '.' } });

      const check = await ksb(['check', root, '--format', 'json']);
      assert.equal(check.status, 0, check.stdout + check.stderr);
      const codes = (JSON.parse(check.stdout) as { diagnostics: Array<{ code: string; severity: string }> }).diagnostics.map((d) => `${d.severity} ${d.code}`);
      assert.deepEqual(codes, ['warning evidence.no-ksbs', 'warning standard.data-gap'], 'the empty first file and K4 in no duty, nothing else');

      const coverage = await ksb(['coverage', root, '--format', 'json']);
      assert.equal(coverage.status, 0, coverage.stderr);
      const report = JSON.parse(coverage.stdout) as CoverageReport;
      assert.deepEqual([report.standard, report.version, report.option], ['ST0116', '1.1', 'web-developer']);
      assert.deepEqual(
        report.ksbs.map((k) => `${k.code} ${k.text}`),
        [
          'K1 the software development life-cycle',
          'K2 how to build for the web & mobile',
          'K4 a KSB that no duty lists',
          'S1 write clean code',
          'B1 works independently',
        ],
      );
    });

    it('Should work offline afterwards: check and lookup read the standard from standards/', async () => {
      const offline = { KSB_STANDARDS_API: await refusedBase() };
      const root = path.join(work, 'sd');
      assert.equal((await ksb(['check', root], { env: offline })).status, 0);
      const lookup = await ksb(['lookup', 'K4'], { cwd: root, env: offline });
      assert.equal(lookup.status, 0, lookup.stderr);
      assert.match(lookup.stdout, /^K4 \(Knowledge, ST0116 v1\.1: Software developer \(test fixture\)\)$/m);
      assert.match(lookup.stdout, /^Note: No duty lists K4, so which option it belongs to is not known: it counts for every option\.$/m);
      assert.match(lookup.stdout, /^Standard page: https:\/\/example\.test\/st0116-v1-1$/m);
      const k1 = await ksb(['lookup', 'K1'], { cwd: root, env: offline });
      assert.doesNotMatch(k1.stdout, /^Note:/m, 'K1 is in a core duty: the note is not about it');
    });

    it('Should point lookup of a standard that is not there at standard add', async () => {
      mkdirSync(path.join(work, 'lookup-elsewhere'), { recursive: true });
      assertUsageError(
        await ksb(['lookup', 'K1', '--standard', 'ST0116'], { cwd: path.join(work, 'lookup-elsewhere') }),
        /unknown standard ST0116: expected one of ST0792 \(add others with `ksb standard add REF` in a portfolio\)$/,
      );
    });

    it('Should show a retired version`s status in lookup', async () => {
      const root = portfolio('lookup-retired');
      assert.equal((await ksb(['standard', 'add', 'ST0116', '--version', '1.0', '--dir', root])).status, 0);
      const lookup = await ksb(['lookup', 'K1', '--standard', 'ST0116', '--version', '1.0'], { cwd: root });
      assert.equal(lookup.status, 0, lookup.stderr);
      assert.match(lookup.stdout, /^Status: Retired \(latest start 2021-05-31\)$/m);
    });

    it('Should init from a downloaded file with --from, without the network', async () => {
      const downloaded = path.join(work, 'from.json');
      writeFileSync(downloaded, JSON.stringify(softwareDeveloperFixture()));
      const result = await ksb(['init', 'from-file', '--from', downloaded, '--option', '2'], { env: { KSB_STANDARDS_API: await refusedBase() } });
      assert.equal(result.status, 0, result.stderr);
      assert.match(
        readFileSync(path.join(work, 'from-file', 'portfolio.yaml'), 'utf8'),
        /^option: data-developer {2}# one of: web-developer \| data-developer$/m,
      );
    });

    it('Should write nothing when the standard cannot be fetched', async () => {
      assertUsageError(await ksb(['init', 'not-fetched', '--standard', 'ST0404', '--yes']), /The standards API has no ST0404/);
      assert.equal(existsSync(path.join(work, 'not-fetched')), false);
    });
  });

  describe('the real ST0116 from the snapshot', () => {
    let snapshotApi: LocalApi;

    before(async function () {
      if (!snapshotPresent()) return this.skip();
      const text = readFileSync(path.join(SNAPSHOT_DIR, 'ST0116_1.1.json'), 'utf8');
      snapshotApi = await startLocalApi({ [`${API_PATH}/ST0116`]: { json: text }, [`${API_PATH}/ST0116/1.1`]: { json: text } });
    });

    after(async () => {
      await snapshotApi?.close();
    });

    it('Should init --standard ST0116, then check passes and coverage --format json lists its 38 KSBs with code and text', async () => {
      const env = { KSB_STANDARDS_API: snapshotApi.base };
      const result = await ksb(['init', 'st0116', '--standard', 'ST0116', '--apprentice', 'Alex'], { env });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^Created a portfolio for ST0116 v1\.1, Software developer in st0116:$/m);
      const root = path.join(work, 'st0116');
      const check = await ksb(['check', root], { env });
      assert.equal(check.status, 0, check.stdout + check.stderr);
      const report = JSON.parse((await ksb(['coverage', root, '--format', 'json'], { env })).stdout) as CoverageReport;
      const raw = JSON.parse(readFileSync(path.join(SNAPSHOT_DIR, 'ST0116_1.1.json'), 'utf8')) as Record<string, Array<{ detail: string }>>;
      assert.equal(report.ksbs.length, raw.knowledges.length + raw.skills.length + raw.behaviours.length);
      assert.deepEqual(
        report.ksbs.filter((k) => k.kind === 'knowledge').map((k) => k.code),
        raw.knowledges.map((_, i) => `K${i + 1}`),
      );
      for (const ksb of report.ksbs) assert.ok(ksb.text.length > 10 && !/[<>]|&\w+;/.test(ksb.text), `${ksb.code}: ${ksb.text}`);
      const parsed = parseStandardFile(readFileSync(path.join(SNAPSHOT_DIR, 'ST0116_1.1.json'), 'utf8'), 'ST0116_1.1.json');
      assert.ok(parsed.ok);
      assert.deepEqual(
        report.ksbs.map((k) => `${k.code} ${k.text}`),
        parsed.standard.ksbs.map((k) => `${k.code} ${k.text}`),
      );
    });

    it('Should load a portfolio whose standards/ folder holds the whole snapshot, for check and standard list', async () => {
      const root = portfolio('whole-snapshot');
      writeFileSync(path.join(root, 'portfolio.yaml'), 'standard: ST0116\nversion: "1.1"\n');
      cpSync(SNAPSHOT_DIR, path.join(root, 'standards'), { recursive: true });
      rmSync(path.join(root, 'standards', 'README.md'));
      let started = Date.now();
      const check = await ksb(['check', root, '--format', 'json']);
      const checkMs = Date.now() - started;
      // The snapshot has a few files the reader refuses (no reference, a version such as "1"): those, and nothing else, are errors.
      const diagnostics = (JSON.parse(check.stdout) as { diagnostics: Array<{ file: string; code: string }> }).diagnostics;
      const refused = diagnostics.filter((d) => d.code === 'standard.invalid-data');
      assert.deepEqual(
        diagnostics.filter((d) => !refused.includes(d)),
        [],
      );
      assert.ok(refused.length <= 10, refused.map((d) => d.file).join(', '));
      assert.equal(check.status, refused.length > 0 ? 1 : 0, check.stderr);
      started = Date.now();
      const list = await ksb(['standard', 'list', root, '--format', 'json']);
      const listMs = Date.now() - started;
      assert.equal(list.status, 0, list.stderr);
      const listed = JSON.parse(list.stdout) as { standards: Array<{ from: string }>; problems: string[] };
      const files = readdirSync(path.join(root, 'standards')).length;
      console.log(
        `      ${files} API files: ksb check ${checkMs} ms, ksb standard list ${listMs} ms; ${listed.standards.length} versions listed, ${listed.problems.length} not loaded`,
      );
      assert.ok(listed.standards.filter((s) => s.from.startsWith('standards/')).length > 1700, `${listed.standards.length} listed`);
      assert.deepEqual(listed.problems.map((p) => p.split(':')[0]).sort(), refused.map((d) => d.file).sort(), 'standard list names the files check refuses');
    });
  });
});
