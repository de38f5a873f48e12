// The npm package `ksb-portfolio` (the `ksb` command, and what the GitHub Action installs for a
// `version:` other than its own): what `npm pack` puts in it (dist/ is git-ignored, so the bundle
// must be let in; the sources and tests must not), and that the tarball installs offline, with no
// dependencies to fetch, into a folder of its own and runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findChromium } from '../../src/cli/reportPdf';
import { ensureCliBuilt } from './processHarness';

const REPO = process.cwd();

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;

/** Runs npm with a cache and user config of the test's own, so the machine's cannot change the result. */
function npm(args: string[], cwd: string, scratch: string) {
  return spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      npm_config_cache: path.join(scratch, 'npm-cache'),
      npm_config_userconfig: path.join(scratch, 'no-npmrc'),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    },
  });
}

describe('The npm package', function () {
  this.timeout(120_000);
  let scratch: string;

  before(() => ensureCliBuilt(REPO));

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'ksb-npm-package-'));
  });

  afterEach(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('Should hold the ksb bundle its bin names, the manifest and the docs, and nothing else', () => {
    const result = npm(['pack', '--dry-run', '--json', '--ignore-scripts'], REPO, scratch);
    assert.equal(result.status, 0, result.stderr);
    const [pack] = JSON.parse(result.stdout) as { files: { path: string }[] }[];
    const files = pack.files.map((f) => f.path).sort();
    assert.deepEqual(files, ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'package.json']);
    assert.ok(files.includes(path.posix.normalize(manifest.bin.ksb)), `the bin ${manifest.bin.ksb} is in the package`);
  });

  it('Should be publishable and need nothing at run time: not private, no dependencies, the bundled ones only for building', () => {
    assert.equal(manifest.name, 'ksb-portfolio');
    assert.notEqual(manifest.private, true, 'npm refuses to publish a private package');
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'the CLI bundle holds its libraries: a dependency would be installed for nothing');
    for (const bundled of ['yaml', 'zod']) assert.ok(manifest.devDependencies[bundled], `${bundled} is a devDependency`);
  });

  it('Should install offline from its tarball into a folder of its own and run ksb --version, ksb check and ksb report --pdf', () => {
    const packed = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], REPO, scratch);
    assert.equal(packed.status, 0, packed.stderr);
    const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[];
    assert.equal(filename, `ksb-portfolio-${manifest.version}.tgz`);

    const prefix = path.join(scratch, 'prefix');
    mkdirSync(prefix);
    writeFileSync(path.join(prefix, 'package.json'), '{"private": true}\n');
    const installed = npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(scratch, filename)], prefix, scratch);
    assert.equal(installed.status, 0, installed.stdout + installed.stderr);
    const lock = JSON.parse(readFileSync(path.join(prefix, 'node_modules', '.package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    assert.deepEqual(Object.keys(lock.packages), ['node_modules/ksb-portfolio'], 'ksb-portfolio is the only package installed');
    const ksb = path.join(prefix, 'node_modules', '.bin', 'ksb');
    assert.ok(existsSync(ksb), 'npm linked the ksb command');

    const version = spawnSync(ksb, ['--version'], { cwd: scratch, encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), manifest.version);

    const portfolio = path.join(scratch, 'portfolio');
    mkdirSync(path.join(portfolio, 'evidence'), { recursive: true });
    writeFileSync(path.join(portfolio, 'portfolio.yaml'), 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\n');
    writeFileSync(path.join(portfolio, 'evidence', 'unknown-code.md'), '---\ntitle: Unknown code\ndate: 2025-01-10\nksbs: [K1, K99]\n---\nBody.\n');
    const check = spawnSync(ksb, ['check', portfolio, '--format', 'json'], { cwd: scratch, encoding: 'utf8' });
    assert.equal(check.status, 1, `ksb check fails on the unknown code:\n${check.stdout}${check.stderr}`);
    assert.match(check.stdout, /K99/);

    // With only a browser present: no playwright, nothing else beside the package.
    const chromium = findChromium();
    if (!chromium && process.env.CI && process.env.CI !== 'false') throw new Error('Expected chromium (CI is set), found none');
    if (chromium) {
      const pdf = spawnSync(ksb, ['report', portfolio, '--pdf', '-o', 'portfolio.pdf', '--chromium', chromium], { cwd: scratch, encoding: 'utf8' });
      assert.equal(pdf.status, 0, pdf.stderr);
      assert.equal(readFileSync(path.join(scratch, 'portfolio.pdf')).subarray(0, 5).toString('latin1'), '%PDF-');
    }
  });
});
