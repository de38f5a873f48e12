// One prefix for every harness message, so they stand apart from npm's and the tools' output.
export function log(message) {
  process.stdout.write(`[harness] ${message}\n`);
}

export function warn(message) {
  process.stderr.write(`[harness] ${message}\n`);
}

/** Runs `fn`, logging how long the step took. */
export async function step(name, fn) {
  const started = Date.now();
  log(`${name}…`);
  const result = await fn();
  log(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Polls `condition` until it returns a truthy value or `timeoutMs` passes. */
export async function pollUntil(condition, { timeoutMs, intervalMs = 250, what }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Exits once stdout and stderr have been written out (process.exit alone can cut a pipe short). */
export async function flushAndExit(code) {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
  process.exit(code);
}
