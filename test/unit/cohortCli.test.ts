import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CohortRow } from '../../src/core';
import { tinyStandard } from './inlinePortfolio';
import { assertUsageError, ensureCliBuilt, type ProcessRun } from './processHarness';

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const TODAY = '2026-06-30';

let cwd: string;

/** Runs the built CLI in `cwd` with today fixed, one thread unless `env` says otherwise. */
function ksb(args: readonly string[], env: NodeJS.ProcessEnv = {}): ProcessRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', TZ: 'Pacific/Kiritimati', KSB_TODAY: TODAY, KSB_WORKERS: '0', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(root: string, files: Record<string, string>): string {
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  }
  return root;
}

const EVIDENCE = (codes: string, date = '2026-01-10', extra = '') =>
  `---\ntitle: Evidence of ${codes}\ndate: ${date}\nksbs: [${codes}]\n${extra}---\n\nWhat I did.\n`;

/** A portfolio of the tiny standard (K1, K2, S1) for `apprentice`, with `files` beside its config. */
function portfolio(dir: string, apprentice: string, config: string, files: Record<string, string> = {}): string {
  return write(dir, {
    'portfolio.yaml': `standard: ST9999\napprentice: ${apprentice}\n${config}`,
    'standards/tiny.yaml': tinyStandard(),
    ...files,
  });
}

function json(result: ProcessRun): { today: string; portfolios: CohortRow[]; problems: { path: string; problem: string }[] } {
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

function git(dir: string, args: readonly string[], date?: string): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  const dated = date ? { ...env, GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` } : env;
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, env: dated, encoding: 'utf8' });
}

describe('ksb cohort', function () {
  this.timeout(120_000);

  before(() => {
    ensureCliBuilt(REPO);
    cwd = mkdtempSync(path.join(tmpdir(), 'ksb-cohort-'));
    const clones = path.join(cwd, 'clones');
    // Ahead on hours, everything signed: green.
    portfolio(path.join(clones, 'ada'), 'Ada', 'start: 2025-06-01\nend: 2027-06-01\notj-target: 20\n', {
      'evidence/a.md': EVIDENCE('K1, K2, S1', '2026-02-01', 'otj: 12\n'),
    });
    // An unknown code: an error, so red.
    portfolio(path.join(clones, 'bo'), 'Bo', 'start: 2025-06-01\nend: 2027-06-01\n', { 'evidence/a.md': EVIDENCE('K1, K7') });
    // A nested portfolio inside a clone is its own row.
    portfolio(path.join(clones, 'bo', 'second'), 'Bo Again', 'start: 2025-06-01\nend: 2026-08-01\n', { 'evidence/b.md': EVIDENCE('K1') });
    write(clones, {
      'broken/portfolio.yaml': 'standard: [ST9999\n',
      'unknown/portfolio.yaml': 'standard: ST4242\n',
      'notes/readme.md': '# Not a portfolio\n',
      'folder-config/portfolio.yaml/inside.txt': 'a folder named like the config\n',
      '.hidden/portfolio.yaml': 'standard: ST9999\n',
      'node_modules/pkg/portfolio.yaml': 'standard: ST9999\n',
    });
    mkdirSync(path.join(clones, 'fifo'));
    execFileSync('mkfifo', [path.join(clones, 'fifo', 'portfolio.yaml')]);
    symlinkSync(path.join(clones, 'ada'), path.join(clones, 'linked'));
  });

  after(() => rmSync(cwd, { recursive: true, force: true }));

  it('Should give every portfolio below the folder a row, in path order, skipping hidden folders and node_modules, and exit 0', () => {
    const result = json(ksb(['cohort', 'clones', '--format', 'json']));
    assert.equal(result.today, TODAY);
    assert.deepEqual(
      result.portfolios.map((row) => row.path),
      ['clones/ada', 'clones/bo', 'clones/bo/second', 'clones/broken', 'clones/fifo', 'clones/folder-config', 'clones/unknown'],
    );
    const byPath = new Map(result.portfolios.map((row) => [row.path, row]));
    const ada = byPath.get('clones/ada')!;
    assert.deepEqual([ada.apprentice, ada.standard, ada.version, ada.covered, ada.total, ada.errors, ada.evidence], ['Ada', 'ST9999', '1.0', 3, 3, 0, 1]);
    assert.deepEqual(ada.hours, { logged: 12, target: 20, expected: 10.8 });
    assert.equal(ada.rag, 'green');
    assert.equal(byPath.get('clones/bo')!.rag, 'red');
    assert.deepEqual(byPath.get('clones/bo')!.ragReasons, ['1 error']);
    assert.equal(byPath.get('clones/bo/second')!.apprentice, 'Bo Again');
    assert.equal(byPath.get('clones/bo/second')!.rag, 'amber');
  });

  it('Should make an unreadable portfolio a red row with its error: broken YAML, a FIFO, a folder named portfolio.yaml, an unknown standard', () => {
    const byPath = new Map(json(ksb(['cohort', 'clones', '--format', 'json'])).portfolios.map((row) => [row.path, row]));
    assert.match(byPath.get('clones/broken')!.error!, /^portfolio\.yaml is not usable: \d+:\d+ .*YAML/);
    assert.equal(byPath.get('clones/fifo')!.error, 'portfolio.yaml is not a file: expected a YAML file, found a named pipe');
    assert.equal(byPath.get('clones/folder-config')!.error, 'portfolio.yaml is not a file: expected a YAML file, found a folder');
    assert.match(byPath.get('clones/unknown')!.error!, /Unexpected standard `ST4242`/);
    for (const path of ['clones/broken', 'clones/fifo', 'clones/folder-config', 'clones/unknown']) assert.equal(byPath.get(path)!.rag, 'red');
  });

  it('Should name a folder that is not a portfolio and a linked clone as problems, never following the link', () => {
    const result = json(ksb(['cohort', 'clones', '--format', 'json']));
    assert.deepEqual(result.problems, [
      { path: 'clones/notes', problem: 'not a portfolio: no portfolio.yaml in it or below it' },
      { path: 'clones/linked', problem: 'a symbolic link to a folder: not followed (give the folder it points to instead)' },
    ]);
  });

  it('Should print a table within 100 columns, a note under each red or amber row, and the folders that are not portfolios on one line', () => {
    const result = ksb(['cohort', 'clones']);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines) assert.ok(line.length <= 100, `Expected at most 100 columns, found ${line.length}: ${line}`);
    assert.match(lines[0], /^RAG\s+APPRENTICE\s+PATH\s+COVERED\s+ERR\s+WARN\s+EVID\s+LAST\s+HOURS\s+READY$/);
    assert.match(result.stdout, /^green\s+Ada\s+clones\/ada\s+3\/3\s+0\s+\d+\s+1\s+2026-02-01\s+12\/10\.8\s+/m);
    assert.match(result.stdout, /^ {7}error: portfolio\.yaml is not a file: expected a YAML file, found a named pipe$/m);
    assert.match(result.stdout, /^7 portfolios: 5 red, 1 amber, 1 green\.$/m);
    assert.match(result.stdout, /^Not portfolios \(no portfolio\.yaml below them\): clones\/notes$/m);
  });

  it('Should give the same rows on worker threads as on one thread', () => {
    const one = ksb(['cohort', 'clones', '--format', 'json'], { KSB_WORKERS: '0' });
    const three = ksb(['cohort', 'clones', '--format', 'json'], { KSB_WORKERS: '3' });
    assert.equal(three.status, 0, three.stderr);
    assert.equal(three.stdout, one.stdout);
  });

  it('Should check a portfolio parsed on worker threads with the same output as on one thread, hostile files included', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) {
      const kind = i % 6;
      files[`evidence/e${String(i).padStart(3, '0')}.md`] =
        kind === 0
          ? EVIDENCE('K1, K9', `2026-0${(i % 9) + 1}-10`)
          : kind === 1
            ? '---\ntitle: [broken\nksbs: [K1\n---\n'
            : kind === 2
              ? `\uFEFF${EVIDENCE('K2').replace(/\n/g, '\r\n')}`
              : kind === 3
                ? `${EVIDENCE('S1')}[gone](missing-${i}.md)\n`
                : kind === 4
                  ? i % 12 === 4
                    ? '\u0000\u0001binary\uFFFE'
                    : `${EVIDENCE('K3', '2026-03-01')}Still to write: WIP and TODO.\n`
                  : EVIDENCE('K1, K2, S1', '2026-02-01', 'signoffs:\n  - by: Priya\n    role: employer\n    date: 2026-02-02\n    digest: sha256:00\n');
    }
    // The portfolio's own placeholders travel to the threads with the files.
    portfolio(path.join(cwd, 'large'), 'Large', 'start: 2025-06-01\nplaceholders: [WIP]\n', files);
    const one = ksb(['check', 'large', '--format', 'json'], { KSB_WORKERS: '0' });
    const two = ksb(['check', 'large', '--format', 'json'], { KSB_WORKERS: '2' });
    assert.equal(one.status, 1, one.stderr);
    const found = JSON.parse(one.stdout).diagnostics as Array<{ code: string; message: string }>;
    assert.ok(found.length >= 100, 'expected problems in many files');
    const placeholders = found.filter((d) => d.code === 'evidence.placeholder');
    assert.equal(placeholders.length, 25);
    assert.ok(
      placeholders.every((d) => d.message.includes('`WIP`')),
      "only the portfolio's own placeholders are looked for",
    );
    assert.equal(two.stderr, '');
    assert.equal(two.stdout, one.stdout);
    const coverageOne = ksb(['coverage', 'large', '--format', 'json'], { KSB_WORKERS: '0' });
    assert.equal(ksb(['coverage', 'large', '--format', 'json'], { KSB_WORKERS: '2' }).stdout, coverageOne.stdout);
  });

  it('Should refuse a KSB_WORKERS that is not a number of threads', () => {
    assertUsageError(ksb(['cohort', 'clones'], { KSB_WORKERS: 'lots' }), /KSB_WORKERS=lots: expected a whole number of threads from 0 to 256/);
  });

  it('Should write CSV with a row per portfolio', () => {
    const result = ksb(['cohort', 'clones', '--format', 'csv']);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    assert.equal(lines.length, 8);
    assert.match(lines[1], /^green,clones\/ada,Ada,ST9999,1\.0,,,3,3,/);
  });

  it('Should write the HTML page and each apprentice report beside it with --reports, linked from the row', () => {
    const result = ksb(['cohort', 'clones', '--format', 'html', '-o', 'out/cohort.html', '--reports']);
    assert.equal(result.status, 0, result.stderr);
    const page = readFileSync(path.join(cwd, 'out', 'cohort.html'), 'utf8');
    assert.match(page, /<a href="reports\/clones-ada\.html">Ada<\/a>/);
    assert.match(readFileSync(path.join(cwd, 'out', 'reports', 'clones-ada.html'), 'utf8'), /KSB portfolio: Ada, ST9999 v1\.0/);
    assert.match(result.stdout, /^RAG\s+APPRENTICE/, 'the text table goes to the terminal');
  });

  it('Should refuse --reports without an HTML file to put them beside, and a folder that does not exist', () => {
    assertUsageError(ksb(['cohort', 'clones', '--reports']), /--reports .* needs --format html and -o FILE/);
    assertUsageError(ksb(['cohort', 'clones', 'nowhere']), /no such directory: nowhere/);
  });

  it('Should merge coverage artifacts into the rows a cohort run gives, without the portfolios', () => {
    const direct = json(ksb(['cohort', 'clones', '--format', 'json']));
    mkdirSync(path.join(cwd, 'artifacts'), { recursive: true });
    for (const name of ['ada', 'bo']) {
      const coverage = spawnSync(process.execPath, [CLI, 'coverage', '--format', 'json'], {
        cwd: path.join(cwd, 'clones', name),
        encoding: 'utf8',
        env: { ...process.env, KSB_TODAY: TODAY },
      });
      assert.equal(coverage.status, 0, coverage.stderr);
      writeFileSync(path.join(cwd, 'artifacts', `${name}.json`), coverage.stdout);
    }
    writeFileSync(path.join(cwd, 'artifacts', 'junk.json'), '{"not": "an artifact"}');
    const merged = json(ksb(['cohort', '--from-json', 'artifacts/ada.json', 'artifacts/bo.json', 'artifacts/junk.json', 'artifacts', '--format', 'json']));
    const expected = direct.portfolios.filter((row) => row.path === 'clones/ada' || row.path === 'clones/bo');
    assert.deepEqual(
      merged.portfolios.map(({ path: _path, ...row }) => row),
      expected.map(({ path: _path, ...row }) => row),
    );
    assert.deepEqual(
      merged.portfolios.map((row) => row.path),
      ['artifacts/ada.json', 'artifacts/bo.json'],
    );
    assert.deepEqual(
      merged.problems.map((p) => p.path),
      ['artifacts/junk.json', 'artifacts'],
    );
    assert.match(merged.problems[1].problem, /^expected a JSON file, found a folder$/);
  });

  it("Should date each portfolio's last evidence by git once per repository, many portfolios in one repository, untracked ones by front matter", () => {
    const mono = path.join(cwd, 'mono');
    portfolio(path.join(mono, 'p1'), 'P1', 'start: 2025-06-01\n', { 'evidence/a.md': EVIDENCE('K1', '2026-01-10') });
    portfolio(path.join(mono, 'p2'), 'P2', 'start: 2025-06-01\n', { 'evidence/b weird name.md': EVIDENCE('K2', '2026-01-10') });
    git(mono, ['init', '-q']);
    git(mono, ['add', '.']);
    git(mono, ['commit', '-qm', 'first'], '2026-02-05');
    write(path.join(mono, 'p2'), { 'evidence/b weird name.md': EVIDENCE('K2, S1', '2026-01-10') });
    git(mono, ['commit', '-qam', 'p2 again'], '2026-03-07');
    // A later commit of a file that is not evidence does not move the day.
    write(path.join(mono, 'p1'), { 'plan.txt': 'the plan\n' });
    git(mono, ['add', '.']);
    git(mono, ['commit', '-qm', 'a plan'], '2026-04-01');
    portfolio(path.join(mono, 'p3'), 'P3', 'start: 2025-06-01\n', { 'evidence/c.md': EVIDENCE('K1', '2026-01-20') });
    const rows = json(ksb(['cohort', 'mono', '--format', 'json'])).portfolios;
    const byPath = new Map(rows.map((row) => [row.path, [row.lastEvidence, row.lastEvidenceFrom]]));
    assert.deepEqual(Object.fromEntries(byPath), {
      'mono/p1': ['2026-02-05', 'git'],
      'mono/p2': ['2026-03-07', 'git'],
      'mono/p3': ['2026-01-20', 'front-matter'],
    });
    // The same rows on threads, each job carrying its days.
    assert.deepEqual(json(ksb(['cohort', 'mono', '--format', 'json'], { KSB_WORKERS: '2' })).portfolios, rows);
  });

  it('Should say what each apprentice added since a revision or a date, through git', () => {
    const repo = portfolio(path.join(cwd, 'history', 'cy'), 'Cy', 'start: 2025-06-01\nend: 2027-06-01\n', {
      'evidence/a.md': EVIDENCE('K1', '2026-03-01', 'otj: 3\n'),
    });
    git(repo, ['init', '-q']);
    git(repo, ['add', '.']);
    git(repo, ['commit', '-qm', 'first'], '2026-03-01');
    git(repo, ['tag', 'start']);
    write(repo, { 'evidence/b.md': EVIDENCE('K2, S1', '2026-05-02', 'otj: 4\n') });
    git(repo, ['add', '.']);
    git(repo, ['commit', '-qm', 'second'], '2026-05-02');
    const plain = portfolio(path.join(cwd, 'history', 'di'), 'Di', 'start: 2025-06-01\nend: 2027-06-01\n', {
      'evidence/a.md': EVIDENCE('K1', '2026-03-01'),
      'evidence/b.md': EVIDENCE('K2', '2026-05-02', 'otj: 2\n'),
    });
    assert.ok(plain);

    for (const since of ['start', '2026-04-01']) {
      const rows = json(ksb(['cohort', 'history', '--since', since, '--format', 'json'])).portfolios;
      const cy = rows.find((row) => row.path === 'history/cy')!;
      assert.deepEqual(cy.since, { since, evidenceAdded: 1, claimsAdded: 2, newlyCovered: ['K2', 'S1'], hours: 4, error: null });
      assert.equal(cy.lastEvidence, '2026-05-02');
      assert.equal(cy.lastEvidenceFrom, 'git');
      const di = rows.find((row) => row.path === 'history/di')!;
      if (since === 'start') assert.match(di.since!.error!, /^not a git repository: --since start needs one/);
      else assert.deepEqual(di.since, { since, evidenceAdded: 1, claimsAdded: 1, newlyCovered: ['K2'], hours: 2, error: null });
    }
    const unknown = json(ksb(['cohort', 'history/cy', '--since', 'no-such-tag', '--format', 'json'])).portfolios[0];
    assert.match(unknown.since!.error!, /unknown revision "no-such-tag"/);
    const text = ksb(['cohort', 'history', '--since', 'start']).stdout;
    assert.match(text, /since start: 1 evidence file added, 2 claims, newly covered K2 S1, 4 hours/);
  });
});
