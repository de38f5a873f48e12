import * as vscode from 'vscode';
import {
  BaseOverHeadFileSystem,
  comparePortfolio,
  latestDayOnEarth,
  portfolioDiffMarkdown,
  relativePath,
  today,
  type ChangedPath,
  type PortfolioDiff,
} from '../../core';
import { GitStatus, gitRepositoryFor, type GitChange, type GitRef, type GitRepository } from '../gitExtension';
import { portfolioLabel } from '../labels';
import { excludedMatcher, type OpenPortfolio, type PortfolioWorkspace } from '../portfolioWorkspace';
import { VscodeFileSystem } from '../vscodeFileSystem';
import { choosePortfolio } from './choosePortfolio';

/** Arguments of `ksbPortfolio.compareWithBranch`; with a `ref` nothing is asked. */
export interface CompareWithBranchArgs {
  /** A file or folder inside the portfolio to compare; default: the active portfolio. */
  readonly portfolio?: vscode.Uri;
  /** The branch, tag or commit to compare the working tree with. */
  readonly ref?: string;
}

/** What the command showed: the diff, its Markdown and the document previewed; or the one problem it reported. */
export type ComparisonResult =
  { readonly ref: string; readonly diff: PortfolioDiff; readonly markdown: string; readonly document: vscode.Uri } | { readonly problem: string };

/** The scheme of the read-only documents the comparisons are previewed from. */
export const COMPARISON_SCHEME = 'ksb-portfolio-comparison';

/**
 * The read-only Markdown documents of the comparisons shown, by URI. A virtual document rather
 * than an untitled one: the preview renders it as any Markdown, and closing it asks nothing.
 */
export class ComparisonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly documents = new Map<string, string>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  /** Holds `markdown` as the document `uri`, telling an open preview of it to redraw. */
  set(uri: vscode.Uri, markdown: string): void {
    this.documents.set(uri.toString(), markdown);
    this.changeEmitter.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.documents.get(uri.toString()) ?? 'This comparison is no longer held: run **KSB Portfolio: Compare with Branch...** again.\n';
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/**
 * `ksbPortfolio.compareWithBranch`: compares the portfolio's files in the working tree with a
 * branch, tag or commit read through VS Code's Git extension (what `ksb diff REF` says), and
 * shows the Markdown in a preview. Returns what it showed, the problem it reported, or
 * `undefined` when cancelled.
 */
export async function compareWithBranch(
  workspace: PortfolioWorkspace,
  documents: ComparisonDocuments,
  args: CompareWithBranchArgs,
  clicked: vscode.Uri | undefined,
): Promise<ComparisonResult | undefined> {
  const portfolio = await choosePortfolio(workspace, args.portfolio ?? clicked);
  if (!portfolio) return undefined;
  const repository = await gitRepositoryFor(portfolio.rootUri);
  if ('problem' in repository) return report(repository.problem);
  const ref = args.ref ?? (await pickRef(repository, portfolio));
  if (ref === undefined) return undefined;
  // git would read a leading dash as an option.
  if (ref.trim() === '' || ref.startsWith('-') || /[\0\r\n]/.test(ref))
    return report(`Unknown revision ${JSON.stringify(ref)}: expected a branch, tag or commit.`);

  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Comparing the portfolio with ${ref}` }, async () => {
    let changes: ChangedPath[];
    try {
      // The commit first: an unknown ref must not pass for one with no changes.
      await repository.getCommit(ref);
      await repository.status?.();
      changes = changedPaths(await repository.diffWith(ref), untracked(repository), portfolio.rootUri);
    } catch (error) {
      return report(`Unknown revision ${JSON.stringify(ref)}, or git could not compare with it: ${errorText(error)}`);
    }
    const root = portfolio.rootUri.path;
    const head = new VscodeFileSystem(portfolio.rootUri);
    const readBase = async (relative: string) => repository.buffer(ref, vscode.Uri.joinPath(portfolio.rootUri, relative).fsPath);
    const diff = await comparePortfolio({
      root,
      head,
      base: async () => ({ fileSystem: new BaseOverHeadFileSystem(head, root, changes, readBase), changes }),
      indexOptions: { isExcluded: excludedMatcher(portfolio.rootUri), today: () => today(), latestToday: () => latestDayOnEarth(new Date()) },
    });
    const folder = relativePath(repository.rootUri.path, root) ?? '';
    const markdown = portfolioDiffMarkdown(diff, { base: ref, head: undefined, folder });
    const document = comparisonUri(portfolio, ref);
    documents.set(document, markdown);
    await vscode.commands.executeCommand('markdown.showPreview', document);
    return { ref, diff, markdown, document };
  });
}

/** Shows `problem` as the command's one message and returns it for a caller to read. */
function report(problem: string): ComparisonResult {
  void vscode.window.showErrorMessage(`Compare with Branch: ${problem}`);
  return { problem };
}

/** The branches, then the tags and remote branches, to pick from; the current commit first. */
async function pickRef(repository: GitRepository, portfolio: OpenPortfolio): Promise<string | undefined> {
  const refs = (await repository.getRefs?.({ sort: 'committerdate' }).catch(() => undefined)) ?? repository.state.refs;
  const kinds = ['branch', 'remote branch', 'tag'] as const;
  const order = [0, 2, 1];
  const named = refs.filter((ref): ref is GitRef & { name: string } => typeof ref.name === 'string' && ref.name !== '');
  const items = [
    { label: 'HEAD', description: 'the last commit', ref: 'HEAD' },
    ...named
      .sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))
      .map((ref) => ({ label: ref.name, description: `${kinds[ref.type] ?? 'ref'}${ref.commit ? ` ${ref.commit.slice(0, 8)}` : ''}`, ref: ref.name })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Compare ${portfolioLabel(portfolio.rootUri)} with`,
    placeHolder: 'A branch, tag or commit: the working tree is compared with it',
    matchOnDescription: true,
  });
  return picked?.ref;
}

/** Untracked files are new in the working tree, though `diffWith` does not name them. */
function untracked(repository: GitRepository): readonly GitChange[] {
  const { untrackedChanges, workingTreeChanges } = repository.state;
  return [...(untrackedChanges ?? []), ...workingTreeChanges.filter((change) => change.status === GitStatus.untracked)];
}

/** The Git extension's changes inside the portfolio, in paths relative to its root. */
function changedPaths(changes: readonly GitChange[], untrackedFiles: readonly GitChange[], rootUri: vscode.Uri): ChangedPath[] {
  const inside = (uri: vscode.Uri | undefined) => (uri ? relativePath(rootUri.path, uri.path) || undefined : undefined);
  const result: ChangedPath[] = [];
  for (const change of changes) {
    const path = inside(change.uri);
    if (change.status === GitStatus.deleted) result.push({ basePath: path, headPath: undefined, contentChanged: false });
    else if (change.status === GitStatus.added) result.push({ basePath: undefined, headPath: path, contentChanged: true });
    // The API gives no similarity, so a renamed file is read again on both sides.
    else if (change.status === GitStatus.renamed)
      result.push({ basePath: inside(change.originalUri), headPath: inside(change.renameUri ?? change.uri), contentChanged: true });
    else result.push({ basePath: path, headPath: path, contentChanged: true });
  }
  for (const change of untrackedFiles) result.push({ basePath: undefined, headPath: inside(change.uri), contentChanged: true });
  return result.filter((change) => change.basePath !== undefined || change.headPath !== undefined);
}

/** One document per portfolio and ref, named so the preview's tab says what it compares. */
function comparisonUri(portfolio: OpenPortfolio, ref: string): vscode.Uri {
  const name = `${portfolioLabel(portfolio.rootUri)} compared with ${ref}`.replace(/[\\/]/g, '-');
  return vscode.Uri.from({ scheme: COMPARISON_SCHEME, path: `/${name}.md`, query: portfolio.rootUri.toString() });
}

/** The Git extension rejects with its own error objects, whose stderr says more than the message. */
function errorText(error: unknown): string {
  const details = (error ?? {}) as { stderr?: unknown; message?: unknown };
  if (typeof details.stderr === 'string' && details.stderr.trim() !== '') return details.stderr.trim().split('\n')[0];
  return typeof details.message === 'string' ? details.message : String(error);
}
