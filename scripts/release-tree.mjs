// `npm run release:tree -- DIR`: the tree a release tag holds for the GitHub Action, so
// `uses: ksb-portfolio/ksb-portfolio@v1` runs the bundle in the tag with no npm install:
// action.yml, the step scripts in action/, the built dist/cli.js they run (action/ksb.mjs finds
// it beside action/), the package.json both read their version from, and the README and LICENSE
// the Marketplace shows. `npm run release:tree` builds the production bundles first; this script
// copies them as they are, so a test can make a tree from the bundle it already built.
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The files of the Action's tree besides action/, relative to the repository and to the tree alike. */
const ACTION_TREE_FILES = ['action.yml', 'package.json', 'README.md', 'LICENSE', 'dist/cli.js'];

/** Copies the Action's tree into `dir` (created if missing); returns the files written, relative to it. */
function buildReleaseTree(dir) {
  const cli = join(repoRoot, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run release:tree`, which builds it first');
  const written = [];
  for (const file of ACTION_TREE_FILES) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(dir, file));
    written.push(file);
  }
  cpSync(join(repoRoot, 'action'), join(dir, 'action'), { recursive: true });
  for (const name of readdirSync(join(repoRoot, 'action'))) written.push(`action/${name}`);
  return written.sort();
}

const [dir] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: npm run release:tree -- DIR\n');
  process.exit(2);
}
for (const file of buildReleaseTree(resolve(dir))) process.stdout.write(`${file}\n`);
