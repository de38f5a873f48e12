// Running a child process from a test and asserting on what it printed: one implementation for
// the CLI, the action's scripts and the shell runs of action.yml.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** What a child process printed and how it ended. */
export interface ProcessRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command args` without blocking this process (so a server in it can answer), stdin closed
 * (so the child sees no terminal, as in CI), collecting stdout and stderr as text.
 */
export function runProcess(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Asserts `ksb` could not run: exit 2, nothing on stdout, one `ksb: ...` line on stderr matching `message`, no stack trace. */
export function assertUsageError(result: ProcessRun, message: RegExp): void {
  assert.equal(result.status, 2, `stdout: ${result.stdout}\nstderr: ${result.stderr}`);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `Expected one line on stderr, found:\n${result.stderr}`);
  assert.match(lines[0], /^ksb: /);
  assert.match(lines[0], message);
  assert.doesNotMatch(result.stderr, /unexpected error|\bat .+:\d+:\d+\)?$/m);
}

/** The newest modification time of any file below `dir`, to prove a command wrote nothing. */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds `dist/cli.js` (with `node esbuild.mjs`) unless it is newer than every file under `src/`. */
export function ensureCliBuilt(repo: string): void {
  const cli = path.join(repo, 'dist', 'cli.js');
  if (existsSync(cli) && statSync(cli).mtimeMs >= newestMtime(path.join(repo, 'src'))) return;
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repo, encoding: 'utf8' });
  assert.equal(build.status, 0, `node esbuild.mjs failed:\n${build.stderr}`);
}
