import * as vscode from 'vscode';
import { provideConfigHover } from '../core';
import { configContextFor } from './configCompletion';
import { toRange } from './convert';
import type { PortfolioWorkspace } from './portfolioWorkspace';

/** What the standard, version and option named in `portfolio.yaml` are, from the core. */
export class ConfigHoverProvider implements vscode.HoverProvider {
  constructor(private readonly workspace: PortfolioWorkspace) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const context = await configContextFor(this.workspace, document.uri);
    if (token.isCancellationRequested) return undefined;
    const hover = provideConfigHover(document, position, context);
    if (!hover) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(hover.markdown), toRange(hover.range));
  }
}
