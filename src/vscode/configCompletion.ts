import * as vscode from 'vscode';
import { builtinCatalogue, provideConfigCompletions, type ConfigCompletionContext, type StandardVersion } from '../core';
import { CoreCompletionProvider } from './completion';
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
export class ConfigCompletionProvider extends CoreCompletionProvider {
  /** A space after the colon, and an opening quote, start a value. */
  static readonly triggerCharacters = [' ', '"'];

  protected async coreCompletions(document: vscode.TextDocument, position: vscode.Position) {
    const context = await configContextFor(this.workspace, document.uri);
    // The editor's text, not the index's: the value being typed is not saved yet.
    return provideConfigCompletions(document, position, context);
  }
}
