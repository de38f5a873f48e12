import * as vscode from 'vscode';
import { coverageByKind, escapeMarkdown, formatCount, KIND_TITLES, portfolioDescription, type Coverage } from '../core';
import { Commands } from './constants';
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
  private visible = false;

  constructor(
    private readonly workspace: PortfolioWorkspace,
    /** When coverage may have changed: the tree's debounced refresh, so both always agree. */
    onDidChangeCoverage: vscode.Event<unknown>,
  ) {
    this.item.name = 'KSB Coverage';
    this.item.command = Commands.showCoverage;
    this.disposables.push(
      onDidChangeCoverage(() => this.update()),
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

  /** Updates the item now. */
  update(): void {
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
    this.item.accessibilityInformation = {
      label: coverage ? `KSB coverage ${coverage.summary.covered} of ${coverage.summary.total}` : 'KSB coverage unavailable',
    };
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private hide(): void {
    this.item.hide();
    this.visible = false;
  }
}

function tooltipFor(coverage: Coverage): vscode.MarkdownString {
  const kinds = coverageByKind(coverage).map((group) => `- ${KIND_TITLES[group.kind]}: ${formatCount(group.count)}`);
  const uncovered = coverage.summary.total - coverage.summary.covered;
  return new vscode.MarkdownString(
    `**KSB coverage** · ${escapeMarkdown(portfolioDescription(coverage))}\n\n${kinds.join('\n')}\n\n${uncovered} without evidence. Click to show the coverage view.`,
  );
}
