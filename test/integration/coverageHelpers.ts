// Reading the coverage tree and waiting on its refreshes, for the coverage view and command tests.
import * as vscode from 'vscode';
import type { KsbPortfolioApi } from '../../src/extension';
import type { CoverageNode } from '../../src/vscode/coverageTree';
import { EXTENSION_ID } from './helpers';

/** The extension's API once it is active and every portfolio has loaded. */
export async function extensionApi(): Promise<KsbPortfolioApi> {
  const extension = vscode.extensions.getExtension<KsbPortfolioApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  await api.workspace.settled();
  if (!api.coverage.tree) throw new Error('the coverage view is not registered');
  return api;
}

/** One row of the tree as a user sees it. */
export interface Row {
  readonly label: string;
  readonly description: string;
  readonly icon: string | undefined;
  readonly collapsible: boolean;
  readonly item: vscode.TreeItem;
  readonly node: CoverageNode;
}

/** The rows under `parent` (the top level when left out), read through the data provider as VS Code reads them. */
export async function rows(api: KsbPortfolioApi, parent?: CoverageNode): Promise<Row[]> {
  const tree = api.coverage.tree!;
  const nodes = await tree.getChildren(parent);
  return nodes.map((node) => {
    const item = tree.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const icon = item.iconPath && typeof item.iconPath === 'object' && 'id' in item.iconPath ? item.iconPath.id : undefined;
    return {
      label,
      description: typeof item.description === 'string' ? item.description : '',
      icon,
      collapsible: item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None,
      item,
      node,
    };
  });
}

/** The row whose label starts with `prefix`; fails with the labels there are. */
export function rowStarting(list: readonly Row[], prefix: string): Row {
  const row = list.find((r) => r.label.startsWith(prefix));
  if (!row) throw new Error(`expected a row starting "${prefix}", found: ${list.map((r) => r.label).join(' | ')}`);
  return row;
}

/** `label description` of each top-level row, e.g. `Knowledge 10/22`. */
export async function topLevel(api: KsbPortfolioApi): Promise<string[]> {
  return (await rows(api)).map((r) => `${r.label} ${r.description}`);
}

/**
 * Reads `read()` until `ok` holds, reading again after each refresh of the tree (which the status
 * bar follows too). No sleeping: it waits on `onDidChangeTreeData`, with `timeoutMs` as a deadline.
 */
export async function untilTree<T>(api: KsbPortfolioApi, read: () => T | Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const tree = api.coverage.tree!;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let changed!: () => void;
    const next = new Promise<void>((resolve) => (changed = resolve));
    // Listen before reading, so a refresh between the read and the wait is not missed.
    const listener = tree.onDidChangeTreeData(() => changed());
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const value = await read();
      if (ok(value)) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last read: ${JSON.stringify(value)}`);
      const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), left)));
      if ((await Promise.race([next, expired])) === 'expired') {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last read: ${JSON.stringify(await read())}`);
      }
    } finally {
      listener.dispose();
      clearTimeout(timer);
    }
  }
}

/** Replaces a document's whole text and saves it: how tests change a fixture file and put it back. */
export async function replaceAndSave(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${document.uri.path}`);
  if (!(await document.save())) throw new Error(`could not save ${document.uri.path}`);
}

/** `promise`, or a failure naming `what` if it has not settled within `timeoutMs` (a deadline, not a sleep). */
export async function withDeadline<T>(promise: Thenable<T>, what: string, timeoutMs = 5_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs)));
  try {
    return await Promise.race([Promise.resolve(promise), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The portfolio nodes at the top of the tree, once it shows `count` of them (several portfolios), as `label: description`. */
export async function untilPortfolios(api: KsbPortfolioApi, count: number, what: string, timeoutMs?: number): Promise<string[]> {
  const read = async () => {
    const list = await rows(api);
    return list.every((r) => r.node.type === 'portfolio') ? list.map((r) => `${r.label}: ${r.description}`) : [];
  };
  return untilTree(api, read, (portfolios) => portfolios.length === count, what, timeoutMs);
}
