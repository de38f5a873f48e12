// Loads dist/pack.js (packBundle.ts) the first time the submission pack is exported, in either
// extension host: Node's `require` on the desktop, and in the browser's web worker host the way VS
// Code loads the extension's own browser bundle there (fetched, then run as a CommonJS module),
// since that host has neither `require` for files nor ES modules for extensions.
import * as vscode from 'vscode';
import type * as PackBundle from './packBundle';

/** What dist/pack.js exports. */
export type PackModule = typeof PackBundle;

/** Where the pack's bundle sits in the extension, beside the extension's own. */
export const PACK_BUNDLE_PATH = 'dist/pack.js';

/** The extension host the bundle was built for, set by esbuild.mjs: `node` (dist/extension.js) or `webworker` (dist/browser.js). */
declare const __KSB_EXTENSION_HOST__: 'node' | 'webworker';

let loading: Promise<PackModule> | undefined;

/** The pack's code, loaded once; a failed load is tried again next time. */
export function loadPackModule(extensionUri: vscode.Uri): Promise<PackModule> {
  loading ??= load(vscode.Uri.joinPath(extensionUri, PACK_BUNDLE_PATH)).catch((error: unknown) => {
    loading = undefined;
    throw new Error(`cannot load ${PACK_BUNDLE_PATH}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return loading;
}

async function load(bundle: vscode.Uri): Promise<PackModule> {
  if (__KSB_EXTENSION_HOST__ === 'webworker') return runCommonJs(bundle);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file of the extension, found at run time, not bundled
  return require(bundle.fsPath) as PackModule;
}

/**
 * Fetches a CommonJS bundle and runs it, as the web worker host runs the extension's main module:
 * that host's `fetch` turns `file:` and `vscode-remote:` URIs into addresses the browser can reach,
 * and its content security policy allows evaluation.
 */
async function runCommonJs(bundle: vscode.Uri): Promise<PackModule> {
  const address = bundle.toString(true);
  const response = await fetch(address);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} from ${address}`);
  const source = await response.text();
  const module = { exports: {} as unknown };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the extension's own bundle, run the way VS Code runs its main module here
  const run = new Function('module', 'exports', `${source}\n//# sourceURL=${address}`) as (module: { exports: unknown }, exports: unknown) => void;
  run(module, module.exports);
  return module.exports as PackModule;
}
