import assert from 'node:assert/strict';
import { checkWriteTarget, writeRootFor, type PathKind } from '../../src/core';
import { nestingProblem } from '../../src/core/base/yamlData';

/** A `LinkStat` over a fixed tree: each absolute path and what is there; anything else is missing. */
function tree(entries: Record<string, PathKind>): { lstat: (path: string) => Promise<PathKind | undefined>; looked: string[] } {
  const looked: string[] = [];
  return {
    looked,
    lstat: async (path) => {
      looked.push(path);
      return entries[path];
    },
  };
}

describe('Where a write may go (checkWriteTarget)', () => {
  const portfolio = { '/p/evidence': 'folder', '/p/evidence/a.md': 'file' } as const;

  it('Should allow a file below real folders, replacing it, and look at every entry on the way', async () => {
    const { lstat, looked } = tree(portfolio);
    assert.deepEqual(await checkWriteTarget('/p', '/p/evidence/a.md', lstat), { ok: true, existing: 'file', missingFolders: [] });
    assert.deepEqual(looked, ['/p/evidence', '/p/evidence/a.md']);
  });

  it('Should refuse a target that is a symbolic link, dangling or not', async () => {
    const { lstat } = tree({ '/p/.gitignore': 'symbolic link' });
    assert.deepEqual(await checkWriteTarget('/p', '/p/.gitignore', lstat), {
      ok: false,
      reason: 'it is a symbolic link, and no write goes through a link',
    });
  });

  it('Should refuse a target below a linked folder, naming the folder from the root', async () => {
    const { lstat, looked } = tree({ '/p/evidence': 'folder', '/p/evidence/shared': 'symbolic link', '/p/evidence/shared/notes.md': 'file' });
    assert.deepEqual(await checkWriteTarget('/p', '/p/evidence/shared/notes.md', lstat), {
      ok: false,
      reason: 'evidence/shared is a symbolic link, and no write goes through a link',
    });
    assert.ok(!looked.includes('/p/evidence/shared/notes.md'), 'nothing below the link is looked at');
  });

  it('Should refuse a path that `..` leads out of the root, and the root itself', async () => {
    const { lstat, looked } = tree(portfolio);
    assert.deepEqual(await checkWriteTarget('/p', '/p/evidence/../../home/me/.bashrc', lstat), {
      ok: false,
      reason: 'it is outside /p, where this write must stay',
    });
    assert.equal((await checkWriteTarget('/p', '/p', lstat)).ok, false);
    assert.equal((await checkWriteTarget('/p', '/pother/x', lstat)).ok, false, 'a sibling sharing the prefix is outside');
    assert.deepEqual(looked, []);
  });

  it('Should refuse a folder, a named pipe or a socket as the target and a file as a folder on the way', async () => {
    const { lstat } = tree({ '/p/out': 'folder', '/p/pipe': 'named pipe', '/p/socket': 'socket', '/p/file': 'file' });
    assert.deepEqual(await checkWriteTarget('/p', '/p/out', lstat), { ok: false, reason: 'it is a folder' });
    assert.deepEqual(await checkWriteTarget('/p', '/p/pipe', lstat), { ok: false, reason: 'expected a file, found a named pipe' });
    assert.deepEqual(await checkWriteTarget('/p', '/p/socket', lstat), { ok: false, reason: 'expected a file, found a socket' });
    assert.deepEqual(await checkWriteTarget('/p', '/p/file/x', lstat), { ok: false, reason: 'file is not a folder: found a file' });
  });

  it('Should take a device as written in place (/dev/null)', async () => {
    const { lstat } = tree({ '/dev/null': 'device' });
    assert.deepEqual(await checkWriteTarget('/dev', '/dev/null', lstat), { ok: true, existing: 'device', missingFolders: [] });
  });

  it('Should list the missing folders outermost first, looking no further below the first', async () => {
    const { lstat, looked } = tree({ '/w/reports': 'folder' });
    assert.deepEqual(await checkWriteTarget('/w', '/w/reports/2026/march/ksb.sarif', lstat), {
      ok: true,
      existing: undefined,
      missingFolders: ['/w/reports/2026', '/w/reports/2026/march'],
    });
    assert.deepEqual(looked, ['/w/reports', '/w/reports/2026']);
  });

  it('Should walk from the file system root and from a Windows drive', async () => {
    const { lstat } = tree({ '/tmp': 'symbolic link', 'C:/Users': 'folder', 'C:/Users/me': 'symbolic link' });
    assert.equal((await checkWriteTarget('/', '/tmp/x', lstat)).ok, false);
    assert.deepEqual(await checkWriteTarget('C:/', 'C:/Users/me/x', lstat), {
      ok: false,
      reason: 'Users/me is a symbolic link, and no write goes through a link',
    });
  });
});

describe('Where the check of a named file starts (writeRootFor)', () => {
  it('Should start at the shallowest base holding the file', () => {
    assert.equal(writeRootFor('/w/repo/out/x.sarif', ['/w/repo', '/w/repo/out']), '/w/repo');
    assert.equal(writeRootFor('/w/repo/./out/../x.sarif', ['/w/repo/']), '/w/repo');
  });

  it('Should start below the top-level folder for a file outside every base, where macOS keeps its own links', () => {
    assert.equal(writeRootFor('/tmp/reports/x.sarif', ['/w/repo']), '/tmp');
    assert.equal(writeRootFor('/w/x.sarif', ['/w/repo']), '/w', 'a sibling of the base is outside it');
    assert.equal(writeRootFor('/x.sarif', []), '/');
    assert.equal(writeRootFor('/w/repo', ['/w/repo']), '/w', 'a base is not inside itself');
    assert.equal(writeRootFor('C:/Users/me/x', []), 'C:/Users');
  });
});

describe('How deep data may nest (nestingProblem)', () => {
  const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

  it('Should take data nested 100 levels and refuse 101, naming what it read', () => {
    assert.equal(nestingProblem(nested(100), 'x'), undefined);
    assert.equal(
      nestingProblem({ a: nested(100) }, '`ST0116_1.1.json`'),
      'Expected `ST0116_1.1.json` nested at most 100 levels deep, found deeper: it was not read, since working through it would overflow the stack',
    );
  });

  it('Should refuse data nested 100 000 deep without overflowing the stack itself', () => {
    assert.match(nestingProblem({ knowledges: [], deep: nested(100_000) }, 'the file') ?? '', /^Expected the file nested at most 100 levels deep/);
  });
});
