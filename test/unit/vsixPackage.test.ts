// The VSIX as a release publishes it and the integration suite installs it: packageRelease's
// packaging (scripts/harness/vsix.mjs) of the bundles in dist/, read back from the zip. It must
// hold what the installed extension needs (the two bundles, the schemas, the grammar, the icons
// the manifest names, the docs) and nothing else: no CLI, no source maps, no sources or tests.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureCliBuilt } from './processHarness';

const REPO = process.cwd();

const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  icon: string;
  main: string;
  browser: string;
  galleryBanner?: { color?: string; theme?: string };
  repository?: { url?: string };
  bugs?: { url?: string };
  qna?: string;
};

/** The width and height a PNG's IHDR chunk declares. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('The VSIX', function () {
  this.timeout(180_000);
  let scratch: string;
  let entries: string[];
  let readme: string;

  before(() => {
    ensureCliBuilt(REPO);
    scratch = mkdtempSync(path.join(tmpdir(), 'ksb-vsix-test-'));
    // The packaging function `npm run package` and the integration suite share, on the bundles
    // already built (npm run package builds production ones first), listed by the harness's zip reader.
    const script = [
      "const { packageVsix, vsixFileName } = await import('./scripts/harness/vsix.mjs');",
      "const { readZip } = await import('./scripts/harness/zip.mjs');",
      `const file = packageVsix(${JSON.stringify(scratch)} + '/' + vsixFileName());`,
      'const zip = readZip(file);',
      "const readme = zip.find((entry) => entry.name === 'extension/readme.md')?.data.toString('utf8') ?? '';",
      'process.stdout.write(JSON.stringify({ file, entries: zip.map((entry) => entry.name), readme }));',
    ].join('\n');
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const packaged = JSON.parse(result.stdout.slice(result.stdout.indexOf('{"file"'))) as { file: string; entries: string[]; readme: string };
    readme = packaged.readme;
    assert.equal(path.basename(packaged.file), `ksb-portfolio-${manifest.version}.vsix`);
    entries = packaged.entries.sort();
  });

  after(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('Should hold the bundles, schemas, grammar, icons, docs and manifest, and nothing else', () => {
    assert.deepEqual(entries, [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/browser.js',
      'extension/dist/extension.js',
      'extension/dist/pack.js',
      'extension/images/activity-bar.svg',
      'extension/images/icon.png',
      'extension/package.json',
      'extension/readme.md',
      'extension/schemas/evidence-front-matter.schema.json',
      'extension/schemas/portfolio.schema.json',
      'extension/schemas/standard.schema.json',
      'extension/syntaxes/ksb-codes.tmLanguage.json',
    ]);
  });

  it('Should hold every file the manifest names: the entry points, the icon and each contributed file', () => {
    const text = readFileSync(path.join(REPO, 'package.json'), 'utf8');
    const named = new Set([manifest.main, manifest.browser, manifest.icon]);
    for (const match of text.matchAll(/"(?:path|url|icon)": "(\.?\/?(?:dist|schemas|syntaxes|images)\/[^"]+)"/g)) named.add(match[1]);
    assert.ok(named.size >= 6, `found ${[...named].join(', ')}`);
    for (const file of named) assert.ok(entries.includes(`extension/${path.posix.normalize(file)}`), `the VSIX lacks ${file}`);
  });

  it("Should show the README's images and links absolute at this release's tag, as the Marketplace and Open VSX need", () => {
    const tag = `v${manifest.version}`;
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((match) => match[1]);
    assert.ok(images.length > 0, 'the README shows a screenshot');
    for (const image of images) assert.ok(image.startsWith(`https://github.com/ksb-portfolio/ksb-portfolio/raw/${tag}/`), image);
    const links = [...readme.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s]+)/g)].map((match) => match[1]).filter((link) => !link.startsWith('#'));
    for (const link of links) assert.match(link, /^(https?:|mailto:)/, `an absolute link: ${link}`);
    assert.ok(
      links.some((link) => link.startsWith(`https://github.com/ksb-portfolio/ksb-portfolio/blob/${tag}/docs/`)),
      'links into the manual at the tag',
    );
  });

  it('Should have a 128x128 PNG icon, a gallery banner and the repository, bugs and Q&A links the Marketplace shows', () => {
    assert.deepEqual(pngSize(readFileSync(path.join(REPO, manifest.icon))), { width: 128, height: 128 });
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(manifest.galleryBanner?.theme === 'dark' || manifest.galleryBanner?.theme === 'light');
    for (const link of [manifest.repository?.url, manifest.bugs?.url, manifest.qna])
      assert.match(link ?? '', /^https:\/\/github\.com\/ksb-portfolio\/ksb-portfolio\b/);
  });
});
