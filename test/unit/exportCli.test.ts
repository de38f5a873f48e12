// `ksb export` through the built CLI: the ZIP's entries, its manifest's hashes, the same bytes
// twice, the rendered page, and hostile portfolios (raw HTML, links out of the portfolio, symbolic
// links, a named pipe, a huge file) that must neither leak a file nor hang the export.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { PACK_FILE_LIMIT } from '../../src/core/base/fileLimits';
import { findChromium } from '../../src/cli/reportPdf';
import { assertUsageError, ensureCliBuilt, type ProcessRun } from './processHarness';

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const SAMPLE = path.join(REPO, 'examples', 'sample-portfolio');
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'export');
const TODAY = '2026-12-05';

let work: string;

function ksb(args: readonly string[], cwd = work): ProcessRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KSB_TODAY: TODAY },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
}

/** Exports `dir` to `name` in the work folder and reads the ZIP back. */
function exportPack(dir: string, name: string): { run: ProcessRun; zip: Buffer; entries: Record<string, Uint8Array> } {
  const output = path.join(work, name);
  const run = ksb(['export', dir, '-o', output]);
  assert.equal(run.status, 0, run.stderr);
  const zip = readFileSync(output);
  return { run, zip, entries: unzipSync(new Uint8Array(zip)) };
}

function text(bytes: Uint8Array | undefined): string {
  assert.ok(bytes, 'expected the entry');
  return Buffer.from(bytes).toString('utf8');
}

interface Manifest {
  files: { path: string; bytes: number; sha256: string }[];
  commit: string | null;
  dirty: boolean | null;
  tool: string;
  version: string;
  generated: string;
}

describe('ksb export', function () {
  this.timeout(120_000);

  before(() => {
    ensureCliBuilt(REPO);
    work = mkdtempSync(path.join(tmpdir(), 'ksb-export-'));
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('Should pack the page, the evidence, every file it links and a manifest whose hashes match', () => {
    const { run, entries } = exportPack(FIXTURE, 'fixture.zip');
    assert.match(run.stdout, /^Wrote .*fixture\.zip: 2 evidence files/);
    assert.equal(run.stderr, '');
    assert.deepEqual(Object.keys(entries).sort(), [
      'attachments/docs/ingest-checklist.txt',
      'evidence/project-a/01-schedule.md',
      'evidence/project-a/files/booking-confirmation.pdf',
      'evidence/project-a/files/whiteboard.png',
      'evidence/reflections/2026-03.md',
      'manifest.json',
      'portfolio.html',
      'portfolio.yaml',
    ]);
    const manifest = JSON.parse(text(entries['manifest.json'])) as Manifest;
    assert.deepEqual(
      manifest.files.map((f) => f.path),
      Object.keys(entries).filter((name) => name !== 'manifest.json'),
    );
    for (const file of manifest.files) {
      const bytes = entries[file.path];
      assert.equal(file.bytes, bytes.length, file.path);
      assert.equal(file.sha256, createHash('sha256').update(bytes).digest('hex'), file.path);
      if (file.path !== 'portfolio.html') assert.deepEqual(Buffer.from(bytes), readFileSync(path.join(FIXTURE, file.path)), `expected ${file.path} as it is`);
    }
    assert.equal(manifest.tool, 'ksb');
    assert.match(manifest.version, /^\d+\.\d+\.\d+/);
    assert.equal(manifest.generated, TODAY);
  });

  it('Should render every evidence file with its panel, tables, code, images and links inside the pack', () => {
    const html = text(exportPack(FIXTURE, 'render.zip').entries['portfolio.html']);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(
      html,
      /<article class="piece" id="piece-1"[^>]*>\s*<h2 id="piece-1-title"><span class="number-label">1\.<\/span> Edit suite schedule for Project A<\/h2>/,
    );
    assert.match(html, /<li><strong>K1<\/strong>: Explains how the post-production schedule fits the delivery date<\/li>/);
    assert.match(html, /<th>Week<\/th>/);
    assert.match(html, /<code class="language-python">for clip in clips:/);
    assert.match(html, /<img src="data:image\/png;base64,[^"]+" alt="Whiteboard plan of the edit weeks">/);
    assert.match(html, /<a href="evidence\/project-a\/files\/booking-confirmation.pdf">the PDF<\/a>/);
    assert.match(html, /<a href="#piece-2">my March reflection<\/a>/);
    assert.match(html, /<a href="#piece-1">Project A<\/a>/);
    assert.match(html, /<a href="attachments\/docs\/ingest-checklist.txt">shared notes<\/a>/);
    // The declarations, the contents with words, the annex and the rest.
    assert.match(html, /I, Jordan Example, declare that the evidence in this portfolio is my own work/);
    assert.match(html, /<th scope="row" colspan="4">Words in all<\/th><td class="number">\d+<\/td>/);
    for (const id of ['declarations', 'contents', 'annex', 'matrix', 'ksbs', 'evidence-index', 'hours']) assert.match(html, new RegExp(`id="${id}"`));
    // The index links each file to its piece, never to a file outside the page.
    assert.match(html, /<tr id="e1"><th scope="row"><a href="#piece-1">/);
  });

  it("Should map the annex against the KSBs of the portfolio's assessment method only", () => {
    const html = text(exportPack(path.join(REPO, 'test', 'fixtures', 'assessment'), 'method.zip').entries['portfolio.html']);
    assert.match(html, /Annex: the evidence mapped against the KSBs that Professional discussion underpinned by a portfolio of evidence assesses/);
    // K1-K5, K9, K24-K26, S1, S3, S21 and B1-B4: the method's 16, not the option's 38.
    assert.match(html, /<caption>Evidence against 16 KSBs<\/caption>/);
    assert.match(html, /Words in all \(the assessment method asks for at most 15,000\)<\/th>/);
    const columns = [
      ...(html
        .split('id="mapping-matrix"')[1]
        .split('</thead>')[0]
        .matchAll(/href="#ksb-([KSB]\d+)"/g) ?? []),
    ].map((m) => m[1]);
    assert.deepEqual(columns, ['K1', 'K2', 'K3', 'K4', 'K5', 'K9', 'K24', 'K25', 'K26', 'S1', 'S3', 'S21', 'B1', 'B2', 'B3', 'B4']);
  });

  it('Should write the same bytes twice for the same portfolio and day', () => {
    const first = exportPack(FIXTURE, 'one.zip').zip;
    const second = exportPack(FIXTURE, 'two.zip').zip;
    assert.ok(first.equals(second), 'expected byte-identical packs');
  });

  it('Should pack the sample portfolio, warning about the attachment it names but lacks', () => {
    const { run, entries } = exportPack(SAMPLE, 'sample.zip');
    assert.match(
      run.stderr,
      /^ksb: warning: attachments\/tidelines-carnet-general-list\.pdf \(linked from evidence\/tidelines\/01-carnet-and-travel-norway\.md\) is not in the pack: no such file$/m,
    );
    const html = text(entries['portfolio.html']);
    assert.equal((html.match(/<article class="piece"/g) ?? []).length, 11);
    assert.match(html, /<section id="left-out"/);
  });

  it('Should say in the manifest that a committed portfolio is clean, the pack written inside it not counted', () => {
    const repo = path.join(work, 'repo');
    cpSync(FIXTURE, repo, { recursive: true });
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'portfolio');
    for (const round of [1, 2]) {
      const run = ksb(['export', '.', '-o', 'pack.zip'], repo);
      assert.equal(run.status, 0, run.stderr);
      const manifest = JSON.parse(text(unzipSync(new Uint8Array(readFileSync(path.join(repo, 'pack.zip'))))['manifest.json'])) as Manifest;
      assert.match(manifest.commit ?? '', /^[0-9a-f]{40}$/, `round ${round}`);
      assert.equal(manifest.dirty, false, `round ${round}: the pack itself is no change`);
    }
    // The report, too, leaves itself out of "(with uncommitted changes)" (the pack is a change for it).
    rmSync(path.join(repo, 'pack.zip'));
    for (const round of [1, 2]) {
      assert.equal(ksb(['report', '.', '-o', 'report.html'], repo).status, 0);
      assert.doesNotMatch(readFileSync(path.join(repo, 'report.html'), 'utf8'), /with uncommitted changes/, `round ${round}`);
    }
    writeFileSync(path.join(repo, 'evidence', 'reflections', 'extra.txt'), 'new\n');
    assert.equal(ksb(['export', '.', '-o', 'pack.zip'], repo).status, 0);
    const manifest = JSON.parse(text(unzipSync(new Uint8Array(readFileSync(path.join(repo, 'pack.zip'))))['manifest.json'])) as Manifest;
    assert.equal(manifest.dirty, true);
  });

  it('Should refuse to run without -o, and --chromium without --pdf', () => {
    assertUsageError(ksb(['export', FIXTURE]), /export needs -o FILE\.zip/);
    assertUsageError(ksb(['export', FIXTURE, '-o', 'x.zip', '--chromium', '/bin/true']), /--chromium .* needs --pdf/);
  });

  it('Should add portfolio.pdf with --pdf, listed in the manifest', function () {
    if (!findChromium()) {
      if (process.env.CI && process.env.CI !== 'false') throw new Error('Expected Chromium (CI is set), found none');
      this.skip();
    }
    const output = path.join(work, 'with-pdf.zip');
    const run = ksb(['export', FIXTURE, '--pdf', '-o', output]);
    assert.equal(run.status, 0, run.stderr);
    const entries = unzipSync(new Uint8Array(readFileSync(output)));
    assert.equal(Buffer.from(entries['portfolio.pdf']).subarray(0, 5).toString('latin1'), '%PDF-');
    const manifest = JSON.parse(text(entries['manifest.json'])) as Manifest;
    assert.deepEqual(
      manifest.files.slice(0, 2).map((f) => f.path),
      ['portfolio.html', 'portfolio.pdf'],
    );
  });

  it('Should say clearly when no Chromium is found for --pdf, before reading the portfolio', () => {
    const result = spawnSync(process.execPath, [CLI, 'export', FIXTURE, '--pdf', '-o', 'x.zip'], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, KSB_CHROMIUM: path.join(work, 'no-chromium') },
    });
    assertUsageError({ status: result.status, stdout: result.stdout, stderr: result.stderr }, /KSB_CHROMIUM=.*no-chromium is not an executable file/);
  });

  it("Should refuse a portfolio whose linked file would take the name of the pack's own manifest", () => {
    const clash = path.join(work, 'clash');
    cpSync(FIXTURE, clash, { recursive: true });
    writeFileSync(path.join(clash, 'manifest.json'), '{"files": []}\n');
    const schedule = path.join(clash, 'evidence', 'project-a', '01-schedule.md');
    writeFileSync(schedule, `${readFileSync(schedule, 'utf8')}\nThe [manifest](../../manifest.json).\n`);
    assertUsageError(ksb(['export', clash, '-o', path.join(work, 'clash.zip')]), /a file named manifest\.json at its root, which the pack itself writes/);
  });

  describe('on a hostile portfolio', () => {
    let hostile: string;
    let outside: string;

    before(function () {
      if (process.platform === 'win32') this.skip();
      hostile = path.join(work, 'hostile');
      outside = path.join(work, 'outside');
      mkdirSync(path.join(hostile, 'evidence', 'files'), { recursive: true });
      mkdirSync(outside);
      writeFileSync(path.join(outside, 'secret.txt'), 'TOP SECRET\n');
      writeFileSync(
        path.join(hostile, 'portfolio.yaml'),
        'standard: ST0792\nversion: "1.2"\noption: post-production-coordinator\nevidence: ["evidence/**/*.md"]\n',
      );
      writeFileSync(
        path.join(hostile, 'evidence', 'attack.md'),
        [
          '---',
          'title: "<script>alert(1)</script>"',
          'ksbs:',
          '  K1: "<img src=http://127.0.0.1:9/x.png>"',
          '---',
          '',
          '<script>fetch("http://127.0.0.1:9/")</script>',
          '',
          '<iframe src="http://127.0.0.1:9/"></iframe>',
          '',
          '[run](javascript:alert(1)) [secret](../../outside/secret.txt) [abs](/../outside/secret.txt)',
          '[linked](files/linked.txt) [through](files/dir-link/secret.txt) [pipe](files/pipe.txt) [huge](files/huge.bin)',
          '![tracker](http://127.0.0.1:9/pixel.gif)',
          '',
        ].join('\n'),
      );
      symlinkSync(path.join(outside, 'secret.txt'), path.join(hostile, 'evidence', 'files', 'linked.txt'));
      symlinkSync(outside, path.join(hostile, 'evidence', 'files', 'dir-link'));
      assert.equal(spawnSync('mkfifo', [path.join(hostile, 'evidence', 'files', 'pipe.txt')]).status, 0);
      // Sparse: past the limit on disk without writing its bytes.
      writeFileSync(path.join(hostile, 'evidence', 'files', 'huge.bin'), '');
      truncateSync(path.join(hostile, 'evidence', 'files', 'huge.bin'), PACK_FILE_LIMIT + 1);
    });

    it('Should leave out every file outside, behind a link, a pipe or too large, saying why, and still write the pack', () => {
      const { run, entries } = exportPack(hostile, 'hostile.zip');
      assert.deepEqual(Object.keys(entries).sort(), ['evidence/attack.md', 'manifest.json', 'portfolio.html', 'portfolio.yaml']);
      for (const bytes of Object.values(entries)) assert.doesNotMatch(Buffer.from(bytes).toString('latin1'), /TOP SECRET/);
      const warnings = run.stderr.trimEnd().split('\n');
      const reasons = Object.fromEntries(warnings.map((line) => [/^ksb: warning: (\S+)/.exec(line)?.[1], line]));
      const reason = (file: string) => reasons[file] ?? assert.fail(`expected a warning about ${file}, found:\n${run.stderr}`);
      assert.match(reason('evidence/files/linked.txt'), /a symbolic link, which the pack never follows$/);
      assert.match(reason('evidence/files/dir-link/secret.txt'), /reached through a symbolic link/);
      assert.match(reason('evidence/files/pipe.txt'), /not a regular file \(a pipe, socket or device\)/);
      assert.match(reason('evidence/files/huge.bin'), /50\.0 MB, over the pack's 50 MB limit for one file$/);
      assert.match(reason('../../outside/secret.txt'), /outside the portfolio$/);
      const html = text(entries['portfolio.html']);
      assert.doesNotMatch(html, /<script|<iframe|<img src="http/i);
      assert.match(html, /&#x3C;script>fetch\(/);
      assert.match(html, /<title>Submission pack: ST0792 v1\.2<\/title>/);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    });
  });
});
