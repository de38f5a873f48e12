// Stops whatever the harness started, on success, on failure and on Ctrl-C / SIGTERM / SIGHUP.
// Cleanups run last-registered first. Process groups are also killed synchronously on 'exit', as a
// last resort if the async cleanups could not run (an uncaught error, process.exit elsewhere).
import { warn } from './log.mjs';

const cleanups = [];
const processGroups = new Set();
let running = null;

/** Registers an async cleanup; returns a function that unregisters it. */
export function onCleanup(fn) {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

/** Remembers a process group leader (spawned with `detached: true`) to kill on exit. */
export function trackProcessGroup(pid) {
  processGroups.add(pid);
  return () => processGroups.delete(pid);
}

export function killProcessGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

/** True once the cleanups have started (a signal, or the end of the run). */
export const isShuttingDown = () => running !== null;

/** Runs every registered cleanup once; safe to call more than once. */
export function runCleanups() {
  running ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (error) {
        warn(`cleanup failed: ${error?.message ?? error}`);
      }
    }
  })();
  return running;
}

let installed = false;
/** Installs the signal and exit handlers (idempotent). */
export function installSignalHandlers() {
  if (installed) return;
  installed = true;
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [signal, code] of Object.entries(codes)) {
    process.on(signal, () => {
      warn(`${signal}: stopping what the harness started…`);
      // A second signal, or cleanups hanging, must not keep the process alive.
      const force = setTimeout(() => process.exit(code), 15_000);
      force.unref();
      runCleanups().finally(() => process.exit(code));
    });
  }
  process.on('exit', () => {
    for (const pid of processGroups) killProcessGroup(pid, 'SIGKILL');
  });
}
