// `npm run release:version -- 0.2.0 [--date 2026-12-04]`: everything a release's version is
// written in, changed together, in the folder it runs in (npm runs it at the repository's root):
//  - package.json and package-lock.json (`npm version`, which neither commits nor tags here);
//  - CHANGELOG.md: what is under `## [Unreleased]` moves under `## [0.2.0] - DATE`, a fresh empty
//    Unreleased goes above it, and the link references at the end follow (Keep a Changelog);
//  - the pins in README.md and docs/*.md: `ksb-portfolio/ksb-portfolio@v0.1.0` and
//    `ksb-portfolio@0.1.0` name the new version.
// The action reads its version from package.json (action/ksb.mjs), so it needs nothing.
// Then commit, tag `v0.2.0` and push the tag: docs/releasing.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A release version, as the action accepts it: `1.2.3` or `1.2.3-rc.1`. */
const RELEASE_VERSION = /^(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UNRELEASED = '## [Unreleased]';

class ReleaseError extends Error {}

/** -1, 0 or 1 as `a` is below, equal to or above `b`, on major.minor.patch (a pre-release counts as its release). */
function compareVersions(a, b) {
  const [x, y] = [RELEASE_VERSION.exec(a), RELEASE_VERSION.exec(b)];
  for (let i = 1; i <= 3; i++) {
    const difference = Number(x[i]) - Number(y[i]);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** The repository's web address, from package.json's `repository`. */
function repositoryUrl(pkg) {
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!url) throw new ReleaseError('package.json has no repository: the changelog links need it');
  return String(url)
    .replace(/^git\+/, '')
    .replace(/\.git$/, '');
}

/** CHANGELOG.md's text with the Unreleased section released as `version` on `date`. */
function releaseChangelog(text, version, date, repository) {
  const lines = text.split('\n');
  const start = lines.indexOf(UNRELEASED);
  if (start < 0) throw new ReleaseError(`CHANGELOG.md has no "${UNRELEASED}" heading`);
  if (lines.some((line) => line.startsWith(`## [${version}]`))) throw new ReleaseError(`CHANGELOG.md already has a section for ${version}`);
  const isSectionEnd = (line) => line.startsWith('## ') || /^\[[^\]]+\]: /.test(line);
  let end = lines.findIndex((line, i) => i > start && isSectionEnd(line));
  if (end < 0) end = lines.length;
  const body = lines.slice(start + 1, end);
  if (body.every((line) => line.trim() === '')) throw new ReleaseError(`nothing under "${UNRELEASED}" in CHANGELOG.md: a release says what changed`);
  while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
  while (body[0].trim() === '') body.shift();
  const previous = lines.slice(end).find((line) => /^## \[\d/.test(line));
  const previousVersion = previous ? /^## \[([^\]]+)\]/.exec(previous)[1] : undefined;
  const released = [...lines.slice(0, start), UNRELEASED, '', `## [${version}] - ${date}`, '', ...body, '', ...lines.slice(end)];

  const withoutUnreleased = released.filter((line) => !line.startsWith('[Unreleased]: '));
  while (withoutUnreleased.length > 0 && withoutUnreleased[withoutUnreleased.length - 1].trim() === '') withoutUnreleased.pop();
  const versionLink = previousVersion ? `${repository}/compare/v${previousVersion}...v${version}` : `${repository}/releases/tag/v${version}`;
  const newReferences = [`[Unreleased]: ${repository}/compare/v${version}...HEAD`, `[${version}]: ${versionLink}`];
  const firstReference = withoutUnreleased.findIndex((line) => /^\[[^\]]+\]: /.test(line));
  if (firstReference < 0) return `${[...withoutUnreleased, '', ...newReferences].join('\n')}\n`;
  withoutUnreleased.splice(firstReference, 0, ...newReferences);
  return `${withoutUnreleased.join('\n')}\n`;
}

/** The Markdown files that pin a version for users to copy: README.md and docs/*.md. */
function pinningDocs(root) {
  const docs = existsSync(join(root, 'docs'))
    ? readdirSync(join(root, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .map((name) => join('docs', name))
    : [];
  return ['README.md', ...docs].filter((file) => existsSync(join(root, file)));
}

/** `text` with the action and npm pins of `from` moved to `to`. */
function movePins(text, from, to) {
  const escaped = from.replace(/[.+]/g, '\\$&');
  return text.replace(new RegExp(`(ksb-portfolio/ksb-portfolio@v|ksb-portfolio@)${escaped}(?![\\w.-])`, 'g'), `$1${to}`);
}

/** Sets every version a release writes down to `version`; returns the files changed. */
function releaseVersion(root, version, date) {
  if (!RELEASE_VERSION.test(version)) throw new ReleaseError(`the version is ${JSON.stringify(version)}: expected a release such as 0.2.0`);
  if (!DATE.test(date)) throw new ReleaseError(`the date is ${JSON.stringify(date)}: expected YYYY-MM-DD`);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const current = String(pkg.version);
  if (compareVersions(version, current) < 0) throw new ReleaseError(`${version} is older than the current ${current}`);
  const changelogPath = join(root, 'CHANGELOG.md');
  const changelog = releaseChangelog(readFileSync(changelogPath, 'utf8'), version, date, repositoryUrl(pkg));

  const changed = [];
  if (version !== current) {
    const npm = spawnSync('npm', ['version', version, '--no-git-tag-version', '--ignore-scripts', '--loglevel=error'], {
      cwd: root,
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    if (npm.status !== 0) throw new ReleaseError(`npm version ${version} failed:\n${npm.stdout}${npm.stderr}`);
    changed.push('package.json', ...(existsSync(join(root, 'package-lock.json')) ? ['package-lock.json'] : []));
  }
  writeFileSync(changelogPath, changelog);
  changed.push('CHANGELOG.md');
  if (version !== current) {
    for (const file of pinningDocs(root)) {
      const before = readFileSync(join(root, file), 'utf8');
      const after = movePins(before, current, version);
      if (after !== before) {
        writeFileSync(join(root, file), after);
        changed.push(file);
      }
    }
  }
  return changed;
}

const args = process.argv.slice(2);
const dateAt = args.indexOf('--date');
const date = dateAt >= 0 ? args[dateAt + 1] : new Date().toISOString().slice(0, 10);
const [version] = dateAt < 0 ? args : args.filter((_, i) => i !== dateAt && i !== dateAt + 1);
if (!version) {
  process.stderr.write('usage: npm run release:version -- VERSION [--date YYYY-MM-DD]\n');
  process.exit(2);
}
try {
  for (const file of releaseVersion(process.cwd(), version, date ?? '')) process.stdout.write(`updated ${file}\n`);
} catch (error) {
  if (!(error instanceof ReleaseError)) throw error;
  process.stderr.write(`release:version: ${error.message}\n`);
  process.exit(1);
}
