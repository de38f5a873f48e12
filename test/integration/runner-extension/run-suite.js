// Runs the compiled integration suite (out/test/integration/suite/*.test.js) with mocha inside the
// extension host, and writes every test's result to a JSON file. Shared by the test-runner
// extension (code-server) and the @vscode/test-electron entry point (electron-index.js).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { restoreTree, snapshotTree } = require('./workspace-snapshot.js');

/** mocha 12 is ESM with a CommonJS build inside; load that, from the repository's node_modules. */
function loadMocha(mochaDir) {
  const cjs = path.join(mochaDir, 'lib', 'mocha.cjs');
  return fs.existsSync(cjs) ? require(cjs) : require(mochaDir);
}

function writeJsonAtomically(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, JSON.stringify(value, null, 2));
  fs.renameSync(partial, file); // the harness never reads half a file
}

/**
 * @param {{ suiteDir: string, mochaDir: string, resultsFile?: string, timeout?: number, grep?: string }} options
 * @returns {Promise<{ passed: number, failed: number, tests: object[] }>}
 */
async function runSuite({ suiteDir, mochaDir, resultsFile, timeout = 20000, grep }) {
  const started = Date.now();
  const tests = [];
  // `<results>.progress` gets one JSON line per finished test, so the harness can print results as
  // they come and tell a slow suite from a stuck one.
  const progressFile = resultsFile ? `${resultsFile}.progress` : null;
  if (progressFile) {
    fs.mkdirSync(path.dirname(progressFile), { recursive: true });
    fs.writeFileSync(progressFile, '');
  }
  const report = (entry) => {
    tests.push(entry);
    if (progressFile) fs.appendFileSync(progressFile, `${JSON.stringify(entry)}\n`);
  };
  try {
    const Mocha = loadMocha(mochaDir);
    const guard = workspaceGuard();
    const mocha = new Mocha({
      ui: 'bdd',
      timeout,
      color: false,
      reporter: 'spec',
      rootHooks: {
        // After every test (after the test's own hooks): a test that left a file changed, or an
        // editor with unsaved changes, is reported, and the workspace is put back before the next.
        async afterEach() {
          const left = await guard.restore();
          if (left.length) {
            report({
              title: `${this.currentTest.fullTitle()} [left the workspace as it found it]`,
              file: this.currentTest.file ? path.basename(this.currentTest.file) : null,
              state: 'failed',
              duration: 0,
              error: `Expected the workspace as the test found it, found: ${left.join(', ')} (put back for the next test)`,
            });
          }
        },
      },
    });
    if (grep) mocha.grep(grep);
    const files = fs.existsSync(suiteDir)
      ? fs
          .readdirSync(suiteDir)
          .filter((f) => f.endsWith('.test.js'))
          .sort()
      : [];
    if (files.length === 0) throw new Error(`no compiled test files (*.test.js) in ${suiteDir}`);
    for (const file of files) mocha.addFile(path.join(suiteDir, file));
    // mocha.run() require()s the files: the extension host's require('vscode') hook then applies.
    await new Promise((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (test) => report(record(test, 'passed')));
      runner.on('fail', (test, error) => report(record(test, 'failed', error)));
      runner.on('pending', (test) => report(record(test, 'pending')));
    });
    // With a grep, a suite none of whose tests match is expected (the harness runs two suites);
    // without one, no test means the files did not load what they should.
    if (tests.length === 0 && !grep) throw new Error(`the suite ran no test (files: ${files.join(', ')})`);
  } catch (error) {
    // The suite could not load or run: report it as a failure rather than stay silent.
    report({ title: 'integration suite', file: null, state: 'failed', duration: 0, error: errorText(error) });
  }
  const result = {
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: tests.filter((t) => t.state === 'failed').length,
    pending: tests.filter((t) => t.state === 'pending').length,
    duration: Date.now() - started,
    vscodeVersion: safeVscodeVersion(),
    tests,
  };
  if (resultsFile) writeJsonAtomically(resultsFile, result);
  return result;
}

/**
 * Takes a snapshot of every workspace folder's files when the suite starts; `restore()` puts back
 * what a test left changed: unsaved editors reverted, files on disk as they were. Resolves with
 * what it found (empty when the test left everything as it was).
 */
function workspaceGuard() {
  const vscode = require('vscode');
  const snapshots = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => snapshotTree(folder.uri.fsPath));
  return {
    async restore() {
      const found = [];
      // Only the workspace's files and untitled documents: VS Code edits others itself (the user
      // settings file, when it migrates a setting), and reverting those would undo its work.
      const ours = (document) => document.isUntitled || vscode.workspace.getWorkspaceFolder(document.uri) !== undefined;
      for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && ours(d))) {
        found.push(`unsaved changes in ${document.isUntitled ? document.uri.toString() : vscode.workspace.asRelativePath(document.uri)}`);
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand(document.isUntitled ? 'workbench.action.revertAndCloseActiveEditor' : 'workbench.action.files.revert');
      }
      for (const snapshot of snapshots) {
        const prefix = snapshots.length > 1 ? `${path.basename(snapshot.root)}/` : '';
        found.push(...restoreTree(snapshot).map((difference) => difference.replace(' ', ` ${prefix}`)));
      }
      // Files put back on disk reach the extension through its file watcher, in its own time:
      // reload every portfolio, so the next test starts from the fixture as the extension reads it.
      if (found.length && (await vscode.commands.getCommands(true)).includes('ksbPortfolio.refresh')) {
        await vscode.commands.executeCommand('ksbPortfolio.refresh');
      }
      return found;
    },
  };
}

function record(test, state, error) {
  return {
    title: test.fullTitle(), // hook failures come as e.g. 'suite "before all" hook for "test"'
    file: test.file ? path.basename(test.file) : null,
    state,
    duration: test.duration ?? 0,
    error: error ? errorText(error) : undefined,
  };
}

function errorText(error) {
  if (error && typeof error === 'object') {
    const message = error.message ?? String(error);
    const frames = typeof error.stack === 'string' ? error.stack.split('\n').filter((line) => /^\s+at /.test(line)) : [];
    const stack = frames.slice(0, 5).join('\n');
    return stack ? `${message}\n${stack}` : message;
  }
  return String(error);
}

function safeVscodeVersion() {
  try {
    return require('vscode').version;
  } catch {
    return undefined;
  }
}

module.exports = { runSuite };
