import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, configFieldEdit, parseConfig, type ConfigEditResult, type EditableConfigField } from '../../core';
import { toRange } from '../convert';
import type { PortfolioWorkspace } from '../portfolioWorkspace';
import { choosePortfolio } from './choosePortfolio';

/** `ksbPortfolio.selectOption` and `ksbPortfolio.selectVersion`: sets the `option` or `version` of a `portfolio.yaml`. */
export async function selectConfigValue(
  workspace: PortfolioWorkspace,
  field: EditableConfigField,
  value: string | undefined,
  root: vscode.Uri | undefined,
): Promise<boolean> {
  const portfolio = await choosePortfolio(workspace, root);
  if (!portfolio) return false;
  const configUri = vscode.Uri.joinPath(portfolio.rootUri, CONFIG_FILE_NAME);
  const document = await vscode.workspace.openTextDocument(configUri);
  // Read the file itself rather than the index: the index has no standard when the version is wrong.
  const config = parseConfig(document.getText()).config;
  const versions = config ? portfolio.index.standards.versions(config.standard) : [];
  if (!config || versions.length === 0) {
    void vscode.window.showErrorMessage(`Fix the \`standard:\` in ${CONFIG_FILE_NAME} first.`);
    await vscode.window.showTextDocument(document);
    return false;
  }
  const standard = portfolio.index.standards.get(config.standard, config.version) ?? versions[versions.length - 1];

  if (field === 'option') {
    if (standard.options.length === 0) {
      void vscode.window.showInformationMessage(`${standard.label} has no options.`);
      return false;
    }
    const current = config.option && standard.findOption(config.option);
    if (value === undefined) {
      const picked = await vscode.window.showQuickPick(
        standard.options.map((option) => ({ label: option.title, description: option === current ? `${option.id} (current)` : option.id, id: option.id })),
        { title: `Select Option of ${standard.label}`, placeHolder: 'The option (pathway) of the apprenticeship' },
      );
      if (!picked) return false;
      value = picked.id;
    }
    const option = standard.findOption(value);
    if (!option) {
      void vscode.window.showErrorMessage(
        `Unexpected option \`${value}\` for ${standard.label}: expected one of ${standard.options.map((o) => `\`${o.id}\``).join(', ')}.`,
      );
      return false;
    }
    value = option.id;
  } else {
    if (value === undefined) {
      const picked = await vscode.window.showQuickPick(
        [...versions].reverse().map((version, i) => ({
          label: version.version,
          description: [
            i === 0 ? 'latest' : '',
            version.version === config.version ? 'current' : '',
            version.startDate ? `from ${version.startDate}` : '',
            version.status ?? '',
          ]
            .filter(Boolean)
            .join(' · '),
          detail: version.title,
        })),
        { title: `Select Version of ${versions[0].reference}`, placeHolder: 'The version of the standard the apprentice started on' },
      );
      if (!picked) return false;
      value = picked.label;
    }
    const chosen = versions.find((version) => version.version === value);
    if (!chosen) {
      void vscode.window.showErrorMessage(
        `Unexpected version "${value}" of ${versions[0].reference}: expected one of ${versions.map((v) => `"${v.version}"`).join(', ')}.`,
      );
      return false;
    }
    if (config.option && !chosen.findOption(config.option)) {
      void vscode.window.showWarningMessage(`${chosen.label} has no option \`${config.option}\`: select an option next.`);
    }
  }
  return editConfig(document, configFieldEdit(document.getText(), field, value), field);
}

/** Applies an edit of `portfolio.yaml` (`field` names it for the user) as an undoable edit, then saves so the index reloads. */
export async function editConfig(document: vscode.TextDocument, result: ConfigEditResult, field: string): Promise<boolean> {
  if (!result.ok) {
    void vscode.window.showErrorMessage(result.reason);
    return false;
  }
  const wasDirty = document.isDirty;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, toRange(result.edit.range), result.edit.newText);
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  if (wasDirty) {
    // Saving would also save the user's unfinished edits; leave that to them.
    void vscode.window.showInformationMessage(`Set \`${field}\` in ${CONFIG_FILE_NAME}; save it to apply the change.`);
    return true;
  }
  return document.save();
}
