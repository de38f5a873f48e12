// Builds every bundle from one place: the desktop extension, the browser extension, the CLI and
// the unit tests. Bundling also turns ESM-only packages (remark, the tests' reference parser) into CommonJS.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { standardDataPlugin } from './scripts/standardDataPlugin.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

// Every build, the tests' and the benchmark's too, gets the shipped standards (YAML) as data that
// was parsed and validated here, so the tests exercise what ships.
/** The release's version, built into the CLI so `ksb --version` is right wherever its bundle is copied. */
const cliVersion = { __KSB_VERSION__: JSON.stringify(String(JSON.parse(readFileSync('package.json', 'utf8')).version)) };

/** Which extension host a build of src/extension.ts runs in (src/vscode/packLoader.ts loads dist/pack.js accordingly). */
const nodeHost = { __KSB_EXTENSION_HOST__: JSON.stringify('node') };
const webWorkerHost = { __KSB_EXTENSION_HOST__: JSON.stringify('webworker') };

/**
 * The submission pack's code (src/vscode/packBundle.ts: remark, rehype, fflate), which both
 * extension hosts load only when Export Submission Pack runs, so that activation does not pay for
 * it. One file serves both: CommonJS that needs nothing of Node, as the web worker host requires,
 * and that Node's `require` loads on the desktop.
 * @type {import('esbuild').BuildOptions}
 */
const packBundle = {
  entryPoints: ['src/vscode/packBundle.ts'],
  platform: 'browser',
  // As for dist/browser.js: the web worker host has no DOM.
  conditions: ['worker'],
  format: 'cjs',
  target: 'es2022',
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [standardDataPlugin()],
  legalComments: 'none',
};

function testEntries(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) found.push(...testEntries(full));
    else if (name.endsWith('.test.ts')) found.push(full);
  }
  return found;
}

/** @type {import('esbuild').BuildOptions[]} */
const builds = [];
// --schemas writes schemas/; --generate writes every generated file: schemas/ and the rule docs;
// --import-standards writes the shipped standard data from the API snapshot and the seeds beside the clone.
const generators = args.has('--generate')
  ? ['write-schemas', 'write-rule-docs']
  : args.has('--schemas')
    ? ['write-schemas']
    : args.has('--import-standards')
      ? ['import-standards']
      : [];
if (generators.length > 0) {
  for (const name of generators) {
    builds.push({ ...common, entryPoints: [`scripts/${name}.ts`], outfile: `out/scripts/${name}.js`, platform: 'node', format: 'cjs', target: 'node20' });
  }
} else if (args.has('--tests')) {
  builds.push({
    ...common,
    entryPoints: testEntries('test/unit'),
    outdir: 'out/test/unit',
    outbase: 'test/unit',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // ESLint loads eslint.config.mjs and its plugins at run time, so it stays a package.
    external: ['mocha', 'eslint', 'playwright-core'],
  });
} else if (args.has('--integration')) {
  // Integration tests run inside VS Code's extension host, which provides 'vscode' at run time.
  // suite/: the main suite on the fixture folder; multi-root/: its own pass on a two-folder workspace.
  for (const suite of ['suite', 'multi-root']) {
    builds.push({
      ...common,
      entryPoints: testEntries(`test/integration/${suite}`),
      outdir: `out/test/integration/${suite}`,
      outbase: `test/integration/${suite}`,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'mocha'],
    });
  }
} else if (args.has('--bench')) {
  // The benchmark (bench/), plus the desktop extension and the CLI built again into out/bench/bundles/
  // so their sizes can be measured (with --production: minified) without touching dist/. Keep their
  // options in step with the desktop and CLI builds below.
  const bundles = 'out/bench/bundles';
  builds.push(
    {
      ...common,
      minify: false,
      sourcemap: true,
      entryPoints: ['bench/main.ts'],
      outfile: 'out/bench/bench.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['playwright-core'],
    },
    {
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: `${bundles}/extension.js`,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      define: nodeHost,
    },
    { ...common, ...packBundle, outfile: `${bundles}/pack.js` },
    {
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: `${bundles}/cli.js`,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      define: cliVersion,
    },
  );
} else {
  builds.push(
    {
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      define: nodeHost,
    },
    {
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/browser.js',
      platform: 'browser',
      // The web extension host is a web worker, with no DOM: packages that ship a DOM build for
      // `browser` (decode-named-character-reference, under remark) must give their worker one.
      conditions: ['worker'],
      format: 'cjs',
      target: 'es2022',
      external: ['vscode'],
      define: webWorkerHost,
    },
    { ...common, ...packBundle, outfile: 'dist/pack.js' },
    {
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      define: cliVersion,
    },
  );
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  for (const name of generators) await import(new URL(`./out/scripts/${name}.js`, import.meta.url).href);
}
