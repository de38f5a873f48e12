// The GitHub workflows (CI and the release) and the action's manifest, checked against GitHub's
// schemas by scripts/validate-workflows.mjs (@action-validator/core), as `npm run lint` does; and
// the check itself, which must fail on a broken file or it proves nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';

const REPO = process.cwd();
const VALIDATE = path.join(REPO, 'scripts', 'validate-workflows.mjs');

function validate(files: string[], cwd = REPO) {
  return spawnSync(process.execPath, [VALIDATE, ...files], { cwd, encoding: 'utf8' });
}

/** A workflow as the release's, with its steps, read as data. */
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { permissions?: Record<string, string>; steps: { uses?: string; run?: string; env?: Record<string, string> }[] }>;
}

function readWorkflow(name: string): Workflow {
  return parseYaml(readFileSync(path.join(REPO, '.github', 'workflows', name), 'utf8')) as Workflow;
}

describe('The workflows and the action manifest', function () {
  this.timeout(60_000);
  let scratch: string;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'ksb-workflows-'));
  });

  afterEach(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it("Should find action.yml, ci.yml and release.yml valid against GitHub's schemas", () => {
    const result = validate([]);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split('\n').sort(), ['.github/workflows/ci.yml: valid', '.github/workflows/release.yml: valid', 'action.yml: valid']);
  });

  it('Should fail on a workflow with a misspelt key, and on one that is not YAML, saying where', () => {
    const misspelt = path.join(scratch, 'misspelt.yml');
    writeFileSync(misspelt, 'name: Broken\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: npm test\n');
    const unparsable = path.join(scratch, 'unparsable.yml');
    writeFileSync(unparsable, 'name: Broken\non: [push\n');
    const result = validate([misspelt, unparsable], scratch);
    assert.equal(result.status, 1, result.stdout);
    assert.match(result.stderr, /^misspelt\.yml at \/jobs\/test: /m);
    assert.match(result.stderr, /^unparsable\.yml at line \d+: Parse Error/m);
  });

  it('Should check a file named action.yml as an action: runs is required', () => {
    mkdirSync(path.join(scratch, 'broken'));
    const action = path.join(scratch, 'broken', 'action.yml');
    writeFileSync(action, 'name: Broken\ndescription: no runs\n');
    const result = validate([action], scratch);
    assert.equal(result.status, 1, result.stdout);
    assert.match(result.stderr, /^broken\/action\.yml\b.*runs/m);
  });

  it('Should run CI as .ci/run on pushes and pull requests', () => {
    const ci = readWorkflow('ci.yml');
    assert.deepEqual(Object.keys(ci.on).sort(), ['pull_request', 'push']);
    assert.ok(ci.jobs.test.steps.some((step) => step.run === 'bash .ci/run'));
  });

  it('Should release only from a version tag, testing first, with the secrets and permissions each publisher needs', () => {
    const release = readWorkflow('release.yml');
    assert.deepEqual(release.on, { push: { tags: ['v*'] } });
    const [job] = Object.values(release.jobs);
    assert.deepEqual(job.permissions, { contents: 'write', 'id-token': 'write' });
    const runs = job.steps.map((step) => step.run ?? '');
    const at = (pattern: RegExp) => runs.findIndex((run) => pattern.test(run));
    const order = [
      /bash \.ci\/run/,
      /npm run package/,
      /vsce publish/,
      /ovsx@[\d.]+ publish/,
      /npm publish .*--provenance/,
      /npm run release:tree/,
      /gh release create/,
    ].map(at);
    assert.ok(
      order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1])),
      `steps in order: test, package, publish, the Action's tag, the release (${order.join(', ')})`,
    );
    const secrets = job.steps.flatMap((step) => Object.values(step.env ?? {}));
    for (const secret of ['VSCE_PAT', 'OVSX_PAT', 'NPM_TOKEN']) assert.ok(secrets.includes(`\${{ secrets.${secret} }}`), secret);
  });
});
