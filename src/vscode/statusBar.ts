import * as vscode from 'vscode';
import {
  coverageByKind,
  escapeMarkdown,
  formatCount,
  percentOf,
  formatHours,
  hoursReport,
  KIND_TITLES,
  portfolioDescription,
  today,
  type Coverage,
  type HoursReport,
  type PortfolioIndex,
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

/** What one item shows, or `undefined` to hide it. */
interface ItemContent {
  readonly text: string;
  readonly tooltip: string | vscode.MarkdownString;
  readonly label: string;
}

/**
 * A status bar item for the active editor's portfolio (or the first one): a click focuses the
 * coverage view; it follows the tree's refresh, the active editor and the settings, and hides when
 * `ksbPortfolio.statusBar.enabled` is off or `content` has nothing to show.
 */
abstract class PortfolioStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[];
  private visible = false;

  constructor(
    private readonly workspace: PortfolioWorkspace,
    /** When coverage may have changed: the tree's debounced refresh, so both always agree. */
    onDidChangeCoverage: vscode.Event<unknown>,
    id: string,
    name: string,
    priority: number,
  ) {
    this.item = vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Left, priority);
    this.item.name = name;
    this.item.command = Commands.showCoverage;
    this.disposables = [
      this.item,
      onDidChangeCoverage(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      onDidChangeSettings(() => this.update()),
    ];
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
    const content = portfolio && readSettings(portfolio.rootUri).statusBarEnabled ? this.content(portfolio.index) : undefined;
    this.visible = content !== undefined;
    if (!content) {
      this.item.hide();
      return;
    }
    this.item.text = content.text;
    this.item.tooltip = content.tooltip;
    this.item.accessibilityInformation = { label: content.label };
    this.item.show();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  /** What to show for the portfolio, or `undefined` to hide the item. */
  protected abstract content(index: PortfolioIndex): ItemContent | undefined;
}

/** `KSB 33/47`: the coverage, per-kind counts in the tooltip. */
export class CoverageStatusBar extends PortfolioStatusItem {
  constructor(workspace: PortfolioWorkspace, onDidChangeCoverage: vscode.Event<unknown>) {
    super(workspace, onDidChangeCoverage, 'ksbPortfolio.coverageStatus', 'KSB Coverage', 50);
  }

  protected content(index: PortfolioIndex): ItemContent {
    const coverage = index.coverage();
    if (!coverage) {
      return {
        text: '$(warning) KSB',
        tooltip: 'KSB Portfolio: `portfolio.yaml` names no standard, version or option this extension knows. See the Problems panel.',
        label: 'KSB coverage unavailable',
      };
    }
    return {
      text: `KSB ${formatCount(coverage.summary)}`,
      tooltip: tooltipFor(coverage),
      label: `KSB coverage ${coverage.summary.covered} of ${coverage.summary.total}`,
    };
  }
}

function tooltipFor(coverage: Coverage): vscode.MarkdownString {
  const kinds = coverageByKind(coverage).map((group) => `- ${KIND_TITLES[group.kind]}: ${formatCount(group.count)}`);
  const uncovered = coverage.summary.total - coverage.summary.covered;
  const method = coverage.portfolio.assessment?.method;
  const others = coverage.otherMethods.length;
  const scope = method
    ? `\n\nCounted for ${escapeMarkdown(method.title)}${others > 0 ? `: ${others} ${others === 1 ? 'KSB' : 'KSBs'} assessed by other methods not counted` : ''}.`
    : '';
  return new vscode.MarkdownString(
    `**KSB coverage** ${percentOf(coverage.summary.covered, coverage.summary.total)}% · ${escapeMarkdown(portfolioDescription(coverage))}\n\n${kinds.join('\n')}${scope}\n\n${uncovered} without evidence. Click to show the coverage view.`,
  );
}

/**
 * `$(watch) OTJ 62/278 h`: the off-the-job hours against their target, on the host's today, pace
 * and the target's rule in the tooltip. A second item rather than more text in the coverage one:
 * hours are another measure, hidden without a target, and each item can be hidden on its own from
 * the status bar's menu.
 */
export class HoursStatusBar extends PortfolioStatusItem {
  constructor(workspace: PortfolioWorkspace, onDidChangeCoverage: vscode.Event<unknown>) {
    super(workspace, onDidChangeCoverage, 'ksbPortfolio.hoursStatus', 'KSB Off-the-Job Hours', 49);
  }

  protected content(index: PortfolioIndex): ItemContent | undefined {
    const report = hoursReport(index, today());
    if (!report.targetSource || report.target === undefined) return undefined;
    return {
      text: `$(watch) OTJ ${roundHours(report.total)}/${roundHours(report.target)} h`,
      tooltip: hoursTooltip(report),
      label: `Off-the-job hours: ${formatHours(report.total)} of ${formatHours(report.target)}`,
    };
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
  if (report.excluded > 0)
    lines.push(
      `${report.excluded} entr${report.excluded === 1 ? 'y' : 'ies'} not counted (\`otj.invalid\`: undated, before \`start\`, after today or over 24 hours a day).`,
    );
  lines.push('`ksb hours` lists them by month. Click to show the coverage view.');
  return new vscode.MarkdownString(lines.join('\n\n'));
}
