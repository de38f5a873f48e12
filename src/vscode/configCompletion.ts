import * as vscode from 'vscode';
import { builtinCatalogue, provideConfigCompletions, type ConfigCompletionContext, type StandardVersion } from '../core';
import { toCompletionItem, type KsbItem } from './completion';
import type { PortfolioWorkspace } from './portfolioWorkspace';

/** Whether a version is the shipped one: the index's catalogue holds the shipped objects themselves. */
export function isShipped(standard: StandardVersion): boolean {
  return builtinCatalogue().get(standard.reference, standard.version) === standard;
}

/**
 * The catalogue and shipped test for a `portfolio.yaml`: its portfolio's, once the config has been
 * read, or the shipped standards for a config no portfolio has opened yet.
 */
export async function configContextFor(workspace: PortfolioWorkspace, uri: vscode.Uri): Promise<ConfigCompletionContext> {
  const open = await workspace.configuredPortfolioFor(uri);
  return { catalogue: open?.index.standards ?? builtinCatalogue(), isShipped };
}

/** Standards, versions, options and field names in `portfolio.yaml`, from the core. */
export class ConfigCompletionProvider implements vscode.CompletionItemProvider<KsbItem> {
  /** A space after the colon, and an opening quote, start a value. */
  static readonly triggerCharacters = [' ', '"'];

  constructor(private readonly workspace: PortfolioWorkspace) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionList<KsbItem> | undefined> {
    const context = await configContextFor(this.workspace, document.uri);
    if (token.isCancellationRequested) return undefined;
    // The editor's text, not the index's: the value being typed is not saved yet.
    const list = provideConfigCompletions(document, position, context);
    if (!list) return undefined;
    return new vscode.CompletionList(
      list.items.map((core) => toCompletionItem(core)),
      list.isIncomplete,
    );
  }

  resolveCompletionItem(item: KsbItem): KsbItem {
    if (item.core.documentation !== undefined) item.documentation = new vscode.MarkdownString(item.core.documentation);
    return item;
  }
}
