// Packages the extension with @vscode/vsce, as it is published (`npm run package` and the
// integration suite both call packageRelease, so the suite installs the release's own file), and
// installs the VSIX into an extensions folder the way VS Code lays it out: `<publisher>.<name>-<version>/`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildProduction } from './build.mjs';
import { log } from './log.mjs';
import { repoRoot } from './paths.mjs';
import { extractZip } from './zip.mjs';

export function manifest(dir = repoRoot) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/**
 * The files a fresh clone would have (tracked or new, not git-ignored) plus the built dist/,
 * copied to `stage`. vsce walks every file under its folder before applying .vscodeignore, so
 * packaging in place also walks ignored caches (tens of thousands of files: a minute); the copy
 * is what CI's fresh clone packages anyway. Returns false outside a git checkout.
 */
function stageSources(stage) {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (listed.status !== 0) return false;
  const files = listed.stdout.split('\0').filter(Boolean);
  for (const file of files) {
    const from = join(repoRoot, file);
    if (!existsSync(from) || !statSync(from).isFile()) continue; // deleted, or a submodule
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(from, join(stage, file));
  }
  cpSync(join(repoRoot, 'dist'), join(stage, 'dist'), { recursive: true });
  return true;
}

/** The VSIX's file name as a release publishes it: `ksb-portfolio-<version>.vsix`. */
export function vsixFileName(pkg = manifest()) {
  return `${pkg.name}-${pkg.version}.vsix`;
}

/** Builds the production bundles and packages them as the release's VSIX in `outDir`; returns its path. */
export function packageRelease(outDir) {
  buildProduction();
  mkdirSync(outDir, { recursive: true });
  return packageVsix(join(outDir, vsixFileName()));
}

/** `vsce package` into `outFile`; the bundles in dist/ must already be built. */
export function packageVsix(outFile) {
  const pkg = manifest();
  const stage = mkdtempSync(join(tmpdir(), 'ksb-vsix-'));
  try {
    const cwd = stageSources(stage) ? stage : repoRoot;
    runVsce(pkg, cwd, outFile);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  log(`packaged ${outFile}`);
  return outFile;
}

function runVsce(pkg, cwd, outFile) {
  const flags = ['--no-dependencies', '--no-update-package-json', '--no-git-tag-version'];
  // Until the README, LICENSE and repository field exist, tell vsce so rather than fail.
  // Without a repository vsce cannot turn the README's relative links into absolute ones: keep them.
  if (!pkg.repository) flags.push('--allow-missing-repository', '--no-rewrite-relative-links');
  else {
    // The Marketplace and Open VSX show the README with its links and images made absolute at this
    // release's tag, so a later change to the repository never changes a published page.
    const repository = String(pkg.repository.url ?? pkg.repository)
      .replace(/^git\+/, '')
      .replace(/\.git$/, '');
    flags.push('--baseContentUrl', `${repository}/blob/v${pkg.version}/`, '--baseImagesUrl', `${repository}/raw/v${pkg.version}/`);
  }
  if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(join(cwd, f)))) flags.push('--skip-license');
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', ...flags, '-o', outFile], { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`vsce package failed:\n${result.stdout}${result.stderr}`);
  }
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
