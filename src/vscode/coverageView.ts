import * as vscode from 'vscode';
import { portfolioDescription, type Range } from '../core';
import { Commands, ContextKeys, Views } from './constants';
import { toRange } from './convert';
import { CoverageTreeProvider, type CoverageNode, type CoverageTreeOptions } from './coverageTree';
import type { PortfolioWorkspace } from './portfolioWorkspace';
import { onDidChangeSettings } from './settings';
import { CoverageStatusBar, HoursStatusBar, type StatusBarState } from './statusBar';

/** Keys of the remembered view state in `workspaceState`. */
const StateKeys = {
  groupByDuty: 'ksbPortfolio.coverage.groupByDuty',
  onlyUncovered: 'ksbPortfolio.coverage.onlyUncovered',
} as const;

/** What tests (through the extension API) can read of the coverage view and the status bar. */
export interface CoverageViewApi {
  /** The tree's data provider: `getChildren()` / `getTreeItem()` read the tree as VS Code does. */
  readonly tree: CoverageTreeProvider | undefined;
  readonly treeView: vscode.TreeView<CoverageNode> | undefined;
  /** The status bar item's visibility, text and tooltip. */
  readonly statusBar: StatusBarState | undefined;
  /** The off-the-job hours item's. */
  readonly hoursStatusBar: StatusBarState | undefined;
}

let current: { tree: CoverageTreeProvider; treeView: vscode.TreeView<CoverageNode>; statusBar: CoverageStatusBar; hoursStatusBar: HoursStatusBar } | undefined;

/** The live coverage view, once `registerCoverageView` has run; handed out by the extension API. */
export const coverageViewApi: CoverageViewApi = {
  get tree() {
    return current?.tree;
  },
  get treeView() {
    return current?.treeView;
  },
  get statusBar() {
    return current?.statusBar.state;
  },
  get hoursStatusBar() {
    return current?.hoursStatusBar.state;
  },
};

/**
 * Registers the coverage view, its title-bar toggles (group by duty or kind, only uncovered or
 * all), `ksbPortfolio.openEvidence` and the status bar item. Grouping and filter are kept in
 * `state` (pass `context.workspaceState`; without it they last for the session).
 */
export function registerCoverageView(workspace: PortfolioWorkspace, state: vscode.Memento = sessionMemento()): vscode.Disposable {
  const options: CoverageTreeOptions = {
    groupByDuty: state.get<boolean>(StateKeys.groupByDuty, false),
    onlyUncovered: state.get<boolean>(StateKeys.onlyUncovered, false),
  };
  const tree = new CoverageTreeProvider(workspace, options);
  const treeView = vscode.window.createTreeView(Views.coverage, { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new CoverageStatusBar(workspace, tree.onDidChangeTreeData);
  const hoursStatusBar = new HoursStatusBar(workspace, tree.onDidChangeTreeData);

  const updateTitle = () => {
    const portfolios = workspace.all();
    if (portfolios.length > 1) treeView.description = `${portfolios.length} portfolios`;
    else {
      const coverage = portfolios[0] && tree.coverageOf(portfolios[0]);
      treeView.description = portfolios.length === 0 ? undefined : coverage ? portfolioDescription(coverage) : 'portfolio.yaml needs fixing';
    }
    treeView.message = tree.options.onlyUncovered ? 'Showing only KSBs without evidence.' : undefined;
  };
  const setContextKeys = () =>
    Promise.all([
      vscode.commands.executeCommand('setContext', ContextKeys.groupedByDuty, tree.options.groupByDuty),
      vscode.commands.executeCommand('setContext', ContextKeys.onlyUncovered, tree.options.onlyUncovered),
    ]);
  const setOptions = async (changed: Partial<CoverageTreeOptions>) => {
    tree.setOptions(changed);
    await setContextKeys();
    await state.update(StateKeys.groupByDuty, tree.options.groupByDuty);
    await state.update(StateKeys.onlyUncovered, tree.options.onlyUncovered);
  };
  void setContextKeys();
  void workspace.ready.then(updateTitle);

  current = { tree, treeView, statusBar, hoursStatusBar };
  return vscode.Disposable.from(
    tree,
    treeView,
    statusBar,
    hoursStatusBar,
    tree.onDidChangeTreeData(updateTitle),
    // Rule levels decide which files count as having problems.
    onDidChangeSettings(() => tree.scheduleRefresh()),
    vscode.commands.registerCommand(Commands.groupByDuty, () => setOptions({ groupByDuty: true })),
    vscode.commands.registerCommand(Commands.groupByKind, () => setOptions({ groupByDuty: false })),
    vscode.commands.registerCommand(Commands.showOnlyUncovered, () => setOptions({ onlyUncovered: true })),
    vscode.commands.registerCommand(Commands.showAll, () => setOptions({ onlyUncovered: false })),
    vscode.commands.registerCommand(Commands.openEvidence, openEvidence),
    new vscode.Disposable(() => {
      current = undefined;
    }),
  );
}

/**
 * `ksbPortfolio.openEvidence(uri, range?)`: opens a file, selecting `range` (a core or VS Code
 * range, e.g. the claim of a KSB) so the editor scrolls to it.
 */
async function openEvidence(target: vscode.Uri | UriComponents | string, range?: Range | vscode.Range): Promise<vscode.TextEditor | undefined> {
  // From a command link the URI arrives as JSON (or a string), not as a Uri.
  const uri =
    target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.parse(target) : target?.scheme ? vscode.Uri.from(target) : undefined;
  if (!uri) return undefined;
  const selection = range ? (range instanceof vscode.Range ? range : toRange(range)) : undefined;
  return vscode.window.showTextDocument(uri, { selection, preview: true });
}

/** A URI as JSON, as command links pass it. */
interface UriComponents {
  readonly scheme: string;
  readonly authority?: string;
  readonly path?: string;
  readonly query?: string;
  readonly fragment?: string;
}

/** A memento that lasts for the session, for when no `workspaceState` is passed in. */
function sessionMemento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, defaultValue?: T) => (values.has(key) ? (values.get(key) as T) : defaultValue) as T,
    update: async (key: string, value: unknown) => {
      values.set(key, value);
    },
  };
}
