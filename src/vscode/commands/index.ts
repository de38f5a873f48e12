import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import type { PortfolioWorkspace } from '../portfolioWorkspace';
import { addStandard, type AddStandardArgs } from './addStandard';
import { plainObject, uriArgument } from './commandArguments';
import { copyCoverage } from './copyCoverageMarkdown';
import { createConfig, type CreateConfigArgs } from './createConfig';
import { findKsb } from './findKsb';
import { newEvidence, type NewEvidenceArgs } from './newEvidence';
import { selectConfigValue } from './selectConfigValue';

export type { AddStandardArgs } from './addStandard';
export type { CreateConfigArgs } from './createConfig';
export type { NewEvidenceArgs } from './newEvidence';

/**
 * Registers the editor commands. Every command takes optional arguments so tests and other
 * extensions can drive it without any UI, and returns what it did:
 * - `newEvidence(args?: NewEvidenceArgs)` → the new file's Uri;
 * - `findKsb(code?: string)` → whether the code was inserted at the cursor(s);
 * - `selectOption(id?: string, portfolio?: Uri)` / `selectVersion(version?: string, portfolio?: Uri)` → whether portfolio.yaml was edited;
 * - `showCoverage()`; `copyCoverageMarkdown(portfolio?: Uri)` → the Markdown put on the clipboard;
 * - `refresh()`; `createConfig(args?: CreateConfigArgs)` → the new config's Uri;
 * - `addStandard(args?: AddStandardArgs)` → the Uri of the file written into `standards/`.
 * A command cancelled by the user, or refused (a file that exists), returns `undefined` or `false`.
 */
export function registerCommands(workspace: PortfolioWorkspace): vscode.Disposable {
  return vscode.Disposable.from(
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
  );
}
