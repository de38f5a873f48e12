import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findChromium } from '../../src/cli/reportPdf';
import { assertUsageError, ensureCliBuilt, type ProcessRun } from './processHarness';

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const SAMPLE = path.join(REPO, 'examples', 'sample-portfolio');

let cwd: string;

function ksb(args: readonly string[], env: NodeJS.ProcessEnv = {}): ProcessRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The evidence files of the sample portfolio, as the matrix should list them. */
function sampleEvidenceCount(): number {
  const count = (dir: string): number =>
    spawnSync('find', [dir, '-name', '*.md', '-type', 'f'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).length;
  return count(path.join(SAMPLE, 'evidence'));
}

describe('ksb report', function () {
  this.timeout(60_000);

  before(() => {
    ensureCliBuilt(REPO);
    cwd = mkdtempSync(path.join(tmpdir(), 'ksb-report-'));
  });

  after(() => rmSync(cwd, { recursive: true, force: true }));

  it('Should write the HTML report to stdout, exiting 0 although the sample has problems', () => {
    const result = ksb(['report', SAMPLE]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /^<!DOCTYPE html>/);
    const rows =
      result.stdout
        .slice(result.stdout.indexOf('id="mapping-matrix"'))
        .split('</table>')[0]
        .match(/<tr><th scope="row">/g) ?? [];
    assert.equal(rows.length, sampleEvidenceCount());
    assert.match(result.stdout, /<section id="problems"/);
  });

  it('Should write -o FILE with links relative to the file', () => {
    mkdirSync(path.join(cwd, 'out'), { recursive: true });
    const result = ksb(['report', SAMPLE, '-o', 'out/report.html']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '');
    const html = readFileSync(path.join(cwd, 'out', 'report.html'), 'utf8');
    const link = /<th scope="row"><a href="([^"]+)"/.exec(html)?.[1];
    assert.ok(link);
    assert.ok(existsSync(path.resolve(cwd, 'out', decodeURIComponent(link))), `expected ${link} to lead from out/ to the evidence file`);
  });

  it('Should write the matrix as Markdown and CSV', () => {
    const markdown = ksb(['report', SAMPLE, '--format', 'markdown']);
    assert.equal(markdown.status, 0, markdown.stderr);
    assert.match(markdown.stdout, /^# Mapping matrix: /);
    const csv = ksb(['report', SAMPLE, '--format', 'csv', '--output', 'matrix.csv']);
    assert.equal(csv.status, 0, csv.stderr);
    const lines = readFileSync(path.join(cwd, 'matrix.csv'), 'utf8').split('\r\n');
    assert.match(lines[0], /^\uFEFFTitle,Date,Path,K1,/);
    assert.equal(lines.length, sampleEvidenceCount() + 2);
  });

  it('Should refuse what cannot run with exit 2 and one line', () => {
    assertUsageError(ksb(['report', SAMPLE, '--format', 'json']), /unknown --format json: expected html, markdown, csv/);
    assertUsageError(ksb(['report', SAMPLE, '--pdf']), /--pdf needs -o FILE.pdf/);
    assertUsageError(ksb(['report', SAMPLE, '--pdf', '--format', 'csv', '-o', 'x']), /--pdf prints the HTML report/);
    assertUsageError(ksb(['report', SAMPLE, 'other']), /report takes one folder, found 2/);
    assertUsageError(ksb(['report', path.join(cwd, 'nowhere')]), /no such directory/);
    assertUsageError(ksb(['report', SAMPLE, '--yes']), /report takes no --yes/);
    writeFileSync(path.join(cwd, 'portfolio.yaml'), 'standard: ST0000\n');
    assertUsageError(ksb(['report']), /portfolio.yaml is not usable/);
    mkdirSync(path.join(cwd, 'folder'), { recursive: true });
    assertUsageError(ksb(['report', SAMPLE, '-o', 'folder']), /cannot write --output folder: it is a folder/);
  });

  it('Should refuse a named pipe for -o instead of blocking on it', function () {
    const fifo = path.join(cwd, 'pipe');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    assertUsageError(ksb(['report', SAMPLE, '-o', 'pipe']), /cannot write --output pipe: expected a file, found a named pipe/);
  });

  it('Should say clearly when no Chromium is found for --pdf', () => {
    assertUsageError(
      ksb(['report', SAMPLE, '--pdf', '-o', 'r.pdf'], { KSB_CHROMIUM: path.join(cwd, 'no-chromium') }),
      /KSB_CHROMIUM=.* is not an executable file/,
    );
  });

  it('Should print a PDF with --pdf -o', function () {
    this.timeout(120_000);
    if (!findChromium()) {
      if (process.env.CI && process.env.CI !== 'false') throw new Error('Expected chromium (CI is set), found none');
      console.log('      skipped: chromium not found; these tests run in CI');
      this.skip();
    }
    const result = ksb(['report', SAMPLE, '--pdf', '-o', 'report.pdf']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.equal(readFileSync(path.join(cwd, 'report.pdf')).subarray(0, 5).toString('latin1'), '%PDF-');
  });
});
