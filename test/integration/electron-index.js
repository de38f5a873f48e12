// The extensionTestsPath for @vscode/test-electron (`npm run test:electron`): runs the same
// compiled suite as the code-server harness and rejects if a test failed.
'use strict';
const path = require('node:path');
const { runSuite } = require('./runner-extension/run-suite.js');

const repo = path.resolve(__dirname, '..', '..');

async function run() {
  const result = await runSuite({
    suiteDir: path.join(repo, 'out', 'test', 'integration', 'suite'),
    mochaDir: path.join(repo, 'node_modules', 'mocha'),
    resultsFile: process.env.KSB_TEST_RESULTS,
    timeout: Number(process.env.KSB_TEST_TIMEOUT) || 20000,
    grep: process.env.KSB_TEST_GREP || undefined,
  });
  if (result.failed > 0) throw new Error(`${result.failed} integration test(s) failed`);
}

module.exports = { run };
