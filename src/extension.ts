import * as vscode from 'vscode';
import { PortfolioCodeActions } from './vscode/codeActions';
import { registerCommands } from './vscode/commands';
import { coverageViewApi, registerCoverageView, type CoverageViewApi } from './vscode/coverageView';
import { DiagnosticsPublisher } from './vscode/diagnostics';
import { trackEvidenceContext } from './vscode/evidenceContext';
import { registerLanguageFeatures } from './vscode/languageFeatures';
import { MissingConfigDetector } from './vscode/missingConfig';
import { PortfolioWorkspace } from './vscode/portfolioWorkspace';
import { rulesPageUrl, type ReleaseManifest } from './core';

/** What the extension hands to tests and other extensions. */
export interface KsbPortfolioApi {
  readonly workspace: PortfolioWorkspace;
  /** The coverage tree and status bar item, for tests. */
  readonly coverage: CoverageViewApi;
}

/** Activates the extension: wires the core to VS Code's providers, views and commands. */
export function activate(context: vscode.ExtensionContext): KsbPortfolioApi {
  const markdown: vscode.DocumentSelector = [{ language: 'markdown' }];
  const workspace = new PortfolioWorkspace();
  const rulesPage = rulesPageUrl(context.extension.packageJSON as ReleaseManifest);
  const missingConfig = new MissingConfigDetector(workspace, rulesPage);
  context.subscriptions.push(
    workspace,
    missingConfig,
    new DiagnosticsPublisher(workspace, rulesPage),
    trackEvidenceContext(workspace),
    vscode.languages.registerCodeActionsProvider(
      markdown,
      new PortfolioCodeActions(workspace, (uri) => missingConfig.diagnosticsFor(uri)),
      PortfolioCodeActions.metadata,
    ),
    registerLanguageFeatures(workspace),
    registerCoverageView(workspace, context.workspaceState),
    registerCommands(workspace, context.workspaceState, {
      uri: context.extensionUri,
      version: String((context.extension.packageJSON as { version?: unknown }).version ?? 'unknown'),
    }),
  );
  return { workspace, coverage: coverageViewApi };
}

/** Nothing to tear down beyond `context.subscriptions`. */
export function deactivate(): void {}
