import * as vscode from 'vscode';
import { builtinCatalogue, CONFIG_FILE_NAME, configTemplate } from '../../core';
import type { PortfolioWorkspace } from '../portfolioWorkspace';
import { writeFileSafely } from '../safeWrite';
import { uriExists } from '../vscodeFileSystem';

/** Arguments of `ksbPortfolio.createConfig`; whatever is left out is chosen or asked for. */
export interface CreateConfigArgs {
  /** Where to create `portfolio.yaml`; default: the first workspace folder. */
  readonly folder?: vscode.Uri;
  readonly standard?: string;
  /** Default: the latest shipped version. */
  readonly version?: string;
  /** Asked for when the standard has several options. */
  readonly option?: string;
}

/** `ksbPortfolio.createConfig`: writes a `portfolio.yaml` for a chosen standard and option and opens it. */
export async function createConfig(workspace: PortfolioWorkspace, args: CreateConfigArgs, clicked: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const folder = args.folder ?? clicked ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) {
    void vscode.window.showErrorMessage(`Open a folder to create ${CONFIG_FILE_NAME} in.`);
    return undefined;
  }
  const target = vscode.Uri.joinPath(folder, CONFIG_FILE_NAME);
  if (await uriExists(target)) {
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(target)} already exists.`);
    await vscode.window.showTextDocument(target);
    return undefined;
  }
  const catalogue = builtinCatalogue();
  let reference = args.standard;
  if (reference === undefined) {
    const references = catalogue.references();
    reference =
      references.length === 1
        ? references[0]
        : (
            await vscode.window.showQuickPick(
              references.map((r) => ({ label: r, description: catalogue.get(r)?.title })),
              { title: 'Create portfolio.yaml: standard' },
            )
          )?.label;
    if (reference === undefined) return undefined;
  }
  const standard = catalogue.get(reference, args.version);
  if (!standard) {
    void vscode.window.showErrorMessage(
      `Unexpected standard ${reference}${args.version ? ` version "${args.version}"` : ''}: expected one of ${catalogue.references().join(', ')}.`,
    );
    return undefined;
  }
  let option = args.option;
  if (option === undefined && standard.options.length > 1) {
    option = (
      await vscode.window.showQuickPick(
        standard.options.map((o) => ({ label: o.title, description: o.id, id: o.id })),
        { title: `Create portfolio.yaml: option of ${standard.label}`, placeHolder: 'The option (pathway) of the apprenticeship' },
      )
    )?.id;
    if (option === undefined) return undefined;
  }
  if (!(await writeFileSafely(target, new TextEncoder().encode(configTemplate(standard, option))))) return undefined;
  workspace.wrote(target);
  await vscode.window.showTextDocument(target);
  return target;
}
