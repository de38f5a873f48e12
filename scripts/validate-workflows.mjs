// `npm run lint:workflows [-- FILE...]`: checks the GitHub workflows and the action manifest
// against GitHub's schemas with @action-validator/core (WebAssembly, no install script). With no
// files: action.yml and every workflow in .github/workflows/. A file named action.yml or
// action.yaml is checked as an action, anything else as a workflow. Exits 1 on any problem.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** @type {typeof import('@action-validator/core')} */
const validator = createRequire(import.meta.url)('@action-validator/core');

/** action.yml and the workflows, when no file is named. */
function defaultFiles() {
  const workflows = join(repoRoot, '.github', 'workflows');
  const found = existsSync(workflows)
    ? readdirSync(workflows)
        .filter((name) => /\.ya?ml$/.test(name))
        .map((name) => join(workflows, name))
    : [];
  return [join(repoRoot, 'action.yml'), ...found.sort()];
}

/** One line per problem the validator found in `file`. */
function problemsOf(file) {
  const source = readFileSync(file, 'utf8');
  const isAction = /^action\.ya?ml$/.test(basename(file));
  const state = isAction ? validator.validateAction(source) : validator.validateWorkflow(source);
  return state.errors.map((error) => {
    const where = 'path' in error && error.path ? ` at ${error.path}` : 'location' in error && error.location ? ` at line ${error.location.line}` : '';
    return `${relative(process.cwd(), file)}${where}: ${error.title}${error.detail ? `: ${error.detail}` : ''} (${error.code})`;
  });
}

const named = process.argv.slice(2);
const files = named.length > 0 ? named.map((file) => resolve(file)) : defaultFiles();
let failed = false;
for (const file of files) {
  const problems = problemsOf(file);
  if (problems.length > 0) failed = true;
  for (const line of problems) process.stderr.write(`${line}\n`);
  if (problems.length === 0) process.stdout.write(`${relative(process.cwd(), file)}: valid\n`);
}
process.exitCode = failed ? 1 : 0;
