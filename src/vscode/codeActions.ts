import * as vscode from 'vscode';
import {
  builtinCatalogue,
  configTemplate,
  CONFIG_FILE_NAME,
  defaultStandard,
  DiagnosticCode,
  locateFrontMatter,
  RULES,
  analyzeText,
  claimCodesEdit,
  signoffAgainEdit,
  taggedClaims,
  today,
  type FixData,
  type PortfolioDiagnostic,
} from '../core';
import { diagnosticCode, fixDataOf, toRange } from './convert';
import type { PortfolioWorkspace } from './portfolioWorkspace';

/** The diagnostic codes this provider can fix: the rules that declare a quick fix. */
const FIXABLE = new Set<string>(RULES.filter((rule) => rule.quickFix !== undefined).map((rule) => rule.code));

/**
 * Quick fixes, matched on diagnostic code. The fix data comes from the core's diagnostic at the
 * same range, never from the message text.
 */
export class PortfolioCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly workspace: PortfolioWorkspace,
    /** Diagnostics the editor publishes outside any portfolio (missing config). */
    private readonly orphanDiagnostics: (uri: vscode.Uri) => readonly PortfolioDiagnostic[],
  ) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    const portfolio = this.workspace.portfolioFor(document.uri);
    const coreDiagnostics = portfolio ? portfolio.index.diagnosticsFor(document.uri.path) : this.orphanDiagnostics(document.uri);
    for (const diagnostic of context.diagnostics) {
      if (!FIXABLE.has(diagnosticCode(diagnostic))) continue;
      const fix = fixDataOf(diagnostic, coreDiagnostics);
      if (!fix) continue;
      // A renewed digest covers the files the evidence links: the index reads them.
      const digest = fix.kind === 'signoff-again' && portfolio ? await portfolio.index.signoffDigestOf(document.uri.path, document.getText()) : undefined;
      const action = this.actionFor(document, diagnostic, fix, digest);
      if (action) {
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
    return actions;
  }

  private actionFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fix: FixData, digest: string | undefined): vscode.CodeAction | undefined {
    const written = document.getText(diagnostic.range);
    const edit = new vscode.WorkspaceEdit();
    switch (fix.kind) {
      case 'replace-code': {
        const action = new vscode.CodeAction(`Replace ${written} with ${fix.replacement}`, vscode.CodeActionKind.QuickFix);
        edit.replace(document.uri, diagnostic.range, fix.replacement);
        action.edit = edit;
        action.isPreferred = true;
        return action;
      }
      case 'remove-claim': {
        const what = diagnosticCode(diagnostic) === DiagnosticCode.DuplicateCode ? `duplicate ${written}` : written;
        const action = new vscode.CodeAction(`Remove ${what} from ksbs`, vscode.CodeActionKind.QuickFix);
        edit.delete(document.uri, toRange(fix.removeRange));
        action.edit = edit;
        action.isPreferred = diagnosticCode(diagnostic) === DiagnosticCode.DuplicateCode;
        return action;
      }
      case 'add-ksbs': {
        const action = new vscode.CodeAction('Add a ksbs: field to the front matter', vscode.CodeActionKind.QuickFix);
        const text = document.getText();
        const located = locateFrontMatter(text);
        const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
        if (located?.closed) edit.insert(document.uri, document.positionAt(located.contentEnd), `ksbs: []${eol}`);
        else edit.insert(document.uri, new vscode.Position(0, 0), `---${eol}ksbs: []${eol}---${eol}${eol}`);
        action.edit = edit;
        action.isPreferred = true;
        return action;
      }
      case 'rename-key': {
        const action = new vscode.CodeAction(`Rename ${written} to ${fix.to}`, vscode.CodeActionKind.QuickFix);
        edit.replace(document.uri, diagnostic.range, fix.to);
        action.edit = edit;
        action.isPreferred = true;
        return action;
      }
      case 'claim-tagged': {
        const action = new vscode.CodeAction(`Claim ${fix.codes.join(', ')} tagged in the text`, vscode.CodeActionKind.QuickFix);
        const text = document.getText();
        const claimed = claimCodesEdit(text, taggedClaims(text, fix.codes));
        if (!claimed.ok || !claimed.edit) {
          // Shown greyed out with the reason, rather than silently missing.
          action.disabled = { reason: claimed.ok ? 'Every tagged code is claimed already' : claimed.reason };
          return action;
        }
        edit.replace(document.uri, toRange(claimed.edit.range), claimed.edit.newText);
        action.edit = edit;
        action.isPreferred = true;
        return action;
      }
      case 'signoff-again': {
        const text = document.getText();
        const signoff = analyzeText(text).frontMatter?.lifecycle?.signoffs.find((s) => s.index === fix.index);
        const who = signoff?.by && signoff.role ? ` as ${signoff.by} (${signoff.role})` : '';
        const action = new vscode.CodeAction(`Sign off again${who}`, vscode.CodeActionKind.QuickFix);
        const renewed = signoffAgainEdit(text, fix.index, today(), digest);
        if (!renewed.ok) {
          // Shown greyed out with the reason, rather than silently missing.
          action.disabled = { reason: renewed.reason };
          return action;
        }
        edit.replace(document.uri, toRange(renewed.edit.range), renewed.edit.newText);
        action.edit = edit;
        // Never an auto-fix: it renews someone's sign-off of changed evidence, a choice to make by hand.
        action.isPreferred = false;
        return action;
      }
      case 'create-config': {
        const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri;
        if (!folder) return undefined;
        const target = vscode.Uri.joinPath(folder, CONFIG_FILE_NAME);
        const action = new vscode.CodeAction(
          `Create ${CONFIG_FILE_NAME} in ${vscode.workspace.asRelativePath(folder, true) || 'the workspace folder'}`,
          vscode.CodeActionKind.QuickFix,
        );
        const standard = defaultStandard(builtinCatalogue());
        // Create, then insert: file contents in a WorkspaceEdit do not survive every round trip.
        edit.createFile(target, { ignoreIfExists: true });
        edit.insert(target, new vscode.Position(0, 0), standard ? configTemplate(standard) : 'standard: \n');
        action.edit = edit;
        return action;
      }
    }
  }
}
