// Reading and waiting on the diagnostics VS Code shows, for integration tests.
import * as vscode from 'vscode';
import { expectMarkers } from '../expectMarkers.mjs';
import { codeOf, EXTENSION_ID } from './helpers';

export interface Api {
  workspace: { settled(): Promise<void> };
}

/** The source our diagnostics carry. */
const OUR_SOURCE = 'ksb-portfolio';

/** The extension's API once every portfolio is loaded. */
export async function activeApi(): Promise<Api> {
  const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as Api;
  await api.workspace.settled();
  return api;
}

/** Our diagnostics for a file as `line:code` strings (1-based lines), sorted. */
export function shown(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === OUR_SOURCE)
    .map((d) => `${d.range.start.line + 1}:${codeOf(d)}`)
    .sort();
}

/** The `expect:` markers of a fixture file as `line:code` strings; a marker alone on line 2 means line 1. */
export async function expected(uri: vscode.Uri): Promise<string[]> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  return expectMarkers(text)
    .map(({ line, code }) => `${line}:${code}`)
    .sort();
}

/** Our diagnostics for a file. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === OUR_SOURCE);
}

/** Resolves when `uri`'s diagnostics change and `condition` holds, or at once if it holds already. */
export function diagnosticsWhere(uri: vscode.Uri, condition: (lines: string[], diagnostics: vscode.Diagnostic[]) => boolean, what: string): Promise<void> {
  if (condition(shown(uri), ours(uri))) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}; diagnostics now: ${shown(uri).join(', ') || 'none'}`));
    }, 15_000);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      if (!condition(shown(uri), ours(uri))) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}
