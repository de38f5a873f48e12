import * as vscode from 'vscode';
import { applyLevels, type PortfolioDiagnostic } from '../core';
import { DIAGNOSTIC_SOURCE } from './constants';
import { toDiagnostic } from './convert';
import type { OpenPortfolio, PortfolioChange, PortfolioWorkspace } from './portfolioWorkspace';
import { onDidChangeSettings, readSettings, type ExtensionSettings } from './settings';

/**
 * Publishes every portfolio's diagnostics, for open and unopened files alike. A change to one
 * file republishes that file only; a config change republishes the portfolio.
 */
export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly disposables: vscode.Disposable[] = [this.collection];
  /** Paths published per portfolio root, so stale entries can be cleared. */
  private readonly published = new Map<string, Set<string>>();

  constructor(
    private readonly workspace: PortfolioWorkspace,
    /** The release's rules page, which each diagnostic's code links to. */
    private readonly rulesPage?: string,
  ) {
    this.disposables.push(
      workspace.onDidChange((change) => this.update(change)),
      workspace.onDidChangePortfolios(() => this.republishAll()),
      onDidChangeSettings(() => this.republishAll()),
    );
    void workspace.ready.then(() => this.republishAll());
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private republishAll(): void {
    this.collection.clear();
    this.published.clear();
    for (const portfolio of this.workspace.all()) this.publishPortfolio(portfolio);
  }

  private update({ portfolio, change }: PortfolioChange): void {
    if (change.all) {
      this.publishPortfolio(portfolio);
      return;
    }
    const settings = readSettings(portfolio.rootUri);
    for (const path of change.paths) this.publishFile(portfolio, path, portfolio.index.diagnosticsFor(path), settings);
  }

  private publishPortfolio(portfolio: OpenPortfolio): void {
    const key = portfolio.rootUri.toString();
    const before = this.published.get(key) ?? new Set();
    const now = portfolio.index.allDiagnostics();
    for (const path of before) if (!now.has(path)) this.collection.delete(portfolio.fs.uri(path));
    this.published.set(key, new Set());
    // Settings are read once per portfolio, not once per file: a full publish may touch thousands.
    const settings = readSettings(portfolio.rootUri);
    for (const [path, diagnostics] of now) this.publishFile(portfolio, path, diagnostics, settings);
  }

  private publishFile(portfolio: OpenPortfolio, path: string, diagnostics: readonly PortfolioDiagnostic[], settings: ExtensionSettings): void {
    const uri = portfolio.fs.uri(path);
    const leveled = settings.diagnosticsEnabled ? applyLevels(diagnostics, settings.ruleLevels) : [];
    const key = portfolio.rootUri.toString();
    let paths = this.published.get(key);
    if (!paths) this.published.set(key, (paths = new Set()));
    if (leveled.length === 0) {
      this.collection.delete(uri);
      paths.delete(path);
      return;
    }
    paths.add(path);
    this.collection.set(
      uri,
      leveled.map((d) => toDiagnostic(d, (related) => portfolio.fs.uri(related), this.rulesPage)),
    );
  }
}
