import assert from 'node:assert/strict';
import { PortfolioIndex } from '../../src/core';
import { MemoryFileSystem } from './memoryFileSystem';

const config = (option: string) => `standard: ST0792\noption: ${option}\n`;
const evidence = (codes: string) => `---\nksbs: ${codes}\n---\nBody, see [plan](../sam/plan.txt).\n`;

describe('Nested portfolios', () => {
  // A training provider's repository: one portfolio per apprentice below a shared root portfolio.
  const files = {
    '/repo/portfolio.yaml': config('production-coordinator'),
    '/repo/shared.md': evidence('[K1]'),
    '/repo/sam/portfolio.yaml': config('post-production-coordinator'),
    '/repo/sam/k24.md': evidence('[K24]'),
    '/repo/sam/plan.txt': 'plan',
  };

  it('Should leave a subfolder with its own portfolio.yaml to that portfolio', async () => {
    const outer = new PortfolioIndex(new MemoryFileSystem(files), '/repo');
    await outer.load();
    assert.deepEqual(
      outer.allFiles().map((f) => f.relativePath),
      ['shared.md'],
    );
    assert.equal(outer.diagnosticsFor('/repo/sam/k24.md').length, 0, 'K24 is not judged by the outer, production option');
  });

  it('Should still resolve links from the outer portfolio into the nested one', async () => {
    const outer = new PortfolioIndex(new MemoryFileSystem({ ...files, '/repo/notes/a.md': evidence('[K2]') }), '/repo');
    await outer.load();
    assert.deepEqual(outer.diagnosticsFor('/repo/notes/a.md'), []);
  });

  it('Should index the nested portfolio on its own option', async () => {
    const inner = new PortfolioIndex(new MemoryFileSystem(files), '/repo/sam');
    await inner.load();
    assert.deepEqual(
      inner.evidenceFor('K24').map((e) => e.relativePath),
      ['k24.md'],
    );
  });

  it('Should hand a folder over to a portfolio.yaml created in it, and take it back when that is deleted', async () => {
    const fs = new MemoryFileSystem({ '/repo/portfolio.yaml': config('production-coordinator'), '/repo/sub2/e.md': evidence('[K1]') });
    const outer = new PortfolioIndex(fs, '/repo');
    await outer.load();
    const k1 = () => outer.evidenceFor('K1').map((e) => e.relativePath);
    assert.deepEqual(k1(), ['sub2/e.md']);
    fs.write('/repo/sub2/portfolio.yaml', config('post-production-coordinator'));
    await outer.refresh('/repo/sub2/portfolio.yaml');
    assert.deepEqual(k1(), []);
    assert.equal(outer.file('/repo/sub2/e.md'), undefined);
    fs.delete('/repo/sub2/portfolio.yaml');
    await outer.remove('/repo/sub2/portfolio.yaml');
    assert.deepEqual(k1(), ['sub2/e.md']);
  });

  it('Should not index a file created in the nested portfolio, but resolve links to it', async () => {
    const fs = new MemoryFileSystem({ ...files, '/repo/notes/a.md': '---\nksbs: [K2]\n---\nSee [the new one](../sam/new.md).\n' });
    const outer = new PortfolioIndex(fs, '/repo');
    await outer.load();
    assert.equal(outer.diagnosticsFor('/repo/notes/a.md').length, 1, 'the link is broken before the file exists');
    fs.write('/repo/sam/new.md', evidence('[K3]'));
    await outer.refresh('/repo/sam/new.md');
    assert.deepEqual(
      outer.allFiles().map((f) => f.relativePath),
      ['notes/a.md', 'shared.md'],
    );
    assert.deepEqual(outer.evidenceFor('K3'), []);
    assert.deepEqual(outer.diagnosticsFor('/repo/notes/a.md'), []);
  });
});
