import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeFileSystem } from '../../src/cli/nodeFileSystem';

describe('NodeFileSystem (the CLI’s file access)', () => {
  const fs = new NodeFileSystem();
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ksb-node-fs-'));
    mkdirSync(join(root, 'evidence'));
    writeFileSync(join(root, 'evidence', 'a.md'), '---\nksbs: [K1]\n---\n');
    symlinkSync(join(root, 'evidence', 'a.md'), join(root, 'linked.md'));
    symlinkSync(join(root, 'evidence'), join(root, 'linked-folder'));
    symlinkSync(join(root, 'nowhere.md'), join(root, 'dangling.md'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('Should stat files and folders, and give undefined for a missing path or one through a file', async () => {
    assert.equal((await fs.stat(join(root, 'evidence', 'a.md')))?.type, 'file');
    assert.equal((await fs.stat(join(root, 'evidence', 'a.md')))?.size, 19);
    assert.equal((await fs.stat(join(root, 'evidence')))?.type, 'directory');
    assert.equal(await fs.stat(join(root, 'missing.md')), undefined);
    assert.equal(await fs.stat(join(root, 'evidence', 'a.md', 'inside')), undefined); // ENOTDIR
  });

  it('Should read a file’s bytes and reject for a missing one', async () => {
    assert.equal(new TextDecoder().decode(await fs.readFile(join(root, 'evidence', 'a.md'))), '---\nksbs: [K1]\n---\n');
    await assert.rejects(fs.readFile(join(root, 'missing.md')));
  });

  it('Should list files and folders, flag linked files and folders with their targets’ types, and skip dangling links', async () => {
    const entries = (await fs.readDirectory(root)).map(([name, type, flag]) => `${name}:${type}${flag ? `:${flag}` : ''}`).sort();
    assert.deepEqual(entries, ['evidence:directory', 'linked-folder:directory:symbolic-link', 'linked.md:file:symbolic-link']);
    await assert.rejects(fs.readDirectory(join(root, 'missing')));
  });
});
