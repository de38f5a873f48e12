import * as vscode from 'vscode';
import { bodyCodeShown, currentDigest, fileSignoffs, joinPath, proofWords, provideFieldHover, provideHover } from '../core';
import { toRange } from './convert';
import type { PortfolioWorkspace } from './portfolioWorkspace';
import { readSettings } from './settings';

/**
 * What a KSB code means and who claims it, on any code in a portfolio's Markdown or `portfolio.yaml`;
 * in Markdown front matter also what the apprenticeship's fields mean, and whether a sign-off's digest matches.
 */
export class KsbHoverProvider implements vscode.HoverProvider {
  constructor(private readonly workspace: PortfolioWorkspace) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    // A hover asked for before the config is read would come back empty, and the editor does not
    // ask again while the pointer stays still. The files need not be loaded: the hover says so.
    const open = await this.workspace.configuredPortfolioFor(document.uri);
    if (token.isCancellationRequested) return undefined;
    const portfolio = open?.index.portfolio;
    if (!open || !portfolio) return undefined;
    // In Markdown, a code of the body is hovered as the `bodyCodes` setting colours it.
    const shown = document.languageId !== 'markdown' || bodyCodeShown(document.getText(), document.offsetAt(position), readSettings(document.uri).bodyCodes);
    const hover = !shown
      ? undefined
      : provideHover(document.lineAt(position.line).text, position, {
          portfolio,
          standards: open.index.standards,
          evidenceFor: (code) => open.index.evidenceFor(code),
          evidencePending: open.index.isLoading,
          // A plain link to the file; the `#L<line>,<column>` fragment opens it at the claim.
          linkTo: (reference) =>
            open.fs
              .uri(joinPath(open.index.root, reference.relativePath))
              .with({ fragment: `L${reference.range.start.line + 1},${reference.range.start.character + 1}` })
              .toString(),
        });
    const onDigest = !hover && document.languageId === 'markdown' && /^\s*(-\s+)?digest\s*:/.test(document.lineAt(position.line).text);
    // A version-2 digest covers the linked files: read now, as a sign-off would read them.
    const digestV2 = onDigest ? await open.index.signoffDigestOf(document.uri.path, document.getText()) : undefined;
    const indexed = open.index.file(document.uri.path);
    const signoffs = onDigest && indexed ? fileSignoffs(indexed, open.index) : undefined;
    const entries = indexed?.analysis.frontMatter?.lifecycle?.signoffs ?? [];
    const field =
      hover || document.languageId !== 'markdown'
        ? undefined
        : provideFieldHover(document, position, {
            requires: portfolio.config.gateway?.requires,
            digestNow: (version) => {
              if (version === 2) return digestV2;
              const digest = currentDigest(document.getText(), 1);
              return digest.ok ? digest.digest : undefined;
            },
            proofAt: (line) => {
              const entry = entries.find((s) => s.range.start.line <= line && line <= s.range.end.line);
              const view = entry && signoffs?.signoffs.find((s) => s.index === entry.index);
              return view && (view.proof.state === 'verified' ? `verified, ${proofWords(view.proof)}` : proofWords(view.proof));
            },
          });
    const result = hover ?? field;
    if (!result) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(result.markdown), toRange(result.range));
  }
}
