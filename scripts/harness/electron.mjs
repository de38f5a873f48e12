// `npm run test:electron`: the same integration suite in desktop VS Code, downloaded by
// @vscode/test-electron. Needs internet access (to download VS Code) and, on Linux without a
// display, `xvfb-run -a npm run test:electron`. It loads the extension from the repository
// (extensionDevelopmentPath), not from the VSIX; `npm run test:integration` covers the VSIX.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildIntegrationSuite, buildProduction } from './build.mjs';
import { flushAndExit, log, step, warn } from './log.mjs';
import { repoRoot, testWorkspace } from './paths.mjs';
import { printFailures, printResults, printSummary } from './report.mjs';

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'ksb-electron-'));
  const resultsFile = join(tmp, 'results.json');
  let exitCode = 1;
  try {
    await step('building production bundles', buildProduction);
    await step('building the integration suite', buildIntegrationSuite);
    const workspaceDir = join(tmp, 'workspace', basename(testWorkspace));
    cpSync(testWorkspace, workspaceDir, { recursive: true });
    const version = process.env.KSB_VSCODE_VERSION || 'stable';
    log(`running the suite in VS Code ${version} (downloaded into .vscode-test/ on first use)`);
    try {
      await runTests({
        version,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: join(repoRoot, 'test', 'integration', 'electron-index.js'),
        extensionTestsEnv: { KSB_TEST_RESULTS: resultsFile },
        launchArgs: [
          workspaceDir,
          '--user-data-dir',
          join(tmp, 'user-data'),
          '--extensions-dir',
          join(tmp, 'extensions'),
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          '--disable-telemetry',
        ],
      });
    } catch (error) {
      // runTests rejects when VS Code exits non-zero: a failed test, or no VS Code at all.
      if (!existsSync(resultsFile)) throw error;
    }
    if (!existsSync(resultsFile)) throw new Error("VS Code exited without writing the suite's results");
    const suite = JSON.parse(readFileSync(resultsFile, 'utf8'));
    printResults(`Extension host suite (VS Code ${suite.vscodeVersion ?? version})`, suite.tests);
    printFailures(suite.tests);
    exitCode = printSummary(suite.tests) > 0 || suite.tests.length === 0 ? 1 : 0;
  } catch (error) {
    warn(error?.stack ?? String(error));
    process.stdout.write('\n0 passed, 1 failed\n');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  await flushAndExit(exitCode);
}

await main();
