// The submission pack's code is a bundle of its own (dist/pack.js), which the extension loads when
// Export Submission Pack runs: the extension's bundles, desktop and web, must not carry it, so that
// activation does not load remark, rehype and fflate. Built here with esbuild as esbuild.mjs
// builds them, and judged by what esbuild says went in.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/** The packages each bundle holds, by esbuild's metafile. */
function packagesIn(): Record<'desktop' | 'web' | 'pack', string[]> {
  const script = `
    import * as esbuild from 'esbuild';
    import { standardDataPlugin } from './scripts/standardDataPlugin.mjs';
    const common = { bundle: true, write: false, metafile: true, minify: true, logLevel: 'error', plugins: [standardDataPlugin()] };
    const builds = {
      desktop: { entryPoints: ['src/extension.ts'], outfile: 'x/extension.js', platform: 'node', format: 'cjs', external: ['vscode'], define: { __KSB_EXTENSION_HOST__: '"node"' } },
      web: { entryPoints: ['src/extension.ts'], outfile: 'x/browser.js', platform: 'browser', conditions: ['worker'], format: 'cjs', external: ['vscode'], define: { __KSB_EXTENSION_HOST__: '"webworker"' } },
      pack: { entryPoints: ['src/vscode/packBundle.ts'], outfile: 'x/pack.js', platform: 'browser', conditions: ['worker'], format: 'cjs' },
    };
    const result = {};
    for (const [name, options] of Object.entries(builds)) {
      const { metafile } = await esbuild.build({ ...common, ...options });
      const inputs = Object.values(metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([path]) => path));
      result[name] = [...new Set(inputs.map((path) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(path)?.[1]).filter(Boolean))].sort();
    }
    process.stdout.write(JSON.stringify(result));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Record<'desktop' | 'web' | 'pack', string[]>;
}

const PACK_ONLY = /^(?:unified|remark-|rehype-|micromark|mdast-util-|hast-util-|fflate$)/;

describe("The submission pack's bundle", function () {
  this.timeout(120_000);

  it('Should hold remark, rehype and fflate, which the desktop and web extension bundles leave to it', () => {
    const bundles = packagesIn();
    for (const name of ['remark-parse', 'remark-rehype', 'rehype-sanitize', 'rehype-stringify', 'unified', 'fflate', 'micromark'])
      assert.ok(bundles.pack.includes(name), `dist/pack.js lacks ${name}: ${bundles.pack.join(', ')}`);
    assert.deepEqual(
      bundles.desktop.filter((name) => PACK_ONLY.test(name)),
      [],
      'the desktop bundle carries the pack',
    );
    assert.deepEqual(
      bundles.web.filter((name) => PACK_ONLY.test(name)),
      [],
      'the web bundle carries the pack',
    );
  });
});
