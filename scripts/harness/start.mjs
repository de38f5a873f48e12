// `npm start`: after `npm run build`, prints the CLI's check, coverage, hours and gateway of the sample portfolio, then opens
// the sample in a local VS Code (code-server) with the packaged extension installed, on
// 127.0.0.1 only, and stays in the foreground until Ctrl-C, stopping code-server on the way out.
// The profile (settings, installed extension, state) lives in the tool cache and survives runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { installSignalHandlers, isShuttingDown, runCleanups } from './cleanup.mjs';
import { freePort, HOST, startCodeServer } from './code-server.mjs';
import { flushAndExit, log, step, warn } from './log.mjs';
import { repoRoot, sampleWorkspace, toolCache } from './paths.mjs';
import { ensureTools } from './tools.mjs';
import { installVsix, packageVsix } from './vsix.mjs';

/** Defaults for the profile, added where settings.json does not set them already. */
const PROFILE_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'readme',
  'git.openRepositoryInParentFolders': 'never',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

function writeProfileSettings(file) {
  let current = {};
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return; // edited by hand (comments): leave it alone
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...PROFILE_SETTINGS, ...current }, null, 2));
}

/** KSB_PORT, else 8080 when free (a stable address to bookmark), else any free port. */
async function choosePort() {
  if (process.env.KSB_PORT) return Number(process.env.KSB_PORT);
  const { createServer } = await import('node:net');
  const free = await new Promise((resolve) => {
    const probe = createServer().once('error', () => resolve(false));
    probe.listen(8080, HOST, () => probe.close(() => resolve(true)));
  });
  return free ? 8080 : freePort();
}

async function main() {
  installSignalHandlers();
  let exitCode = 0;
  try {
    // 1. The CLI's view of the sample: its problems (the deliberate ones), then its coverage.
    process.stdout.write('\n$ ksb check examples/sample-portfolio\n');
    const check = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'check', sampleWorkspace], { stdio: 'inherit' });
    if (check.status === 2) warn('ksb check could not run; starting VS Code anyway');
    process.stdout.write('\n$ ksb coverage examples/sample-portfolio\n');
    const cli = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'coverage', sampleWorkspace], { stdio: 'inherit' });
    if (cli.status !== 0) warn(`ksb coverage exited with ${cli.status ?? cli.signal}; starting VS Code anyway`);
    // The apprenticeship around the evidence: hours against the target, then gateway readiness
    // (exit 1 means "not ready", which the half-way sample is).
    process.stdout.write('\n$ ksb hours examples/sample-portfolio\n');
    spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'hours', sampleWorkspace], { stdio: 'inherit' });
    process.stdout.write('\n$ ksb gateway examples/sample-portfolio\n');
    const gateway = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'gateway', sampleWorkspace], { stdio: 'inherit' });
    if (gateway.status === 2) warn('ksb gateway could not run; starting VS Code anyway');
    process.stdout.write('\n');

    // 2. The local VS Code.
    const tools = await step('checking the tool cache', () => ensureTools());
    const profile = join(toolCache, 'profile');
    const userDataDir = join(profile, 'user-data');
    const extensionsDir = join(profile, 'extensions');
    writeProfileSettings(join(userDataDir, 'User', 'settings.json'));
    const tmp = mkdtempSync(join(tmpdir(), 'ksb-start-'));
    try {
      await step('packaging and installing the extension', () => installVsix(packageVsix(join(tmp, 'ksb-portfolio.vsix')), extensionsDir));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    const server = await step('starting code-server', async () =>
      startCodeServer({
        node: tools.node,
        entry: tools.codeServer,
        folder: sampleWorkspace,
        userDataDir,
        extensionsDir,
        stateDir: join(profile, 'code-server'),
        port: await choosePort(),
      }),
    );
    process.stdout.write(`\nOpen http://${HOST}:${server.port}\n\n`);
    log(`the sample portfolio ${sampleWorkspace} is open there; code-server's log: ${server.logFile}`);
    log('press Ctrl-C to stop');
    const { code, signal } = await server.exitPromise;
    if (isShuttingDown()) return; // Ctrl-C: the signal handler stops everything and exits
    warn(`code-server stopped by itself (${code ?? signal}); see ${server.logFile}`);
    exitCode = 1;
  } catch (error) {
    warn(error?.stack ?? String(error));
    exitCode = 1;
  } finally {
    await runCleanups();
  }
  await flushAndExit(exitCode);
}

await main();
