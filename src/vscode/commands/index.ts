import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import type { PortfolioWorkspace } from '../portfolioWorkspace';
import { addStandard, type AddStandardArgs } from './addStandard';
import { plainObject, uriArgument } from './commandArguments';
import { COMPARISON_SCHEME, compareWithBranch, ComparisonDocuments, type CompareWithBranchArgs } from './compareWithBranch';
import { copyCoverage } from './copyCoverageMarkdown';
import { createConfig, type CreateConfigArgs } from './createConfig';
import { findKsb } from './findKsb';
import { newEvidence, type NewEvidenceArgs } from './newEvidence';
import { exportPack, type ExportPackArgs } from './exportPack';
import { exportReport, ReportPanels, type ExportReportArgs } from './report';
import { selectConfigValue } from './selectConfigValue';
import { CohortPanel } from './showCohort';
import { signOffEvidence, type SignOffArgs } from './signOffEvidence';

export type { AddStandardArgs } from './addStandard';
export type { CompareWithBranchArgs, ComparisonResult } from './compareWithBranch';
export type { CreateConfigArgs } from './createConfig';
export type { NewEvidenceArgs } from './newEvidence';
export type { ExportPackArgs, ExportPackResult } from './exportPack';
export type { ExportReportArgs } from './report';
export type { CohortShown } from './showCohort';
export type { SignOffArgs, SignOffResult } from './signOffEvidence';

/**
 * Registers the editor commands. Every command takes optional arguments so tests and other
 * extensions can drive it without any UI, and returns what it did:
 * - `newEvidence(args?: NewEvidenceArgs)` → the new file's Uri;
 * - `findKsb(code?: string)` → whether the code was inserted at the cursor(s);
 * - `selectOption(id?: string, portfolio?: Uri)` / `selectVersion(version?: string, portfolio?: Uri)` → whether portfolio.yaml was edited;
 * - `showCoverage()`; `copyCoverageMarkdown(portfolio?: Uri)` → the Markdown put on the clipboard;
 * - `refresh()`; `createConfig(args?: CreateConfigArgs)` → the new config's Uri;
 * - `addStandard(args?: AddStandardArgs)` → the Uri of the file written into `standards/`;
 * - `compareWithBranch(args?: CompareWithBranchArgs)` → the diff, its Markdown and the previewed document, or `{ problem }` when git is not there;
 * - `openReport(portfolio?: Uri)` → the HTML the report webview shows; `exportReport(args?: ExportReportArgs)` → the Uri of the file written;
 * - `exportPack(args?: ExportPackArgs)` → the ZIP written and the linked files it left out;
 * - `signOffEvidence(uri?: Uri, args?: SignOffArgs | Uri[])` → the files signed and refused (from the explorer, the selection is the files);
 * - `showCohort()` → the cohort's rows and the HTML the webview shows.
 * A command cancelled by the user, or refused (a file that exists), returns `undefined` or `false`.
 */
export function registerCommands(
  workspace: PortfolioWorkspace,
  state: vscode.Memento,
  extension: { readonly uri: vscode.Uri; readonly version: string },
): vscode.Disposable {
  const comparisons = new ComparisonDocuments();
  const reports = new ReportPanels(workspace);
  const cohort = new CohortPanel(workspace);
  return vscode.Disposable.from(
    comparisons,
    reports,
    cohort,
    vscode.workspace.registerTextDocumentContentProvider(COMPARISON_SCHEME, comparisons),
    vscode.commands.registerCommand(Commands.newEvidence, (args?: unknown) => newEvidence(workspace, plainObject<NewEvidenceArgs>(args), uriArgument(args))),
    vscode.commands.registerCommand(Commands.findKsb, (code?: unknown) => findKsb(workspace, typeof code === 'string' ? code : undefined)),
    vscode.commands.registerCommand(Commands.selectOption, (id?: unknown, root?: unknown) =>
      selectConfigValue(workspace, 'option', typeof id === 'string' ? id : undefined, uriArgument(root) ?? uriArgument(id)),
    ),
    vscode.commands.registerCommand(Commands.selectVersion, (version?: unknown, root?: unknown) =>
      selectConfigValue(workspace, 'version', typeof version === 'string' ? version : undefined, uriArgument(root) ?? uriArgument(version)),
    ),
    vscode.commands.registerCommand(Commands.showCoverage, () => vscode.commands.executeCommand(`${Views.coverage}.focus`)),
    vscode.commands.registerCommand(Commands.copyCoverage, (root?: unknown) => copyCoverage(workspace, uriArgument(root))),
    vscode.commands.registerCommand(Commands.refresh, () =>
      vscode.window.withProgress({ location: { viewId: Views.coverage }, title: 'Reloading portfolios' }, () => workspace.reload()),
    ),
    vscode.commands.registerCommand(Commands.createConfig, (args?: unknown) => createConfig(workspace, plainObject<CreateConfigArgs>(args), uriArgument(args))),
    vscode.commands.registerCommand(Commands.addStandard, (args?: unknown) => addStandard(workspace, plainObject<AddStandardArgs>(args), uriArgument(args))),
    vscode.commands.registerCommand(Commands.compareWithBranch, (args?: unknown) =>
      compareWithBranch(workspace, comparisons, plainObject<CompareWithBranchArgs>(args), uriArgument(args)),
    ),
    vscode.commands.registerCommand(Commands.openReport, (root?: unknown) => reports.open(uriArgument(root))),
    vscode.commands.registerCommand(Commands.exportReport, (args?: unknown, root?: unknown) =>
      exportReport(workspace, plainObject<ExportReportArgs>(args), uriArgument(root) ?? uriArgument(args)),
    ),
    vscode.commands.registerCommand(Commands.showCohort, () => cohort.show()),
    vscode.commands.registerCommand(Commands.exportPack, (args?: unknown, root?: unknown) =>
      exportPack(workspace, extension, plainObject<ExportPackArgs>(args), uriArgument(root) ?? uriArgument(args)),
    ),
    vscode.commands.registerCommand(Commands.signOffEvidence, (first?: unknown, second?: unknown) => {
      // The explorer passes the clicked file and the whole selection.
      const selection = Array.isArray(second) ? second.filter((uri): uri is vscode.Uri => uri instanceof vscode.Uri) : [];
      const clicked = uriArgument(first);
      const targets = selection.length > 0 ? selection : clicked ? [clicked] : [];
      const args = Array.isArray(second) ? {} : plainObject<SignOffArgs>(second ?? first);
      return signOffEvidence(workspace, state, targets, args);
    }),
  );
}
