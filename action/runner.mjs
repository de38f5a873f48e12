// What the action's steps need from the GitHub runner: their inputs, step outputs, workflow
// commands (warnings) and the workspace, read from the environment variables GitHub sets, so
// each step is a plain Node script that tests run with those variables pointed at temporary files.
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

/**
 * An input of the action. action.yml hands each input to its step in an explicit `env:` entry
 * named `INPUT_<NAME>` (composite actions set no input variables of their own).
 * @param {string} name the input's name in upper case with `_` for `-`, e.g. `GITHUB_TOKEN`
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
export function input(name, env = process.env) {
  return (env[`INPUT_${name}`] ?? '').trim();
}

/**
 * Whether a boolean input is on: `true` (any case) is; `false` and empty are not.
 * @param {string} name
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {boolean}
 */
export function booleanInput(name, env = process.env) {
  const value = input(name, env).toLowerCase();
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  throw new ActionError(`input ${name.toLowerCase().replace(/_/g, '-')} is ${JSON.stringify(value)}: expected true or false`);
}

/** A failure the step explains in one line, without a stack trace. */
export class ActionError extends Error {}

/**
 * Sets a step output through `$GITHUB_OUTPUT`, in the multi-line form with a fresh delimiter so a
 * value holding a newline (a hostile path) cannot set a second output. Nothing happens outside GitHub.
 * @param {string} name
 * @param {string} value
 * @param {NodeJS.ProcessEnv} [env]
 */
export function setOutput(name, value, env = process.env) {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  let delimiter = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

/**
 * A workflow command's message, escaped as `@actions/core` does so it cannot end the command.
 * @param {string} text
 * @returns {string}
 */
export function escapeData(text) {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Prints a warning annotation: the step goes on, and the run's summary shows the warning.
 * @param {string} message
 */
export function warning(message) {
  process.stdout.write(`::warning::${escapeData(message)}\n`);
}

/**
 * Prints an error annotation (the caller decides whether the step fails).
 * @param {string} message
 */
export function error(message) {
  process.stdout.write(`::error::${escapeData(message)}\n`);
}

/**
 * The folder the steps run in: the checked-out repository, or the current folder outside GitHub.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
export function workspace(env = process.env) {
  return env.GITHUB_WORKSPACE || process.cwd();
}

/**
 * Runs a step's body: an ActionError becomes one `::error::` line and exit status 2; any other
 * failure also names itself as unexpected. A number returned is the exit status.
 * @param {() => Promise<number>} body
 */
export function runStep(body) {
  body().then(
    (status) => (process.exitCode = status),
    (failure) => {
      const message = failure instanceof ActionError ? failure.message : `unexpected error: ${failure instanceof Error ? failure.message : String(failure)}`;
      error(`ksb-portfolio action: ${message}`);
      process.exitCode = 2;
    },
  );
}
