// How the action's steps run `ksb`: the file KSB_BIN names (the repository's own build, in its CI
// and its tests); else the bundle a release commits beside action/ (dist/cli.js, see
// docs/releasing.md) when the action's own version is wanted, so a tagged action needs no npm;
// else the ksb-portfolio npm package of the version asked for, installed once per job into
// $RUNNER_TEMP and then run with node directly, so no user input ever passes through npm or a shell.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ActionError, input, workspace } from './runner.mjs';

/** The npm package the action installs, published with the same version as the action's tag. */
export const PACKAGE_NAME = 'ksb-portfolio';

/** A release version (`0.1.0`, `1.2.3-rc.1`): anything else could be an npm flag or a URL. */
const RELEASE_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** The CLI bundle a release commits beside action/ (absent in a source checkout that was not built). */
const BUNDLED_CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** The action's own version: its package.json, at the tag the workflow uses. */
function actionVersion() {
  return String(JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')).version);
}

/**
 * The version of ksb-portfolio to run: the `version` input, or the action's own.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
export function ksbVersion(env = process.env) {
  const wanted = input('VERSION', env);
  const version = wanted || actionVersion();
  if (!RELEASE_VERSION.test(version)) throw new ActionError(`input version is ${JSON.stringify(version)}: expected a release such as 0.1.0`);
  return version;
}

/**
 * The JavaScript file that is `ksb`: KSB_BIN (relative to the workspace) when set; else the
 * bundled dist/cli.js when the action's own version is wanted and the tree has it; else the
 * installed package's bin, installing it first if this job has not.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
export function ksbScript(env = process.env) {
  if (env.KSB_BIN) {
    const script = resolve(workspace(env), env.KSB_BIN);
    if (!existsSync(script)) throw new ActionError(`KSB_BIN is ${JSON.stringify(env.KSB_BIN)}: expected a JavaScript file such as dist/cli.js, found none`);
    return script;
  }
  const version = ksbVersion(env);
  if (version === actionVersion() && existsSync(BUNDLED_CLI)) return BUNDLED_CLI;
  const prefix = join(env.RUNNER_TEMP || tmpdir(), `${PACKAGE_NAME}-${version}`);
  const installed = join(prefix, 'node_modules', PACKAGE_NAME);
  if (!existsSync(join(installed, 'package.json'))) install(prefix, version);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.ksb;
  if (typeof bin !== 'string') throw new ActionError(`${PACKAGE_NAME}@${version} has no ksb command in its package.json`);
  return join(installed, bin);
}

/**
 * Installs the package into `prefix` (a folder of its own, with a package.json so npm installs
 * there and not into a project above it). Every argument is fixed or a checked version, so
 * Windows' shell (which npm.cmd needs) sees nothing to interpret.
 * @param {string} prefix
 * @param {string} version
 */
function install(prefix, version) {
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{"private": true}\n');
  process.stdout.write(`Installing ${PACKAGE_NAME}@${version} from npm...\n`);
  const result = spawnSync(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `${PACKAGE_NAME}@${version}`],
    { cwd: prefix, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' },
  );
  if (result.status !== 0) {
    throw new ActionError(`could not install ${PACKAGE_NAME}@${version} from npm (npm install exited ${result.status ?? result.signal}): see the lines above`);
  }
}

/**
 * Runs `ksb` with `args` in the workspace; stdout and stderr are collected (stderr also shown as
 * it comes, since it is for people). Resolves to the exit status and what was printed.
 * @param {readonly string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{ status: number; stdout: string; stderr: string }>}
 */
export function runKsb(args, env = process.env) {
  const script = ksbScript(env);
  return new Promise((resolvePromise, reject) => {
    // ksb (and the git it runs) never needs the token: it stays out of their environment.
    const childEnv = Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'INPUT_GITHUB_TOKEN'));
    const child = spawn(process.execPath, [script, ...args], { cwd: workspace(env), env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text) => {
      stderr += text;
      process.stderr.write(text);
    });
    child.on('error', reject);
    // A signal (the runner stopping the job) is no ksb verdict: report it as "could not run".
    child.on('close', (status) => resolvePromise({ status: status ?? 2, stdout, stderr }));
  });
}

/**
 * The portfolio folder as the steps name it: relative to the workspace, `/`-separated, without
 * `./` or a trailing slash; `.` for the workspace itself. A path that leaves the workspace, or
 * passes through a symbolic link (which a pull request can commit, pointing anywhere on the
 * runner), is refused before anything runs: the action checks only what the repository holds.
 * @param {string} path
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
export function portfolioFolder(path, env = process.env) {
  const posix = path.replace(/\\/g, '/').replace(/\/+/g, '/');
  const trimmed = posix.replace(/^(\.\/)+/, '').replace(/\/$/, '');
  const folder = trimmed === '' ? '.' : trimmed;
  const root = workspace(env);
  const inside = relative(root, resolve(root, folder));
  if (inside.startsWith('..') || isAbsolute(inside)) throw new ActionError(`input path is ${JSON.stringify(path)}: expected a folder inside the workspace`);
  let walked = root;
  for (const part of inside.split(sep).filter(Boolean)) {
    walked = join(walked, part);
    if (lstatSync(walked, { throwIfNoEntry: false })?.isSymbolicLink())
      throw new ActionError(
        `input path is ${JSON.stringify(path)}: ${JSON.stringify(relative(root, walked).split(sep).join('/'))} is a symbolic link, which the action never follows`,
      );
  }
  return folder;
}
