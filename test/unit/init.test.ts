import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { run, UsageError } from '../../src/cli/main';
import type { Ask } from '../../src/cli/ask';
import { planInit } from '../../src/cli/commands/init';
import type { StandardSourceOptions } from '../../src/cli/standardsFetch';
import { ACTION_REPOSITORY } from '../../src/core/edits/templates';
import { type FetchedResponse } from '../../src/core/catalogue/standardsApi';
import { softwareDeveloperFixture } from './apiServer';

const BASE = 'https://api.example.test/api/apprenticeshipstandards';

/** An `ask` that gives the scripted answers in turn and records each question; one too many fails the test. */
function scripted(...answers: string[]): { ask: Ask; questions: string[] } {
  const questions: string[] = [];
  const ask: Ask = async (question) => {
    questions.push(question);
    assert.ok(questions.length <= answers.length, `unexpected question: ${question}`);
    return answers[questions.length - 1];
  };
  return { ask, questions };
}

/** Where standards come from in these tests: a fake API holding the hand-written ST0116, URLs recorded. */
function source(): StandardSourceOptions & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    base: () => BASE,
    today: '2026-03-01',
    fetcher: async (url: string): Promise<FetchedResponse> => {
      asked.push(url);
      if (url === `${BASE}/ST0116` || url === `${BASE}/ST0116/1.1`) return { status: 200, text: JSON.stringify(softwareDeveloperFixture()) };
      if (url === `${BASE}/ST0116/1.0`) return { status: 200, text: JSON.stringify(softwareDeveloperFixture({ version: '1.0' })) };
      return { status: 404, text: '' };
    },
  };
}

let work: string;

/** Asserts `promise` rejects with a UsageError (one line for the user) whose message matches. */
async function rejectsWithUsage(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof UsageError, `expected a UsageError, found ${String(error)}`);
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /\n/);
    return true;
  });
}

/** A new empty folder below the work folder. */
function folder(name: string): string {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('ksb init questions (an injected ask)', () => {
  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'ksb-init-'));
  });

  after(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('Should ask for the standard, offer the shipped versions and the options by number, and ask the name', async () => {
    const { ask, questions } = scripted('st0792', '2', '1', 'Jess Adeyemi');
    const plan = await planInit(folder('shipped'), {}, ask, source());
    assert.equal(plan.standard.label, 'ST0792 v1.1');
    assert.equal(plan.option?.id, plan.standard.options[0].id);
    assert.equal(plan.apprentice, 'Jess Adeyemi');
    assert.equal(plan.download, undefined, 'a shipped standard is not written into standards/');
    assert.match(questions[0], /^Standard reference, e\.g\. ST0116 \(here already: ST0792\): $/);
    assert.equal(questions[1], 'Versions of ST0792:\n  1) 1.0 (Retired)\n  2) 1.1 (Retired)\n  3) 1.2 (Approved for delivery)\nVersion [1.2]: ');
    assert.equal(questions[2], `Options of ST0792 v1.1:\n${plan.standard.options.map((o, i) => `  ${i + 1}) ${o.title}`).join('\n')}\nOption (number): `);
    assert.equal(questions[3], 'Apprentice name (blank to leave it out): ');
  });

  it('Should take the default version on a blank answer and leave the name out on a blank one', async () => {
    const { ask } = scripted('ST0792', '', 'Post production coordinator', '  ');
    const plan = await planInit(folder('defaults'), {}, ask, source());
    assert.equal(plan.standard.label, 'ST0792 v1.2');
    assert.equal(plan.option?.id, 'post-production-coordinator');
    assert.equal(plan.apprentice, undefined);
  });

  it('Should ask again after an answer it cannot use, saying why, and give up after three', async () => {
    const { ask, questions } = scripted('ST12', 'ST0792', '9', '1.2', 'x', '0', 'nine');
    await rejectsWithUsage(planInit(folder('bad-answers'), {}, ask, source()), /^Expected a number from 1 to 2, found `nine`: nothing was written$/);
    assert.match(questions[1], /^Expected a reference such as ST0116, found `ST12`\nStandard reference/);
    assert.match(questions[3], /^Expected a number from 1 to 3 or a version such as 1\.0, found `9`\nVersions of ST0792:/);
  });

  it('Should, for a standard that is not here, ask for a version as text and fetch that version', async () => {
    const { ask, questions } = scripted('ST0116', '1.0', '1', '');
    const api = source();
    const plan = await planInit(folder('fetched'), {}, ask, api);
    assert.equal(plan.standard.label, 'ST0116 v1.0');
    assert.equal(plan.download?.fileName, 'ST0116_1.0.json');
    assert.equal(questions[1], 'Version of ST0116 (blank for the latest approved one): ');
    assert.deepEqual(api.asked, [`${BASE}/ST0116/1.0`]);
  });

  it('Should ask nothing for what the flags give', async () => {
    const { ask } = scripted();
    const plan = await planInit(folder('flags'), { standard: 'ST0792', version: '1.0', option: 'production-coordinator', apprentice: 'Sam' }, ask, source());
    assert.deepEqual([plan.standard.label, plan.option?.id, plan.apprentice], ['ST0792 v1.0', 'production-coordinator', 'Sam']);
  });

  it('Should, without a terminal, name the missing flag in one line', async () => {
    await rejectsWithUsage(
      planInit(folder('no-tty'), {}, undefined, source()),
      /^missing --standard REF \(e\.g\. --standard ST0116\) or --from FILE\.json: nothing is asked when stdin is not a terminal$/,
    );
    await rejectsWithUsage(
      planInit(folder('no-tty-option'), { standard: 'ST0792' }, undefined, source()),
      /^missing --option: ST0792 v1\.2 has options production-coordinator \(Production coordinator\), post-production-coordinator \(Post production coordinator\)$/,
    );
    await rejectsWithUsage(
      planInit(folder('bad-option'), { standard: 'ST0792', option: 'editor' }, undefined, source()),
      /Unexpected option `editor` for ST0792 v1\.2: expected one of /,
    );
  });

  it('Should, without a terminal, use the one standard a folder`s standards/ holds', async () => {
    const dir = folder('one-standard');
    mkdirSync(path.join(dir, 'standards'));
    writeFileSync(path.join(dir, 'standards', 'ST0116_1.1.json'), JSON.stringify(softwareDeveloperFixture()));
    const api = source();
    const plan = await planInit(dir, { option: 'web-developer' }, undefined, api);
    assert.equal(plan.standard.label, 'ST0116 v1.1');
    assert.equal(plan.download, undefined, 'the file is there already');
    assert.deepEqual(api.asked, [], 'nothing was fetched');
  });
});

describe('ksb init (in-process run)', () => {
  let output: string;
  const write = (text: string) => (output += text);

  beforeEach(() => {
    output = '';
    work = mkdtempSync(path.join(tmpdir(), 'ksb-init-run-'));
  });

  afterEach(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('Should write portfolio.yaml, a first evidence file and .gitignore, and run the questions through the given ask', async () => {
    const { ask } = scripted('ST0792', '', '1', 'Name "with" quotes\nand a line');
    const dir = path.join(work, 'new');
    assert.equal(await run(['init', dir], write, { env: {}, ask }), 0);
    const config = parseYaml(readFileSync(path.join(dir, 'portfolio.yaml'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(config, { standard: 'ST0792', version: '1.2', option: 'production-coordinator', apprentice: 'Name "with" quotes\nand a line' });
    const evidence = readdirSync(path.join(dir, 'evidence'));
    assert.equal(evidence.length, 1);
    assert.match(evidence[0], /^\d{4}-\d{2}-\d{2}-my-first-piece-of-evidence\.md$/);
    assert.match(
      readFileSync(path.join(dir, 'evidence', evidence[0]), 'utf8'),
      /^---\ntitle: My first piece of evidence\ndate: \d{4}-\d{2}-\d{2}\nksbs: \[\]\n---\n/,
    );
    assert.match(readFileSync(path.join(dir, '.gitignore'), 'utf8'), /^~\$\*$/m);
    assert.equal(readdirSync(dir).includes('.github'), false, 'no workflow without --ci github');
    assert.match(output, /^Created a portfolio for ST0792 v1\.2, Junior production coordinator, Production coordinator option in /);
    assert.doesNotMatch(output, /with" quotes\n/, 'the name is never printed raw across lines');
  });

  it('Should ask nothing with --yes, failing on what has no default', async () => {
    const { ask } = scripted();
    await rejectsWithUsage(run(['init', path.join(work, 'yes'), '--yes', '--standard', 'ST0792'], write, { env: {}, ask }), /missing --option/);
  });

  it('Should refuse a folder that already has a portfolio.yaml, changing nothing', async () => {
    writeFileSync(path.join(work, 'portfolio.yaml'), 'standard: ST0792\n');
    await rejectsWithUsage(
      run(['init', work, '--standard', 'ST0792', '--option', '1'], write, { env: {} }),
      /already has a portfolio\.yaml: nothing was written/,
    );
    assert.deepEqual(readdirSync(work), ['portfolio.yaml']);
    assert.equal(readFileSync(path.join(work, 'portfolio.yaml'), 'utf8'), 'standard: ST0792\n');
  });

  it('Should keep an existing .gitignore and evidence folder', async () => {
    writeFileSync(path.join(work, '.gitignore'), 'mine\n');
    assert.equal(await run(['init', work, '--standard', 'ST0792', '--option', '2'], write, { env: {} }), 0);
    assert.equal(readFileSync(path.join(work, '.gitignore'), 'utf8'), 'mine\n');
    assert.match(output, /^ {2}\.gitignore \(already there, kept\)$/m);
  });

  it('Should, run without a terminal and without flags, exit 2 naming --standard and write nothing', () => {
    const cli = path.join(process.cwd(), 'dist', 'cli.js');
    const result = spawnSync(process.execPath, [cli, 'init', 'fresh'], { cwd: work, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    assert.equal(result.status, 2, result.stdout + result.stderr);
    assert.equal(result.stderr, 'ksb: missing --standard REF (e.g. --standard ST0116) or --from FILE.json: nothing is asked when stdin is not a terminal\n');
    assert.deepEqual(readdirSync(work), []);
  });

  /** Runs the built `ksb init DIR --ci SERVICE` for ST0792's first option; resolves to what it printed. */
  function initWithCi(dir: string, service = 'github'): string {
    const cli = path.join(process.cwd(), 'dist', 'cli.js');
    const result = spawnSync(process.execPath, [cli, 'init', dir, '--standard', 'ST0792', '--option', '1', '--ci', service], { cwd: work, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    return result.stdout;
  }

  it('Should write with --ci github a workflow that runs the action of this version on a full checkout, with permission to comment', () => {
    const dir = path.join(work, 'ci');
    // The built CLI, which knows its version from the package.json beside its folder.
    const output = initWithCi(dir);
    const manifest = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { version: string; repository: { url: string } };
    const workflow = parseYaml(readFileSync(path.join(dir, '.github', 'workflows', 'portfolio.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: { check: { steps: unknown[] } };
    };
    assert.deepEqual(Object.keys(workflow.on), ['push', 'pull_request']);
    assert.deepEqual(workflow.permissions, { contents: 'read', 'pull-requests': 'write' });
    assert.deepEqual(workflow.jobs.check.steps, [
      { uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } },
      { uses: `ksb-portfolio/ksb-portfolio@v${manifest.version}`, with: { path: '.' } },
    ]);
    assert.equal(`https://github.com/${ACTION_REPOSITORY}.git`, manifest.repository.url, 'the action is the repository package.json names');
    assert.match(output, /^ {2}\.github\/workflows\/portfolio\.yml$/m);
  });

  it('Should say, for a portfolio inside a git repository, to move the workflow to its root and set the path', () => {
    mkdirSync(path.join(work, '.git'));
    const dir = path.join(work, 'portfolios', 'jess');
    const output = initWithCi(dir);
    assert.match(output, /GitHub reads .+portfolio\.yml only, so move the file there and change its `path: \.` to `path: portfolios[/\\]jess`$/m);
  });

  it('Should write with --ci gitlab and --ci azure a set-up that runs the npm package of this version, a JUnit report and the summary', () => {
    const { version } = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { version: string };
    const gitlabDir = path.join(work, 'on-gitlab');
    assert.match(initWithCi(gitlabDir, 'gitlab'), /^ {2}\.gitlab-ci\.yml$/m);
    const gitlab = parseYaml(readFileSync(path.join(gitlabDir, '.gitlab-ci.yml'), 'utf8')) as {
      portfolio: { variables: { KSB: string }; script: string[]; artifacts: { reports: { junit: string } } };
    };
    assert.equal(gitlab.portfolio.variables.KSB, `npx --yes ksb-portfolio@${version}`);
    assert.deepEqual(gitlab.portfolio.script, ['$KSB summary . > ksb-summary.md', '$KSB check --format junit --output ksb-junit.xml .']);
    assert.equal(gitlab.portfolio.artifacts.reports.junit, 'ksb-junit.xml');

    const azureDir = path.join(work, 'on-azure');
    assert.match(initWithCi(azureDir, 'azure'), /^ {2}azure-pipelines\.yml$/m);
    const azure = parseYaml(readFileSync(path.join(azureDir, 'azure-pipelines.yml'), 'utf8')) as { steps: { script?: string; task?: string }[] };
    const scripts = azure.steps.flatMap((step) => (step.script ? [step.script] : []));
    assert.equal(scripts.length, 2);
    for (const script of scripts) assert.match(script, new RegExp(`npx --yes ksb-portfolio@${version.replace(/\./g, '\\.')} (check|summary)`));
    assert.ok(azure.steps.some((step) => step.task === 'PublishTestResults@2'));
    assert.equal(existsSync(path.join(azureDir, '.github')), false, 'no GitHub workflow with --ci azure');
  });

  it('Should refuse --ci other than github, gitlab or azure, and a second folder', async () => {
    await rejectsWithUsage(run(['init', work, '--ci', 'jenkins'], write, { env: {} }), /unknown --ci jenkins: expected github, gitlab or azure/);
    await rejectsWithUsage(run(['init', 'a', 'b'], write, { env: {} }), /init takes one folder, found 2/);
  });
});
