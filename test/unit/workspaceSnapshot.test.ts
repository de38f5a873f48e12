// The snapshot the integration runner and harness use to put the fixture back after a test, a UI
// check or a pass that left it changed (test/integration/runner-extension/workspace-snapshot.js).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { differences, restoreTree, snapshotTree } from '../integration/runner-extension/workspace-snapshot.js';

describe('workspace snapshot', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ksb-snapshot-'));
    mkdirSync(path.join(root, 'evidence', 'nested'), { recursive: true });
    writeFileSync(path.join(root, 'portfolio.yaml'), 'standard: ST0792\n');
    writeFileSync(path.join(root, 'evidence', 'a.md'), '---\nksbs: [K1]\n---\n');
    writeFileSync(path.join(root, 'evidence', 'nested', 'b.md'), 'b\n');
    symlinkSync('a.md', path.join(root, 'evidence', 'link.md'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('Should find no differences in a folder left as it was', () => {
    const snapshot = snapshotTree(root);
    assert.deepEqual(differences(snapshot), []);
    assert.deepEqual(restoreTree(snapshot), []);
  });

  it('Should name every changed, added and removed file and folder, and put the folder back byte for byte', () => {
    const snapshot = snapshotTree(root);
    writeFileSync(path.join(root, 'evidence', 'a.md'), '---\nksbs: [K1, interpret post]\n---\n');
    mkdirSync(path.join(root, 'created', 'deep'), { recursive: true });
    writeFileSync(path.join(root, 'created', 'deep', 'c.md'), 'c\n');
    rmSync(path.join(root, 'evidence', 'nested'), { recursive: true });
    rmSync(path.join(root, 'evidence', 'link.md'));
    symlinkSync('nested/b.md', path.join(root, 'evidence', 'link.md'));
    const expected = [
      'changed evidence/a.md',
      'added created/',
      'added created/deep/',
      'added created/deep/c.md',
      'changed evidence/link.md',
      'removed evidence/nested/',
      'removed evidence/nested/b.md',
    ].sort((a, b) => a.split(' ')[1].localeCompare(b.split(' ')[1]));
    assert.deepEqual(differences(snapshot), expected);
    assert.deepEqual(restoreTree(snapshot), expected);
    assert.deepEqual(differences(snapshot), []);
    assert.equal(readFileSync(path.join(root, 'evidence', 'a.md'), 'utf8'), '---\nksbs: [K1]\n---\n');
    assert.equal(readFileSync(path.join(root, 'evidence', 'link.md'), 'utf8'), '---\nksbs: [K1]\n---\n');
  });

  it('Should put back a folder copied elsewhere from the snapshot of the original', () => {
    const snapshot = snapshotTree(root);
    const copy = mkdtempSync(path.join(tmpdir(), 'ksb-snapshot-copy-'));
    try {
      writeFileSync(path.join(copy, 'stray.md'), 'x');
      const found = restoreTree(snapshot, copy);
      assert.ok(found.includes('added stray.md') && found.includes('removed portfolio.yaml'), found.join(', '));
      assert.deepEqual(differences(snapshot, copy), []);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
