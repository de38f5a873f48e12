// Prints test results the same way for the extension-host suite and the UI checks, and the
// closing `N passed, N failed` line.

/** The message on one line (assertion diffs span several), cut to a readable length. */
function oneLine(text, max = 300) {
  const flat = String(text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function printHeading(heading) {
  process.stdout.write(`\n${heading}\n`);
}

/** `result`: { title, state: 'passed' | 'failed' | 'pending', error?, duration? } */
export function printResult(result) {
  const time = result.duration >= 100 ? ` (${result.duration} ms)` : '';
  if (result.state === 'passed') process.stdout.write(`  ✓ ${result.title}${time}\n`);
  else if (result.state === 'pending') process.stdout.write(`  - ${result.title} (pending)\n`);
  else process.stdout.write(`  ✗ ${result.title}: ${oneLine(result.error)}\n`);
}

export function printResults(heading, results) {
  printHeading(heading);
  for (const result of results) printResult(result);
}

/** The details of each failure (message and stack), after the list. */
export function printFailures(results) {
  const failed = results.filter((r) => r.state === 'failed');
  failed.forEach((result, i) => {
    process.stdout.write(`\n  ${i + 1}) ${result.title}\n`);
    for (const line of String(result.error ?? '').split('\n')) process.stdout.write(`     ${line}\n`);
  });
}

export function summarize(results) {
  const passed = results.filter((r) => r.state === 'passed').length;
  const failed = results.filter((r) => r.state === 'failed').length;
  const pending = results.filter((r) => r.state === 'pending').length;
  return { passed, failed, pending };
}

/** The closing line, alone on its line: `N passed, N failed` (`, N skipped` when some were). */
export function printSummary(results) {
  const { passed, failed, pending } = summarize(results);
  process.stdout.write(`\n${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}\n`);
  return failed;
}
