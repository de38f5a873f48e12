// The action's summary step: `ksb summary DIR` appended to $GITHUB_STEP_SUMMARY, the Markdown
// shown on the run's page. ksb bounds its summary (tens of KB at most); the cut below only keeps
// a step under GitHub's 1 MiB limit whatever a future ksb prints, since GitHub drops a larger one.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { portfolioFolder, runKsb } from './ksb.mjs';
import { input, runStep } from './runner.mjs';

/** GitHub's limit on one step's summary, in bytes. */
const STEP_SUMMARY_LIMIT = 1024 * 1024;

runStep(async () => {
  const dir = portfolioFolder(input('PATH') || '.');
  const summary = await runKsb(['summary', '--', dir]);
  if (summary.status !== 0) return summary.status;
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) {
    process.stdout.write(summary.stdout);
    return 0;
  }
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  // A blank line keeps this summary from running on into Markdown an earlier step wrote.
  const separator = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const room = STEP_SUMMARY_LIMIT - Buffer.byteLength(before + separator);
  appendFileSync(file, separator + withinBytes(summary.stdout, room));
  process.stdout.write(`Wrote the summary of ${JSON.stringify(dir)} to the job summary.\n`);
  return 0;
});

/**
 * `markdown` whole when it fits in `room` bytes, else cut at a line with a note saying so.
 * @param {string} markdown
 * @param {number} room
 */
function withinBytes(markdown, room) {
  if (Buffer.byteLength(markdown) <= room) return markdown;
  const note = '\n*The summary is cut here: it is longer than GitHub shows. Run `ksb summary` for all of it.*\n';
  const budget = Math.max(0, room - Buffer.byteLength(note));
  // Whole lines only, so no character or Markdown construct is cut in half.
  let kept = '';
  let size = 0;
  for (const line of markdown.split(/(?<=\n)/)) {
    const bytes = Buffer.byteLength(line);
    if (size + bytes > budget) break;
    kept += line;
    size += bytes;
  }
  return budget === 0 ? '' : kept + note;
}
