// `npm run test:integration`: builds the production bundles and the suites, packages the VSIX,
// installs the tools if missing, and runs three passes in code-server, each opened in Chromium
// (which starts the extension host) on a throwaway copy of a fixture:
//  1. the suite (test/integration/suite) on test/fixtures/basic, then the UI checks in that page;
//  2. the UI checks again with the extension installed as a web extension (KSB_WEB_HOST=0 skips);
//  3. the multi-root suite (test/integration/multi-root) on test/fixtures/multi-root's
//     two-folder workspace (KSB_MULTI_ROOT=0 skips).
// Prints every result and ends with `N passed, N failed`. Exits non-zero if anything failed or a
// suite never reported.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIntegrationSuite } from './build.mjs';
import { installSignalHandlers, onCleanup, runCleanups } from './cleanup.mjs';
import { launchBrowser, openWorkbench } from './browser.mjs';
import { startCodeServer } from './code-server.mjs';
import { flushAndExit, log, step, warn } from './log.mjs';
import { multiRootSuiteOutDir, multiRootWorkspace, repoRoot, runnerExtensionDir, screenshotsDir, suiteOutDir, testWorkspace } from './paths.mjs';
import { createProfile } from './profile.mjs';
import { printFailures, printHeading, printResult, printSummary } from './report.mjs';
import { followSuite } from './suite-results.mjs';
import { ensureTools } from './tools.mjs';
import { CHECKS, runUiChecks } from './ui-checks.mjs';
import { restoreTree, snapshotTree } from '../../test/integration/runner-extension/workspace-snapshot.js';
import { installFolder, installVsix, packageRelease } from './vsix.mjs';

/** How long the suite may go without finishing a test before the run is failed as stuck. */
const SUITE_IDLE_TIMEOUT_MS = (Number(process.env.KSB_SUITE_TIMEOUT) || 300) * 1000;
const keepOpen = process.env.KSB_KEEP_OPEN === '1';

async function main() {
  installSignalHandlers();
  const results = [];
  let exitCode = 1;
  let mainServer;
  const tmp = mkdtempSync(join(tmpdir(), 'ksb-integration-'));
  onCleanup(() => {
    if (keepOpen) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  });
  try {
    if (!existsSync(join(testWorkspace, 'portfolio.yaml'))) {
      throw new Error(`the test workspace ${testWorkspace} has no portfolio.yaml (set KSB_TEST_WORKSPACE to use another)`);
    }
    const vsix = await step('building and packaging the release VSIX', () => packageRelease(tmp));
    await step('building the integration suite', buildIntegrationSuite);
    const tools = await step('checking the tool cache', () => ensureTools());

    const { browser } = await step('starting Chromium', () => launchBrowser(tools.chromium));

    // A copy of the fixture, so the tests cannot change the repository; the snapshot is what
    // each pass and each UI check must leave it as, and what it is put back to if they do not.
    const pristine = snapshotTree(testWorkspace);
    const profile = createProfile(tmp, testWorkspace);
    const { workspaceDir } = profile;
    const { page, tests, server } = await runSuiteInEditor({ tools, browser, vsix, profile, suiteDir: suiteOutDir, heading: 'Extension host suite' });
    mainServer = server;
    results.push(...tests);
    results.push(workspaceLeftAsItWas('Extension host suite', pristine, workspaceDir));
    printHeading('UI checks (screenshots in test-results/screenshots/)');
    results.push(...(await runUiChecks(page, { workspaceDir, pristine, screenshotsDir, onResult: printResult })));

    if (process.env.KSB_WEB_HOST !== '0') {
      printHeading('UI checks in the web worker extension host (the browser bundle, as on github.dev)');
      results.push(...(await runWebHostChecks({ tmp, vsix, tools, browser, pristine })));
    }

    if (process.env.KSB_MULTI_ROOT !== '0') {
      const multiRootPristine = snapshotTree(multiRootWorkspace);
      const multiRoot = createProfile(join(tmp, 'multi-root'), multiRootWorkspace);
      const { tests: multiRootTests } = await runSuiteInEditor({
        tools,
        browser,
        vsix,
        profile: multiRoot,
        open: join(multiRoot.workspaceDir, 'portfolios.code-workspace'),
        suiteDir: multiRootSuiteOutDir,
        heading: 'Multi-root workspace suite (test/fixtures/multi-root)',
      });
      results.push(...multiRootTests);
      results.push(workspaceLeftAsItWas('Multi-root workspace suite', multiRootPristine, multiRoot.workspaceDir));
    }

    printFailures(results);
    const failed = printSummary(results);
    exitCode = failed > 0 || results.length === 0 ? 1 : 0;

    if (keepOpen) {
      log(`KSB_KEEP_OPEN=1: code-server stays up at ${mainServer.url} until Ctrl-C`);
      await new Promise(() => {});
    }
  } catch (error) {
    warn(error?.stack ?? String(error));
    if (results.length === 0) process.stdout.write('\n0 passed, 1 failed\n');
    exitCode = 1;
  } finally {
    await runCleanups();
  }
  await flushAndExit(exitCode);
}

/**
 * Installs the VSIX and the test runner into `profile`, starts code-server on `open` (a folder or
 * a `.code-workspace` file; the profile's workspace by default), opens it in a new browser page,
 * and follows the compiled suite in `suiteDir` as the runner reports it. Resolves with the page
 * (for UI checks) and the results.
 */
async function runSuiteInEditor({ tools, browser, vsix, profile, open = profile.workspaceDir, suiteDir, heading }) {
  installVsix(vsix, profile.extensionsDir);
  installFolder(runnerExtensionDir, profile.extensionsDir);
  const resultsFile = join(profile.tmpDir, 'results.json');
  const server = await step('starting code-server', () =>
    serve(
      tools,
      profile,
      {
        KSB_TEST_RESULTS: resultsFile,
        KSB_REPO_ROOT: repoRoot,
        KSB_TEST_SUITE_DIR: suiteDir,
        KSB_MOCHA_DIR: join(repoRoot, 'node_modules', 'mocha'),
      },
      open,
    ),
  );
  log(`code-server ${server.url} (log: ${server.logFile})`);
  const { page, consoleErrors } = await openWorkbench(browser, server.url);

  log('running the suite in the extension host…');
  printHeading(heading);
  const suite = await followSuite({
    resultsFile,
    idleTimeoutMs: SUITE_IDLE_TIMEOUT_MS,
    isServerGone: () => server.exited() && `code-server exited while the suite ran; see ${server.logFile}`,
  });
  if (suite.incomplete) {
    warn(`the suite did not finish: ${suite.incomplete}\n  code-server log: ${server.logFile}`);
    if (consoleErrors.length) warn(`browser console errors:\n  ${consoleErrors.slice(-10).join('\n  ')}`);
  }
  if (suite.vscodeVersion) log(`the suite ran in VS Code ${suite.vscodeVersion} in ${(suite.duration / 1000).toFixed(1)} s`);
  return { page, tests: suite.tests, server };
}

/**
 * A result for the end of a pass: passed when `workspaceDir` is as `pristine` holds it, failed
 * naming what differs otherwise; either way the folder is as the snapshot holds it afterwards.
 */
function workspaceLeftAsItWas(pass, pristine, workspaceDir) {
  const left = restoreTree(pristine, workspaceDir);
  const result = { title: `${pass}: left the fixture workspace as it found it`, state: left.length ? 'failed' : 'passed', duration: 0 };
  if (left.length) result.error = `Expected the fixture as it was, found: ${left.join(', ')} (put back for the next pass)`;
  printResult(result);
  return result;
}

/** Starts code-server on `open` (the profile's workspace by default), with extra environment for the extension host. */
function serve(tools, profile, env = {}, open = profile.workspaceDir) {
  return startCodeServer({
    node: tools.node,
    entry: tools.codeServer,
    folder: open,
    userDataDir: profile.userDataDir,
    extensionsDir: profile.extensionsDir,
    stateDir: profile.stateDir,
    env: { TMPDIR: profile.tmpDir, ...env },
  });
}

/**
 * Runs the UI checks again with the extension installed as a web extension: its manifest keeps
 * `browser` and loses `main`, so VS Code can only run `dist/browser.js`, in the web worker
 * extension host, reaching files through `vscode.workspace.fs` as it does on github.dev.
 */
async function runWebHostChecks({ tmp, vsix, tools, browser, pristine }) {
  const profile = createProfile(join(tmp, 'web'), testWorkspace);
  const installed = installVsix(vsix, profile.extensionsDir);
  const manifestFile = join(installed, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  if (!manifest.browser) throw new Error('the packaged manifest has no `browser` entry');
  delete manifest.main;
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  const server = await step('starting code-server for the web worker host', () => serve(tools, profile));
  const { page } = await openWorkbench(browser, server.url);
  return runUiChecks(page, {
    workspaceDir: profile.workspaceDir,
    pristine,
    screenshotsDir,
    checks: CHECKS,
    onResult: printResult,
    label: 'UI (web worker host)',
    shotPrefix: 'web-',
  });
}

await main();
