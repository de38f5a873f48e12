import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, evidenceFileName, evidenceFolder, evidenceTemplate, isDayInRange, isIsoDay, type StandardVersion } from '../../core';
import type { PortfolioWorkspace } from '../portfolioWorkspace';
import { writeFileSafely } from '../safeWrite';
import { uriExists } from '../vscodeFileSystem';
import { choosePortfolio, refuseUntilConfigFixed } from './choosePortfolio';
import { ksbItems } from './ksbPicks';
import { today } from '../../core';

/** Arguments of `ksbPortfolio.newEvidence`; whatever is left out is asked for. */
export interface NewEvidenceArgs {
  readonly title?: string;
  /** `YYYY-MM-DD`; asked for with today as the default. */
  readonly date?: string;
  /** The codes to claim; asked for with a multi-select quick pick. */
  readonly codes?: readonly string[];
  /** A file or folder inside the portfolio to add to; default: the active portfolio. */
  readonly portfolio?: vscode.Uri;
}

/** `ksbPortfolio.newEvidence`: writes an evidence file from the template and opens it; `undefined` when cancelled or refused. */
export async function newEvidence(workspace: PortfolioWorkspace, args: NewEvidenceArgs, clicked: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const portfolio = await choosePortfolio(workspace, args.portfolio ?? clicked);
  if (!portfolio) return undefined;
  const resolved = portfolio.index.portfolio;
  if (!resolved) return refuseUntilConfigFixed();
  const title =
    args.title ??
    (await vscode.window.showInputBox({
      title: 'New Evidence File (1/3)',
      prompt: 'Title of the evidence',
      placeHolder: 'e.g. Weekly post schedule update',
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : 'Expected a title, found nothing'),
    }));
  if (title === undefined || !title.trim()) return undefined;
  const date =
    args.date ??
    (
      await vscode.window.showInputBox({
        title: 'New Evidence File (2/3)',
        prompt: 'Date of the work (YYYY-MM-DD)',
        value: today(),
        ignoreFocusOut: true,
        validateInput: (value) => (isNewEvidenceDay(value.trim()) ? undefined : `Expected a date such as ${today()}, found \`${value}\``),
      })
    )?.trim();
  if (date === undefined) return undefined;
  if (!isNewEvidenceDay(date)) {
    void vscode.window.showErrorMessage(`Expected a date such as ${today()}, found \`${date}\`.`);
    return undefined;
  }
  const codes = args.codes ?? (await pickCodes(resolved.standard, resolved.option?.id));
  if (codes === undefined) return undefined;

  const folder = evidenceFolder(resolved.config);
  const relative = `${folder ? `${folder}/` : ''}${evidenceFileName(date, title.trim())}`;
  const uri = vscode.Uri.joinPath(portfolio.rootUri, relative);
  if (await uriExists(uri)) {
    void vscode.window.showErrorMessage(`${relative} already exists: choose another title or date.`);
    return undefined;
  }
  if (resolved.matchesEvidenceGlobs && !resolved.matchesEvidenceGlobs(relative)) {
    void vscode.window.showWarningMessage(`${relative} is not matched by the \`evidence\` globs of ${CONFIG_FILE_NAME}, so it will not count as evidence.`);
  }
  const text = evidenceTemplate(title.trim(), date, codes);
  if (!(await writeFileSafely(uri, new TextEncoder().encode(text), { portfolio: portfolio.rootUri }))) return undefined;
  workspace.wrote(uri);
  const editor = await vscode.window.showTextDocument(uri);
  // Put the cursor where the writing starts: the line after "## What I did".
  const line = text.split('\n').indexOf('## What I did') + 1;
  if (line > 0) editor.selection = new vscode.Selection(line, 0, line, 0);
  return uri;
}

/** The codes to claim, picked from the applicable KSBs; `undefined` when cancelled. */
async function pickCodes(standard: StandardVersion, optionId: string | undefined): Promise<string[] | undefined> {
  const picked = await vscode.window.showQuickPick(ksbItems(standard, optionId), {
    title: 'New Evidence File (3/3): KSBs this evidence shows',
    // Space in the filter box types a space: the list needs focus (Down) before Space ticks.
    placeHolder: 'Type a code or words of a KSB; Down then Space ticks it; Enter when done',
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return picked?.flatMap((item) => ('ksb' in item ? [item.ksb.code] : []));
}

/** Whether `text` is a calendar day `YYYY-MM-DD` within the days a portfolio may name, as a new file's `date` and name use it. */
function isNewEvidenceDay(text: string): boolean {
  return isIsoDay(text) && isDayInRange(text);
}
