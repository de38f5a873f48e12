// A benchmark-only extension, copied by bench/editor/activation.mjs into a throwaway extensions
// folder next to a copy of KSB Portfolio whose activation events were emptied, so that nothing
// but this probe activates it. It waits for the editor to settle, opens an evidence file, then
// loads the extension's bundle, calls activate() and asks for a hover on a claimed code until
// KSB Portfolio's answer comes. All times count from the start of the load.
'use strict';
const { writeFileSync } = require('node:fs');
const vscode = require('vscode');

const EXTENSION_ID = 'ksb-portfolio.ksb-portfolio';
/** Time for the workbench's own start-up work to finish before anything is timed. */
const SETTLE_MS = 5000;
const GIVE_UP_MS = 60000;

function activate() {
  const resultFile = process.env.KSB_BENCH_RESULT;
  if (!resultFile) return;
  const write = (result) => writeFileSync(resultFile, JSON.stringify({ vscodeVersion: vscode.version, ...result }));
  setTimeout(() => probe().then(write, (error) => write({ error: String((error && error.stack) || error) })), SETTLE_MS);
}

async function probe() {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) return { error: `${EXTENSION_ID} is not installed` };
  if (extension.isActive) return { error: `${EXTENSION_ID} was already active: its activation cannot be timed` };
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(process.env.KSB_BENCH_HOVER_FILE));
  await vscode.window.showTextDocument(document);
  const position = new vscode.Position(Number(process.env.KSB_BENCH_HOVER_LINE), Number(process.env.KSB_BENCH_HOVER_CHARACTER));
  await new Promise((resolve) => setTimeout(resolve, 1000)); // let the Markdown extension settle on the new document
  const profiler = await startProfiler();
  const start = performance.now();
  // Loading the bundle first (VS Code's own load then finds it in the module cache) splits the
  // time between loading our code and the activation itself.
  require(require('node:path').join(extension.extensionPath, extension.packageJSON.main));
  const loadMs = performance.now() - start;
  await extension.activate();
  const activateMs = performance.now() - start;
  await profiler.stop();
  let attempts = 0;
  while (performance.now() - start < GIVE_UP_MS) {
    attempts++;
    /** @type {import('vscode').Hover[] | undefined} */
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position);
    const ours = (hovers || []).some((hover) => hover.contents.some((part) => /\*\*[KSB]\d+\*\* ·/.test(typeof part === 'string' ? part : part.value)));
    if (ours) return { loadMs, activateMs, firstHoverMs: performance.now() - start, attempts };
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { loadMs, activateMs, error: `no KSB hover within ${GIVE_UP_MS / 1000} s`, attempts };
}

/** With KSB_BENCH_PROFILE=FILE, a CPU profile of the activation (open it in Chrome's DevTools). */
async function startProfiler() {
  const file = process.env.KSB_BENCH_PROFILE;
  if (!file) return { stop: async () => undefined };
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

function deactivate() {}

module.exports = { activate, deactivate };
