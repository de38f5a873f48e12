import * as vscode from 'vscode';
import { bodyCodeTokens, KSB_KINDS } from '../core';
import type { PortfolioWorkspace } from './portfolioWorkspace';
import { onDidChangeSettings, readSettings } from './settings';

/**
 * One token type for a KSB code, with its kind as a modifier. `semanticTokenScopes` in
 * package.json maps them to the grammar's scopes, so themes colour body and front matter alike.
 */
export const KSB_TOKEN_LEGEND = new vscode.SemanticTokensLegend(['ksbCode'], [...KSB_KINDS]);

/**
 * Colours the standard's codes in the body of a portfolio's Markdown. Other Markdown gets no
 * tokens: only this provider, not the grammar, knows which files belong to a portfolio.
 */
export class KsbSemanticTokensProvider implements vscode.DocumentSemanticTokensProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];

  /** Fires when files may have joined or left a portfolio, or a portfolio changed its standard. */
  readonly onDidChangeSemanticTokens = this.changeEmitter.event;

  constructor(private readonly workspace: PortfolioWorkspace) {
    this.subscriptions = [
      this.changeEmitter,
      workspace.onDidChangePortfolios(() => this.changeEmitter.fire()),
      workspace.onDidChange(({ change }) => {
        if (change.all) this.changeEmitter.fire();
      }),
      onDidChangeSettings(() => this.changeEmitter.fire()),
    ];
  }

  async provideDocumentSemanticTokens(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.SemanticTokens | undefined> {
    const open = await this.workspace.configuredPortfolioFor(document.uri);
    if (token.isCancellationRequested) return undefined;
    const builder = new vscode.SemanticTokensBuilder(KSB_TOKEN_LEGEND);
    const standard = open?.index.portfolio?.standard;
    if (standard) {
      for (const code of bodyCodeTokens(document.getText(), standard, readSettings(document.uri).bodyCodes)) {
        builder.push(code.line, code.character, code.length, 0, 1 << KSB_KINDS.indexOf(code.kind));
      }
    }
    // Empty rather than undefined, so a file that has left its portfolio loses its colours.
    return builder.build();
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
