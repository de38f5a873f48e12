// Starts code-server (VS Code's server and web client) on 127.0.0.1 only, in its own process
// group, and stops the whole group (server, extension host, pty host, watchers) when done.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { killProcessGroup, onCleanup, trackProcessGroup } from './cleanup.mjs';
import { log, pollUntil } from './log.mjs';
import { codeServerStateEnv } from './tools.mjs';

export const HOST = '127.0.0.1';

/** A port that is free on 127.0.0.1 right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
    req.end();
  });
}

/**
 * Starts code-server on `folder` and resolves once it answers HTTP. `stateDir` holds the user
 * data, code-server's own config and logs, and its output (`code-server.log`).
 * Returns { url, port, logFile, child, stop() }; stop() is also registered as a cleanup.
 * @param {{ node: string, entry: string, folder: string, userDataDir: string, extensionsDir: string, stateDir: string, port?: number, env?: Record<string, string>, extraArgs?: string[] }} options
 */
export async function startCodeServer({ node, entry, folder, userDataDir, extensionsDir, stateDir, port, env = {}, extraArgs = [] }) {
  port ??= await freePort();
  mkdirSync(stateDir, { recursive: true });
  const logFile = join(stateDir, 'code-server.log');
  const out = createWriteStream(logFile);
  const args = [
    entry,
    '--bind-addr',
    `${HOST}:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...extraArgs,
    folder,
  ];
  const child = spawn(node, args, {
    detached: true, // its own process group, so one kill stops everything it forked
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...codeServerStateEnv(stateDir), ...env },
  });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  const untrack = trackProcessGroup(child.pid);
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    unregister();
    if (!exited) {
      killProcessGroup(child.pid, 'SIGTERM');
      const timer = new Promise((r) => setTimeout(r, 5000, 'timeout'));
      if ((await Promise.race([exitPromise, timer])) === 'timeout') log('code-server did not stop on SIGTERM; killing it');
    }
    // Children that outlived the server (an extension host shutting down) go too.
    killProcessGroup(child.pid, 'SIGKILL');
    untrack();
    out.end();
  }
  const unregister = onCleanup(stop);

  const url = `http://${HOST}:${port}/`;
  try {
    await pollUntil(
      async () => {
        if (exited) throw new Error(`code-server exited (${exited.code ?? exited.signal}) before answering; see ${logFile}`);
        return (await httpStatus(`${url}healthz`)) === 200;
      },
      { timeoutMs: 60_000, what: `code-server to answer on ${url} (log: ${logFile})` },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, logFile, child, stop, exited: () => exited, exitPromise };
}
