// The action's check step. `ksb check --format github` prints each problem as an annotation (GitHub
// shows a step's first 10 errors and 10 warnings on the files; the log keeps them all); with the
// sarif input a second run writes the SARIF file, since one run writes one format and a check is
// quick. The step exits as ksb check does (1 errors, 2 could not check), and action.yml runs the
// summary and comment steps after it whatever its status.
import { randomUUID } from 'node:crypto';
import { isAbsolute, relative, resolve } from 'node:path';
import { portfolioFolder, runKsb } from './ksb.mjs';
import { ActionError, input, runStep, setOutput, workspace } from './runner.mjs';

runStep(async () => {
  const dir = portfolioFolder(input('PATH') || '.');
  const sarif = input('SARIF');
  const sarifInside = sarif ? insideWorkspace(sarif) : undefined;
  // `--` so a folder named like a flag stays a folder.
  const annotations = await runKsb(['check', '--format', 'github', '--', dir]);
  process.stdout.write(annotations.stdout);
  if (annotations.status !== 0 && annotations.status !== 1) return annotations.status;
  const counts = countAnnotations(annotations.stdout);
  setOutput('errors', String(counts.error));
  process.stdout.write(
    `ksb check ${JSON.stringify(dir)}: ${counted(counts.error, 'error')}, ${counted(counts.warning, 'warning')}, ${counted(counts.notice, 'notice')}\n`,
  );

  if (sarifInside !== undefined) {
    // Relative to the workspace, where ksb runs, so ksb's writer checks every folder on the way for
    // a link the pull request may have committed, and makes the missing ones.
    const written = await runKsb(['check', '--format', 'sarif', `--output=${sarifInside}`, '--', dir]);
    // That run prints the text report: every problem, readable, but no workflow command in it.
    const stop = randomUUID();
    process.stdout.write(`::group::ksb check report (SARIF written to ${sarif.replace(/[\r\n]/g, ' ')})\n::stop-commands::${stop}\n`);
    process.stdout.write(written.stdout);
    process.stdout.write(`::${stop}::\n::endgroup::\n`);
    if (written.status !== 0 && written.status !== 1) return written.status;
    setOutput('sarif-file', resolve(workspace(), sarifInside));
  }
  if (annotations.status === 1) process.stdout.write('The errors fail this step, after the summary and the pull request comment are written.\n');
  return annotations.status;
});

/**
 * The sarif input as a path relative to the workspace, refused when it leads out of it: the step
 * writes there, and a file outside belongs to the runner, not to this check.
 * @param {string} sarif
 * @returns {string}
 */
function insideWorkspace(sarif) {
  const inside = relative(workspace(), resolve(workspace(), sarif));
  if (inside === '' || inside.split(/[\\/]/)[0] === '..' || isAbsolute(inside)) {
    throw new ActionError(`input sarif is ${JSON.stringify(sarif)}: expected a file path inside the workspace, such as ksb.sarif`);
  }
  return inside;
}

/**
 * How many annotations of each level `ksb check --format github` printed: one line each.
 * @param {string} output
 */
function countAnnotations(output) {
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const line of output.split('\n')) {
    const level = /^::(error|warning|notice) /.exec(line)?.[1];
    if (level) counts[level] += 1;
  }
  return counts;
}

/**
 * `1 error`, `2 errors`.
 * @param {number} count
 * @param {string} noun
 */
function counted(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
