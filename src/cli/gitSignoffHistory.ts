// What git says of signed files, for `verify-signoffs`: `git blame --porcelain` over each file's
// sign-off lines, a few files at a time, and one `git log --no-walk` for the signatures of the
// commits found. The core judges what this finds (rules/signoffUnverified.ts).
import { dirname } from 'node:path';
import type { CommitSignature, FileHistory, LineCommit, SignoffHistory, SignoffHistoryRequest, SignoffHistorySource } from '../core';
import { GitError, runGit } from './git';

/** Blames run at once: git is mostly process start-up, which overlaps well. */
const BLAME_CONCURRENCY = 8;

/** The commit id git gives lines that are not committed yet. */
const NOT_COMMITTED = /^0{40}$|^0{64}$/;

/** Commits a `git log --no-walk` is asked about at once, well within a command line's length. */
const SIGNATURE_BATCH = 500;

/** The CLI's `SignoffHistorySource`: git in a child process, never through a shell. */
export class GitSignoffHistory implements SignoffHistorySource {
  async history(requests: readonly SignoffHistoryRequest[], withSignatures: boolean): Promise<SignoffHistory> {
    const files = new Map<string, FileHistory>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++];
        files.set(request.path, await blame(request));
      }
    };
    await Promise.all(Array.from({ length: Math.min(BLAME_CONCURRENCY, requests.length) }, worker));
    const signatures = new Map<string, CommitSignature>();
    if (withSignatures) {
      const commits = new Map<string, string>();
      for (const [path, file] of files) {
        if (file.kind !== 'blamed') continue;
        for (const line of file.lines.values()) if (line.commit !== undefined && !commits.has(line.commit)) commits.set(line.commit, dirname(path));
      }
      const ids = [...commits.keys()];
      for (let i = 0; i < ids.length; i += SIGNATURE_BATCH) {
        const batch = ids.slice(i, i + SIGNATURE_BATCH);
        for (const [commit, signature] of await signaturesOf(commits.get(batch[0])!, batch)) signatures.set(commit, signature);
      }
    }
    return { files, signatures };
  }
}

/** The commits that last wrote the requested lines of one file. */
async function blame({ path, lines }: SignoffHistoryRequest): Promise<FileHistory> {
  const ranges = runsOf(lines).flatMap(([first, last]) => ['-L', `${first + 1},${last + 1}`]);
  let output: Buffer;
  try {
    output = await runGit(dirname(path), ['blame', '--porcelain', ...ranges, '--', path]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof GitError && error.code === 'ENOENT') return { kind: 'unavailable', reason: 'git is not installed' };
    if (/not a git repository/i.test(message)) return { kind: 'unavailable', reason: 'the portfolio is not in a git repository' };
    if (/no such path|no such ref|bad revision|does not have any commits/i.test(message)) return { kind: 'untracked' };
    return { kind: 'unavailable', reason: `git blame failed: ${message}` };
  }
  return { kind: 'blamed', lines: parsePorcelain(output.toString('utf8')) };
}

/** Parses `git blame --porcelain`: each line's commit, its author and committer time (given once per commit). */
export function parsePorcelain(text: string): Map<number, LineCommit> {
  const commits = new Map<string, { authorName: string; authorEmail: string; time: number }>();
  const result = new Map<number, LineCommit>();
  let current: { id: string; line: number } | undefined;
  const pending = new Map<number, string>();
  for (const row of text.split('\n')) {
    if (row.startsWith('\t')) {
      current = undefined;
      continue;
    }
    const header = /^([0-9a-f]{40,64}) \d+ (\d+)(?: \d+)?$/.exec(row);
    if (header) {
      current = { id: header[1], line: Number(header[2]) - 1 };
      pending.set(current.line, current.id);
      if (!commits.has(current.id)) commits.set(current.id, { authorName: '', authorEmail: '', time: 0 });
      continue;
    }
    if (!current) continue;
    const info = commits.get(current.id)!;
    const space = row.indexOf(' ');
    const key = space === -1 ? row : row.slice(0, space);
    const value = space === -1 ? '' : row.slice(space + 1);
    if (key === 'author') info.authorName = value;
    else if (key === 'author-mail') info.authorEmail = value.replace(/^<|>$/g, '').toLowerCase();
    else if (key === 'committer-time') info.time = Number(value);
  }
  for (const [line, id] of pending) {
    const info = commits.get(id)!;
    result.set(line, { commit: NOT_COMMITTED.test(id) ? undefined : id, authorName: info.authorName, authorEmail: info.authorEmail, time: info.time });
  }
  return result;
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

/** Sorted line numbers as runs of consecutive ones, `[first, last]` each. */
function runsOf(lines: readonly number[]): [number, number][] {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const line of sorted) {
    const last = runs[runs.length - 1];
    if (last && line === last[1] + 1) last[1] = line;
    else runs.push([line, line]);
  }
  return runs;
}
