import * as vscode from 'vscode';
import { coverageByKind, formatCount, KIND_TITLES, type Coverage } from '../core';
import { Commands } from './constants';
import { portfolioDescription, REFRESH_DEBOUNCE_MS } from './coverageTree';
import type { PortfolioWorkspace } from './portfolioWorkspace';
import { onDidChangeSettings, readSettings } from './settings';

/** What the status bar item shows now, for tests and the extension API. */
export interface StatusBarState {
  readonly visible: boolean;
  readonly text: string;
  /** The tooltip's Markdown source. */
  readonly tooltip: string;
}

/**
 * `KSB 33/47` in the status bar: the coverage of the active editor's portfolio (or the first one),
 * per-kind counts in the tooltip, a click focuses the coverage view. Hidden without a portfolio or
 * when `ksbPortfolio.statusBar.enabled` is off.
 */
export class CoverageStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ksbPortfolio.coverageStatus', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private pending: ReturnType<typeof setTimeout> | undefined;
  private visible = false;

  constructor(private readonly workspace: PortfolioWorkspace) {
    this.item.name = 'KSB Coverage';
    this.item.command = Commands.showCoverage;
    this.disposables.push(
      workspace.onDidChange(() => this.scheduleUpdate()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      onDidChangeSettings(() => this.update()),
    );
    void workspace.ready.then(() => this.update());
  }

  /** What the item shows now. */
  get state(): StatusBarState {
    const tooltip = this.item.tooltip;
    return { visible: this.visible, text: this.item.text, tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '') };
  }

  /** Updates the item after the index has been quiet for a moment, as the tree does. */
  scheduleUpdate(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => this.update(), REFRESH_DEBOUNCE_MS);
  }

  /** Updates the item now. */
  update(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    const portfolio = this.workspace.active();
    if (!portfolio || !readSettings(portfolio.rootUri).statusBarEnabled) {
      this.hide();
      return;
    }
    const coverage = portfolio.index.coverage();
    if (!coverage) {
      this.item.text = '$(warning) KSB';
      this.item.tooltip = 'KSB Portfolio: `portfolio.yaml` names no standard, version or option this extension knows. See the Problems panel.';
    } else {
      this.item.text = `KSB ${formatCount(coverage.summary)}`;
      this.item.tooltip = tooltipFor(coverage);
    }
    this.item.accessibilityInformation = { label: coverage ? `KSB coverage ${coverage.summary.covered} of ${coverage.summary.total}` : 'KSB coverage unavailable' };
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private hide(): void {
    this.item.hide();
    this.visible = false;
  }
}

function tooltipFor(coverage: Coverage): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown('**KSB coverage** · ');
  tooltip.appendText(portfolioDescription(coverage));
  tooltip.appendMarkdown('\n\n');
  for (const group of coverageByKind(coverage)) tooltip.appendMarkdown(`- ${KIND_TITLES[group.kind]}: ${formatCount(group.count)}\n`);
  tooltip.appendMarkdown(`\n${coverage.summary.total - coverage.summary.covered} without evidence. Click to show the coverage view.`);
  return tooltip;
}
