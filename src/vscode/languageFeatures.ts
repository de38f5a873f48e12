import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../core';
import { KsbCompletionProvider } from './completion';
import { ConfigCompletionProvider } from './configCompletion';
import { ConfigHoverProvider } from './configHover';
import { KsbHoverProvider } from './hover';
import type { PortfolioWorkspace } from './portfolioWorkspace';
import { KSB_TOKEN_LEGEND, KsbSemanticTokensProvider } from './semanticTokens';

/** Evidence files: Markdown on any scheme, so github.dev's virtual files are served too. */
const MARKDOWN: vscode.DocumentFilter = { language: 'markdown' };
/** The portfolio config, whatever language the editor gave it. */
const CONFIG: vscode.DocumentFilter = { pattern: `**/${CONFIG_FILE_NAME}` };

/** Registers completion, hover and code colouring in evidence, and completion and hover in `portfolio.yaml`; returns what to dispose on deactivation. */
export function registerLanguageFeatures(workspace: PortfolioWorkspace): vscode.Disposable {
  const semanticTokens = new KsbSemanticTokensProvider(workspace);
  return vscode.Disposable.from(
    semanticTokens,
    vscode.languages.registerDocumentSemanticTokensProvider(MARKDOWN, semanticTokens, KSB_TOKEN_LEGEND),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new KsbCompletionProvider(workspace), ...KsbCompletionProvider.triggerCharacters),
    vscode.languages.registerHoverProvider([MARKDOWN, CONFIG], new KsbHoverProvider(workspace)),
    vscode.languages.registerCompletionItemProvider(CONFIG, new ConfigCompletionProvider(workspace), ...ConfigCompletionProvider.triggerCharacters),
    vscode.languages.registerHoverProvider(CONFIG, new ConfigHoverProvider(workspace)),
  );
}
