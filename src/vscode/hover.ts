import * as vscode from 'vscode';
import { joinPath, provideHover } from '../core';
import { toRange } from './convert';
import type { PortfolioWorkspace } from './portfolioWorkspace';

/** What a KSB code means and who claims it, on any code in a portfolio's Markdown or `portfolio.yaml`. */
export class KsbHoverProvider implements vscode.HoverProvider {
  constructor(private readonly workspace: PortfolioWorkspace) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    // A hover asked for while the portfolios are still loading would otherwise come back empty,
    // and the editor does not ask again while the pointer stays still.
    await this.workspace.ready;
    if (token.isCancellationRequested) return undefined;
    const open = this.workspace.portfolioFor(document.uri);
    const portfolio = open?.index.portfolio;
    if (!open || !portfolio) return undefined;
    const hover = provideHover(document.lineAt(position.line).text, position, {
      portfolio,
      standards: open.index.standards,
      evidenceFor: (code) => open.index.evidenceFor(code),
      // A plain link to the file; the `#L<line>,<column>` fragment opens it at the claim.
      linkTo: (reference) =>
        open.fs
          .uri(joinPath(open.index.root, reference.relativePath))
          .with({ fragment: `L${reference.range.start.line + 1},${reference.range.start.character + 1}` })
          .toString(),
    });
    if (!hover) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(hover.markdown), toRange(hover.range));
  }
}
