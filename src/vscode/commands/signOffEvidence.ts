import * as vscode from 'vscode';
import { describeObstacles, isSignoffRole, SIGNOFF_ROLES, signoffEdit, signoffObstacles, today, type SignoffRole } from '../../core';
import { readSettings } from '../settings';
import { toRange } from '../convert';
import type { PortfolioWorkspace } from '../portfolioWorkspace';
import { writeRefusal } from '../safeWrite';

/** Arguments of `ksbPortfolio.signOffEvidence`; whatever is left out is asked for. */
export interface SignOffArgs {
  readonly role?: string;
  readonly by?: string;
  /**
   * When the signer may not sign in that role or a file has errors: `true` signs anyway, `false`
   * refuses; left out, a modal dialog asks.
   */
  readonly force?: boolean;
}

/** What the command did: the files it signed and those it could not, with the core's reason. */
export interface SignOffResult {
  readonly signed: readonly vscode.Uri[];
  readonly refused: readonly { readonly uri: vscode.Uri; readonly reason: string }[];
}

/** The `workspaceState` key of the name last given for a role. */
export const lastNameKey = (role: SignoffRole): string => `ksbPortfolio.signOff.lastName.${role}`;
const LAST_ROLE_KEY = 'ksbPortfolio.signOff.lastRole';

const ROLE_DESCRIPTIONS: Readonly<Record<SignoffRole, string>> = {
  apprentice: 'this is my own work',
  employer: "confirms the evidence is the apprentice's own: what the gateway asks",
  mentor: 'the workplace mentor, counts for the employer',
  tutor: "the training provider's tutor",
};

/**
 * `ksbPortfolio.signOffEvidence(uri?, args? | uris?)`: adds (or renews) a sign-off in each file as
 * one undoable edit of the text open now, unsaved changes included, dated today. From the explorer
 * the files are the selection; otherwise the given Uri or the active editor's file. `undefined`
 * when cancelled or there is nothing to sign.
 */
export async function signOffEvidence(
  workspace: PortfolioWorkspace,
  state: vscode.Memento,
  targets: readonly vscode.Uri[],
  args: SignOffArgs,
): Promise<SignOffResult | undefined> {
  const uris = targets.length > 0 ? targets : activeMarkdown();
  if (uris.length === 0) {
    void vscode.window.showErrorMessage('Open a Markdown evidence file (or select some in the explorer) to sign it off.');
    return undefined;
  }
  await workspace.ready;
  const outside = uris.filter((uri) => !workspace.portfolioFor(uri));
  if (outside.length === uris.length) {
    void vscode.window.showErrorMessage(`${name(uris[0])} is in no portfolio (no portfolio.yaml above it): a sign-off is for portfolio evidence.`);
    return undefined;
  }

  const role = args.role ?? (await pickRole(state));
  if (role === undefined) return undefined;
  if (!isSignoffRole(role)) {
    void vscode.window.showErrorMessage(`Expected a role of ${SIGNOFF_ROLES.join(', ')}, found \`${role}\`.`);
    return undefined;
  }
  const by = (args.by ?? (await askName(workspace, state, role, uris)))?.trim();
  if (by === undefined || by === '') return undefined;

  const date = today();
  const edit = new vscode.WorkspaceEdit();
  const signed: vscode.Uri[] = [];
  const refused: { uri: vscode.Uri; reason: string }[] = outside.map((uri) => ({ uri, reason: 'it is in no portfolio' }));
  for (const uri of uris) {
    if (outside.includes(uri)) continue;
    // The edit is saved through the file's path: a link there, or a linked folder above it, would carry it elsewhere.
    const refusal = await writeRefusal(uri, { portfolio: workspace.portfolioFor(uri)?.rootUri });
    if (refusal) {
      refused.push({ uri, reason: refusal });
      continue;
    }
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      refused.push({ uri, reason: `it cannot be opened (${error instanceof Error ? error.message : String(error)})` });
      continue;
    }
    const open = workspace.portfolioFor(uri)!;
    const obstacles = describeObstacles(signoffObstacles(open.index, uri.path, by, role, readSettings(open.rootUri).ruleLevels));
    if (obstacles !== undefined && !(await signAnyway(args.force, name(uri), by, role, obstacles))) {
      refused.push({ uri, reason: obstacles });
      continue;
    }
    // The digest covers the files the evidence links: the index reads them inside the portfolio.
    const digest = await open.index.signoffDigestOf(uri.path, document.getText());
    const result = signoffEdit(document.getText(), { by, role, date, ...(digest ? { digest } : {}) });
    if (!result.ok) {
      refused.push({ uri, reason: result.reason });
      continue;
    }
    edit.replace(uri, toRange(result.edit.range), result.edit.newText);
    signed.push(uri);
  }
  if (signed.length > 0 && !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('The sign-off could not be written: the editor refused the edit.');
    return { signed: [], refused: [...refused, ...signed.map((uri) => ({ uri, reason: 'the editor refused the edit' }))] };
  }
  if (signed.length > 0) {
    await state.update(lastNameKey(role), by);
    await state.update(LAST_ROLE_KEY, role);
  }
  if (refused.length > 0) {
    const lines = refused.map(({ uri, reason }) => `${name(uri)}: ${reason}`);
    void vscode.window.showErrorMessage(`Could not sign off ${lines.length === 1 ? lines[0] : `${lines.length} files: ${lines.join('; ')}`}`);
  }
  if (signed.length > 1) void vscode.window.showInformationMessage(`Signed off ${signed.length} files as ${by} (${role}), ${date}. Save them to keep it.`);
  return { signed, refused };
}

/** Whether to sign despite `obstacles`: as `force` says, else as the user answers a modal dialog. */
async function signAnyway(force: boolean | undefined, file: string, by: string, role: SignoffRole, obstacles: string): Promise<boolean> {
  if (force !== undefined) return force;
  const answer = await vscode.window.showWarningMessage(
    `Sign off ${file} as ${by} (${role}) anyway?`,
    { modal: true, detail: `${obstacles}.\n\nksb check reports such a sign-off, and the gateway does not count it.` },
    'Sign Off Anyway',
  );
  return answer === 'Sign Off Anyway';
}

/** The active editor's file, when it is Markdown. */
function activeMarkdown(): vscode.Uri[] {
  const document = vscode.window.activeTextEditor?.document;
  return document && document.languageId === 'markdown' ? [document.uri] : [];
}

async function pickRole(state: vscode.Memento): Promise<string | undefined> {
  const last = state.get<string>(LAST_ROLE_KEY);
  const items = SIGNOFF_ROLES.map((role) => ({ label: role, description: ROLE_DESCRIPTIONS[role], role }));
  const picked = await vscode.window.showQuickPick(
    // The role used last comes first, so signing a batch is Enter, Enter.
    [...items.filter((item) => item.role === last), ...items.filter((item) => item.role !== last)],
    { title: 'Sign Off Evidence (1/2): as what?', placeHolder: 'The role you sign off as', ignoreFocusOut: true },
  );
  return picked?.role;
}

async function askName(workspace: PortfolioWorkspace, state: vscode.Memento, role: SignoffRole, uris: readonly vscode.Uri[]): Promise<string | undefined> {
  const mentor = role === 'mentor' ? uris.map((uri) => workspace.portfolioFor(uri)?.index.portfolio?.config.mentor).find(Boolean) : undefined;
  return vscode.window.showInputBox({
    title: `Sign Off Evidence (2/2): name of the ${role}`,
    prompt: `Who signs off ${uris.length === 1 ? name(uris[0]) : `${uris.length} files`} as ${role}, dated ${today()}`,
    value: state.get<string>(lastNameKey(role)) ?? mentor ?? '',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Expected a name, found nothing' : /[\r\n]/.test(value) ? 'Expected a name on one line' : undefined),
  });
}

function name(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}
