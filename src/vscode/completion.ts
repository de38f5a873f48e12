import * as vscode from 'vscode';
import { provideCompletions, relativePath, type KsbCompletionItem, type KsbCompletionKind, type KsbCompletionList } from '../core';
import { Commands } from './constants';
import { toRange } from './convert';
import type { PortfolioWorkspace } from './portfolioWorkspace';

/** VS Code's own command that opens the suggest widget, run after inserting `ksbs: []`. */
const TRIGGER_SUGGEST = 'editor.action.triggerSuggest';

const ITEM_KINDS: Readonly<Record<KsbCompletionKind, vscode.CompletionItemKind>> = {
  code: vscode.CompletionItemKind.EnumMember,
  field: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
};

/** A completion item whose Markdown documentation is built only when the editor shows it. */
export class KsbItem extends vscode.CompletionItem {
  constructor(readonly core: KsbCompletionItem) {
    super(core.label, ITEM_KINDS[core.kind]);
  }
}

/**
 * What the completion providers share: the core's list for a document as VS Code's, each item's
 * Markdown documentation built only when the editor shows it.
 */
export abstract class CoreCompletionProvider implements vscode.CompletionItemProvider<KsbItem> {
  constructor(protected readonly workspace: PortfolioWorkspace) {}

  /** The core's completions at `position`, or `undefined` when it offers none there. */
  protected abstract coreCompletions(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<KsbCompletionList | undefined>;

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionList<KsbItem> | undefined> {
    const list = await this.coreCompletions(document, position, token);
    if (!list || token.isCancellationRequested) return undefined;
    return new vscode.CompletionList(
      list.items.map((core) => toCompletionItem(core, document.uri)),
      list.isIncomplete,
    );
  }

  resolveCompletionItem(item: KsbItem): KsbItem {
    if (item.core.documentation !== undefined) item.documentation = new vscode.MarkdownString(item.core.documentation);
    return item;
  }
}

/** KSB codes, field names and today's date in evidence front matter, from the core. */
export class KsbCompletionProvider extends CoreCompletionProvider {
  /**
   * Opening a list or map, a comma or space between items, and the code letters: Markdown turns
   * quick suggestions off, so typing `K` would otherwise not open the list.
   */
  static readonly triggerCharacters = ['[', '{', ',', ' ', 'K', 'S', 'B'];

  protected async coreCompletions(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<KsbCompletionList | undefined> {
    // Typing before the config is read still gets the list, once it is.
    const open = await this.workspace.configuredPortfolioFor(document.uri);
    if (token.isCancellationRequested) return undefined;
    const portfolio = open?.index.portfolio;
    const relative = open && relativePath(open.index.root, document.uri.path);
    if (!portfolio || relative === undefined) return undefined;
    return provideCompletions(document, position, { portfolio, relativePath: relative });
  }
}

/** A core completion item as VS Code's, documentation left for `resolveCompletionItem`; `uri` is the document's, for commands run on it. */
export function toCompletionItem(core: KsbCompletionItem, uri?: vscode.Uri): KsbItem {
  const item = new KsbItem(core);
  item.detail = core.detail;
  item.insertText = core.snippet ? new vscode.SnippetString(core.insertText) : core.insertText;
  item.filterText = core.filterText;
  item.sortText = core.sortText;
  item.range = { inserting: toRange(core.range), replacing: toRange(core.replaceRange) };
  if (core.retrigger) item.command = { command: TRIGGER_SUGGEST, title: 'Suggest KSB codes' };
  if (core.action === 'sign-off') item.command = { command: Commands.signOffEvidence, title: 'Sign Off Evidence', arguments: uri ? [uri] : [] };
  return item;
}
