// `ksb report --pdf` prints with nothing but a browser: no package beside the bundle, scripts off,
// every request refused; and `ksb --version` is right wherever the bundle is copied.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { browserCandidates, findChromium, printPdf } from '../../src/cli/reportPdf';
import { assertUsageError, ensureCliBuilt, type ProcessRun } from './processHarness';

const REPO = process.cwd();
const SAMPLE = path.join(REPO, 'examples', 'sample-portfolio');
const VERSION = String(JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);

let lonely: string;

/** Runs the bundle copied alone into a folder of its own: no package.json, no node_modules near it. */
function ksb(args: readonly string[], env: NodeJS.ProcessEnv = {}): ProcessRun {
  const result = spawnSync(process.execPath, [path.join(lonely, 'cli.js'), ...args], {
    cwd: lonely,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: '', NO_COLOR: '1', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Skips (or, in CI, fails) a test that needs a browser when there is none. */
function needChromium(context: Mocha.Context): void {
  if (findChromium()) return;
  if (process.env.CI && process.env.CI !== 'false') throw new Error('Expected chromium (CI is set), found none');
  console.log('      skipped: chromium not found; these tests run in CI');
  context.skip();
}

describe('ksb report --pdf with nothing but a browser', function () {
  this.timeout(120_000);

  before(() => {
    ensureCliBuilt(REPO);
    lonely = mkdtempSync(path.join(tmpdir(), 'ksb-lonely-'));
    copyFileSync(path.join(REPO, 'dist', 'cli.js'), path.join(lonely, 'cli.js'));
  });

  after(() => rmSync(lonely, { recursive: true, force: true }));

  it('Should print the version built into the bundle, with no package.json beside it', () => {
    const result = ksb(['--version']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), VERSION);
  });

  it('Should print the sample to an A4 PDF from a bundle with no package near it', function () {
    needChromium(this);
    const result = ksb(['report', SAMPLE, '--pdf', '-o', 'sample.pdf', '--chromium', findChromium()!]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const pdf = path.join(lonely, 'sample.pdf');
    assert.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(execFileSync('pdfinfo', [pdf]).toString(), /Page size:\s+594\.\d+ x 841\.\d+ pts \(A4\)/);
    assert.match(execFileSync('pdftotext', ['-l', '1', pdf, '-']).toString(), /Portfolio|KSB/);
  });

  it('Should refuse --chromium that is no program, and --chromium without --pdf', () => {
    assertUsageError(
      ksb(['report', SAMPLE, '--pdf', '-o', 'x.pdf', '--chromium', path.join(lonely, 'nothing')]),
      /--chromium .*nothing is not an executable file/,
    );
    assertUsageError(ksb(['report', SAMPLE, '--chromium', '/usr/bin/chromium']), /--chromium names the browser --pdf prints with: it needs --pdf/);
  });

  it('Should refuse every request and run no script while printing', async function () {
    needChromium(this);
    const html =
      '<!DOCTYPE html><html><body><h1>Printed as written</h1><img src="http://127.0.0.1:9/tracker.png"><script>document.body.append("SCRIPT RAN")</script></body></html>';
    const { pdf, refused } = await printPdf(html, findChromium());
    assert.deepEqual(refused, ['http://127.0.0.1:9/tracker.png']);
    const file = path.join(lonely, 'direct.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    assert.match(text, /Printed as written/);
    assert.doesNotMatch(text, /SCRIPT RAN/);
  });

  it('Should look for Chrome, Chromium and Edge where each platform installs them', () => {
    assert.ok(browserCandidates('linux', {}).includes('/usr/bin/chromium'));
    assert.ok(browserCandidates('darwin', { HOME: '/Users/sam' }).includes('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'));
    assert.ok(browserCandidates('darwin', { HOME: '/Users/sam' }).includes('/Users/sam/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'));
    const windows = browserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\sam\\AppData\\Local' });
    assert.ok(windows.includes('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'));
    assert.ok(windows.includes('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe'));
    assert.ok(windows.includes('C:\\Users\\sam\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'));
  });
});
