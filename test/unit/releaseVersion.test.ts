// `npm run release:version -- X.Y.Z` (scripts/release-version.mjs), run on a temporary copy of the
// files it changes: package.json and its lock, the changelog's Unreleased section and link
// references (Keep a Changelog), and the version pins in the docs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const REPO = process.cwd();
const SCRIPT = path.join(REPO, 'scripts', 'release-version.mjs');
const CURRENT = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const REPOSITORY = 'https://github.com/ksb-portfolio/ksb-portfolio';

const CHANGELOG = [
  '# Changelog',
  '',
  'All notable changes.',
  '',
  '## [Unreleased]',
  '',
  '### Added',
  '- The thing.',
  '',
  '### Fixed',
  '- The other thing.',
  '',
  `[Unreleased]: ${REPOSITORY}/commits/main`,
  '',
].join('\n');

describe('Setting the release version (npm run release:version)', function () {
  this.timeout(60_000);
  let copy: string;

  /** Runs the script in the copy, as npm runs it at the repository's root. */
  function release(...args: string[]) {
    return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: copy, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  }

  const read = (file: string) => readFileSync(path.join(copy, file), 'utf8');

  beforeEach(() => {
    copy = mkdtempSync(path.join(tmpdir(), 'ksb-release-version-'));
    for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(REPO, file), path.join(copy, file));
    writeFileSync(path.join(copy, 'CHANGELOG.md'), CHANGELOG);
    writeFileSync(path.join(copy, 'README.md'), `- uses: ksb-portfolio/ksb-portfolio@v${CURRENT}\nnpx ksb-portfolio@${CURRENT}0 stays: another version\n`);
    mkdirSync(path.join(copy, 'docs'));
    writeFileSync(path.join(copy, 'docs', 'ci.md'), `KSB: npx --yes ksb-portfolio@${CURRENT}\n`);
  });

  afterEach(() => {
    rmSync(copy, { recursive: true, force: true });
  });

  it('Should set the version in package.json and its lock, date the changelog and move the pins in the docs', () => {
    const result = release('9.8.7', '--date', '2026-12-04');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(JSON.parse(read('package.json')).version, '9.8.7');
    const lock = JSON.parse(read('package-lock.json')) as { version: string; packages: Record<string, { version: string }> };
    assert.equal(lock.version, '9.8.7');
    assert.equal(lock.packages[''].version, '9.8.7');
    assert.equal(
      read('CHANGELOG.md'),
      [
        '# Changelog',
        '',
        'All notable changes.',
        '',
        '## [Unreleased]',
        '',
        '## [9.8.7] - 2026-12-04',
        '',
        '### Added',
        '- The thing.',
        '',
        '### Fixed',
        '- The other thing.',
        '',
        `[Unreleased]: ${REPOSITORY}/compare/v9.8.7...HEAD`,
        `[9.8.7]: ${REPOSITORY}/releases/tag/v9.8.7`,
        '',
      ].join('\n'),
    );
    assert.equal(read('README.md'), `- uses: ksb-portfolio/ksb-portfolio@v9.8.7\nnpx ksb-portfolio@${CURRENT}0 stays: another version\n`);
    assert.equal(read('docs/ci.md'), 'KSB: npx --yes ksb-portfolio@9.8.7\n');
    assert.deepEqual(result.stdout.trim().split('\n'), [
      'updated package.json',
      'updated package-lock.json',
      'updated CHANGELOG.md',
      'updated README.md',
      'updated docs/ci.md',
    ]);
  });

  it('Should link the next release to the comparison with the one before it', () => {
    assert.equal(release('9.8.7', '--date', '2026-12-04').status, 0);
    writeFileSync(path.join(copy, 'CHANGELOG.md'), read('CHANGELOG.md').replace('## [Unreleased]\n', '## [Unreleased]\n\n### Changed\n- Something else.\n'));
    const result = release('9.9.0', '--date', '2027-01-02');
    assert.equal(result.status, 0, result.stderr);
    const changelog = read('CHANGELOG.md');
    assert.match(changelog, /## \[Unreleased\]\n\n## \[9\.9\.0\] - 2027-01-02\n\n### Changed\n- Something else\.\n\n## \[9\.8\.7\] - 2026-12-04\n/);
    assert.match(
      changelog,
      new RegExp(
        `\\n\\[Unreleased\\]: ${REPOSITORY}/compare/v9\\.9\\.0\\.\\.\\.HEAD\\n\\[9\\.9\\.0\\]: ${REPOSITORY}/compare/v9\\.8\\.7\\.\\.\\.v9\\.9\\.0\\n\\[9\\.8\\.7\\]: ${REPOSITORY}/releases/tag/v9\\.8\\.7\\n$`,
      ),
    );
  });

  it('Should refuse, changing nothing, a release with nothing under Unreleased, one already released, an older one and a version that is not one', () => {
    const cases: [string[], RegExp][] = [
      [['1.2'], /expected a release such as 0\.2\.0/],
      [['--date', '2026-12-04'], /usage/],
      [['9.8.7', '--date', '4 Dec'], /expected YYYY-MM-DD/],
      [['0.0.1'], new RegExp(`0\\.0\\.1 is older than the current ${CURRENT.replace(/\./g, '\\.')}`)],
    ];
    for (const [args, message] of cases) {
      const result = release(...args);
      assert.notEqual(result.status, 0, args.join(' '));
      assert.match(result.stderr, message);
    }
    assert.equal(release('9.8.7').status, 0);
    const released = read('CHANGELOG.md');
    const again = release('9.8.7');
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already has a section for 9\.8\.7/);
    const empty = release('9.9.0');
    assert.equal(empty.status, 1);
    assert.match(empty.stderr, /nothing under "## \[Unreleased\]"/);
    assert.equal(read('CHANGELOG.md'), released);
    assert.equal(JSON.parse(read('package.json')).version, '9.8.7');
  });

  it("Should keep the repository's own changelog in the shape the script reads: an Unreleased heading and its link reference", () => {
    const changelog = readFileSync(path.join(REPO, 'CHANGELOG.md'), 'utf8');
    assert.match(changelog, /^# Changelog\n/);
    assert.match(changelog, /\[Keep a Changelog\]\(https:\/\/keepachangelog\.com\/en\/1\.1\.0\/\)/);
    assert.match(changelog, /^## \[Unreleased\]$/m);
    assert.match(changelog, /^\[Unreleased\]: https:\/\/github\.com\/ksb-portfolio\/ksb-portfolio\//m);
  });
});
