// Follows the suite that runs inside the extension host: prints each result as its line appears in
// `<results>.progress`, and resolves with the final `<results>` file. Fails when no test has
// finished for `idleTimeoutMs` (a stuck suite, or an extension host that never started), or when
// code-server exits.
import { existsSync, readFileSync } from 'node:fs';
import { printResult } from './report.mjs';

export async function followSuite({ resultsFile, idleTimeoutMs, isServerGone, intervalMs = 500 }) {
  const progressFile = `${resultsFile}.progress`;
  const printed = [];
  let lastActivity = Date.now();
  const readProgress = () => {
    if (!existsSync(progressFile)) return;
    const text = readFileSync(progressFile, 'utf8');
    const lines = text
      .slice(0, text.lastIndexOf('\n') + 1)
      .split('\n')
      .filter(Boolean);
    for (const line of lines.slice(printed.length)) {
      const result = JSON.parse(line);
      printed.push(result);
      printResult(result);
      lastActivity = Date.now();
    }
  };
  for (;;) {
    readProgress();
    if (existsSync(resultsFile)) {
      const final = JSON.parse(readFileSync(resultsFile, 'utf8'));
      for (const result of final.tests.slice(printed.length)) printResult(result);
      return final;
    }
    const gone = isServerGone();
    if (gone) return incomplete(printed, gone);
    if (Date.now() - lastActivity > idleTimeoutMs) {
      const what = printed.length
        ? `no test finished in the ${idleTimeoutMs / 1000} s after "${printed.at(-1).title}"`
        : `the suite did not report in ${idleTimeoutMs / 1000} s (did the extension host start?)`;
      return incomplete(printed, what);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function incomplete(printed, reason) {
  const failure = { title: 'the integration suite ran to its end', state: 'failed', duration: 0, error: reason };
  printResult(failure);
  return { tests: [...printed, failure], incomplete: reason };
}
