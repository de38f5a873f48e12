import * as vscode from 'vscode';
import {
  buildReportModel,
  collectEvidenceImages,
  lifecycleReportInput,
  renderMatrixCsv,
  renderMatrixMarkdown,
  renderReportHtml,
  reportTitle,
  today,
  type ReportInput,
  type ReportModel,
} from '../../core';
import { gitRepositoryFor, type GitChange } from '../gitExtension';
import type { OpenPortfolio, PortfolioWorkspace } from '../portfolioWorkspace';
import { writeFileSafely } from '../safeWrite';
import { choosePortfolio, refuseUntilConfigFixed } from './choosePortfolio';

/** The webview's type, for tests and for VS Code to restore it by. */
export const REPORT_VIEW_TYPE = 'ksbPortfolio.report';

/** How long the report waits after a change before it renders again, so typing does not re-render on each key. */
const UPDATE_DELAY_MS = 300;

/** How long the report waits for git's answer before it leaves the commit out. */
const GIT_TIMEOUT_MS = 3_000;

/**
 * The webview's only script: a click on an evidence link, or anywhere on its row, asks the
 * extension to open the file. In-page links (`#ksb-K1`) keep working as links.
 */
const CLICK_SCRIPT = `(() => {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const link = target?.closest('a[href]') ?? target?.closest('tr')?.querySelector('th a[href]');
    const href = link?.getAttribute('href');
    if (!href || href.startsWith('#')) return;
    event.preventDefault();
    vscode.postMessage({ type: 'open', path: decodeURIComponent(href) });
  });
})();`;

/** Arguments of `ksbPortfolio.exportReport`, for tests and other extensions. */
export interface ExportReportArgs {
  /** Where to save, instead of asking; its extension (`.html`, `.md`, `.csv`) picks the format. */
  readonly target?: vscode.Uri;
}

/**
 * What the core cannot know, for the editor: today's date, the git commit, the evidence's images.
 * The one place the lifecycle (people, dates, sign-off, hours, gateway) gets wired in.
 */
async function reportInput(portfolio: OpenPortfolio, linkPrefix: string, withImages: boolean, target?: vscode.Uri): Promise<ReportInput> {
  const { index, fs, rootUri } = portfolio;
  const [images, commit] = await Promise.all([withImages ? collectEvidenceImages(fs, index.root, index.allFiles()) : undefined, headCommit(rootUri, target)]);
  const day = today();
  return { ...lifecycleReportInput(index, day), generated: day, commit, linkPrefix, images };
}

/** The commit the portfolio's repository has checked out, marked when the working tree has changes; `undefined` without git. */
async function headCommit(folder: vscode.Uri, ignoring?: vscode.Uri): Promise<string | undefined> {
  const state = await portfolioCommit(folder, ignoring);
  return state && (state.dirty ? `${state.commit} (with uncommitted changes)` : state.commit);
}

/**
 * The commit the portfolio's repository has checked out, and whether the portfolio's folder has
 * changes, the file at `ignoring` (what the command writes: the report, the pack) not counted;
 * `undefined` without git, or when git does not answer in time.
 */
export async function portfolioCommit(folder: vscode.Uri, ignoring?: vscode.Uri): Promise<{ commit: string; dirty: boolean } | undefined> {
  const ask = async () => {
    const repository = await gitRepositoryFor(folder);
    if ('problem' in repository) return undefined;
    const { hash } = await repository.getCommit('HEAD');
    const inside = `${folder.path.replace(/\/$/, '')}/`;
    const counts = (change: GitChange) => change.uri.path.startsWith(inside) && change.uri.toString() !== ignoring?.toString();
    const dirty = repository.state.workingTreeChanges.some(counts) || (repository.state.untrackedChanges ?? []).some(counts);
    return { commit: hash, dirty };
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), GIT_TIMEOUT_MS)));
  try {
    return await Promise.race([ask().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A nonce for the webview's script: 32 letters and digits from the host's random source. */
function nonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** The report webviews, one per portfolio, each re-rendered when its portfolio changes. */
export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  private readonly listener: vscode.Disposable;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly workspace: PortfolioWorkspace) {
    this.listener = workspace.onDidChange(({ portfolio }) => this.scheduleUpdate(portfolio));
  }

  /** `ksbPortfolio.openReport`: shows the report beside the editor; resolves to the HTML shown. */
  async open(root: vscode.Uri | undefined): Promise<string | undefined> {
    const portfolio = await choosePortfolio(this.workspace, root);
    if (!portfolio) return undefined;
    await this.workspace.settled();
    const key = portfolio.rootUri.toString();
    let panel = this.panels.get(key);
    if (panel) {
      panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      panel = vscode.window.createWebviewPanel(
        REPORT_VIEW_TYPE,
        'KSB Report',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // The script only posts messages; the page loads no resource, so none is allowed.
        { enableScripts: true, localResourceRoots: [], enableFindWidget: true },
      );
      this.panels.set(key, panel);
      const created = panel;
      created.onDidDispose(() => {
        this.panels.delete(key);
        clearTimeout(this.timers.get(key));
        this.timers.delete(key);
      });
      created.webview.onDidReceiveMessage((message: unknown) => void this.openFromReport(portfolio, message));
    }
    return this.render(portfolio, panel);
  }

  /** The latest render asked of each panel. */
  private readonly generations = new WeakMap<vscode.WebviewPanel, number>();

  private scheduleUpdate(portfolio: OpenPortfolio): void {
    const key = portfolio.rootUri.toString();
    const panel = this.panels.get(key);
    if (!panel) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.render(portfolio, panel);
      }, UPDATE_DELAY_MS),
    );
  }

  private async render(portfolio: OpenPortfolio, panel: vscode.WebviewPanel): Promise<string> {
    // Renders wait on images and git, so an older one can finish last: only the newest is shown.
    const generation = (this.generations.get(panel) ?? 0) + 1;
    this.generations.set(panel, generation);
    const model = buildReportModel(portfolio.index, await reportInput(portfolio, '', true));
    const html = renderReportHtml(model, { script: { nonce: nonce(), source: CLICK_SCRIPT } });
    if (this.generations.get(panel) !== generation) return html;
    panel.title = model.apprentice ? `KSB Report: ${model.apprentice}` : 'KSB Report';
    panel.webview.html = html;
    return html;
  }

  /** Opens what a click in the report named: a file inside the portfolio only, whatever the page says. */
  private async openFromReport(portfolio: OpenPortfolio, message: unknown): Promise<void> {
    if (!message || typeof message !== 'object' || (message as { type?: unknown }).type !== 'open') return;
    const path = (message as { path?: unknown }).path;
    if (typeof path !== 'string' || path === '' || path.split('/').some((s) => s === '..' || s === '.') || path.startsWith('/')) return;
    const uri = vscode.Uri.joinPath(portfolio.rootUri, path);
    if (!portfolio.index.contains(uri.path)) return;
    await vscode.commands.executeCommand('vscode.open', uri, { viewColumn: vscode.ViewColumn.One, preview: true });
  }

  dispose(): void {
    this.listener.dispose();
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const panel of [...this.panels.values()]) panel.dispose();
  }
}

/** The formats Export Report writes, by the saved file's extension. */
const EXPORT_FILTERS: Record<string, string[]> = { 'HTML report': ['html', 'htm'], 'Matrix as Markdown': ['md'], 'Matrix as CSV': ['csv'] };

/** `ksbPortfolio.exportReport`: saves the report (or its matrix) where the user says; resolves to the file written. */
export async function exportReport(workspace: PortfolioWorkspace, args: ExportReportArgs, root: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const portfolio = await choosePortfolio(workspace, root);
  if (!portfolio) return undefined;
  await workspace.settled();
  if (!portfolio.index.coverage()) return refuseUntilConfigFixed();
  const target =
    args.target ??
    (await vscode.window.showSaveDialog({
      title: 'Export KSB Report',
      defaultUri: vscode.Uri.joinPath(portfolio.rootUri, 'portfolio-report.html'),
      filters: EXPORT_FILTERS,
    }));
  if (!target) return undefined;
  const extension = target.path.slice(target.path.lastIndexOf('.') + 1).toLowerCase();
  const format = extension === 'md' ? 'markdown' : extension === 'csv' ? 'csv' : 'html';
  const model: ReportModel = buildReportModel(portfolio.index, await reportInput(portfolio, linkPrefix(target, portfolio.rootUri), format === 'html', target));
  const text = format === 'markdown' ? renderMatrixMarkdown(model) : format === 'csv' ? renderMatrixCsv(model) : renderReportHtml(model);
  if (!(await writeFileSafely(target, new TextEncoder().encode(text)))) return undefined;
  void vscode.window.showInformationMessage(`Exported ${reportTitle(model)} to ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}

/** The relative path from the saved file's folder to the portfolio root, `/`-ended; empty on another file system. */
function linkPrefix(target: vscode.Uri, root: vscode.Uri): string {
  if (target.scheme !== root.scheme || target.authority !== root.authority) return '';
  const from = target.path.split('/').slice(0, -1).filter(Boolean);
  const to = root.path.split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const up = from.slice(common).map(() => '..');
  const parts = [...up, ...to.slice(common)];
  return parts.length === 0 ? '' : `${parts.join('/')}/`;
}
