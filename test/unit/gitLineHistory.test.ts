// The CLI traces sign-off lines to their commits from one walk of the history (gitLineHistory.ts)
// instead of one `git blame` per file: these tests hold the walk to blame's answers on real
// repositories (several authors, moved lines, a merge commit, an evil merge, a squash merge, a
// rename, changes in the working tree and the index), on random histories, and hold its parts
// (hunks, odd paths) to what git writes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { GitSignoffHistory } from '../../src/cli/gitSignoffHistory';
import { lineBefore, parseDiff, readQuoted, type Hunk } from '../../src/cli/gitLineHistory';
import { toPosix } from '../../src/cli/nodeFileSystem';

const SAM = { name: 'Sam Patel', email: 'sam@apprentice.example' };
const PRIYA = { name: 'Priya Shah', email: 'priya@northlight.example' };
const TOM = { name: 'Tom Reed', email: 't.reed@academy.example' };
type Identity = typeof SAM;
const PEOPLE = [SAM, PRIYA, TOM];

let home: string;
/** Commits made so far: each gets its own second, so times order them as blame's tie-breaks would. */
let clock = 1_767_225_600;

function git(cwd: string, args: readonly string[], who: Identity = SAM): string {
  const when = `@${clock++} +0000`;
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      HOME: home,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: who.name,
      GIT_AUTHOR_EMAIL: who.email,
      GIT_COMMITTER_NAME: who.name,
      GIT_COMMITTER_EMAIL: who.email,
      GIT_AUTHOR_DATE: when,
      GIT_COMMITTER_DATE: when,
    },
  });
  assert.equal(result.status, 0, `git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

function write(root: string, relative: string, lines: readonly string[]): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), lines.length === 0 ? '' : `${lines.join('\n')}\n`);
}

function read(root: string, relative: string): string[] {
  return readFileSync(path.join(root, relative), 'utf8').replace(/\n$/, '').split('\n');
}

function newRepository(name: string): string {
  const root = path.join(home, name);
  mkdirSync(root, { recursive: true });
  git(root, ['init', '-q', '-b', 'main']);
  return root;
}

function commitAll(root: string, message: string, who: Identity): void {
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '--allow-empty', '-m', message], who);
}

/** What blame says of each line of a file: the commit (undefined: not committed) and the author's e-mail; undefined when blame refuses the file. */
function blame(root: string, relative: string): Map<number, { commit: string | undefined; email: string }> | undefined {
  const result = spawnSync('git', ['blame', '--porcelain', '--', relative], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1' },
  });
  if (result.status !== 0) return undefined;
  const emails = new Map<string, string>();
  const lines = new Map<number, { commit: string | undefined; email: string }>();
  let current: { id: string; line: number } | undefined;
  for (const row of result.stdout.split('\n')) {
    const header = /^([0-9a-f]{40}) \d+ (\d+)/.exec(row);
    if (header) current = { id: header[1], line: Number(header[2]) - 1 };
    else if (current && row.startsWith('author-mail ')) emails.set(current.id, row.slice('author-mail <'.length, -1).toLowerCase());
    else if (current && row.startsWith('\t')) {
      lines.set(current.line, { commit: /^0+$/.test(current.id) ? undefined : current.id, email: emails.get(current.id) ?? '' });
      current = undefined;
    }
  }
  return lines;
}

/** Every Markdown file under `root`, `.git` left out. */
function markdownFiles(root: string, under = ''): string[] {
  return readdirSync(path.join(root, under)).flatMap((name) => {
    if (name === '.git') return [];
    const relative = under ? `${under}/${name}` : name;
    if (statSync(path.join(root, relative)).isDirectory()) return markdownFiles(root, relative);
    return name.endsWith('.md') ? [relative] : [];
  });
}

/** Asserts that the walk answers every line of every Markdown file of `root` as blame does. */
async function assertSameAsBlame(root: string): Promise<void> {
  const files = markdownFiles(root);
  const requests = files.map((relative) => ({ path: toPosix(path.join(root, relative)), lines: read(root, relative).map((_, index) => index) }));
  const history = await new GitSignoffHistory(toPosix(root)).history(requests, false);
  for (const [index, relative] of files.entries()) {
    const ours = history.files.get(requests[index].path);
    const theirs = blame(root, relative);
    if (!theirs) {
      assert.equal(ours?.kind, 'untracked', `${relative}: blame refuses it, the walk says ${ours?.kind}`);
      continue;
    }
    assert.equal(ours?.kind, 'blamed', `${relative}: blame answers, the walk says ${ours?.kind}`);
    if (ours?.kind !== 'blamed') continue;
    const found = [...theirs.keys()]
      .sort((a, b) => a - b)
      .map((line) => ({ line, commit: ours.lines.get(line)?.commit, email: ours.lines.get(line)?.authorEmail }));
    const expected = [...theirs.entries()]
      .sort(([a], [b]) => a - b)
      .map(([line, { commit, email }]) => ({ line, commit, email: commit ? email : 'not.committed.yet' }));
    assert.deepEqual(found, expected, `${relative}: the walk and blame differ`);
  }
}

describe('Tracing sign-off lines through one walk of the history, as git blame does', function () {
  this.timeout(120_000);

  before(() => {
    home = mkdtempSync(path.join(tmpdir(), 'ksb-line-history-'));
  });

  after(() => rmSync(home, { recursive: true, force: true }));

  it('Should answer as blame on a history of several authors, moved lines, merges, a squash merge, a rename and uncommitted changes', async () => {
    const root = newRepository('mixed');
    const body = Array.from({ length: 12 }, (_, i) => `Line ${i + 1} of what I did.`);
    write(root, 'evidence/a.md', ['---', 'title: A', 'ksbs: [K1]', '---', ...body]);
    write(root, 'evidence/b.md', ['---', 'title: B', '---', 'B one', 'B two', 'B three']);
    commitAll(root, 'Evidence', SAM);

    // The employer signs a.md off; the apprentice then moves a block of it and edits a line.
    const a = read(root, 'evidence/a.md');
    write(root, 'evidence/a.md', [
      ...a.slice(0, 3),
      'signoff:',
      '  - by: Priya Shah',
      '    role: employer',
      '    date: 2026-01-10',
      '    digest: "v2:0123456789ab"',
      ...a.slice(3),
    ]);
    commitAll(root, 'Sign-off', PRIYA);
    const signed = read(root, 'evidence/a.md');
    const moved = [...signed.slice(0, 9), ...signed.slice(14, 18), ...signed.slice(9, 14), ...signed.slice(18)];
    moved[moved.length - 1] = 'The last line, reworded.';
    write(root, 'evidence/a.md', moved);
    commitAll(root, 'Moved a block', SAM);

    // A merge commit: the tutor's branch changes b.md and adds c.md while main changes a.md.
    git(root, ['checkout', '-q', '-b', 'tutor']);
    write(root, 'evidence/b.md', ['---', 'title: B', '---', 'B one', 'B two, as the tutor put it', 'B three', 'B four']);
    write(root, 'evidence/c.md', ['---', 'title: C', '---', 'C one']);
    commitAll(root, 'Tutor notes', TOM);
    git(root, ['checkout', '-q', 'main']);
    write(root, 'evidence/a.md', ['Top note', ...read(root, 'evidence/a.md')]);
    commitAll(root, 'Top note', SAM);
    git(root, ['merge', '-q', '--no-ff', '-m', 'Merge tutor', 'tutor'], PRIYA);

    // An evil merge: the merge commit itself changes a line neither side had.
    git(root, ['checkout', '-q', '-b', 'side']);
    write(root, 'evidence/c.md', [...read(root, 'evidence/c.md'), 'C two']);
    commitAll(root, 'C two', TOM);
    git(root, ['checkout', '-q', 'main']);
    write(root, 'evidence/b.md', [...read(root, 'evidence/b.md'), 'B five']);
    commitAll(root, 'B five', SAM);
    git(root, ['merge', '-q', '--no-ff', '--no-commit', 'side'], PRIYA);
    write(root, 'evidence/c.md', ['---', 'title: C, retitled in the merge', '---', 'C one', 'C two']);
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'Evil merge'], PRIYA);

    // A squash merge: the employer's sign-off of b.md lands in the apprentice's commit.
    git(root, ['checkout', '-q', '-b', 'review']);
    const b = read(root, 'evidence/b.md');
    write(root, 'evidence/b.md', [...b.slice(0, 2), 'signoff:', '  - by: Priya Shah', '    role: employer', ...b.slice(2)]);
    commitAll(root, 'Sign b', PRIYA);
    git(root, ['checkout', '-q', 'main']);
    git(root, ['merge', '-q', '--squash', 'review']);
    git(root, ['commit', '-q', '-m', 'Squashed review'], SAM);

    // A rename with an edit, then changes in the working tree and the index.
    mkdirSync(path.join(root, 'evidence/moved'));
    renameSync(path.join(root, 'evidence/c.md'), path.join(root, 'evidence/moved/c-renamed.md'));
    write(root, 'evidence/moved/c-renamed.md', [...read(root, 'evidence/moved/c-renamed.md'), 'C three']);
    commitAll(root, 'Rename c', SAM);
    const now = read(root, 'evidence/a.md');
    now[6] = 'A line changed, not committed.';
    write(root, 'evidence/a.md', [...now, 'And one more.']);
    write(root, 'evidence/staged.md', ['---', 'title: Staged', '---', 'In the index only.']);
    git(root, ['add', 'evidence/staged.md']);
    write(root, 'evidence/untracked.md', ['---', 'title: Untracked', '---']);

    await assertSameAsBlame(root);
  });

  it('Should answer as blame on random histories of edits by three people, with branches merged back', async () => {
    let run = 0;
    const edit = fc.record({
      who: fc.constantFrom(...PEOPLE),
      file: fc.constantFrom('x.md', 'y.md'),
      at: fc.nat(40),
      remove: fc.nat(3),
      insert: fc.array(fc.constantFrom('alpha', 'beta', 'gamma', 'signoff:', '  - by: Priya Shah', ''), { maxLength: 4 }),
      move: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        fc.array(edit, { maxLength: 4 }),
        fc.boolean(),
        async (mainEdits, branchEdits, squash) => {
          const root = newRepository(`random-${run++}`);
          write(root, 'x.md', ['# X', 'one', 'two', 'three', 'four', 'five']);
          write(root, 'y.md', ['# Y', 'one', 'two']);
          commitAll(root, 'Start', SAM);
          const apply = (edits: typeof mainEdits) => {
            for (const { who, file, at, remove, insert, move } of edits) {
              const lines = read(root, file);
              const start = Math.min(at, lines.length);
              const removed = lines.splice(start, remove, ...insert);
              // Moving puts the removed lines back elsewhere: blame counts them as written anew.
              if (move && removed.length > 0) lines.splice(Math.floor(lines.length / 2), 0, ...removed);
              write(root, file, lines);
              commitAll(root, `Edit ${file}`, who);
            }
          };
          if (branchEdits.length > 0) {
            git(root, ['checkout', '-q', '-b', 'branch']);
            apply(branchEdits);
            git(root, ['checkout', '-q', 'main']);
          }
          apply(mainEdits);
          if (branchEdits.length > 0) {
            // Where both sides changed the same lines, the branch's side wins; a squash makes it one commit.
            const merged = spawnSync('git', ['merge', '-q', squash ? '--squash' : '--no-ff', '-X', 'theirs', '-m', 'Merge', 'branch'], {
              cwd: root,
              encoding: 'utf8',
              env: {
                ...process.env,
                HOME: home,
                GIT_CONFIG_NOSYSTEM: '1',
                GIT_AUTHOR_NAME: TOM.name,
                GIT_AUTHOR_EMAIL: TOM.email,
                GIT_COMMITTER_NAME: TOM.name,
                GIT_COMMITTER_EMAIL: TOM.email,
              },
            });
            if (merged.status !== 0) git(root, ['checkout', '-q', '--theirs', '.']);
            commitAll(root, 'Merged', PRIYA);
          }
          await assertSameAsBlame(root);
          rmSync(root, { recursive: true, force: true });
        },
      ),
      { numRuns: 12 },
    );
  });

  it('Should say every file is untracked in a repository without commits, and give a reason outside one', async () => {
    const empty = newRepository('empty');
    write(empty, 'a.md', ['one']);
    const inEmpty = await new GitSignoffHistory(toPosix(empty)).history([{ path: toPosix(path.join(empty, 'a.md')), lines: [0] }], false);
    assert.deepEqual(inEmpty.files.get(toPosix(path.join(empty, 'a.md'))), { kind: 'untracked' });
    const outside = path.join(home, 'outside');
    write(outside, 'a.md', ['one']);
    const noRepository = await new GitSignoffHistory(toPosix(outside)).history([{ path: toPosix(path.join(outside, 'a.md')), lines: [0] }], false);
    const answer = noRepository.files.get(toPosix(path.join(outside, 'a.md')));
    // The temporary folder may itself sit in a repository; only outside one is there a reason to give.
    if (answer?.kind === 'unavailable') assert.match(answer.reason, /not in a git repository/);
  });

  it('Should run a fixed number of git commands however many files are asked about, in one call or several', async () => {
    const root = newRepository('many');
    for (let i = 0; i < 60; i++) write(root, `evidence/e${i}.md`, ['---', `title: E${i}`, '---', `Body ${i}`]);
    commitAll(root, 'Evidence', SAM);
    for (let i = 0; i < 60; i += 2) write(root, `evidence/e${i}.md`, [...read(root, `evidence/e${i}.md`), 'signoff: []']);
    commitAll(root, 'Signed', PRIYA);
    const source = new GitSignoffHistory(toPosix(root));
    const requests = Array.from({ length: 60 }, (_, i) => ({ path: toPosix(path.join(root, `evidence/e${i}.md`)), lines: [3, 4] }));
    // The index asks in chunks while it reads: the history is read on the first and kept.
    const first = await source.history(requests.slice(0, 30), false);
    const second = await source.history(requests.slice(30), false);
    for (let i = 0; i < 60; i++) {
      const file = (i < 30 ? first : second).files.get(requests[i].path);
      assert.equal(file?.kind, 'blamed');
      if (file?.kind !== 'blamed') continue;
      assert.equal(file.lines.get(3)?.authorEmail, SAM.email);
      assert.equal(file.lines.get(4)?.authorEmail, i % 2 === 0 ? PRIYA.email : undefined);
    }
  });
});

describe('Reading what git writes of diffs', () => {
  /** The new side of an edit script of keeps, deletions and insertions, with its hunks as git would write them at --unified=0. */
  function edited(script: readonly { keep: number; remove: number; insert: number }[]): { hunks: Hunk[]; origin: (number | 'added')[] } {
    const hunks: Hunk[] = [];
    const origin: (number | 'added')[] = [];
    let old = 0;
    for (const { keep, remove, insert } of script) {
      for (let i = 0; i < keep; i++) origin.push(old++);
      if (remove === 0 && insert === 0) continue;
      const newStart = origin.length;
      for (let i = 0; i < insert; i++) origin.push('added');
      // git numbers an empty side by the line before it.
      hunks.push({ oldStart: remove === 0 ? old : old + 1, oldCount: remove, newStart: insert === 0 ? newStart : newStart + 1, newCount: insert });
      old += remove;
    }
    return { hunks, origin };
  }

  it('Should map each line of a diff to the line it was, or to added, by property', () => {
    const step = fc.record({ keep: fc.integer({ min: 1, max: 4 }), remove: fc.nat(3), insert: fc.nat(3) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), fc.nat(3), (script, tail) => {
        const { hunks, origin } = edited([...script, { keep: tail, remove: 0, insert: 0 }]);
        origin.forEach((expected, line) => {
          const before = lineBefore(hunks, line);
          assert.deepEqual(before, expected === 'added' ? { added: true } : { added: false, line: expected });
        });
      }),
    );
  });

  it("Should read paths with spaces, quoted odd characters and renames from a diff's headers", () => {
    const diff = parseDiff([
      'diff --git a/evidence/a b.md b/evidence/a b.md',
      'index 1..2 100644',
      '--- a/evidence/a b.md\t',
      '+++ b/evidence/a b.md\t',
      '@@ -2 +2,2 @@',
      '-old',
      '+new',
      '+newer',
      'diff --git "a/evidence/caf\\303\\251 \\"x\\".md" "b/evidence/caf\\303\\251 \\"x\\".md"',
      'new file mode 100644',
      '--- /dev/null',
      '+++ "b/evidence/caf\\303\\251 \\"x\\".md"',
      '@@ -0,0 +1 @@',
      '+hello',
      'diff --git a/old.md b/new.md',
      'similarity index 100%',
      'rename from old name.md',
      'rename to new name.md',
      'diff --git a/gone.md b/gone.md',
      'deleted file mode 100644',
      '--- a/gone.md',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
    ]);
    assert.deepEqual(
      [...diff],
      [
        ['evidence/a b.md', { oldPath: 'evidence/a b.md', hunks: [{ oldStart: 2, oldCount: 1, newStart: 2, newCount: 2 }] }],
        ['evidence/café "x".md', { oldPath: undefined, hunks: [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: 1 }] }],
        ['new name.md', { oldPath: 'old name.md', hunks: [] }],
      ],
    );
    assert.deepEqual(readQuoted('"tab\\there\\\\"', 0), { value: 'tab\there\\', end: 13 });
    assert.equal(readQuoted('"unterminated', 0), undefined);
  });
});
