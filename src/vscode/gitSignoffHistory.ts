// The editor's `SignoffHistorySource`: what VS Code's Git extension says of signed files, for
// `verify-signoffs`. Its API blames a file (git's default format) and describes a commit (its author's
// e-mail); it does not verify signatures, so under `signatures` a sign-off committed by its signer
// is "not checked" in the editor (`ksb check` judges the signature), and one committed by someone
// else is unverified as under `commits`. The core judges what this finds (rules/signoffUnverified.ts).
import * as vscode from 'vscode';
import {
  SIGNATURE_UNCHECKED,
  type CommitSignature,
  type FileHistory,
  type LineCommit,
  type SignoffHistory,
  type SignoffHistoryRequest,
  type SignoffHistorySource,
} from '../core';
import { gitRepositoryFor, type GitRepository } from './gitExtension';

/** One line of `git blame`'s default output: `^?hash [file] (author date time zone line) text`. */
const BLAME_LINE = /^\^?([0-9a-f]{7,64}) (?:.*? )?\((.*?) +(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}) +(\d+)\)/;

/** Git facts through the Git extension, for the files of one portfolio (`rootUri` and its paths are `file:` URIs' paths). */
export class GitExtensionSignoffHistory implements SignoffHistorySource {
  constructor(private readonly rootUri: vscode.Uri) {}

  async history(requests: readonly SignoffHistoryRequest[], withSignatures: boolean): Promise<SignoffHistory> {
    const files = new Map<string, FileHistory>();
    const repository = this.rootUri.scheme === 'file' ? await gitRepositoryFor(this.rootUri) : { problem: 'the portfolio is not on this machine' };
    if ('problem' in repository || !repository.blame) {
      const reason = 'problem' in repository ? repository.problem : "VS Code's Git extension cannot blame files here";
      for (const { path } of requests) files.set(path, { kind: 'unavailable', reason });
      return { files, signatures: new Map() };
    }
    const commits = new Map<string, Promise<LineCommit | undefined>>();
    for (const request of requests) files.set(request.path, await blamed(repository, request, commits));
    const signatures = new Map<string, CommitSignature>();
    if (withSignatures) {
      for (const commit of await Promise.all(commits.values())) if (commit?.commit) signatures.set(commit.commit, { status: SIGNATURE_UNCHECKED, signer: '' });
    }
    return { files, signatures };
  }
}

async function blamed(
  repository: GitRepository,
  { path, lines }: SignoffHistoryRequest,
  commits: Map<string, Promise<LineCommit | undefined>>,
): Promise<FileHistory> {
  let output: string;
  try {
    output = await repository.blame!(vscode.Uri.file(path).fsPath);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return /no such path|no such ref|bad revision/i.test(message) ? { kind: 'untracked' } : { kind: 'unavailable', reason: `git blame failed: ${message}` };
  }
  const wanted = new Set(lines);
  const result = new Map<number, LineCommit>();
  for (const row of output.split('\n')) {
    const match = BLAME_LINE.exec(row);
    if (!match) continue;
    const line = Number(match[4]) - 1;
    if (!wanted.has(line)) continue;
    const hash = match[1];
    if (/^0+$/.test(hash)) {
      result.set(line, { commit: undefined, authorName: '', authorEmail: '', time: Number.MAX_SAFE_INTEGER });
      continue;
    }
    let commit = commits.get(hash);
    if (!commit) {
      commit = repository.getCommit(hash).then(
        (found) => ({
          commit: found.hash,
          authorName: found.authorName ?? '',
          authorEmail: (found.authorEmail ?? '').toLowerCase(),
          time: found.commitDate ? Math.floor(found.commitDate.getTime() / 1000) : 0,
        }),
        () => undefined,
      );
      commits.set(hash, commit);
    }
    const found = await commit;
    if (found) result.set(line, found);
  }
  return { kind: 'blamed', lines: result };
}
