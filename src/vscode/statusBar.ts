import * as vscode from 'vscode';
import {
  coverageByKind,
  escapeMarkdown,
  formatCount,
  formatHours,
  hoursReport,
  KIND_TITLES,
  portfolioDescription,
  today,
  type Coverage,
  type HoursReport,
} from '../core';
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

/**
 * `$(watch) OTJ 62/278 h` in the status bar: the off-the-job hours of the active editor's portfolio
 * against their target, pace and the target's rule in the tooltip, a click focuses the coverage
 * view. A second item rather than more text in the coverage one: hours are another measure, hidden
 * without a target, and each item can be hidden on its own from the status bar's menu. Hidden
 * without a target or when `ksbPortfolio.statusBar.enabled` is off.
 */
export class HoursStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ksbPortfolio.hoursStatus', vscode.StatusBarAlignment.Left, 49);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private visible = false;

  constructor(
    private readonly workspace: PortfolioWorkspace,
    onDidChangeCoverage: vscode.Event<unknown>,
  ) {
    this.item.name = 'KSB Off-the-Job Hours';
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

  /** Updates the item now, on the host's today. */
  update(): void {
    const portfolio = this.workspace.active();
    const report = portfolio && readSettings(portfolio.rootUri).statusBarEnabled ? hoursReport(portfolio.index, today()) : undefined;
    if (!report?.targetSource || report.target === undefined) {
      this.item.hide();
      this.visible = false;
      return;
    }
    this.item.text = `$(watch) OTJ ${roundHours(report.total)}/${roundHours(report.target)} h`;
    this.item.tooltip = hoursTooltip(report);
    this.item.accessibilityInformation = { label: `Off-the-job hours: ${formatHours(report.total)} of ${formatHours(report.target)}` };
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function roundHours(hours: number): string {
  return String(Math.round(hours * 10) / 10);
}

function hoursTooltip(report: HoursReport): vscode.MarkdownString {
  const lines = [`**Off-the-job hours** · ${formatHours(report.total)} of ${formatHours(report.target ?? 0)}`];
  if (report.expectedByToday !== undefined) {
    const pace = report.onTrack === undefined ? '' : report.onTrack ? ': on track' : ': behind';
    lines.push(`Expected by today (pro rata): ${formatHours(report.expectedByToday)}${pace}`);
  }
  // The core words the rule as Markdown (`otj-target: 100` as code); a standard's label is a reference and version.
  if (report.targetSource) lines.push(`Target: ${report.targetSource.rule}`);
  if (report.excluded > 0) lines.push(`${report.excluded} entr${report.excluded === 1 ? 'y' : 'ies'} not counted (undated, before \`start\` or after today).`);
  lines.push('`ksb hours` lists them by month. Click to show the coverage view.');
  return new vscode.MarkdownString(lines.join('\n\n'));
}
