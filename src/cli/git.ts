import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { relative, sep } from 'node:path';
import type { DirectoryEntry, EntryFlag, EntryType, FileStat, PortfolioFileSystem } from '../core';
import { relativePath } from '../core';
import { NodeFileSystem } from './nodeFileSystem';

/**
 * Options every git command gets: no pager, pathspecs taken literally (a folder named `*` is a
 * folder), no locks taken for a read-only look (an editor's git may be running too).
 */
const GIT_OPTIONS = ['--no-pager', '--literal-pathspecs', '-c', 'core.quotePath=false'];
const GIT_ENV = { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' };

/** Output of a git command large enough for a listing of a few hundred thousand paths. */
const MAX_GIT_OUTPUT = 1 << 30;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lossyUtf8 = new TextDecoder('utf-8');

/** A git command that failed: its stderr's first line, for a one-line message. */
export class GitError extends Error {
  constructor(
    message: string,
    /** `ENOENT` when git itself could not be started. */
    readonly code?: string,
    /** Whether git wrote nothing on stderr: a quiet failure (`rev-parse --verify --quiet` of a missing revision). */
    readonly silent = false,
  ) {
    super(message);
  }
}

/** Runs `git ARGS` in `cwd` without a shell (arguments as an array); resolves to its stdout bytes. */
export function runGit(cwd: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', [...GIT_OPTIONS, ...args], { cwd, encoding: 'buffer', maxBuffer: MAX_GIT_OUTPUT, env: GIT_ENV }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      const said = stderr.toString('utf8').trim();
      reject(new GitError(said.split('\n')[0] || error.message, typeof code === 'string' ? code : undefined, said === '' && typeof code !== 'string'));
    });
  });
}

/** Splits `-z` output into its NUL-terminated fields (the last empty one dropped). */
function nulFields(output: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let start = 0;
  for (let end = output.indexOf(0, start); end !== -1; end = output.indexOf(0, start)) {
    fields.push(output.subarray(start, end));
    start = end + 1;
  }
  if (start < output.length) fields.push(output.subarray(start));
  return fields;
}

/** One object read from `git cat-file --batch`. */
interface GitObject {
  readonly type: string;
  readonly size: number;
  /** The content, cut at the `maxBytes` asked for. */
  readonly bytes: Buffer;
}

interface PendingRead {
  readonly resolve: (object: GitObject | undefined) => void;
  readonly reject: (error: Error) => void;
  readonly maxBytes: number;
}

/** The object being received: its header is read, its content arrives in chunks. */
interface IncomingObject {
  readonly type: string;
  readonly size: number;
  readonly bytes: Buffer;
  /** Content bytes (and the LF after them) received so far. */
  received: number;
}

/**
 * Objects read through one long-lived `git cat-file --batch`, so 10 000 files cost one process,
 * not 10 000. Requests are answered in the order they were written, as git answers them.
 */
export class GitObjectReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: PendingRead[] = [];
  private headerParts: Buffer[] = [];
  private incoming: IncomingObject | undefined;
  private failure: Error | undefined;
  /** Names asked for since the last write: written together, one system call for a batch of reads. */
  private unwritten: string[] = [];

  constructor(cwd: string) {
    this.child = spawn('git', [...GIT_OPTIONS, 'cat-file', '--batch'], { cwd, env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    this.child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.on('error', (error) => this.fail(new GitError(`git cat-file could not run: ${error.message}`)));
    this.child.on('close', (status) => this.fail(new GitError(`git cat-file ended (status ${status}): ${stderr.trim().split('\n')[0] ?? ''}`)));
    // A write after git is gone fails here, and the close above rejects the reads.
    this.child.stdin.on('error', () => undefined);
  }

  /**
   * The object `name` names (an object id, or `COMMIT:path`), at most `maxBytes` of its content
   * kept; `undefined` when there is no such object. A name with a line break cannot be asked for.
   */
  read(name: string, maxBytes = Number.MAX_SAFE_INTEGER): Promise<GitObject | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    if (/[\r\n]/.test(name)) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject, maxBytes });
      if (this.unwritten.push(name) === 1) setImmediate(() => this.writeRequests());
    });
  }

  private writeRequests(): void {
    const names = this.unwritten;
    this.unwritten = [];
    if (names.length > 0 && !this.failure) this.child.stdin.write(`${names.join('\n')}\n`);
  }

  /** Ends the git process once the reads asked for are answered. */
  close(): void {
    this.writeRequests();
    this.child.stdin.end();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const request of this.pending.splice(0)) request.reject(this.failure);
  }

  private receive(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      const incoming = this.incoming;
      if (incoming) {
        // Content, then one LF; bytes past the kept length are received and dropped.
        const wanted = incoming.size + 1 - incoming.received;
        const take = Math.min(wanted, chunk.length - offset);
        const keepUntil = Math.min(incoming.bytes.length, incoming.received + take);
        if (incoming.received < keepUntil) chunk.copy(incoming.bytes, incoming.received, offset, offset + (keepUntil - incoming.received));
        incoming.received += take;
        offset += take;
        if (incoming.received === incoming.size + 1) {
          this.incoming = undefined;
          this.pending.shift()?.resolve({ type: incoming.type, size: incoming.size, bytes: incoming.bytes });
        }
        continue;
      }
      const end = chunk.indexOf(10, offset);
      if (end === -1) {
        this.headerParts.push(chunk.subarray(offset));
        return;
      }
      const header = Buffer.concat([...this.headerParts, chunk.subarray(offset, end)]).toString('utf8');
      this.headerParts = [];
      offset = end + 1;
      // `<oid> <type> <size>`, or `<name> missing` / `<name> ambiguous` (the name may hold spaces).
      const match = /^[0-9a-f]+ (\S+) (\d+)$/.exec(header);
      const request = this.pending[0];
      if (!match || !request) {
        this.pending.shift()?.resolve(undefined);
        continue;
      }
      const size = Number(match[2]);
      this.incoming = { type: match[1], size, bytes: Buffer.allocUnsafe(Math.min(size, request.maxBytes)), received: 0 };
    }
  }
}

/** One entry of a git tree listing. */
interface TreeEntry {
  /** `100644`/`100755` a file, `120000` a symbolic link, `160000` a submodule. */
  readonly mode: string;
  readonly oid: string;
  readonly size: number;
}

/** The most bytes asked for ahead of the index (see prefetchMarkdown): enough for a large portfolio, bounded for a huge one. */
const PREFETCH_LIMIT = 256 * 2 ** 20;

/** Folders the index's walk never enters (as treeWalk's SKIPPED_FOLDERS), so nothing in them is fetched ahead. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * The files of one commit below a folder, as a `PortfolioFileSystem`: listed once with
 * `git ls-tree`, read through a shared `git cat-file --batch`. Regular blobs are files;
 * a symbolic link (mode 120000) is reported as the working tree reports one: a link, never
 * followed, whatever it leads to; a submodule (160000) is an empty folder, as it is in a clone
 * that did not fetch it. Paths outside the listed folder are looked up in the commit one at a
 * time; nothing outside the repository is ever looked at.
 */
export class GitTreeFileSystem implements PortfolioFileSystem {
  private readonly entries = new Map<string, TreeEntry>();
  private readonly folders = new Map<string, Array<{ name: string; flag?: EntryFlag }>>();
  /** Reads asked for ahead of the index, by object id and length: git streams them while this process parses. */
  private readonly prefetched = new Map<string, Promise<GitObject | undefined>>();

  private constructor(
    private readonly reader: GitObjectReader,
    private readonly commit: string,
    /** Where the repository's root is, as the portfolio's absolute paths see it. */
    private readonly repositoryRoot: string,
    /** The folder listed, from the repository root with a trailing slash; `''` for the root. */
    private readonly listedFolder: string,
  ) {}

  /** Lists `folder` (from the repository root, `''` or ending in `/`) at `commit`. */
  static async load(gitRoot: string, reader: GitObjectReader, commit: string, repositoryRoot: string, folder: string): Promise<GitTreeFileSystem> {
    const tree = new GitTreeFileSystem(reader, commit, repositoryRoot, folder);
    const pathspec = folder === '' ? [] : ['--', folder];
    const listing = await runGit(gitRoot, ['ls-tree', '-r', '-z', '-l', '--full-tree', commit, ...pathspec]);
    tree.folders.set('', []);
    // Each field is `<mode> <type> <object> <size padded with spaces>\t<path>`. One decode for the
    // whole listing when it is all UTF-8 (nearly always); name by name when it is not.
    let whole: string | undefined;
    try {
      whole = strictUtf8.decode(listing);
    } catch {
      whole = undefined;
    }
    if (whole !== undefined) {
      for (const field of whole.split('\0')) {
        const tab = field.indexOf('\t');
        if (tab !== -1) tree.addEntry(field.slice(0, tab), field.slice(tab + 1), undefined);
      }
    } else {
      for (const field of nulFields(listing)) {
        const tab = field.indexOf(9);
        const rawPath = field.subarray(tab + 1);
        try {
          tree.addEntry(field.subarray(0, tab).toString('latin1'), strictUtf8.decode(rawPath), undefined);
        } catch {
          tree.addEntry('', lossyUtf8.decode(rawPath), 'undecodable-name');
        }
      }
    }
    return tree;
  }

  /**
   * Asks git now for every Markdown file of the listed folder that a walk would read (none below
   * `node_modules/` or `.git/`), at most `maxBytes` of each, so that git's reading runs on another
   * core while the index parses. Stops at PREFETCH_LIMIT bytes in all, beyond which files are read when asked.
   */
  prefetchMarkdown(maxBytes: number): void {
    let total = 0;
    for (const [path, entry] of this.entries) {
      if (!isRegularFile(entry.mode) || !path.startsWith(this.listedFolder) || !/\.(md|markdown)$/i.test(path)) continue;
      if (path.split('/').some((segment) => SKIPPED_FOLDERS.has(segment))) continue;
      const key = `${entry.oid}\0${maxBytes}`;
      if (this.prefetched.has(key)) continue;
      total += Math.min(entry.size, maxBytes);
      if (total > PREFETCH_LIMIT) return;
      const read = this.reader.read(entry.oid, maxBytes);
      // One never asked for (a file the walk did not reach) must not become an unhandled rejection.
      read.catch(() => undefined);
      this.prefetched.set(key, read);
    }
  }

  /** The tree path (from the repository root) of an absolute path, `undefined` outside the repository. */
  private treePath(path: string): string | undefined {
    return relativePath(this.repositoryRoot, path);
  }

  /** Records one listed entry; a name that is not UTF-8 is only listed in its folder, as it cannot be read. */
  private addEntry(meta: string, path: string, flag: EntryFlag | undefined): void {
    this.addToFolders(path, flag);
    if (flag) return;
    const [mode, , oid, size] = meta.split(' ').filter(Boolean);
    this.entries.set(path, { mode, oid, size: size === '-' ? 0 : Number(size) });
  }

  private addToFolders(path: string, flag: EntryFlag | undefined): void {
    let child = path;
    let childFlag = flag;
    for (let folder = parentOf(path); ; folder = parentOf(folder)) {
      let children = this.folders.get(folder);
      const known = children !== undefined;
      if (!children) this.folders.set(folder, (children = []));
      children.push({ name: child.slice(child.lastIndexOf('/') + 1), ...(childFlag && { flag: childFlag }) });
      if (known || folder === '') return;
      child = folder;
      childFlag = undefined;
    }
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const treePath = this.treePath(path);
    const found = treePath === undefined ? undefined : await this.typeAt(treePath);
    if (!found) return undefined;
    return { type: found.type, mtime: 0, size: found.size, ...(found.symbolicLink && { symbolicLink: true }) };
  }

  async readFile(path: string, maxBytes = Number.MAX_SAFE_INTEGER): Promise<Uint8Array> {
    const treePath = this.treePath(path);
    const entry = treePath === undefined ? undefined : this.entries.get(treePath);
    if (!entry || !isRegularFile(entry.mode)) throw new Error(`not a regular file in commit ${this.commit.slice(0, 12)}`);
    const key = `${entry.oid}\0${maxBytes}`;
    const early = this.prefetched.get(key);
    this.prefetched.delete(key);
    const object = await (early ?? this.reader.read(entry.oid, maxBytes));
    if (!object) throw new Error(`object ${entry.oid} is missing from the repository`);
    return object.bytes;
  }

  async readDirectory(path: string): Promise<DirectoryEntry[]> {
    const treePath = this.treePath(path);
    const children = treePath === undefined ? undefined : this.folders.get(treePath);
    if (!children) {
      if (treePath !== undefined && this.entries.get(treePath)?.mode === '160000') return [];
      throw Object.assign(new Error(`no such folder in commit ${this.commit.slice(0, 12)}`), { code: 'ENOENT' });
    }
    const result: DirectoryEntry[] = [];
    for (const { name, flag } of children) {
      const childPath = treePath === '' ? name : `${treePath}/${name}`;
      if (flag) {
        result.push([name, 'other', flag]);
        continue;
      }
      const entry = this.entries.get(childPath);
      if (!entry) result.push([name, 'directory']);
      // As the working tree lists one: a link, whatever it leads to.
      else if (entry.mode === '120000') result.push([name, 'other', 'symbolic-link']);
      else result.push([name, isRegularFile(entry.mode) ? 'file' : entry.mode === '160000' ? 'directory' : 'other']);
    }
    return result;
  }

  /** What is at a tree path, links not followed: its type, its size, and whether it is a link. */
  private async typeAt(treePath: string): Promise<{ type: EntryType; size: number; symbolicLink: boolean } | undefined> {
    if (this.folders.has(treePath)) return { type: 'directory', size: 0, symbolicLink: false };
    const entry = this.entries.get(treePath);
    if (entry) {
      if (entry.mode === '160000') return { type: 'directory', size: 0, symbolicLink: false };
      if (entry.mode === '120000') return { type: 'other', size: 0, symbolicLink: true };
      return { type: isRegularFile(entry.mode) ? 'file' : 'other', size: entry.size, symbolicLink: false };
    }
    // Inside the listed folder the listing is complete; elsewhere in the repository, ask the commit.
    if (treePath.startsWith(this.listedFolder) || `${treePath}/` === this.listedFolder) return undefined;
    const object = await this.reader.read(`${this.commit}:${treePath}`, 0);
    if (!object) return undefined;
    return { type: object.type === 'tree' ? 'directory' : object.type === 'blob' ? 'file' : 'other', size: object.size, symbolicLink: false };
  }
}

function isRegularFile(mode: string): boolean {
  return mode === '100644' || mode === '100755';
}

function parentOf(treePath: string): string {
  const slash = treePath.lastIndexOf('/');
  return slash === -1 ? '' : treePath.slice(0, slash);
}

/**
 * The working tree as git sees it: the files on disk, less those git ignores, so that a file
 * `.gitignore` keeps out of every commit is not "added" by comparing with one.
 */
export class WorkingTreeFileSystem implements PortfolioFileSystem {
  private readonly disk = new NodeFileSystem();

  constructor(
    private readonly repositoryRoot: string,
    /** Ignored paths from the repository root; an ignored folder ends with `/`. */
    private readonly ignored: ReadonlySet<string>,
  ) {}

  private isIgnored(path: string): boolean {
    if (this.ignored.size === 0) return false;
    const treePath = relativePath(this.repositoryRoot, path);
    if (treePath === undefined || treePath === '') return false;
    if (this.ignored.has(treePath) || this.ignored.has(`${treePath}/`)) return true;
    for (let slash = treePath.indexOf('/'); slash !== -1; slash = treePath.indexOf('/', slash + 1)) {
      if (this.ignored.has(treePath.slice(0, slash + 1))) return true;
    }
    return false;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    return this.isIgnored(path) ? undefined : this.disk.stat(path);
  }

  async readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    if (this.isIgnored(path)) throw Object.assign(new Error('ignored by git'), { code: 'ENOENT' });
    return this.disk.readFile(path, maxBytes);
  }

  async readDirectory(path: string): Promise<DirectoryEntry[]> {
    const entries = await this.disk.readDirectory(path);
    return this.ignored.size === 0 ? entries : entries.filter(([name]) => !this.isIgnored(`${path}/${name}`));
  }
}

/** A file git reports between two sides: its status letter, its path and, for a rename, where it was. */
export interface GitChange {
  /** `A`, `M`, `D`, `T`, `U`, or `R` with a similarity (`R100` an unchanged rename). */
  readonly status: string;
  readonly path: string;
  readonly from?: string;
}

/** A git repository found from a folder inside it. */
export class GitRepository {
  private constructor(
    /** The repository's top folder, as git prints it. */
    readonly gitRoot: string,
    /** The folder from the repository root, with a trailing slash; `''` at the root. */
    readonly prefix: string,
  ) {}

  /** The repository holding `folder`; rejects with a GitError when there is none. */
  static async find(folder: string): Promise<GitRepository> {
    const [top, prefix] = (await runGit(folder, ['rev-parse', '--show-toplevel', '--show-prefix'])).toString('utf8').split('\n');
    return new GitRepository(top, prefix ?? '');
  }

  /** The commit `revision` names, or `undefined`. `--end-of-options` keeps a name like `--output=x` from being an option. */
  async commitOf(revision: string): Promise<string | undefined> {
    try {
      const output = await runGit(this.gitRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
      return output.toString('utf8').trim() || undefined;
    } catch {
      return undefined;
    }
  }

  /** Whether this is a shallow clone, whose history stops short. */
  async isShallow(): Promise<boolean> {
    return (await runGit(this.gitRoot, ['rev-parse', '--is-shallow-repository'])).toString('utf8').trim() === 'true';
  }

  /** The files of the folder that differ between `base` and `head` (the working tree when undefined), renames found by git. */
  async changes(base: string, head: string | undefined): Promise<GitChange[]> {
    const pathspec = this.prefix === '' ? [] : ['--', this.prefix];
    const output = await runGit(this.gitRoot, [
      'diff',
      '--name-status',
      '-z',
      '-M',
      '--no-color',
      '--no-ext-diff',
      '--no-relative',
      '--ignore-submodules=none',
      base,
      ...(head ? [head] : []),
      ...pathspec,
    ]);
    const fields = nulFields(output).map((f) => f.toString('utf8'));
    const changes: GitChange[] = [];
    for (let i = 0; i < fields.length;) {
      const status = fields[i++];
      if (status.startsWith('R') || status.startsWith('C')) {
        const from = fields[i++];
        const path = fields[i++];
        changes.push(status.startsWith('R') ? { status, path, from } : { status: 'A', path });
      } else changes.push({ status, path: fields[i++] });
    }
    if (!head) {
      const untracked = await runGit(this.gitRoot, ['ls-files', '-z', '--others', '--exclude-standard', '--full-name', ...pathspec]);
      for (const field of nulFields(untracked)) changes.push({ status: 'A', path: field.toString('utf8') });
    }
    return changes;
  }

  /**
   * Whether the folder in the working tree is what it is at `commit`: the commit is checked out,
   * no tracked file differs from it and no untracked file is there (ignored ones do not count).
   * Then the files can be read from disk, which costs git nothing. The files at `ignoring`
   * (absolute paths: the output being written) do not count.
   */
  async workingTreeIs(commit: string, ignoring: readonly string[] = []): Promise<boolean> {
    const pathspec = this.prefix === '' ? [] : ['--', this.prefix];
    // A file the command is about to write (the report, the pack) is no change of the portfolio's.
    const ignored = new Set(ignoring.map((path) => relative(this.gitRoot, path).split(sep).join('/')));
    const onlyIgnored = (out: Buffer) => nulFields(out).every((field) => ignored.has(field.toString('utf8')));
    const checkedOut = runGit(this.gitRoot, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).then((out) => out.toString('utf8').trim() === commit);
    const unchanged = runGit(this.gitRoot, [
      'diff',
      '--name-only',
      '-z',
      '--no-ext-diff',
      '--no-relative',
      '--ignore-submodules=none',
      commit,
      ...pathspec,
    ]).then(onlyIgnored);
    const untracked = runGit(this.gitRoot, ['ls-files', '-z', '--others', '--exclude-standard', '--full-name', ...pathspec]).then(onlyIgnored);
    const answers = await Promise.all([checkedOut, unchanged, untracked].map((answer) => answer.catch(() => false)));
    return answers.every(Boolean);
  }

  /** The paths of the folder that git ignores in the working tree, an ignored folder once with a trailing `/`. */
  async ignoredPaths(): Promise<Set<string>> {
    const pathspec = this.prefix === '' ? [] : ['--', this.prefix];
    const output = await runGit(this.gitRoot, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', '--full-name', ...pathspec]);
    return new Set(nulFields(output).map((f) => f.toString('utf8')));
  }
}

/** The commit a folder's repository has checked out, and whether the folder has changes; `undefined` outside git. */
export interface FolderCommit {
  readonly commit: string;
  readonly dirty: boolean;
}

/**
 * `HEAD`'s commit of the repository holding `dir`, and whether the folder differs from it, the
 * files at `ignoring` (what the command writes: the report, the pack) not counted.
 */
export async function folderCommit(dir: string, ignoring: readonly string[] = []): Promise<FolderCommit | undefined> {
  try {
    const repository = await GitRepository.find(dir);
    const commit = await repository.commitOf('HEAD');
    if (!commit) return undefined;
    return { commit, dirty: !(await repository.workingTreeIs(commit, ignoring)) };
  } catch {
    return undefined;
  }
}
