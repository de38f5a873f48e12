import * as vscode from 'vscode';
import { analyzeText, CONFIG_FILE_NAME, DiagnosticCode, type PortfolioDiagnostic } from '../core';
import { DIAGNOSTIC_SOURCE } from './constants';
import { toDiagnostic } from './convert';
import type { PortfolioWorkspace } from './portfolioWorkspace';
import { readSettings } from './settings';

/**
 * Tells the user when an open Markdown file claims KSBs but no `portfolio.yaml` governs it,
 * and offers (through the code action provider) to create one.
 */
export class MissingConfigDetector implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}.missing-config`);
  private readonly found = new Map<string, PortfolioDiagnostic[]>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(private readonly workspace: PortfolioWorkspace) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidSaveTextDocument((d) => this.check(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      workspace.onDidChangePortfolios(() => this.checkAll()),
    );
    void workspace.ready.then(() => this.checkAll());
  }

  /** The core diagnostics published for a file outside every portfolio. */
  diagnosticsFor(uri: vscode.Uri): readonly PortfolioDiagnostic[] {
    return this.found.get(uri.toString()) ?? [];
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private checkAll(): void {
    for (const document of vscode.workspace.textDocuments) this.check(document);
  }

  private check(document: vscode.TextDocument): void {
    // Only files of a workspace folder: that is where the quick fix can create the config.
    const inWorkspace = vscode.workspace.getWorkspaceFolder(document.uri) !== undefined;
    if (document.languageId !== 'markdown' || !inWorkspace || this.workspace.portfolioFor(document.uri)) {
      this.forget(document.uri);
      return;
    }
    const frontMatter = analyzeText(document.getText()).frontMatter;
    if (!frontMatter?.hasKsbsKey) {
      this.forget(document.uri);
      return;
    }
    const diagnostic: PortfolioDiagnostic = {
      code: DiagnosticCode.MissingConfig,
      message: `Expected a ${CONFIG_FILE_NAME} in this folder or above for a file that claims KSBs, found none: its codes cannot be checked`,
      range: frontMatter.ksbsKeyRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
      fix: { kind: 'create-config' },
    };
    const level = readSettings(document.uri).ruleLevels[diagnostic.code] ?? 'information';
    this.found.set(document.uri.toString(), [diagnostic]);
    if (level === 'ignore') {
      this.collection.delete(document.uri);
      return;
    }
    this.collection.set(document.uri, [toDiagnostic({ ...diagnostic, level }, (path) => document.uri.with({ path }))]);
  }

  private forget(uri: vscode.Uri): void {
    this.found.delete(uri.toString());
    this.collection.delete(uri);
  }
}
