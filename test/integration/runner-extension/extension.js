// A test-only extension, copied by the harness into the throwaway extensions folder of a test run
// (never into a user's VS Code). The extension host inherits code-server's environment, which
// names the results file, the compiled suite and mocha. Without KSB_TEST_RESULTS it does nothing.
'use strict';
const path = require('node:path');
const { runSuite } = require('./run-suite.js');

function activate() {
  const resultsFile = process.env.KSB_TEST_RESULTS;
  if (!resultsFile) return;
  const repo = process.env.KSB_REPO_ROOT;
  const options = {
    resultsFile,
    suiteDir: process.env.KSB_TEST_SUITE_DIR || path.join(repo, 'out', 'test', 'integration', 'suite'),
    mochaDir: process.env.KSB_MOCHA_DIR || path.join(repo, 'node_modules', 'mocha'),
    timeout: Number(process.env.KSB_TEST_TIMEOUT) || 20000,
    grep: process.env.KSB_TEST_GREP || undefined,
  };
  // Not awaited: activation returns at once and the suite runs beside the other extensions.
  setImmediate(() => {
    runSuite(options).catch((error) => console.error('[ksb test runner]', error));
  });
}

function deactivate() {}

module.exports = { activate, deactivate };
