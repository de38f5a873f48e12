import * as vscode from 'vscode';
import { coverageMarkdown } from '../../core';
import type { PortfolioWorkspace } from '../portfolioWorkspace';
import { choosePortfolio, refuseUntilConfigFixed } from './choosePortfolio';
import { today } from '../../core';

/** `ksbPortfolio.copyCoverageMarkdown`: puts a portfolio's coverage on the clipboard as Markdown and returns it. */
export async function copyCoverage(workspace: PortfolioWorkspace, root: vscode.Uri | undefined): Promise<string | undefined> {
  const portfolio = await choosePortfolio(workspace, root);
  if (!portfolio) return undefined;
  await workspace.settled();
  const coverage = portfolio.index.coverage();
  if (!coverage) return refuseUntilConfigFixed();
  const markdown = coverageMarkdown(coverage, { generatedOn: today() });
  await vscode.env.clipboard.writeText(markdown);
  const { covered, total } = coverage.summary;
  void vscode.window.showInformationMessage(`Copied the coverage of ${coverage.portfolio.standard.label} (${covered}/${total} KSBs) as Markdown.`);
  return markdown;
}
