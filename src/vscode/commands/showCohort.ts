// `KSB Portfolio: Show Cohort`: every portfolio of the workspace (a multi-root workspace of clones,
// or nested portfolios) as the rows of `ksb cohort`, in one webview kept current as files change.
import * as vscode from 'vscode';
import { cohortRow, renderCohortHtml, today, type CohortRow } from '../../core';
import type { PortfolioWorkspace } from '../portfolioWorkspace';

/** The webview's type, for tests and for VS Code to restore it by. */
export const COHORT_VIEW_TYPE = 'ksbPortfolio.cohort';

/** How long the page waits after a change before it renders again, so typing does not re-render on each key. */
const UPDATE_DELAY_MS = 500;

/** What Show Cohort returns: the rows shown and the page they are shown in. */
export interface CohortShown {
  readonly rows: readonly CohortRow[];
  readonly html: string;
}

/** The cohort webview: one for the workspace, rendered again when any portfolio changes. */
export class CohortPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly workspace: PortfolioWorkspace) {
    this.listeners = [workspace.onDidChange(() => this.scheduleUpdate()), workspace.onDidChangePortfolios(() => this.scheduleUpdate())];
  }

  /** `ksbPortfolio.showCohort`: shows the cohort beside the editor; resolves to what it shows. */
  async show(): Promise<CohortShown> {
    await this.workspace.settled();
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      // The page's own policy allows its sorter by hash; it loads nothing, so no resource root is allowed.
      this.panel = vscode.window.createWebviewPanel(
        COHORT_VIEW_TYPE,
        'KSB Cohort',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [], enableFindWidget: true },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        clearTimeout(this.timer);
      });
    }
    return this.render(this.panel);
  }

  private scheduleUpdate(): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.panel) this.render(this.panel);
    }, UPDATE_DELAY_MS);
  }

  private render(panel: vscode.WebviewPanel): CohortShown {
    const day = today();
    const rows = this.workspace
      .all()
      .map((portfolio) => cohortRow(portfolio.index, { path: vscode.workspace.asRelativePath(portfolio.rootUri, true) || '.', today: day }));
    const html = renderCohortHtml(rows, { today: day });
    panel.title = `KSB Cohort (${rows.length})`;
    panel.webview.html = html;
    return { rows, html };
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const listener of this.listeners) listener.dispose();
    this.panel?.dispose();
  }
}
