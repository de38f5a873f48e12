// Completion and hover as the editor calls them: the core's providers (src/core/languageFeatures/)
// on an open document, with the loaded index answering evidence look-ups.
import { provideCompletions, provideHover, relativePath, type DocumentLines, type PortfolioIndex, type Position } from '../src/core';

/** Which implementation the figures come from, printed next to them. */
export const LANGUAGE_FEATURES_SOURCE = 'core providers: provideCompletions, provideHover (src/core/languageFeatures/)';

/** An open document as VS Code hands it to providers: lines already split, read on demand. */
export function openDocument(text: string): DocumentLines & { readonly lines: readonly string[] } {
  const lines = text.split(/\r\n|\r|\n/);
  return { lines, lineCount: lines.length, lineAt: (line: number) => ({ text: lines[line] }) };
}

/** Completion at `position` in the document at `path`, as the extension's provider asks for it. */
export function completeAt(index: PortfolioIndex, path: string, document: DocumentLines, position: Position) {
  const portfolio = index.portfolio;
  const relative = relativePath(index.root, path);
  if (!portfolio || relative === undefined) return undefined;
  return provideCompletions(document, position, { portfolio, relativePath: relative, today: '2026-06-30' });
}

/** Hover at `position`, with the index listing the evidence that claims the code. */
export function hoverAt(index: PortfolioIndex, document: DocumentLines, position: Position) {
  const portfolio = index.portfolio;
  if (!portfolio) return undefined;
  return provideHover(document.lineAt(position.line).text, position, {
    portfolio,
    standards: index.standards,
    evidenceFor: (code) => index.evidenceFor(code),
    linkTo: (reference) => `file://${index.root}/${reference.relativePath}#L${reference.range.start.line + 1}`,
  });
}
