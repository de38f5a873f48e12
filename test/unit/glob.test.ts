import assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { compileGlob } from '../../src/core';
import { MAX_GLOB_ALTERNATIVES, MAX_GLOB_LENGTH } from '../../src/core/base/glob';

/** The predicate of a glob that must be valid. */
function matcherOf(glob: string): (path: string) => boolean {
  const compiled = compileGlob(glob);
  assert.ok(compiled.ok, `Expected ${glob} to be a valid glob, found: ${compiled.ok ? '' : compiled.reason}`);
  return compiled.matches;
}

/** Asserts which paths a glob matches and which it does not. */
function assertGlob(glob: string, matches: string[], misses: string[]): void {
  const test = matcherOf(glob);
  for (const path of matches) assert.equal(test(path), true, `${glob} should match ${path}`);
  for (const path of misses) assert.equal(test(path), false, `${glob} should not match ${path}`);
}

/** The reason a glob is invalid, failing when it compiles. */
function reasonOf(glob: string): string {
  const compiled = compileGlob(glob);
  assert.ok(!compiled.ok, `Expected ${glob.slice(0, 60)} to be invalid`);
  return compiled.reason;
}

/**
 * Times `glob` against paths made by `pathOf` at growing sizes, failing as soon as one match takes
 * longer than `boundMs`. The sizes grow slowly at first, so a backtracking matcher fails within
 * seconds at a small size instead of hanging the suite on the long paths that come after.
 */
function assertFinishesAtEverySize(glob: string, pathOf: (size: number) => string, sizes: number[], boundMs = 1000): void {
  const matches = matcherOf(glob);
  for (const size of sizes) {
    const path = pathOf(size);
    const started = performance.now();
    matches(path);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < boundMs, `${glob} took ${elapsed.toFixed(0)} ms on a path of ${path.length} characters (bound ${boundMs} ms)`);
  }
}

describe('compileGlob', () => {
  it('Should match files at any depth below a folder with `**/`', () => {
    assertGlob(
      'evidence/**/*.md',
      ['evidence/a.md', 'evidence/x/a.md', 'evidence/x/y/a.md'],
      ['notes/a.md', 'evidence/a.txt', 'evidence.md', 'my-evidence/a.md', 'a/evidence/a.md'],
    );
  });

  it('Should keep `*` inside one path segment', () => {
    assertGlob('evidence/*.md', ['evidence/a.md', 'evidence/.md'], ['evidence/x/a.md', 'evidence/a.md.bak']);
  });

  it('Should match every Markdown file with a leading `**/`', () => {
    assertGlob('**/*.md', ['a.md', 'x/a.md', 'x/y/z/a.md'], ['a.markdown', 'x/a.txt']);
  });

  it('Should match everything below a folder with a trailing `/**`, and cross `/` with `**` inside a segment', () => {
    assertGlob('evidence/**', ['evidence/a.md', 'evidence/x/y/a.md'], ['evidence', 'notes/a.md']);
    assertGlob('evidence**.md', ['evidence.md', 'evidence/x/a.md'], ['notes/a.md']);
  });

  it('Should match any of the alternatives in `{a,b}`, nested or empty ones too', () => {
    assertGlob('evidence/*.{md,markdown}', ['evidence/a.md', 'evidence/a.markdown'], ['evidence/a.txt', 'evidence/a.mdx']);
    assertGlob('{logs,evidence}/**/*.md', ['logs/a.md', 'evidence/x/a.md'], ['notes/a.md']);
    assertGlob('{a,{b,c}x}.md', ['a.md', 'bx.md', 'cx.md'], ['b.md', 'ax.md']);
    assertGlob('{,**/}.git', ['.git', 'x/y/.git'], ['x.git']);
  });

  it('Should match exactly one character, never a slash, with `?`', () => {
    assertGlob('evidence/week-?.md', ['evidence/week-1.md', 'evidence/week-a.md'], ['evidence/week-10.md', 'evidence/week-.md', 'evidence/week-/.md']);
    assertGlob('photo-?.md', ['photo-😀.md'], ['photo-😀😀.md']);
  });

  it('Should match one character of a set with `[ab]` and outside it with `[!ab]`, never a slash', () => {
    assertGlob('evidence/[ab].md', ['evidence/a.md', 'evidence/b.md'], ['evidence/c.md', 'evidence/ab.md']);
    assertGlob('evidence/[!ab].md', ['evidence/c.md'], ['evidence/a.md', 'evidence/b.md']);
    assertGlob('evidence/[^ab].md', ['evidence/c.md'], ['evidence/a.md']);
    assertGlob('evidence/[0-9]*.md', ['evidence/2026-01.md'], ['evidence/jan.md']);
    assertGlob('a[!b]c', ['axc'], ['a/c', 'abc']);
  });

  it('Should read `]` first in a set as a member and `-` at either end as a character, as POSIX does', () => {
    assertGlob('[]a].md', ['].md', 'a.md'], ['b.md']);
    assertGlob('[!]a].md', ['b.md'], ['].md', 'a.md']);
    assertGlob('[a-].md', ['a.md', '-.md'], ['b.md']);
  });

  it('Should treat regular expression characters and a backslash in a glob literally', () => {
    assertGlob('notes (old)/a+b.md', ['notes (old)/a+b.md'], ['notes old/aab.md']);
    assertGlob('evidence/v1.2.md', ['evidence/v1.2.md'], ['evidence/v1x2.md']);
    assertGlob('a$^|\\b.md', ['a$^|\\b.md'], ['ab.md']);
    assertGlob('a,b.md', ['a,b.md'], ['a.md']);
  });

  it('Should ignore a leading `./`', () => {
    assertGlob('./evidence/**/*.md', ['evidence/a.md'], ['notes/a.md']);
  });

  it('Should return the reason for a glob that is not one instead of throwing', () => {
    assert.equal(reasonOf('{a,b'), 'unclosed `{`');
    assert.equal(reasonOf('[z-a].md'), '`z-a` is a reversed range');
    assert.equal(reasonOf('evidence/[abc.md'), 'unclosed `[`');
    assert.match(reasonOf('a}.md'), /`}` at character 2 closes no `{`/);
    assert.match(reasonOf('a{}.md'), /`{}`.*no alternatives/);
    assert.match(reasonOf('a[/]b'), /includes `\/`/);
    assert.match(reasonOf('[[:alpha:]].md'), /`\[:alpha:\]` are not supported/);
    assert.match(reasonOf('@(a|b).md'), /extended glob/);
    assert.match(reasonOf('!drafts/**'), /negation/);
    assert.match(reasonOf('/home/me/evidence/*.md'), /file system root/);
    assert.match(reasonOf('../shared/*.md'), /`\.\.` segment/);
    assert.match(reasonOf('evidence//*.md'), /empty segment/);
    assert.match(reasonOf('evidence/'), /trailing `\/`/);
    assert.match(reasonOf('./'), /empty/);
    assert.match(reasonOf('week-{1..9}.md'), /`\{1\.\.9\}` sequences are not supported/);
  });

  it(`Should refuse a glob longer than ${MAX_GLOB_LENGTH} characters or with more than ${MAX_GLOB_ALTERNATIVES} alternatives`, () => {
    assert.match(reasonOf('a'.repeat(MAX_GLOB_LENGTH + 1)), /longer than/);
    matcherOf(`{${Array.from({ length: MAX_GLOB_ALTERNATIVES }, (_, i) => i).join(',')}}`);
    assert.match(reasonOf(`{${Array.from({ length: MAX_GLOB_ALTERNATIVES + 1 }, (_, i) => i).join(',')}}`), /more than 256 alternatives/);
    // Every group counts, in sequence as well as nested.
    assert.match(reasonOf('{a,b}'.repeat(MAX_GLOB_ALTERNATIVES / 2 + 1)), /more than 256 alternatives/);
  });

  it('Should match a brace bomb within its bounds without expanding it', () => {
    // 2^100 expansions if the groups were expanded; the automaton has a few states per group.
    const bomb = '{a,b}'.repeat(100);
    assertFinishesAtEverySize(bomb, (size) => 'ab'.repeat(size), [10, 50]);
    assert.equal(matcherOf(bomb)('ab'.repeat(50)), true);
    assert.equal(matcherOf(bomb)('ab'.repeat(49) + 'c'), false);
  });

  it('Should match `*a*a*a*a*a*a*a*a*a*a*b.md` against a long file name without backtracking', () => {
    // A backtracking RegExp needs about 5 s at 30 characters here and never finishes at 10 000.
    assertFinishesAtEverySize('*a*a*a*a*a*a*a*a*a*a*b.md', (size) => `${'a'.repeat(size)}.md`, [10, 15, 20, 25, 30, 35, 40, 1000, 10_000]);
    assert.equal(matcherOf('*a*a*a*a*a*a*a*a*a*a*b.md')(`${'a'.repeat(10_000)}b.md`), true);
  });

  it('Should match twelve `**/` segments against a deep path without backtracking', () => {
    // A backtracking RegExp needs about 5 s at 14 segments here.
    const glob = `${'**/'.repeat(12)}*.mdx`;
    assertFinishesAtEverySize(glob, (size) => `${'a/'.repeat(size)}b.md`, [6, 8, 10, 12, 14, 16, 18, 500, 5000]);
    assert.equal(matcherOf(glob)(`${'a/'.repeat(5000)}b.mdx`), true);
  });
});

// Random globs against picomatch, the reference. Our globs differ from picomatch by design in
// a few places, which the generator leaves out: `**` other than a whole segment crosses `/` here
// (picomatch reads it as `*`); a trailing `/**` does not match the folder itself (picomatch's
// `a/**` matches `a`); `{a}` with one alternative is a group here (picomatch: the text `{a}`);
// `\` is a character here (picomatch: an escape); picomatch wants `[^a]` for `[!a]`; after `**/`,
// picomatch lets a last segment that can be empty (`a/**/{,*}`) match nothing at all; picomatch
// reads `..` inside braces as a range even beside a comma (`{..,?}`), and `.*` inside braces as a
// `.` that must be followed by more (`b{.*,c}` misses `b.`), as it does `*.*` (misses `b.`). The paths
// are what a folder walk yields: no empty, `.` or `..` segments, no leading or trailing `/`.
describe('compileGlob against picomatch', () => {
  const SEED = 9;

  type Glob = { ours: string; reference: string };
  const same = (text: string): Glob => ({ ours: text, reference: text });
  const join = (parts: Glob[], separator = ''): Glob => ({
    ours: parts.map((p) => p.ours).join(separator),
    reference: parts.map((p) => p.reference).join(separator),
  });

  const atom = fc.oneof(
    fc.constantFrom('a', 'b', '.').map(same),
    fc.constant(same('*')),
    fc.constant(same('?')),
    fc.constantFrom(same('[ab]'), same('[a-b]'), same('[.a]'), { ours: '[!a]', reference: '[^a]' }, { ours: '[!.]', reference: '[^.]' }),
  );
  // Alternatives of two or three pieces, a piece a few atoms or another group.
  const piece: fc.Arbitrary<Glob> = fc.letrec<{ piece: Glob; group: Glob }>((tie) => ({
    piece: fc
      .array(fc.oneof({ weight: 4, arbitrary: atom }, { weight: 1, arbitrary: tie('group') }), { minLength: 0, maxLength: 3 })
      .map((parts) => join(parts)),
    group: fc.array(tie('piece'), { minLength: 2, maxLength: 3 }).map((options) => {
      const inner = join(options, ',');
      return { ours: `{${inner.ours}}`, reference: `{${inner.reference}}` };
    }),
  })).piece;
  const segment = piece.filter((p) => p.ours !== '' && p.ours !== '.' && p.ours !== '..' && !p.ours.includes('**') && !/^[{},]*$/.test(p.ours));
  const lastSegment = segment.filter((p) => !matcherOf(p.ours)(''));
  const glob = fc
    .tuple(
      fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(same('**')) }, { weight: 4, arbitrary: segment }), { minLength: 0, maxLength: 3 }),
      lastSegment,
    )
    .map(([leading, last]) => join([...leading, last], '/'))
    .filter((g) => !g.ours.includes('..') && !g.ours.includes('*.*') && !dotStarInBraces(g.ours));
  const pathSegment = fc.stringMatching(/^[ab.]{1,3}$/).filter((s) => s !== '.' && s !== '..');
  /** Whether `.*` appears inside `{}`, which picomatch reads as a `.` that must be followed by more. */
  const dotStarInBraces = (text: string): boolean => {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
      else if (depth > 0 && text.startsWith('.*', i)) return true;
    }
    return false;
  };
  const path = fc.array(pathSegment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/'));

  it('Should agree with picomatch (dot: true) on random globs and paths', () => {
    fc.assert(
      fc.property(glob, fc.array(path, { minLength: 1, maxLength: 8 }), (g, paths) => {
        const compiled = compileGlob(g.ours);
        assert.ok(compiled.ok, `Expected ${g.ours} to be valid: ${compiled.ok ? '' : compiled.reason}`);
        const reference = picomatch(g.reference, { dot: true });
        for (const p of paths) assert.equal(compiled.matches(p), reference(p), `${g.ours} on ${p} (picomatch: ${g.reference})`);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('Should never throw on any text, and answer for every path', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '/', '.', '*', '?', '{', '}', ',', '[', ']', '!', '^', '-', '(', ')', '@', '\\', ':'), maxLength: 12 });
    fc.assert(
      fc.property(text, fc.array(path, { maxLength: 4 }), (g, paths) => {
        const compiled = compileGlob(g);
        if (!compiled.ok) assert.ok(compiled.reason.length > 0);
        else for (const p of paths) assert.equal(typeof compiled.matches(p), 'boolean');
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('Should answer alike before and after a glob has more state sets than it remembers', () => {
    // An `a` ten characters from the end: 2^11 state sets, past the 1024 remembered.
    const matches = matcherOf('*a??????????');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 2000, size: 'max' }), (name) => {
        assert.equal(matches(name), name.length >= 11 && name[name.length - 11] === 'a');
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('Should finish quickly on adversarial globs against long paths', () => {
    const adversarial = fc
      .array(fc.constantFrom('*a', '*', '**/', 'a', '?', '{a,*a}', '{*,a*}', '[a]*'), { minLength: 4, maxLength: 14 })
      .map((parts) => `${parts.join('')}b`);
    const sizes = [8, 10, 12, 15, 19, 24, 30, 38, 48, 60, 500, 3000];
    fc.assert(
      fc.property(adversarial, fc.constantFrom('a', 'a/', 'aa/a'), (g, unit) => {
        assertFinishesAtEverySize(g, (size) => unit.repeat(Math.ceil(size / unit.length)), sizes, 500);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});
