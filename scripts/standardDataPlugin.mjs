// The esbuild plugin that turns the shipped standards (src/core/catalogue/data/*.yaml) into plain
// data at build time. Each file is parsed and validated by the core's own `readStandardData`, the
// function that checks workspace standards at run time, so a broken file fails the build with the
// field, the expectation and the line; a good one is bundled as JSON, and the extension and the CLI
// neither parse YAML nor run zod for their own standards. The YAML files stay the only source.
import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** The shipped standard data files; no other YAML is imported by the sources. */
const STANDARD_DATA = /[\\/]src[\\/]core[\\/]catalogue[\\/]data[\\/][^\\/]+\.ya?ml$/;

/** Bundles the core's `readStandardData` (TypeScript) for Node and loads it. */
async function loadValidator() {
  const result = await esbuild.build({
    stdin: { contents: "export { readStandardData } from './src/core/catalogue/catalogue';", resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, createRequire(join(root, 'esbuild.mjs')));
  return module.exports.readStandardData;
}

/** Shipped standard data as validated JSON modules; a file that does not validate fails the build. */
export function standardDataPlugin() {
  return {
    name: 'standard-data',
    setup(build) {
      let validator;
      // Once per build, so `--watch` picks up a changed schema.
      build.onStart(() => {
        validator = loadValidator();
      });
      build.onLoad({ filter: STANDARD_DATA }, async (args) => {
        const [readStandardData, text] = await Promise.all([validator, readFile(args.path, 'utf8')]);
        const result = readStandardData(text, basename(args.path));
        if (result.ok) return { contents: JSON.stringify(result.data), loader: 'json' };
        const lines = text.split(/\r\n|\r|\n/);
        return {
          errors: result.problems.map((problem) => ({
            text: problem.message,
            location: {
              file: args.path,
              line: problem.range.start.line + 1,
              column: problem.range.start.character,
              length: problem.range.end.line === problem.range.start.line ? problem.range.end.character - problem.range.start.character : 0,
              lineText: lines[problem.range.start.line] ?? '',
            },
          })),
        };
      });
    },
  };
}
