// The GitHub Action (action.yml and its scripts in action/): the manifest read as GitHub reads it,
// and each step run as the runner runs it, with GITHUB_* variables pointed at temporary files,
// the repository's built CLI (or a stub) as KSB_BIN, the pull request comment against a fake
// REST API on 127.0.0.1, and the npm install of ksb-portfolio against a fake registry.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runProcess } from './processHarness';
import { readOutputs, REPO, runActionScript, startFakeApi, stubCalls, writeStubKsb, type FakeApi, type RecordedRequest, type StepRun } from './actionHarness';

const CLI = path.join(REPO, 'dist', 'cli.js');
const PACKAGE = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
/** A release of the npm package other than the action's own, which only npm has. */
const OTHER_VERSION = '0.0.1-other';

interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
}

interface ActionManifest {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const manifest = parseYaml(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as ActionManifest;

/** The script a step runs, from `node "$GITHUB_ACTION_PATH/action/NAME.mjs"`. */
function scriptOf(step: ActionStep): string {
  const script = /^node "\$GITHUB_ACTION_PATH\/action\/([\w-]+\.mjs)"$/.exec(step.run?.trim() ?? '')?.[1];
  assert.ok(script, `step ${step.name} runs no script of action/: ${step.run}`);
  return script;
}

/** The inputs a script reads (`input('NAME')`, `booleanInput('NAME')`), with those of the local modules it imports. */
function inputsReadBy(script: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(script)) return names;
  seen.add(script);
  const source = readFileSync(path.join(REPO, 'action', script), 'utf8');
  for (const match of source.matchAll(/\b(?:input|booleanInput)\('([A-Z_]+)'/g)) names.add(match[1]);
  for (const match of source.matchAll(/from '\.\/([\w-]+\.mjs)'/g)) for (const name of inputsReadBy(match[1], seen)) names.add(name);
  return names;
}

/** Runs `script` with bash, as a composite step with `shell: bash` is run. */
function runShell(script: string, env: Record<string, string>): Promise<StepRun> {
  return runProcess('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
}

/**
 * Runs action.yml's steps from `actionPath` as the runner does on a push (each step's `run` with
 * bash, its env evaluated from the inputs' defaults and `path: portfolio`, the steps after a
 * failure only when `!cancelled()`), each with `extraEnv`; returns each step's status and run.
 */
async function runSteps(
  work: string,
  actionPath: string,
  extraEnv: Record<string, string>,
): Promise<{ statuses: Record<string, number | null>; runs: Record<string, StepRun> }> {
  const inputs: Record<string, string> = {
    ...Object.fromEntries(Object.entries(manifest.inputs).map(([name, d]) => [name, d.default ?? ''])),
    path: 'portfolio',
  };
  /** The value of an env entry: only `${{ inputs.NAME }}` and `${{ github.token }}` are expected there. */
  const evaluate = (value: string): string =>
    value.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string): string => {
      if (expression === 'github.token') return TOKEN;
      const name = /^inputs\.([\w-]+)$/.exec(expression)?.[1];
      assert.ok(name !== undefined && name in inputs, `unexpected expression ${expression}`);
      return evaluate(inputs[name]);
    });
  const statuses: Record<string, number | null> = {};
  const runs: Record<string, StepRun> = {};
  let failed = false;
  for (const step of manifest.runs.steps) {
    if (failed && step.if !== '${{ !cancelled() }}') continue;
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, evaluate(value)]));
    const result = await runShell(step.run ?? '', {
      ...env,
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_WORKSPACE: work,
      GITHUB_OUTPUT: path.join(work, `output-${step.id}`),
      GITHUB_STEP_SUMMARY: path.join(work, `summary-${step.id}`),
      GITHUB_EVENT_NAME: 'push',
      ...extraEnv,
    });
    statuses[step.id ?? ''] = result.status;
    runs[step.id ?? ''] = result;
    failed ||= result.status !== 0;
  }
  return { statuses, runs };
}

/** Writes `files` below `root`. */
function writeFiles(root: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  }
}

/** A portfolio on the shipped ST0792 with one error (an unknown code) and one warning (no KSBs). */
const FAILING_PORTFOLIO = {
  'portfolio.yaml': 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\n',
  'evidence/unknown-code.md': '---\ntitle: Unknown code\ndate: 2025-01-10\nksbs: [K1, K99]\n---\nBody.\n',
  'evidence/no-claims.md': '---\ntitle: No claims\ndate: 2025-01-11\nksbs: []\n---\nBody.\n',
};

/** The same portfolio, clean. */
const CLEAN_PORTFOLIO = {
  'portfolio.yaml': FAILING_PORTFOLIO['portfolio.yaml'],
  'evidence/fine.md': '---\ntitle: Fine\ndate: 2025-01-10\nksbs: [K1, S1]\n---\nBody.\n',
};

const TOKEN = 'ghs_SecretTokenValue1234567890';
const BASE_SHA = 'a'.repeat(40);
const HEAD_SHA = 'b'.repeat(40);
const MARKER = '<!-- ksb-portfolio:diff path=portfolio -->';
/** The account the workflow's own token (GITHUB_TOKEN) acts as, as GraphQL's viewer and as a comment's user. */
const WORKFLOW_BOT = { login: 'github-actions[bot]', databaseId: 41898282 };
const WORKFLOW_BOT_USER = { login: WORKFLOW_BOT.login, id: WORKFLOW_BOT.databaseId, type: 'Bot' };

describe('The GitHub Action', function () {
  this.timeout(60_000);
  let work: string;

  before(() => {
    if (!existsSync(CLI) || statSync(CLI).mtimeMs < statSync(path.join(REPO, 'src', 'cli', 'main.ts')).mtimeMs) {
      const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, encoding: 'utf8' });
      assert.equal(build.status, 0, `node esbuild.mjs failed:\n${build.stderr}`);
    }
  });

  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), 'ksb-action-'));
  });

  afterEach(() => {
    rmSync(work, { recursive: true, force: true });
  });

  describe('action.yml', () => {
    it('Should declare the inputs path, sarif, comment, github-token and version with their defaults', () => {
      assert.deepEqual(Object.fromEntries(Object.entries(manifest.inputs).map(([name, declared]) => [name, declared.default])), {
        path: '.',
        sarif: '',
        comment: 'true',
        'github-token': '${{ github.token }}',
        version: '',
      });
      for (const [name, declared] of Object.entries(manifest.inputs)) assert.ok(declared.description.length > 20, `input ${name} has no description`);
    });

    it("Should take the outputs errors and sarif-file from the check step's outputs", () => {
      assert.deepEqual(Object.fromEntries(Object.entries(manifest.outputs).map(([name, declared]) => [name, declared.value])), {
        errors: '${{ steps.check.outputs.errors }}',
        'sarif-file': '${{ steps.check.outputs.sarif-file }}',
      });
    });

    it('Should be a composite action whose steps run scripts that exist, check first and the others even after it fails', () => {
      assert.equal(manifest.runs.using, 'composite');
      const steps = manifest.runs.steps;
      assert.deepEqual(
        steps.map((step) => [step.id, scriptOf(step)]),
        [
          ['check', 'check.mjs'],
          ['summary', 'summary.mjs'],
          ['comment', 'comment.mjs'],
        ],
      );
      for (const step of steps) {
        assert.ok(existsSync(path.join(REPO, 'action', scriptOf(step))), `no action/${scriptOf(step)}`);
        assert.equal(step.shell, 'bash', `step ${step.id} names no shell (composite run steps must)`);
      }
      assert.equal(steps[0].if, undefined);
      for (const step of steps.slice(1)) assert.equal(step.if, '${{ !cancelled() }}', `step ${step.id} would be skipped when check finds errors`);
    });

    it('Should hand each script the inputs it reads, and only through env, never inside the script text', () => {
      const declared = new Set(Object.keys(manifest.inputs).map((name) => name.toUpperCase().replace(/-/g, '_')));
      for (const step of manifest.runs.steps) {
        assert.doesNotMatch(step.run ?? '', /\$\{\{/, `step ${step.id} puts an expression into its script`);
        const given = Object.keys(step.env ?? {})
          .filter((name) => name.startsWith('INPUT_'))
          .map((name) => name.slice('INPUT_'.length));
        assert.deepEqual(new Set(given), inputsReadBy(scriptOf(step)), `step ${step.id}`);
        for (const name of given) {
          assert.ok(declared.has(name), `step ${step.id} passes INPUT_${name}, which is no input`);
          assert.equal(step.env?.[`INPUT_${name}`], `\${{ inputs.${name.toLowerCase().replace(/_/g, '-')} }}`);
        }
      }
    });

    it('Should, run step by step as the runner does, check, summarise and skip the comment on a push, failing on the errors', async () => {
      writeFiles(path.join(work, 'portfolio'), FAILING_PORTFOLIO);
      const { statuses } = await runSteps(work, REPO, { KSB_BIN: CLI });
      assert.deepEqual(statuses, { check: 1, summary: 0, comment: 0 });
      assert.deepEqual(readOutputs(path.join(work, 'output-check')), { errors: '1' });
      assert.match(readFileSync(path.join(work, 'summary-summary'), 'utf8'), /^## KSB portfolio in ` portfolio `/);
    });
  });

  describe('the check step', () => {
    /** Runs check.mjs in `work` on the portfolio in `work/portfolio`. */
    function check(inputs: Record<string, string> = {}): Promise<StepRun> {
      return runActionScript('check.mjs', {
        GITHUB_WORKSPACE: work,
        GITHUB_OUTPUT: path.join(work, 'github-output'),
        RUNNER_TEMP: path.join(work, 'runner-temp'),
        KSB_BIN: CLI,
        INPUT_PATH: 'portfolio',
        ...inputs,
      });
    }

    it('Should print each problem as an annotation on its file from the repository root, set errors and fail with ksb check', async () => {
      writeFiles(path.join(work, 'portfolio'), FAILING_PORTFOLIO);
      const result = await check();
      assert.equal(result.status, 1, result.stdout + result.stderr);
      const annotations = result.stdout.split('\n').filter((line) => line.startsWith('::'));
      assert.deepEqual(
        annotations.map((line) => /^::(\w+) file=([^,]+),.*title=([^:]+)::/.exec(line)?.slice(1)),
        [
          ['warning', 'portfolio/evidence/no-claims.md', 'evidence.no-ksbs'],
          ['error', 'portfolio/evidence/unknown-code.md', 'ksb.unknown-code'],
        ],
      );
      assert.match(result.stdout, /^ksb check "portfolio": 1 error, 1 warning, 0 notices$/m);
      assert.deepEqual(readOutputs(path.join(work, 'github-output')), { errors: '1' });
    });

    it('Should pass a clean portfolio with errors 0 and no SARIF file when none is asked for', async () => {
      writeFiles(path.join(work, 'portfolio'), CLEAN_PORTFOLIO);
      const result = await check({ INPUT_PATH: './portfolio/' });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.doesNotMatch(result.stdout, /^::(error|warning) /m);
      assert.deepEqual(readOutputs(path.join(work, 'github-output')), { errors: '0' });
    });

    it('Should write the SARIF file asked for, in a folder it creates, and set sarif-file to its absolute path', async () => {
      writeFiles(path.join(work, 'portfolio'), FAILING_PORTFOLIO);
      mkdirSync(path.join(work, '.git'));
      const result = await check({ INPUT_SARIF: 'reports/ksb.sarif' });
      assert.equal(result.status, 1, result.stdout + result.stderr);
      const sarifFile = path.join(work, 'reports', 'ksb.sarif');
      assert.deepEqual(readOutputs(path.join(work, 'github-output')), { errors: '1', 'sarif-file': sarifFile });
      const log = JSON.parse(readFileSync(sarifFile, 'utf8')) as {
        runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
      };
      assert.deepEqual(
        log.runs[0].results.map((r) => [r.level, r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri]),
        [
          ['warning', 'evidence.no-ksbs', 'portfolio/evidence/no-claims.md'],
          ['error', 'ksb.unknown-code', 'portfolio/evidence/unknown-code.md'],
        ],
      );
      // The second run's text report is in the log, with workflow commands stopped around it.
      const stop = /^::stop-commands::(\S+)$/m.exec(result.stdout)?.[1];
      assert.ok(stop, result.stdout);
      assert.match(result.stdout, new RegExp(`::stop-commands::${stop}\\n(?:.*\\n)*?1 error, 1 warning in 2 files\\.\\n::${stop}::\\n::endgroup::`));
    });

    it('Should keep a SARIF path with a newline to one output, never a second one', async () => {
      writeFiles(path.join(work, 'portfolio'), CLEAN_PORTFOLIO);
      const result = await check({ INPUT_SARIF: 'odd\nerrors=999/ksb.sarif' });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.deepEqual(readOutputs(path.join(work, 'github-output')), { errors: '0', 'sarif-file': path.join(work, 'odd\nerrors=999', 'ksb.sarif') });
    });

    it('Should refuse a SARIF file, or a folder on its way, that the pull request made a symbolic link, leaving what it points to as it was', async () => {
      writeFiles(path.join(work, 'portfolio'), CLEAN_PORTFOLIO);
      const outside = mkdtempSync(path.join(tmpdir(), 'ksb-action-outside-'));
      try {
        writeFileSync(path.join(outside, '.bashrc'), 'export PATH=/usr/bin\n');
        symlinkSync(path.join(outside, '.bashrc'), path.join(work, 'ksb.sarif'));
        symlinkSync(outside, path.join(work, 'reports'));
        for (const [sarif, found] of [
          ['ksb.sarif', 'it is a symbolic link'],
          ['reports/ksb.sarif', 'reports is a symbolic link'],
        ]) {
          const result = await check({ INPUT_SARIF: sarif });
          assert.equal(result.status, 2, result.stdout + result.stderr);
          assert.match(result.stderr, new RegExp(`^ksb: cannot write --output ${sarif.replace('.', '\\.')}: ${found}, and no write goes through a link\n$`));
          assert.deepEqual(readOutputs(path.join(work, 'github-output')), { errors: '0' }, 'no sarif-file output');
          rmSync(path.join(work, 'github-output'));
        }
        assert.deepEqual(readdirSync(outside), ['.bashrc']);
        assert.equal(readFileSync(path.join(outside, '.bashrc'), 'utf8'), 'export PATH=/usr/bin\n');
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });

    it('Should refuse a SARIF path outside the workspace before running ksb', async () => {
      writeFiles(path.join(work, 'portfolio'), CLEAN_PORTFOLIO);
      const outside = mkdtempSync(path.join(tmpdir(), 'ksb-action-outside-'));
      try {
        for (const sarif of [`../${path.basename(outside)}/ksb.sarif`, path.join(outside, 'ksb.sarif'), '.']) {
          const result = await check({ INPUT_SARIF: sarif });
          assert.equal(result.status, 2, result.stdout + result.stderr);
          assert.equal(
            result.stdout,
            `::error::ksb-portfolio action: input sarif is ${JSON.stringify(sarif)}: expected a file path inside the workspace, such as ksb.sarif\n`,
          );
        }
        assert.deepEqual(readdirSync(outside), []);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });

    it('Should exit 2 with ksb check when there is no portfolio, setting no errors output', async () => {
      const result = await check({ INPUT_PATH: 'missing' });
      assert.equal(result.status, 2);
      assert.equal(result.stderr, 'ksb: no such directory: missing\n');
      assert.deepEqual(readOutputs(path.join(work, 'github-output')), {});
    });

    it('Should refuse a path input that is or passes through a symbolic link, or leaves the workspace, before running ksb', async () => {
      // A pull request can commit `portfolio` as a link to anywhere on the runner: its files must not be checked and shown.
      const outside = mkdtempSync(path.join(tmpdir(), 'ksb-outside-'));
      try {
        writeFiles(path.join(outside, 'private'), FAILING_PORTFOLIO);
        mkdirSync(path.join(work, 'apprentices'));
        symlinkSync(path.join(outside, 'private'), path.join(work, 'linked'));
        symlinkSync(outside, path.join(work, 'apprentices', 'all'));
        for (const [input, link] of [
          ['linked', 'linked'],
          ['./apprentices/all/private/', 'apprentices/all'],
        ]) {
          const result = await check({ INPUT_PATH: input });
          assert.equal(result.status, 2, result.stdout + result.stderr);
          assert.equal(
            result.stdout,
            `::error::ksb-portfolio action: input path is ${JSON.stringify(input)}: ${JSON.stringify(link)} is a symbolic link, which the action never follows\n`,
          );
        }
        const escaping = await check({ INPUT_PATH: '../elsewhere' });
        assert.equal(escaping.status, 2);
        assert.match(escaping.stdout, /input path is "\.\.\/elsewhere": expected a folder inside the workspace/);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });

    it('Should treat a path input that looks like a flag as a folder name', async () => {
      writeFiles(path.join(work, 'portfolio'), CLEAN_PORTFOLIO);
      const result = await check({ INPUT_PATH: '--format=json' });
      assert.equal(result.status, 2);
      assert.equal(result.stderr, 'ksb: no such directory: --format=json\n');
    });

    it('Should say which KSB_BIN is missing instead of failing on a stack trace', async () => {
      const result = await check({ KSB_BIN: 'nowhere/cli.js' });
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '::error::ksb-portfolio action: KSB_BIN is "nowhere/cli.js": expected a JavaScript file such as dist/cli.js, found none\n');
    });
  });

  describe('the summary step', () => {
    /** Runs summary.mjs in `work` on `work/portfolio`. */
    function summary(env: Record<string, string> = {}): Promise<StepRun> {
      return runActionScript('summary.mjs', {
        GITHUB_WORKSPACE: work,
        GITHUB_STEP_SUMMARY: path.join(work, 'step-summary.md'),
        KSB_BIN: CLI,
        INPUT_PATH: 'portfolio',
        ...env,
      });
    }

    it('Should append the Markdown summary after what the job summary holds, separated by a blank line, even with errors', async () => {
      writeFiles(path.join(work, 'portfolio'), FAILING_PORTFOLIO);
      writeFileSync(path.join(work, 'step-summary.md'), '# Earlier step');
      const result = await summary();
      assert.equal(result.status, 0, result.stdout + result.stderr);
      const written = readFileSync(path.join(work, 'step-summary.md'), 'utf8');
      assert.match(written, /^# Earlier step\n\n## KSB portfolio in ` portfolio `: Junior production coordinator \(ST0792 v1\.2\)\n/);
      assert.match(written, /\*\*1 error, 1 warning\*\* in 2 evidence files\./);
    });

    it("Should keep a summary longer than GitHub's 1 MiB per step under it, cut at a line with a note", async () => {
      const stub = writeStubKsb(work);
      const result = await summary({ KSB_BIN: stub, STUB_LINE: `- ${'é'.repeat(99)}`, STUB_REPEAT: '12000' });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      const written = readFileSync(path.join(work, 'step-summary.md'));
      assert.ok(written.length <= 1024 * 1024, `${written.length} bytes`);
      assert.ok(written.length > 1000 * 1024, `only ${written.length} bytes kept`);
      const text = written.toString('utf8');
      const note = '\n\n*The summary is cut here: it is longer than GitHub shows. Run `ksb summary` for all of it.*\n';
      assert.ok(text.endsWith(note), `ends with ${JSON.stringify(text.slice(-150))}`);
      const kept = text.slice(0, -note.length).split('\n');
      assert.ok(
        kept.every((line) => line === `- ${'é'.repeat(99)}`),
        'whole lines only',
      );
    });

    it('Should fail as ksb summary does when it cannot run, writing nothing', async () => {
      const result = await summary({ INPUT_PATH: 'missing' });
      assert.equal(result.status, 2);
      assert.equal(result.stderr, 'ksb: no such directory: missing\n');
      assert.equal(existsSync(path.join(work, 'step-summary.md')), false);
    });
  });

  describe('the comment step, against a fake GitHub API on 127.0.0.1', () => {
    let api: FakeApi;
    /** The comments on pull request 7, a page per array; what the API answers for writes. */
    let pages: { id: number; body: string; user?: { login: string; id: number; type: string } }[][];
    /** What GraphQL's `viewer` answers: the account the token acts as. */
    let viewer: unknown;
    let writeStatus: number;
    let writeMessage: string;

    beforeEach(async () => {
      pages = [[]];
      viewer = { data: { viewer: WORKFLOW_BOT } };
      writeStatus = 0;
      writeMessage = '';
      api = await startFakeApi((request, base) => answerGitHub(request, base));
    });

    afterEach(() => api.close());

    /** The GitHub REST API's answers for pull request 7 of octo/portfolio. */
    function answerGitHub(request: RecordedRequest, base: string) {
      const url = new URL(request.url, base);
      if (request.method === 'GET' && url.pathname === '/repos/octo/portfolio/issues/7/comments') {
        const page = Number(url.searchParams.get('page') ?? '1');
        const next = page < pages.length ? { link: `<${base}/repositories/42/issues/7/comments?per_page=100&page=${page + 1}>; rel="next"` } : undefined;
        // Written by the workflow's token unless a test says otherwise.
        return {
          json: pages[page - 1].map((c) => ({ user: WORKFLOW_BOT_USER, ...c, html_url: `https://github.test/c/${c.id}` })),
          headers: next,
        };
      }
      if (request.method === 'GET' && url.pathname === '/repositories/42/issues/7/comments') {
        return answerGitHub({ ...request, url: `/repos/octo/portfolio/issues/7/comments${url.search}` }, base);
      }
      if (request.method === 'POST' && url.pathname === '/graphql') {
        assert.equal(JSON.parse(request.body).query, 'query { viewer { login databaseId } }');
        return { json: viewer };
      }
      if (writeStatus) return { status: writeStatus, json: { message: writeMessage } };
      if (request.method === 'POST' && url.pathname === '/repos/octo/portfolio/issues/7/comments') {
        return { status: 201, json: { id: 9001, html_url: 'https://github.test/c/9001' } };
      }
      const patched = /^\/repos\/octo\/portfolio\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (request.method === 'PATCH' && patched) return { json: { id: Number(patched[1]), html_url: `https://github.test/c/${patched[1]}` } };
      return { status: 404, json: { message: 'Not Found' } };
    }

    /** Runs comment.mjs for a pull_request event on PR 7 (or `event`), with the stub as ksb. */
    async function comment(
      env: Record<string, string> = {},
      payload: unknown = { pull_request: { number: 7, base: { sha: BASE_SHA }, head: { sha: HEAD_SHA } } },
    ) {
      const eventPath = path.join(work, 'event.json');
      writeFileSync(eventPath, JSON.stringify(payload));
      const result = await runActionScript('comment.mjs', {
        GITHUB_WORKSPACE: work,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: 'octo/portfolio',
        GITHUB_API_URL: api.url,
        KSB_BIN: writeStubKsb(work),
        STUB_ARGS: path.join(work, 'stub-args'),
        STUB_STDOUT: '## Portfolio diff\n\n+ K1 newly covered\n',
        INPUT_PATH: 'portfolio',
        INPUT_COMMENT: 'true',
        INPUT_GITHUB_TOKEN: TOKEN,
        ...env,
      });
      assert.ok(!result.stdout.includes(TOKEN) && !result.stderr.includes(TOKEN), `the token was printed:\n${result.stdout}${result.stderr}`);
      return result;
    }

    /** The requests other than reading comments or asking who the token is, as `METHOD path`. */
    function writes(): string[] {
      return api.requests.filter((r) => r.method !== 'GET' && r.url !== '/graphql').map((r) => `${r.method} ${r.url}`);
    }

    it('Should run ksb diff on the base and head commits and create a comment with the marker when none has it, sending the API headers', async () => {
      pages = [[{ id: 1, body: 'Looks good to me' }]];
      const result = await comment();
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.deepEqual(stubCalls(path.join(work, 'stub-args')), [['diff', '--format', 'markdown', '--', BASE_SHA, HEAD_SHA, 'portfolio']]);
      assert.deepEqual(
        api.requests.map((r) => `${r.method} ${r.url}`),
        ['GET /repos/octo/portfolio/issues/7/comments?per_page=100', 'POST /repos/octo/portfolio/issues/7/comments'],
      );
      for (const request of api.requests) {
        assert.equal(request.headers.authorization, `Bearer ${TOKEN}`);
        assert.equal(request.headers.accept, 'application/vnd.github+json');
        assert.equal(request.headers['x-github-api-version'], '2022-11-28');
      }
      assert.deepEqual(JSON.parse(api.requests[1].body), { body: `${MARKER}\n## Portfolio diff\n\n+ K1 newly covered\n` });
      assert.match(result.stdout, /^The pull request comment for "portfolio" was created: https:\/\/github\.test\/c\/9001$/m);
    });

    it('Should update the comment that starts with the marker, found on the second page, and take no quoting reply for it', async () => {
      pages = [
        [...Array.from({ length: 99 }, (_, i) => ({ id: 100 + i, body: `comment ${i}` })), { id: 555, body: `> ${MARKER}\n> quoted` }],
        [
          { id: 4242, body: `${MARKER}\nold diff` },
          { id: 4243, body: 'later' },
        ],
      ];
      const result = await comment({ GITHUB_EVENT_NAME: 'pull_request_target' });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.deepEqual(
        api.requests.map((r) => `${r.method} ${r.url}`),
        [
          'GET /repos/octo/portfolio/issues/7/comments?per_page=100',
          'GET /repositories/42/issues/7/comments?per_page=100&page=2',
          'POST /graphql',
          'PATCH /repos/octo/portfolio/issues/comments/4242',
        ],
      );
      assert.equal(api.requests[1].headers.authorization, `Bearer ${TOKEN}`);
      assert.match(JSON.parse(api.requests[3].body).body as string, /^<!-- ksb-portfolio:diff path=portfolio -->\n## Portfolio diff\n/);
    });

    it("Should not take over a person's comment that starts with the marker, and write its own", async () => {
      pages = [[{ id: 31, body: `${MARKER}\nnot the bot`, user: { login: 'mallory', id: 666, type: 'User' } }]];
      const result = await comment();
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.deepEqual(writes(), ['POST /repos/octo/portfolio/issues/7/comments']);
    });

    it("Should not take over another bot's comment that starts with the marker (renovate[bot]), but update its own after it", async () => {
      pages = [[{ id: 32, body: `${MARKER}\nnot ours`, user: { login: 'renovate[bot]', id: 29139614, type: 'Bot' } }]];
      const created = await comment();
      assert.equal(created.status, 0, created.stdout + created.stderr);
      assert.deepEqual(writes(), ['POST /repos/octo/portfolio/issues/7/comments']);
      api.requests.length = 0;
      pages[0].push({ id: 9001, body: `${MARKER}\nold diff` });
      const updated = await comment();
      assert.equal(updated.status, 0, updated.stdout + updated.stderr);
      assert.deepEqual(writes(), ['PATCH /repos/octo/portfolio/issues/comments/9001']);
    });

    it("Should, with a person's token, update that person's comment and no one else's, even one with their old login", async () => {
      viewer = { data: { viewer: { login: 'Octocat', databaseId: 583231 } } };
      pages = [
        [
          { id: 40, body: `${MARKER}\nthe workflow's`, user: WORKFLOW_BOT_USER },
          { id: 41, body: `${MARKER}\nrenamed away`, user: { login: 'octocat', id: 999, type: 'User' } },
          { id: 42, body: `${MARKER}\nmine`, user: { login: 'octocat', id: 583231, type: 'User' } },
        ],
      ];
      const result = await comment();
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.deepEqual(writes(), ['PATCH /repos/octo/portfolio/issues/comments/42']);
      assert.equal(api.requests.filter((r) => r.url === '/graphql').length, 1, 'who the token is is asked once');
    });

    it('Should not ask who the token is when no comment carries the marker', async () => {
      pages = [[{ id: 1, body: 'Looks good to me' }]];
      const result = await comment();
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.deepEqual(
        api.requests.map((r) => `${r.method} ${r.url}`),
        ['GET /repos/octo/portfolio/issues/7/comments?per_page=100', 'POST /repos/octo/portfolio/issues/7/comments'],
      );
    });

    it('Should fail, writing nothing, when GitHub does not say whose the token is', async () => {
      viewer = { errors: [{ message: `Bad credentials ${TOKEN}` }] };
      pages = [[{ id: 4242, body: `${MARKER}\nold diff` }]];
      const result = await comment();
      assert.equal(result.status, 2);
      assert.match(result.stdout, /^::error::.*expected the token's account from POST \/graphql, found Bad credentials \*\*\*$/m);
      assert.deepEqual(writes(), []);
    });

    it('Should not send the token to a GraphQL endpoint on another host', async () => {
      const elsewhere = await startFakeApi(() => ({ json: { data: { viewer: WORKFLOW_BOT } } }));
      try {
        pages = [[{ id: 4242, body: `${MARKER}\nold diff` }]];
        const result = await comment({ GITHUB_GRAPHQL_URL: `${elsewhere.url}/graphql` });
        assert.equal(result.status, 2);
        assert.match(result.stdout, /::error::.*the GraphQL endpoint is on another host \(http:\/\/127\.0\.0\.1:\d+\) than the API/);
        assert.deepEqual(elsewhere.requests, []);
        assert.deepEqual(writes(), []);
      } finally {
        await elsewhere.close();
      }
    });

    it('Should keep one comment per portfolio folder: another folder gets its own', async () => {
      pages = [[{ id: 4242, body: `${MARKER}\nold diff` }]];
      const result = await comment({ INPUT_PATH: './second portfolio/' });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.deepEqual(writes(), ['POST /repos/octo/portfolio/issues/7/comments']);
      assert.match(JSON.parse(api.requests[1].body).body as string, /^<!-- ksb-portfolio:diff path=second%20portfolio -->\n/);
      assert.deepEqual(stubCalls(path.join(work, 'stub-args'))[0].at(-1), 'second portfolio');
    });

    it('Should leave a comment that already says the same alone', async () => {
      pages = [[{ id: 4242, body: `${MARKER}\n## Portfolio diff\n\n+ K1 newly covered\n` }]];
      const result = await comment();
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.deepEqual(writes(), []);
      assert.match(result.stdout, /was unchanged: https:\/\/github\.test\/c\/4242$/m);
    });

    it('Should do nothing on a push event, or with the comment input false', async () => {
      const quiet: Record<string, string>[] = [{ GITHUB_EVENT_NAME: 'push' }, { INPUT_COMMENT: 'false' }, { GITHUB_EVENT_NAME: 'pull_request_review' }];
      for (const env of quiet) {
        const result = await comment(env, { ref: 'refs/heads/main' });
        assert.equal(result.status, 0, result.stdout + result.stderr);
        assert.doesNotMatch(result.stdout, /::(warning|error)::/);
      }
      assert.deepEqual(api.requests, []);
      assert.deepEqual(stubCalls(path.join(work, 'stub-args')), [], 'ksb diff is not run');
    });

    it("Should warn, not fail, when the token may not write (a fork's pull request), and never print the token", async () => {
      writeStatus = 403;
      writeMessage = `Resource not accessible by integration (token ${TOKEN})`;
      const result = await comment();
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.match(
        result.stdout,
        /^::warning::No pull request comment: the token may not write comments \(POST \/repos\/octo\/portfolio\/issues\/7\/comments answered 403: Resource not accessible by integration \(token \*\*\*\)\)\. A pull request from a fork gets a read-only token; elsewhere give the job permissions: pull-requests: write\.$/m,
      );
    });

    it('Should fail on another error status, with the message and without the token', async () => {
      writeStatus = 500;
      writeMessage = `Server error\nAuthorization: Bearer ${TOKEN}`;
      const result = await comment();
      assert.equal(result.status, 2);
      assert.match(
        result.stdout,
        /^::error::ksb-portfolio action: the pull request comment could not be written: POST \/repos\/octo\/portfolio\/issues\/7\/comments answered 500: Server error Authorization: Bearer \*\*\*$/m,
      );
    });

    it('Should not follow a next page on another host, so the token goes nowhere else', async () => {
      const elsewhere = await startFakeApi(() => ({ json: [] }));
      try {
        const answer = (request: RecordedRequest, base: string) =>
          request.method === 'GET' ? { json: [], headers: { link: `<${elsewhere.url}/steal?page=2>; rel="next"` } } : answerGitHub(request, base);
        await api.close();
        api = await startFakeApi(answer);
        const result = await comment();
        assert.equal(result.status, 2);
        assert.match(result.stdout, /::error::.*the next page of comments is on another host \(http:\/\/127\.0\.0\.1:\d+\): not following it/);
        assert.deepEqual(elsewhere.requests, []);
        assert.deepEqual(writes(), []);
      } finally {
        await elsewhere.close();
      }
    });

    it('Should keep a huge diff under the 65 536-character limit, cut at a line, its code block closed and the cut said', async () => {
      const result = await comment({ STUB_STDOUT: '## Diff\n\n```text\n', STUB_LINE: `- ${'y'.repeat(300)}`, STUB_REPEAT: '1000' });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      const body = JSON.parse(api.requests[1].body).body as string;
      assert.ok(body.length < 65_536, `${body.length} characters`);
      assert.ok(body.length > 60_000, `only ${body.length} characters kept`);
      assert.ok(body.startsWith(`${MARKER}\n`));
      assert.match(body, /\n- y{300}\n```\n\n\*The comment is cut here: GitHub takes 65,536 characters at most\. Run `ksb diff` locally for all of it\.\*\n$/);
    });

    it('Should warn and write no comment when ksb diff cannot run (a shallow clone, an older ksb)', async () => {
      const result = await comment({
        STUB_EXIT: '2',
        STUB_STDOUT: '',
        STUB_STDERR: `ksb: unknown revision ${BASE_SHA}: fetch the history (actions/checkout with fetch-depth: 0)\n`,
      });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.match(
        result.stdout,
        new RegExp(`^::warning::No pull request comment: ksb: unknown revision ${BASE_SHA}: fetch the history \\(actions/checkout with fetch-depth: 0\\)`, 'm'),
      );
      assert.deepEqual(api.requests, []);
    });

    it('Should refuse an event payload without a commit id or number before running anything', async () => {
      const hostile = [
        { pull_request: { number: 7, base: { sha: '--output=/etc/passwd' }, head: { sha: HEAD_SHA } } },
        { pull_request: { number: '7; rm -rf /', base: { sha: BASE_SHA }, head: { sha: HEAD_SHA } } },
        { pull_request: { number: 7, base: { sha: BASE_SHA } } },
        'not an object',
      ];
      for (const payload of hostile) {
        const result = await comment({}, payload);
        assert.equal(result.status, 2, JSON.stringify(payload));
        assert.match(result.stdout, /^::error::ksb-portfolio action: the event payload/m);
      }
      const unreadable = await comment({ GITHUB_EVENT_PATH: path.join(work, 'no-such-event.json') });
      assert.equal(unreadable.status, 2);
      assert.match(unreadable.stdout, /^::error::ksb-portfolio action: cannot read the event payload /m);
      assert.deepEqual(stubCalls(path.join(work, 'stub-args')), []);
      assert.deepEqual(api.requests, []);
    });

    it('Should compare with where the branch left the base when the base has moved on since', async () => {
      const git = (...args: string[]) => {
        const result = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.test', '-c', 'init.defaultBranch=main', ...args], {
          cwd: work,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: work, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(work, 'no-gitconfig') },
        });
        assert.equal(result.status, 0, result.stderr);
        return result.stdout.trim();
      };
      git('init', '-q');
      writeFileSync(path.join(work, 'a.txt'), 'a');
      git('add', 'a.txt');
      git('commit', '-q', '-m', 'fork point');
      const forkPoint = git('rev-parse', 'HEAD');
      git('checkout', '-q', '-b', 'feature');
      writeFileSync(path.join(work, 'b.txt'), 'b');
      git('add', 'b.txt');
      git('commit', '-q', '-m', 'the change');
      const head = git('rev-parse', 'HEAD');
      git('checkout', '-q', 'main');
      writeFileSync(path.join(work, 'c.txt'), 'c');
      git('add', 'c.txt');
      git('commit', '-q', '-m', 'base moves on');
      const base = git('rev-parse', 'HEAD');
      const result = await comment({}, { pull_request: { number: 7, base: { sha: base }, head: { sha: head } } });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.deepEqual(stubCalls(path.join(work, 'stub-args')), [['diff', '--format', 'markdown', '--', forkPoint, head, 'portfolio']]);
    });

    it('Should post the real ksb diff of a pull request: the newly covered KSB and the changed evidence', async () => {
      const git = (...args: string[]) => {
        const result = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.test', '-c', 'init.defaultBranch=main', ...args], {
          cwd: work,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: work, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(work, 'no-gitconfig') },
        });
        assert.equal(result.status, 0, result.stderr);
        return result.stdout.trim();
      };
      writeFiles(path.join(work, 'portfolio'), CLEAN_PORTFOLIO);
      git('init', '-q');
      git('add', '.');
      git('commit', '-q', '-m', 'the portfolio');
      const base = git('rev-parse', 'HEAD');
      writeFiles(path.join(work, 'portfolio'), { 'evidence/kit-list.md': '---\ntitle: Kit list\nksbs: [K1, S3]\n---\nThe kit list.\n' });
      git('add', '.');
      git('commit', '-q', '-m', 'evidence for S3');
      const head = git('rev-parse', 'HEAD');
      const result = await comment({ KSB_BIN: CLI }, { pull_request: { number: 7, base: { sha: base }, head: { sha: head } } });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      const posted = api.requests.find((r) => r.method === 'POST');
      assert.ok(posted, writes().join('\n'));
      const body = (JSON.parse(posted.body) as { body: string }).body;
      assert.ok(body.startsWith(`${MARKER}\n<!-- ksb-diff -->`), body.slice(0, 200));
      assert.match(body, /\bS3\b/);
      assert.match(body, /kit-list\.md/);
    });

    it('Should warn and write nothing without a token', async () => {
      const result = await comment({ INPUT_GITHUB_TOKEN: '' });
      assert.equal(result.status, 0);
      assert.match(result.stdout, /^::warning::No github-token: the pull request comment is not written\.$/m);
      assert.deepEqual(api.requests, []);
    });
  });

  describe("the release's tree (npm run release:tree), with no KSB_BIN", () => {
    let tree: string;
    let registry: FakeApi;
    /** npm pointed at a registry that refuses everything, with a cache and config of the test's own. */
    let npmEnv: Record<string, string>;

    before(() => {
      tree = mkdtempSync(path.join(tmpdir(), 'ksb-action-tree-'));
      const built = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'release-tree.mjs'), tree], { cwd: REPO, encoding: 'utf8' });
      assert.equal(built.status, 0, built.stderr);
    });

    after(() => {
      rmSync(tree, { recursive: true, force: true });
    });

    beforeEach(async () => {
      registry = await startFakeApi(() => ({ status: 403, json: { error: 'this registry refuses everything' } }));
      npmEnv = {
        RUNNER_TEMP: path.join(work, 'runner-temp'),
        npm_config_registry: `${registry.url}/`,
        npm_config_cache: path.join(work, 'npm-cache'),
        npm_config_userconfig: path.join(work, 'no-npmrc'),
        npm_config_fetch_retries: '0',
      };
    });

    afterEach(async () => {
      await registry.close();
    });

    it('Should hold action.yml, the step scripts, the built ksb and the manifests they read, and no sources', () => {
      const files = readdirSync(tree, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(tree, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
        .sort();
      const scripts = readdirSync(path.join(REPO, 'action')).map((name) => `action/${name}`);
      assert.deepEqual(files, ['LICENSE', 'README.md', 'action.yml', ...scripts, 'dist/cli.js', 'package.json'].sort());
      assert.equal(readFileSync(path.join(tree, 'dist', 'cli.js'), 'utf8'), readFileSync(CLI, 'utf8'));
    });

    it('Should run every step with the ksb bundled in the tree, asking npm nothing', async () => {
      writeFiles(path.join(work, 'portfolio'), FAILING_PORTFOLIO);
      const { statuses, runs } = await runSteps(work, tree, npmEnv);
      assert.deepEqual(statuses, { check: 1, summary: 0, comment: 0 }, runs.check.stdout + runs.check.stderr);
      assert.doesNotMatch(runs.check.stdout, /Installing/);
      assert.match(runs.check.stdout, /^::error file=portfolio\/evidence\/unknown-code\.md,.*K99/m);
      assert.deepEqual(readOutputs(path.join(work, 'output-check')), { errors: '1' });
      assert.match(readFileSync(path.join(work, 'summary-summary'), 'utf8'), /^## KSB portfolio in ` portfolio `/);
      assert.deepEqual(registry.requests, [], 'npm was not asked');
      assert.equal(existsSync(path.join(work, 'runner-temp')), false, 'nothing was installed');
    });

    it("Should run the bundled ksb when the version input is the action's own", async () => {
      writeFiles(path.join(work, 'portfolio'), CLEAN_PORTFOLIO);
      const { statuses, runs } = await runSteps(work, tree, { ...npmEnv, INPUT_VERSION: PACKAGE.version });
      assert.deepEqual(statuses, { check: 0, summary: 0, comment: 0 }, runs.check.stdout + runs.check.stderr);
      assert.deepEqual(registry.requests, []);
    });

    it('Should ask npm for another version, and fail saying so when npm cannot give it', async () => {
      writeFiles(path.join(work, 'portfolio'), CLEAN_PORTFOLIO);
      const result = await runShell(`node "${path.join(tree, 'action', 'check.mjs')}"`, {
        ...npmEnv,
        GITHUB_WORKSPACE: work,
        GITHUB_OUTPUT: path.join(work, 'output-check'),
        INPUT_PATH: 'portfolio',
        INPUT_VERSION: OTHER_VERSION,
      });
      assert.equal(result.status, 2, result.stdout + result.stderr);
      assert.match(result.stdout, new RegExp(`::error::ksb-portfolio action: could not install ksb-portfolio@${OTHER_VERSION.replace(/\./g, '\\.')} from npm`));
      assert.ok(registry.requests.length > 0, 'npm was asked');
    });
  });

  describe('ksb from npm (no KSB_BIN), against a fake registry on 127.0.0.1', () => {
    it('Should install the version asked for, other than its own, once into RUNNER_TEMP and run its ksb', async function () {
      this.timeout(120_000);
      const packageRoot = path.join(work, 'pack', 'package');
      writeFiles(packageRoot, {
        'package.json': JSON.stringify({ name: 'ksb-portfolio', version: OTHER_VERSION, bin: { ksb: 'dist/cli.js' } }),
        'dist/cli.js': "process.stdout.write('summary from the installed package: ' + JSON.stringify(process.argv.slice(2)) + '\\n');\n",
      });
      const tarball = path.join(work, 'pack', 'ksb-portfolio.tgz');
      const tar = spawnSync('tar', ['-czf', tarball, '-C', path.dirname(packageRoot), 'package'], { encoding: 'utf8' });
      assert.equal(tar.status, 0, tar.stderr);
      const bytes = readFileSync(tarball);
      const tarballPath = `/ksb-portfolio/-/ksb-portfolio-${OTHER_VERSION}.tgz`;
      const registry = await startFakeApi((request, base) => {
        if (request.url === '/ksb-portfolio') {
          return {
            json: {
              name: 'ksb-portfolio',
              'dist-tags': { latest: OTHER_VERSION },
              versions: {
                [OTHER_VERSION]: {
                  name: 'ksb-portfolio',
                  version: OTHER_VERSION,
                  bin: { ksb: 'dist/cli.js' },
                  dist: {
                    tarball: `${base}${tarballPath}`,
                    shasum: createHash('sha1').update(bytes).digest('hex'),
                    integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
                  },
                },
              },
            },
          };
        }
        if (request.url === tarballPath) return { raw: bytes };
        return { status: 404, json: { error: 'not found' } };
      });
      try {
        const env = {
          GITHUB_WORKSPACE: work,
          GITHUB_STEP_SUMMARY: path.join(work, 'step-summary.md'),
          RUNNER_TEMP: path.join(work, 'runner-temp'),
          INPUT_PATH: 'portfolio',
          INPUT_VERSION: OTHER_VERSION,
          npm_config_registry: `${registry.url}/`,
          npm_config_cache: path.join(work, 'npm-cache'),
          npm_config_userconfig: path.join(work, 'no-npmrc'),
        };
        const first = await runActionScript('summary.mjs', env);
        assert.equal(first.status, 0, first.stdout + first.stderr);
        assert.match(first.stdout, new RegExp(`^Installing ksb-portfolio@${OTHER_VERSION.replace(/\./g, '\\.')} from npm\\.\\.\\.$`, 'm'));
        assert.equal(readFileSync(path.join(work, 'step-summary.md'), 'utf8'), 'summary from the installed package: ["summary","--","portfolio"]\n');
        assert.ok(existsSync(path.join(work, 'runner-temp', `ksb-portfolio-${OTHER_VERSION}`, 'node_modules', 'ksb-portfolio', 'dist', 'cli.js')));
        const asked = registry.requests.length;
        assert.ok(asked >= 2, `the registry was asked ${asked} times`);

        const second = await runActionScript('summary.mjs', env);
        assert.equal(second.status, 0, second.stdout + second.stderr);
        assert.doesNotMatch(second.stdout, /Installing/);
        assert.equal(registry.requests.length, asked, 'the second step reuses the installed package');
      } finally {
        await registry.close();
      }
    });

    it('Should refuse a version input that is not a release, before asking npm anything', async () => {
      for (const version of ['latest', '1.0.0 --registry=http://evil.test', '../../etc', 'file:../x']) {
        const result = await runActionScript('summary.mjs', { GITHUB_WORKSPACE: work, RUNNER_TEMP: path.join(work, 'runner-temp'), INPUT_VERSION: version });
        assert.equal(result.status, 2, version);
        assert.equal(result.stdout, `::error::ksb-portfolio action: input version is ${JSON.stringify(version)}: expected a release such as 0.1.0\n`);
      }
      assert.equal(existsSync(path.join(work, 'runner-temp')), false);
    });
  });
});
