// What git says of signed files, for `verify-signoffs`. A handful of git commands, however many
// files are signed: where the portfolio sits in its repository, what is untracked or changed
// there (and the changes against HEAD, when there are some), one walk of the folder's history
// (gitLineHistory.ts traces each sign-off line through it to the commit that wrote it, as
// `git blame` would), and one `git log --no-walk` for the signatures of the commits found. The core judges what this finds
// (rules/signoffUnverified.ts).
import { posix } from 'node:path';
import type { CommitSignature, FileHistory, LineCommit, SignoffHistory, SignoffHistoryRequest, SignoffHistorySource } from '../core';
import { GitError, runGit } from './git';
import { WALK_OPTIONS, lineBefore, parseDiff, parseWalk, traceLines, type FileDiff, type TraceRequest, type WalkedCommit } from './gitLineHistory';

/** Commits a `git log --no-walk` is asked about at once, well within a command line's length. */
const SIGNATURE_BATCH = 500;

/**
 * Options that keep git's output what the parser reads, whatever the user's configuration: no
 * colour, no external or text-converted diffs, `a/` and `b/` prefixes, paths from the top.
 */
const DIFF_CONFIG = ['-c', 'diff.relative=false', '-c', 'diff.noprefix=false', '-c', 'diff.mnemonicPrefix=false', '-c', 'log.showSignature=false'];
const DIFF_OPTIONS = ['--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '--unified=0', '-M'];

/** What blame says of a line changed in the working tree: no commit yet. */
const NOT_COMMITTED = { commit: undefined, authorName: 'Not Committed Yet', authorEmail: 'not.committed.yet' } as const;

/** The history of one folder, read once: enough to trace any line of any file in it. */
type FolderHistory =
  | { readonly kind: 'unavailable'; readonly reason: string }
  /** A repository without commits: nothing in it is committed. */
  | { readonly kind: 'no-commits' }
  | {
      readonly kind: 'walked';
      readonly folder: string;
      /** The folder's path from the repository's top, with a trailing `/` (empty at the top). */
      readonly prefix: string;
      /** The untracked files (from the top): no line of theirs is committed. */
      readonly untracked: ReadonlySet<string>;
      /** The working tree against HEAD, by path from the top. */
      readonly working: ReadonlyMap<string, FileDiff>;
      readonly commits: readonly WalkedCommit[];
    };

/**
 * The CLI's `SignoffHistorySource`: git in child processes, never through a shell. The history of
 * `root` (the portfolio's folder) is read on the first question and kept: one is made per command
 * run, which reads the repository as it is then.
 */
export class GitSignoffHistory implements SignoffHistorySource {
  private folder: Promise<FolderHistory> | undefined;
  private readonly signatures = new Map<string, CommitSignature>();

  constructor(
    /** The folder whose files are asked about (absolute, `/` separators); absent: the folder the first question's files share. */
    private readonly root?: string,
  ) {}

  /** Starts reading the history of the portfolio's folder, while the index reads the files. */
  prepare(): void {
    if (this.root !== undefined) this.folder ??= readFolderHistory(this.root);
  }

  async history(requests: readonly SignoffHistoryRequest[], withSignatures: boolean): Promise<SignoffHistory> {
    const files = new Map<string, FileHistory>();
    if (requests.length === 0) return { files, signatures: new Map() };
    this.folder ??= readFolderHistory(this.root ?? commonFolder(requests.map((request) => request.path)));
    const history = await this.folder;
    if (history.kind === 'unavailable') {
      for (const { path } of requests) files.set(path, { kind: 'unavailable', reason: history.reason });
      return { files, signatures: new Map() };
    }
    if (history.kind === 'no-commits') {
      for (const { path } of requests) files.set(path, { kind: 'untracked' });
      return { files, signatures: new Map() };
    }
    for (const [path, file] of traceRequests(history, requests)) files.set(path, file);
    const signatures = new Map<string, CommitSignature>();
    if (withSignatures) {
      const wanted = new Set<string>();
      for (const file of files.values()) {
        if (file.kind !== 'blamed') continue;
        for (const line of file.lines.values()) if (line.commit !== undefined) wanted.add(line.commit);
      }
      const unasked = [...wanted].filter((commit) => !this.signatures.has(commit));
      for (let i = 0; i < unasked.length; i += SIGNATURE_BATCH) {
        for (const [commit, signature] of await signaturesOf(history.folder, unasked.slice(i, i + SIGNATURE_BATCH))) this.signatures.set(commit, signature);
      }
      for (const commit of wanted) {
        const signature = this.signatures.get(commit);
        if (signature) signatures.set(commit, signature);
      }
    }
    return { files, signatures };
  }
}

/** Each requested file's lines traced through the working tree's changes and then the walk. */
function traceRequests(history: Extract<FolderHistory, { kind: 'walked' }>, requests: readonly SignoffHistoryRequest[]): Map<string, FileHistory> {
  const files = new Map<string, FileHistory>();
  const now = Math.floor(Date.now() / 1000);
  // Per file walked: its answers, and the line asked about for each of its lines at HEAD.
  const walked: { lines: Map<number, LineCommit>; asked: Map<number, number> }[] = [];
  const walk: TraceRequest[] = [];
  for (const request of requests) {
    const inFolder = posix.relative(history.folder, request.path);
    const path = history.prefix + inFolder;
    if (inFolder.startsWith('..') || posix.isAbsolute(inFolder) || history.untracked.has(path)) {
      files.set(request.path, { kind: 'untracked' });
      continue;
    }
    const lines = new Map<number, LineCommit>();
    files.set(request.path, { kind: 'blamed', lines });
    const change = history.working.get(path);
    const asked = new Map<number, number>();
    for (const line of request.lines) {
      // A file new in the index (no old path) has none of its lines committed.
      const before = !change ? { added: false as const, line } : change.oldPath === undefined ? { added: true as const } : lineBefore(change.hunks, line);
      if (before.added) lines.set(line, { ...NOT_COMMITTED, time: now });
      else asked.set(before.line, line);
    }
    if (asked.size === 0) continue;
    walked.push({ lines, asked });
    walk.push({ path: change?.oldPath ?? path, lines: [...asked.keys()] });
  }
  traceLines(history.commits, walk).forEach((answer, index) => {
    const { lines, asked } = walked[index];
    for (const [atHead, commit] of answer) lines.set(asked.get(atHead)!, commit);
  });
  return files;
}

/** Reads what git says of `folder`: where it is in its repository, what is untracked or changed, and its history. */
async function readFolderHistory(folder: string): Promise<FolderHistory> {
  // Three commands at once; the working tree's changes need a fourth only when there are some.
  const settled = await Promise.allSettled([
    runGit(folder, ['rev-parse', '--show-prefix', '--verify', '--quiet', 'HEAD^{commit}']),
    runGit(folder, ['-c', 'status.relativePaths=false', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.']),
    runGit(folder, [...DIFF_CONFIG, 'log', ...WALK_OPTIONS, ...DIFF_OPTIONS, 'HEAD', '--', '.']),
  ]);
  const [head, status, walk] = settled;
  if (head.status === 'rejected') {
    const reason = gitFailure(head.reason, 'git rev-parse');
    // `--verify --quiet` fails without a word when HEAD names no commit: a repository without commits.
    return head.reason instanceof GitError && head.reason.silent ? { kind: 'no-commits' } : { kind: 'unavailable', reason };
  }
  if (status.status === 'rejected') return { kind: 'unavailable', reason: gitFailure(status.reason, 'git status') };
  if (walk.status === 'rejected') return { kind: 'unavailable', reason: gitFailure(walk.reason, 'git log') };
  const prefix = head.value.toString('utf8').split(/\r?\n/)[0];
  const { untracked, changed } = readStatus(status.value);
  let working = new Map<string, FileDiff>();
  if (changed) {
    try {
      working = parseDiff((await runGit(folder, [...DIFF_CONFIG, 'diff', ...DIFF_OPTIONS, 'HEAD', '--', '.'])).toString('utf8').split('\n'));
    } catch (error) {
      return { kind: 'unavailable', reason: gitFailure(error, 'git diff') };
    }
  }
  return { kind: 'walked', folder, prefix, untracked, working, commits: parseWalk(walk.value.toString('utf8')) };
}

/** `git status --porcelain=v1 -z`: the untracked files (from the top), and whether anything tracked changed against HEAD. */
function readStatus(output: Buffer): { untracked: Set<string>; changed: boolean } {
  const untracked = new Set<string>();
  let changed = false;
  const fields = output.toString('utf8').split('\0');
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i];
    if (entry.length < 4) continue;
    const code = entry.slice(0, 2);
    if (code === '??') untracked.add(entry.slice(3));
    else if (code !== '!!') changed = true;
    // A rename or copy is followed by the old path, in a field of its own.
    if (code[0] === 'R' || code[0] === 'C') i++;
  }
  return { untracked, changed };
}

/** Why git could not answer, in a few words. */
function gitFailure(error: unknown, command: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof GitError && error.code === 'ENOENT') return 'git is not installed';
  if (/not a git repository/i.test(message)) return 'the portfolio is not in a git repository';
  return `${command} failed: ${message}`;
}

/** The deepest folder holding every one of `paths`. */
function commonFolder(paths: readonly string[]): string {
  let common = posix.dirname(paths[0]);
  for (const path of paths) while (common !== posix.dirname(common) && !path.startsWith(`${common}/`)) common = posix.dirname(common);
  return common;
}

/** git's verdict on each commit's signature (`%G?`, `%GS`), with the keys the repository's and the user's git configuration trust. */
async function signaturesOf(cwd: string, commits: readonly string[]): Promise<Map<string, CommitSignature>> {
  const result = new Map<string, CommitSignature>();
  let output: Buffer;
  try {
    output = await runGit(cwd, ['log', '--no-walk=unsorted', '--format=%H%x1f%G?%x1f%GS%x1e', ...commits]);
  } catch {
    return result;
  }
  for (const record of output.toString('utf8').split('\x1e')) {
    const [commit, status, signer] = record.trim().split('\x1f');
    if (commit && status) result.set(commit, { status, signer: signer ?? '' });
  }
  return result;
}
