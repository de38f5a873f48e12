import * as vscode from 'vscode';
import type { PortfolioWorkspace } from './portfolioWorkspace';

/** Registers this part of the extension; returns what to dispose on deactivation. */
export function registerCommands(_workspace: PortfolioWorkspace): vscode.Disposable {
  return new vscode.Disposable(() => undefined);
}
