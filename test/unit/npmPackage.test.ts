// What `npm publish` would put in the ksb-portfolio package, which the GitHub Action installs: the
// CLI bundle must be in it (dist/ is git-ignored), the sources and tests must not.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const REPO = process.cwd();

describe('The npm package', function () {
  this.timeout(60_000);

  it('holds the ksb bundle its bin names, the manifest and the docs, and nothing else', () => {
    assert.ok(existsSync(path.join(REPO, 'dist', 'cli.js')), 'build first: dist/cli.js is missing');
    const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const [pack] = JSON.parse(result.stdout) as { files: { path: string }[] }[];
    const files = pack.files.map((f) => f.path).sort();
    assert.deepEqual(files, ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'package.json']);
    const manifest = JSON.parse(spawnSync('npm', ['pkg', 'get', 'bin'], { cwd: REPO, encoding: 'utf8' }).stdout) as Record<string, string>;
    assert.ok(files.includes(path.posix.normalize(manifest.ksb)), `the bin ${manifest.ksb} is in the package`);
  });
});
