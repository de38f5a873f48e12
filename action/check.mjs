// The action's check step. `ksb check --format github` prints each problem as an annotation (GitHub
// shows a step's first 10 errors and 10 warnings on the files; the log keeps them all); with the
// sarif input a second run writes the SARIF file, since one run writes one format and a check is
// quick. The step exits as ksb check does (1 errors, 2 could not check), and action.yml runs the
// summary and comment steps after it whatever its status.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { portfolioFolder, runKsb } from './ksb.mjs';
import { input, runStep, setOutput, workspace } from './runner.mjs';

runStep(async () => {
  const dir = portfolioFolder(input('PATH') || '.');
  // `--` so a folder named like a flag stays a folder.
  const annotations = await runKsb(['check', '--format', 'github', '--', dir]);
  process.stdout.write(annotations.stdout);
  if (annotations.status !== 0 && annotations.status !== 1) return annotations.status;
  const counts = countAnnotations(annotations.stdout);
  setOutput('errors', String(counts.error));
  process.stdout.write(
    `ksb check ${JSON.stringify(dir)}: ${counted(counts.error, 'error')}, ${counted(counts.warning, 'warning')}, ${counted(counts.notice, 'notice')}\n`,
  );

  const sarif = input('SARIF');
  if (sarif) {
    const file = resolve(workspace(), sarif);
    mkdirSync(dirname(file), { recursive: true });
    const written = await runKsb(['check', '--format', 'sarif', '--output', file, '--', dir]);
    // That run prints the text report: every problem, readable, but no workflow command in it.
    const stop = randomUUID();
    process.stdout.write(`::group::ksb check report (SARIF written to ${sarif.replace(/[\r\n]/g, ' ')})\n::stop-commands::${stop}\n`);
    process.stdout.write(written.stdout);
    process.stdout.write(`::${stop}::\n::endgroup::\n`);
    if (written.status !== 0 && written.status !== 1) return written.status;
    setOutput('sarif-file', file);
  }
  if (annotations.status === 1) process.stdout.write('The errors fail this step, after the summary and the pull request comment are written.\n');
  return annotations.status;
});

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
