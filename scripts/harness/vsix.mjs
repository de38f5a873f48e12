// Packages the extension with @vscode/vsce, as it would be published, and installs the VSIX into an
// extensions folder the way VS Code lays it out: `<publisher>.<name>-<version>/`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { log } from './log.mjs';
import { repoRoot } from './paths.mjs';
import { extractZip } from './zip.mjs';

export function manifest(dir = repoRoot) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/** `vsce package` into `outFile`; the bundles in dist/ must already be built. */
export function packageVsix(outFile) {
  const pkg = manifest();
  const flags = ['--no-dependencies', '--no-update-package-json', '--no-git-tag-version'];
  // Until the README, LICENSE and repository field exist, tell vsce so rather than fail.
  if (!pkg.repository) flags.push('--allow-missing-repository');
  if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(join(repoRoot, f)))) flags.push('--skip-license');
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', ...flags, '-o', outFile], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`vsce package failed:\n${result.stdout}${result.stderr}`);
  }
  log(`packaged ${outFile}`);
  return outFile;
}

/** Unpacks the VSIX's `extension/` folder as `<extensionsDir>/<publisher>.<name>-<version>/`. */
export function installVsix(vsixFile, extensionsDir) {
  const pkg = manifest();
  const id = `${pkg.publisher}.${pkg.name}`.toLowerCase();
  mkdirSync(extensionsDir, { recursive: true });
  removeInstalled(extensionsDir, id);
  const dest = join(extensionsDir, `${id}-${pkg.version}`);
  const files = extractZip(vsixFile, dest, 'extension/');
  if (!existsSync(join(dest, 'package.json'))) throw new Error(`${vsixFile} has no extension/package.json`);
  log(`installed ${id} ${pkg.version} (${files} files) into ${extensionsDir}`);
  return dest;
}

/** Copies an unpacked extension folder (the test runner) into the extensions folder. */
export function installFolder(folder, extensionsDir) {
  const pkg = manifest(folder);
  const id = `${pkg.publisher}.${pkg.name}`.toLowerCase();
  removeInstalled(extensionsDir, id);
  const dest = join(extensionsDir, `${id}-${pkg.version}`);
  cpSync(folder, dest, { recursive: true });
  return dest;
}

function removeInstalled(extensionsDir, id) {
  for (const name of readdirSync(extensionsDir)) {
    if (name.toLowerCase().startsWith(`${id}-`)) rmSync(join(extensionsDir, name), { recursive: true, force: true });
  }
  // VS Code's record of installed extensions; it is rebuilt by scanning the folder.
  rmSync(join(extensionsDir, 'extensions.json'), { force: true });
  rmSync(join(extensionsDir, '.obsolete'), { force: true });
}
