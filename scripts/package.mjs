// `npm run package [-- --out DIR]`: the files a release publishes, from freshly built production
// bundles, into release/ (or DIR): the VSIX (packageRelease, the packaging the integration suite
// installs), the npm package's tarball (npm pack) and SHA256SUMS over both. docs/releasing.md
// says where each goes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { repoRoot } from './harness/paths.mjs';
import { packageRelease } from './harness/vsix.mjs';

/** The folder named by `--out DIR`, else release/ in the repository. */
function outputFolder(args) {
  const at = args.indexOf('--out');
  if (at < 0) return join(repoRoot, 'release');
  if (!args[at + 1]) throw new Error('--out needs a folder');
  return resolve(args[at + 1]);
}

/** `npm pack` of the bundles just built (its scripts skipped: prepack would build them again); returns the tarball's path. */
function packNpm(outDir) {
  const result = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', outDir], {
    cwd: repoRoot,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stdout}${result.stderr}`);
  const [packed] = JSON.parse(result.stdout);
  return join(outDir, packed.filename);
}

/** SHA256SUMS in the format `sha256sum --check` reads. */
function writeChecksums(outDir, files) {
  const byName = [...files].sort((a, b) => basename(a).localeCompare(basename(b)));
  const lines = byName.map((file) => `${createHash('sha256').update(readFileSync(file)).digest('hex')}  ${basename(file)}\n`);
  const sums = join(outDir, 'SHA256SUMS');
  writeFileSync(sums, lines.join(''));
  return sums;
}

const outDir = outputFolder(process.argv.slice(2));
const vsix = packageRelease(outDir);
const tarball = packNpm(outDir);
const sums = writeChecksums(outDir, [vsix, tarball]);
for (const file of [vsix, tarball, sums]) process.stdout.write(`${file}\n`);
