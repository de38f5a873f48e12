import * as vscode from 'vscode';
import { analyzeText, applyLevels, checkUngovernedFile, type PortfolioDiagnostic } from '../core';
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

  constructor(
    private readonly workspace: PortfolioWorkspace,
    /** The release's rules page, which each diagnostic's code links to. */
    private readonly rulesPage?: string,
  ) {
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
    const found = checkUngovernedFile({ path: document.uri.path, analysis: analyzeText(document.getText()), isEvidence: false });
    if (found.length === 0) {
      this.forget(document.uri);
      return;
    }
    this.found.set(document.uri.toString(), found);
    const published = applyLevels(found, readSettings(document.uri).ruleLevels).map((diagnostic) =>
      toDiagnostic(diagnostic, (path) => document.uri.with({ path }), this.rulesPage),
    );
    this.collection.set(document.uri, published);
  }

  private forget(uri: vscode.Uri): void {
    this.found.delete(uri.toString());
    this.collection.delete(uri);
  }
}
