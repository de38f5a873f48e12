import assert from 'node:assert/strict';
import { compileGlob } from '../../src/core';

/** Asserts which paths a glob matches and which it does not. */
function assertGlob(glob: string, matches: string[], misses: string[]): void {
  const test = compileGlob(glob);
  for (const path of matches) assert.equal(test(path), true, `${glob} should match ${path}`);
  for (const path of misses) assert.equal(test(path), false, `${glob} should not match ${path}`);
}

describe('compileGlob', () => {
  it('Should match files at any depth below a folder with `**/`', () => {
    assertGlob('evidence/**/*.md', ['evidence/a.md', 'evidence/x/a.md', 'evidence/x/y/a.md'], ['notes/a.md', 'evidence/a.txt', 'evidence.md', 'my-evidence/a.md', 'a/evidence/a.md']);
  });

  it('Should keep `*` inside one path segment', () => {
    assertGlob('evidence/*.md', ['evidence/a.md', 'evidence/.md'], ['evidence/x/a.md', 'evidence/a.md.bak']);
  });

  it('Should match every Markdown file with a leading `**/`', () => {
    assertGlob('**/*.md', ['a.md', 'x/a.md', 'x/y/z/a.md'], ['a.markdown', 'x/a.txt']);
  });

  it('Should match any of the alternatives in `{a,b}`', () => {
    assertGlob('evidence/*.{md,markdown}', ['evidence/a.md', 'evidence/a.markdown'], ['evidence/a.txt', 'evidence/a.mdx']);
    assertGlob('{logs,evidence}/**/*.md', ['logs/a.md', 'evidence/x/a.md'], ['notes/a.md']);
  });

  it('Should match exactly one character, never a slash, with `?`', () => {
    assertGlob('evidence/week-?.md', ['evidence/week-1.md', 'evidence/week-a.md'], ['evidence/week-10.md', 'evidence/week-.md', 'evidence/week-/.md']);
  });

  it('Should match one character of a set with `[ab]` and outside it with `[!ab]`', () => {
    assertGlob('evidence/[ab].md', ['evidence/a.md', 'evidence/b.md'], ['evidence/c.md', 'evidence/ab.md']);
    assertGlob('evidence/[!ab].md', ['evidence/c.md'], ['evidence/a.md', 'evidence/b.md']);
    assertGlob('evidence/[0-9]*.md', ['evidence/2026-01.md'], ['evidence/jan.md']);
  });

  it('Should treat regular expression characters in a glob literally', () => {
    assertGlob('notes (old)/a+b.md', ['notes (old)/a+b.md'], ['notes old/aab.md']);
    assertGlob('evidence/v1.2.md', ['evidence/v1.2.md'], ['evidence/v1x2.md']);
  });

  it('Should ignore a leading `./`', () => {
    assertGlob('./evidence/**/*.md', ['evidence/a.md'], ['notes/a.md']);
  });
});
