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
    symlinkSync('/etc/passwd', join(root, 'outside.md'));
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

  it('Should list files and folders, and every symbolic link as a link, dangling or not, without following it', async () => {
    const entries = (await fs.readDirectory(root)).map(([name, type, flag]) => `${name}:${type}${flag ? `:${flag}` : ''}`).sort();
    assert.deepEqual(entries, [
      'dangling.md:other:symbolic-link',
      'evidence:directory',
      'linked-folder:other:symbolic-link',
      'linked.md:other:symbolic-link',
      'outside.md:other:symbolic-link',
    ]);
    await assert.rejects(fs.readDirectory(join(root, 'missing')));
  });

  it('Should stat a symbolic link as a link, telling nothing of its target, dangling or not', async () => {
    const described = async (name: string) => {
      const stat = await fs.stat(join(root, name));
      return stat && { type: stat.type, symbolicLink: stat.symbolicLink };
    };
    for (const name of ['dangling.md', 'linked.md', 'linked-folder', 'outside.md'])
      assert.deepEqual(await described(name), { type: 'other', symbolicLink: true }, name);
  });

  it('Should refuse to read a file through a symbolic link at its end', async () => {
    await assert.rejects(fs.readFile(join(root, 'linked.md')));
  });
});
