import * as vscode from 'vscode';

// The few members of VS Code's Git extension API (extensions/git/src/api/git.d.ts, version 1)
// that Compare with Branch uses, declared here rather than copying the whole file.

/** What `vscode.extensions.getExtension('vscode.git').exports` is. */
export interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The Git extension's API, version 1. */
export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

/** A branch, remote branch or tag. */
export interface GitRef {
  /** 0 a local branch, 1 a remote branch, 2 a tag. */
  readonly type: 0 | 1 | 2;
  readonly name?: string;
  readonly commit?: string;
}

/** One changed file as the Git extension reports it. */
export interface GitChange {
  readonly uri: vscode.Uri;
  readonly originalUri: vscode.Uri;
  readonly renameUri: vscode.Uri | undefined;
  readonly status: number;
}

/** The Git extension's `Status` values this command reads. */
export const GitStatus = { added: 1, renamed: 3, modified: 5, deleted: 6, untracked: 7 } as const;

/** One repository the Git extension has open. */
export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly refs: readonly GitRef[];
    readonly workingTreeChanges: readonly GitChange[];
    /** Where `git.untrackedChanges` is `separate` (newer API versions). */
    readonly untrackedChanges?: readonly GitChange[];
    /** Fires when the repository changes: a commit, a checkout, a pull. */
    readonly onDidChange?: vscode.Event<void>;
  };
  /** Rejects when `ref` names no commit. */
  getCommit(ref: string): Promise<{ readonly hash: string; readonly authorName?: string; readonly authorEmail?: string; readonly commitDate?: Date }>;
  /** `git blame -- path` as git prints it by default; `path` is absolute. */
  blame?(path: string): Promise<string>;
  getRefs?(query?: { readonly sort?: 'alphabetically' | 'committerdate' }): Promise<GitRef[]>;
  /** The files whose working tree content differs from `ref`'s (untracked ones not included). */
  diffWith(ref: string): Promise<GitChange[]>;
  /** A file's bytes at `ref`; `path` is absolute. */
  buffer(ref: string, path: string): Promise<Uint8Array>;
  status?(): Promise<void>;
}

/** Why there is no repository to compare with, in one sentence for the user. */
export type GitUnavailable = { readonly problem: string };

const GIT_EXTENSION_ID = 'vscode.git';

/** The repository holding `folder`, from the Git extension, or what stands in the way. */
export async function gitRepositoryFor(folder: vscode.Uri): Promise<GitRepository | GitUnavailable> {
  const extension = vscode.extensions.getExtension<GitExtension>(GIT_EXTENSION_ID);
  if (!extension)
    return { problem: "VS Code's Git extension (vscode.git) is not installed or not available here, and comparing with a branch reads git through it." };
  let exports: GitExtension;
  try {
    exports = extension.isActive ? extension.exports : await extension.activate();
  } catch (error) {
    return {
      problem: `VS Code's Git extension failed to start (${error instanceof Error ? error.message : String(error)}), and comparing with a branch reads git through it.`,
    };
  }
  if (!exports?.enabled) return { problem: "VS Code's Git extension is disabled (setting `git.enabled`): enable it to compare with a branch." };
  let api: GitApi;
  try {
    api = exports.getAPI(1);
  } catch (error) {
    return { problem: `VS Code's Git extension has no API to offer (${error instanceof Error ? error.message : String(error)}): is git installed?` };
  }
  if (api.state !== 'initialized' && !(await initialized(api))) {
    return { problem: "VS Code's Git extension has not finished looking for repositories: try again in a moment." };
  }
  const repository = api.getRepository(folder) ?? (folder.scheme === 'file' ? await api.openRepository?.(folder).catch(() => null) : null);
  return (
    repository ?? {
      problem: `${folder.scheme === 'file' ? folder.fsPath : folder.toString()} is not in a git repository: expected a folder of one to compare with a branch.`,
    }
  );
}

/** How long the Git extension may take to look for repositories before the command gives up. */
const INITIALIZE_TIMEOUT_MS = 15_000;

/** Whether the Git extension finishes looking for repositories in time. */
function initialized(api: GitApi): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(ready);
    };
    const timer = setTimeout(() => done(false), INITIALIZE_TIMEOUT_MS);
    const listener = api.onDidChangeState((state) => state === 'initialized' && done(true));
  });
}
