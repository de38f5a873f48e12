// Which commit last wrote each line of a file, as `git blame` says, found from one walk of the
// history instead of one blame per file: `git log -m -p --unified=0` over the portfolio's folder
// is read once into each commit's hunks against each parent, and a file's lines are traced back
// through them, newest first, to the commit whose diff added them. Lines unchanged against a
// parent pass to that parent, as blame passes them; a file renamed in a commit is followed to its
// old name. Pure: the git commands that feed it are in gitSignoffHistory.ts.
import type { LineCommit } from '../core';

/** A hunk of a `--unified=0` diff, 1-based as git writes it: `@@ -oldStart,oldCount +newStart,newCount @@`. */
export interface Hunk {
  readonly oldStart: number;
  readonly oldCount: number;
  readonly newStart: number;
  readonly newCount: number;
}

/** How one file differs from a parent: its name there (`undefined` when the file is new) and the hunks. */
export interface FileDiff {
  readonly oldPath: string | undefined;
  readonly hunks: readonly Hunk[];
}

/** One commit of the walk: its parents as the walk rewrote them, author, committer time and its diff against each parent. */
export interface WalkedCommit {
  readonly id: string;
  readonly parents: readonly string[];
  readonly authorName: string;
  readonly authorEmail: string;
  readonly time: number;
  /**
   * By parent id (`''` for a commit without parents), the files that differ from that parent.
   * git shows no diff against a parent the walked files are all the same in: no entry.
   */
  readonly diffs: Map<string, Map<string, FileDiff>>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The options of `git log` whose output parseWalk reads (with the diff options and `-- folder`). */
export const WALK_OPTIONS = ['--topo-order', '--parents', '-m', '-p', '--pretty=raw', '--no-decorate', '--no-abbrev-commit'];

/** A commit's first line in the raw format: its id, its parents as rewritten, and with `-m` the parent a merge's diff is against. */
const COMMIT_LINE = /^commit ([0-9a-f]{40,64})((?: [0-9a-f]{40,64})*)(?: \(from ([0-9a-f]{40,64})\))?$/;

/** An `author` or `committer` line of the raw format: name, e-mail, seconds since 1970 and zone. */
const IDENTITY_LINE = /^(author|committer) (.*?) ?<([^>]*)> (-?\d+)(?: [+-]\d{4})?$/;

/**
 * Reads `git log WALK_OPTIONS --unified=0` output: the commits in the order git gave them (newest
 * first, children before parents). `-m` repeats a merge's header before its diff against each
 * parent it differs from, naming the parent (`(from P)`).
 */
export function parseWalk(text: string): WalkedCommit[] {
  const commits: WalkedCommit[] = [];
  let current: Mutable<WalkedCommit> | undefined;
  let diffLines: string[] = [];
  let against = '';
  let inHeader = false;
  const finishDiff = () => {
    if (current && diffLines.length > 0) {
      const files = parseDiff(diffLines);
      const known = current.diffs.get(against);
      if (known) for (const [path, diff] of files) known.set(path, diff);
      else current.diffs.set(against, files);
    }
    diffLines = [];
  };
  for (const line of text.split('\n')) {
    const header = line.startsWith('commit ') ? COMMIT_LINE.exec(line) : null;
    if (header) {
      finishDiff();
      const [, id, parentList, from] = header;
      const parents = parentList.trim() === '' ? [] : parentList.trim().split(' ');
      if (!current || current.id !== id) {
        current = { id, parents, authorName: '', authorEmail: '', time: 0, diffs: new Map() };
        commits.push(current);
      }
      against = from ?? parents[0] ?? '';
      inHeader = true;
      continue;
    }
    if (!current) continue;
    if (inHeader) {
      // The header ends at the blank line before the message, which is indented and says nothing here.
      if (line === '') inHeader = false;
      const identity = IDENTITY_LINE.exec(line);
      if (identity?.[1] === 'author') {
        current.authorName = identity[2];
        current.authorEmail = identity[3].toLowerCase();
      } else if (identity?.[1] === 'committer') current.time = Number(identity[4]);
      continue;
    }
    if (line.startsWith('    ')) continue;
    diffLines.push(line);
  }
  finishDiff();
  return commits;
}

/**
 * Reads a `git diff --unified=0` (or one commit's part of `git log -p`): each file's new path,
 * old path and hunks. Deleted files are left out (no line of theirs is asked about).
 */
export function parseDiff(lines: readonly string[]): Map<string, FileDiff> {
  const files = new Map<string, FileDiff>();
  let file: { oldPath: string | undefined; newPath: string | undefined; deleted: boolean; hunks: Hunk[] } | undefined;
  const finish = () => {
    if (file && !file.deleted && file.newPath !== undefined) files.set(file.newPath, { oldPath: file.oldPath, hunks: file.hunks });
  };
  for (const line of lines) {
    if (line.startsWith('diff --git ')) {
      finish();
      const [oldPath, newPath] = diffGitPaths(line.slice('diff --git '.length));
      file = { oldPath, newPath, deleted: false, hunks: [] };
      continue;
    }
    if (!file) continue;
    const first = line.charCodeAt(0);
    // Content lines (`+`, `-`, ` `, `\ No newline`) say nothing of where lines went but through the hunk header.
    if (first === 0x2b /* + */ && line.startsWith('+++ ')) {
      const path = diffPath(line.slice(4), 'b/');
      if (path === null) file.deleted = true;
      else if (path !== undefined) file.newPath = path;
    } else if (first === 0x2d /* - */ && line.startsWith('--- ')) {
      const path = diffPath(line.slice(4), 'a/');
      if (path === null) file.oldPath = undefined;
      else if (path !== undefined) file.oldPath = path;
    } else if (first === 0x40 /* @ */) {
      const hunk = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (hunk) {
        file.hunks.push({
          oldStart: Number(hunk[1]),
          oldCount: hunk[2] === undefined ? 1 : Number(hunk[2]),
          newStart: Number(hunk[3]),
          newCount: hunk[4] === undefined ? 1 : Number(hunk[4]),
        });
      }
    } else if (line.startsWith('new file mode ')) file.oldPath = undefined;
    else if (line.startsWith('deleted file mode ')) file.deleted = true;
    else if (line.startsWith('rename from ')) file.oldPath = unquote(line.slice('rename from '.length));
    else if (line.startsWith('rename to ')) file.newPath = unquote(line.slice('rename to '.length));
  }
  finish();
  return files;
}

/** The two paths of a `diff --git a/X b/Y` line: quoted, or unquoted and the same (a rename names them again below). */
function diffGitPaths(rest: string): [string | undefined, string | undefined] {
  if (rest.startsWith('"')) {
    const first = readQuoted(rest, 0);
    if (!first) return [undefined, undefined];
    const second = rest.slice(first.end + 1);
    const newPath = second.startsWith('"') ? readQuoted(second, 0)?.value : second;
    return [stripPrefix(first.value, 'a/'), newPath === undefined ? undefined : stripPrefix(newPath, 'b/')];
  }
  // `a/P b/P`: without a rename both halves are the same path, spaces and all.
  const length = (rest.length - 5) / 2;
  if (
    Number.isInteger(length) &&
    rest.startsWith('a/') &&
    rest.slice(length + 2, length + 5) === ' b/' &&
    rest.slice(2, length + 2) === rest.slice(length + 5)
  ) {
    const path = rest.slice(2, length + 2);
    return [path, path];
  }
  if (rest.endsWith('"')) {
    const quoteAt = rest.lastIndexOf(' "');
    const newPath = quoteAt === -1 ? undefined : readQuoted(rest, quoteAt + 1)?.value;
    return [stripPrefix(rest.slice(0, quoteAt), 'a/'), newPath === undefined ? undefined : stripPrefix(newPath, 'b/')];
  }
  return [undefined, undefined];
}

/** A path of a `---`/`+++` line: `null` for /dev/null, `undefined` when it cannot be read. */
function diffPath(written: string, prefix: string): string | null | undefined {
  // git ends a path holding spaces with a tab on these lines.
  const text = written.endsWith('\t') ? written.slice(0, -1) : written;
  if (text === '/dev/null') return null;
  const path = text.startsWith('"') ? readQuoted(text, 0)?.value : text;
  return path === undefined ? undefined : stripPrefix(path, prefix);
}

function stripPrefix(path: string | undefined, prefix: string): string | undefined {
  return path?.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** A path as written after `rename from`/`rename to`: C-quoted when it holds special characters. */
function unquote(text: string): string {
  return text.startsWith('"') ? (readQuoted(text, 0)?.value ?? text) : text;
}

const ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 0x22, '\\': 0x5c };

/** A C-quoted string as git writes odd paths (`"caf\303\251.md"`) from `start`, its bytes read as UTF-8, and the index after its closing quote. */
export function readQuoted(text: string, start: number): { value: string; end: number } | undefined {
  if (text[start] !== '"') return undefined;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '"') return { value: new TextDecoder().decode(new Uint8Array(bytes)), end: i + 1 };
    if (char !== '\\') {
      bytes.push(...encoder.encode(char));
      continue;
    }
    const next = text[++i];
    if (next === undefined) return undefined;
    if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(text.slice(i))![0];
      bytes.push(parseInt(octal, 8) & 0xff);
      i += octal.length - 1;
    } else bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
  }
  return undefined;
}

/** Where a 0-based line of a diff's new side came from: `added` by it, or its 0-based line on the old side. */
export function lineBefore(hunks: readonly Hunk[], line: number): { added: true } | { added: false; line: number } {
  let shift = 0;
  for (const hunk of hunks) {
    // With no new lines, a hunk only deletes: after new line `newStart` (1-based), so before 0-based line `newStart`.
    const firstNew = hunk.newCount === 0 ? hunk.newStart : hunk.newStart - 1;
    if (line < firstNew) break;
    if (line < firstNew + hunk.newCount) return { added: true };
    shift += hunk.oldCount - hunk.newCount;
  }
  return { added: false, line: line + shift };
}

/** One line being traced: which request and line it answers, and where it is in the commit being looked at. */
interface Traced {
  readonly request: number;
  readonly line: number;
  at: number;
}

/** A file of one commit whose lines are being traced: by path, the lines. */
type Pending = Map<string, Traced[]>;

/** One file's lines to trace: its path in the repository, and the 0-based lines of the file as it is at the walk's newest commit. */
export interface TraceRequest {
  readonly path: string;
  readonly lines: readonly number[];
}

/**
 * The commit that wrote each asked line, as blame finds it, from a walk parsed by parseWalk
 * (newest first, children before parents). Each answer's `order` is its commit's place in the
 * walk, lower being newer. A line the walk does not account for is left out.
 */
export function traceLines(commits: readonly WalkedCommit[], requests: readonly TraceRequest[]): Map<number, LineCommit>[] {
  const answers = requests.map(() => new Map<number, LineCommit>());
  if (commits.length === 0) return answers;
  const place = new Map(commits.map((commit, index) => [commit.id, index]));
  const pending = new Map<number, Pending>();
  const pass = (to: number, path: string, traced: Traced[]) => {
    if (traced.length === 0) return;
    let files = pending.get(to);
    if (!files) pending.set(to, (files = new Map()));
    const list = files.get(path);
    if (list) list.push(...traced);
    else files.set(path, traced);
  };
  requests.forEach((request, index) =>
    pass(
      0,
      request.path,
      request.lines.map((line) => ({ request: index, line, at: line })),
    ),
  );
  for (let index = 0; index < commits.length; index++) {
    const files = pending.get(index);
    if (!files) continue;
    pending.delete(index);
    const commit = commits[index];
    const parents = commit.parents.map((id) => ({ id, place: place.get(id) }));
    for (const [path, traced] of files) {
      // The same file in a parent: every line was written before this commit (blame's first step).
      const same = parents.find((parent) => !commit.diffs.get(parent.id)?.has(path));
      if (same) {
        if (same.place !== undefined) pass(same.place, path, traced);
        continue;
      }
      // Else each parent in turn takes the lines this commit did not add against it.
      let left = traced;
      for (const parent of parents) {
        const diff = commit.diffs.get(parent.id)?.get(path);
        if (!diff || diff.oldPath === undefined || parent.place === undefined || left.length === 0) continue;
        const stays: Traced[] = [];
        const passes: Traced[] = [];
        for (const item of left) {
          const before = lineBefore(diff.hunks, item.at);
          if (before.added) stays.push(item);
          else passes.push({ request: item.request, line: item.line, at: before.line });
        }
        pass(parent.place, diff.oldPath, passes);
        left = stays;
      }
      for (const item of left) {
        // A line no parent has is this commit's, if the file has it: a line past the end of a new file is none.
        const own = parents.length === 0 ? commit.diffs.get('')?.get(path) : parents.length === 1 ? commit.diffs.get(parents[0].id)?.get(path) : undefined;
        if (own && own.oldPath === undefined && !lineBefore(own.hunks, item.at).added) continue;
        answers[item.request].set(item.line, {
          commit: commit.id,
          authorName: commit.authorName,
          authorEmail: commit.authorEmail,
          time: commit.time,
          order: index,
        });
      }
    }
  }
  return answers;
}
