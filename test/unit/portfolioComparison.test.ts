import assert from 'node:assert/strict';
import { BaseOverHeadFileSystem, comparePortfolio, PortfolioIndex, type ChangedPath, type PortfolioFileSystem } from '../../src/core';
import { diffPortfolios } from '../../src/core/compare/portfolioDiff';
import { fileChangesOf, snapshotOf } from '../../src/core/compare/portfolioComparison';
import { ROOT } from './inlinePortfolio';
import { MemoryFileSystem } from './memoryFileSystem';

const CONFIG = 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\nevidence: ["evidence/**/*.md"]\n';

function evidence(title: string, codes: string): string {
  return `---\ntitle: ${JSON.stringify(title)}\ndate: 2026-01-10\nksbs: [${codes}]\n---\n\nBody.\n`;
}

/** Files as they were at the base revision: what git would show. */
const BASE_FILES: Record<string, string> = {
  'portfolio.yaml': CONFIG,
  'evidence/edited.md': evidence('Edited', 'K1'),
  'evidence/same.md': evidence('Same', 'K3'),
  'evidence/moving.md': evidence('Moving', 'S2'),
  'evidence/gone/old.md': evidence('Old', 'K4'),
};

/** The working tree: one file's claims edited, one renamed, a folder deleted, one added in a new folder. */
const HEAD_FILES: Record<string, string> = {
  'portfolio.yaml': CONFIG,
  'evidence/edited.md': evidence('Edited', 'K1, K2'),
  'evidence/same.md': evidence('Same', 'K3'),
  'evidence/moved.md': evidence('Moving', 'S2'),
  'evidence/new/fresh.md': evidence('Fresh', 'K7, K99'),
};

/** What the editor's git extension says differs for these two trees. */
const CHANGES: ChangedPath[] = [
  { basePath: 'evidence/edited.md', headPath: 'evidence/edited.md', contentChanged: true },
  { basePath: 'evidence/moving.md', headPath: 'evidence/moved.md', contentChanged: true },
  { basePath: 'evidence/gone/old.md', headPath: undefined, contentChanged: false },
  { basePath: undefined, headPath: 'evidence/new/fresh.md', contentChanged: true },
];

function memory(files: Record<string, string>): MemoryFileSystem {
  return new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([path, text]) => [`${ROOT}/${path}`, text])));
}

const encoder = new TextEncoder();

/** The base as the editor builds it: the head's files with git's base bytes for the changed ones, counting reads. */
function baseOverHead(head: PortfolioFileSystem, baseFiles = BASE_FILES, changes = CHANGES) {
  const reads: string[] = [];
  const fileSystem = new BaseOverHeadFileSystem(head, ROOT, changes, async (relative) => {
    reads.push(relative);
    const text = baseFiles[relative];
    if (text === undefined) throw new Error(`fatal: path '${relative}' does not exist in 'main'`);
    return encoder.encode(text);
  });
  return { fileSystem, reads };
}

async function loadedSnapshot(fileSystem: PortfolioFileSystem) {
  const index = new PortfolioIndex(fileSystem, ROOT);
  await index.load();
  return snapshotOf(index);
}

describe('portfolio comparison', () => {
  it('Should name the newly covered KSB, the edited, renamed, added and removed evidence against a base read file by file', async () => {
    const head = memory(HEAD_FILES);
    const diff = await comparePortfolio({ root: ROOT, head, base: async () => ({ fileSystem: baseOverHead(head).fileSystem, changes: CHANGES }) });

    assert.deepEqual(
      diff.newlyCovered.map((k) => [k.code, k.evidence]),
      [
        ['K2', ['evidence/edited.md']],
        ['K7', ['evidence/new/fresh.md']],
      ],
    );
    assert.deepEqual(
      diff.noLongerCovered.map((k) => [k.code, k.evidence]),
      [['K4', ['evidence/gone/old.md']]],
    );
    assert.deepEqual(diff.evidence.changed, [
      { file: 'evidence/edited.md', previousFile: null, title: 'Edited', claimsAdded: ['K2'], claimsDropped: [] },
      { file: 'evidence/moved.md', previousFile: 'evidence/moving.md', title: 'Moving', claimsAdded: [], claimsDropped: [] },
    ]);
    assert.deepEqual(diff.evidence.added, [{ file: 'evidence/new/fresh.md', title: 'Fresh', claims: ['K7'] }]);
    assert.deepEqual(diff.evidence.removed, [{ file: 'evidence/gone/old.md', title: 'Old', claims: ['K4'] }]);
    assert.deepEqual(
      diff.problems.introduced.map((p) => [p.file, p.code]),
      [['evidence/new/fresh.md', 'ksb.unknown-code']],
    );
    assert.equal(diff.coverage.after!.covered - diff.coverage.before!.covered, 1);
  });

  it('Should find what two separately loaded trees find, reading only the changed files at the base', async () => {
    const head = memory(HEAD_FILES);
    const { fileSystem, reads } = baseOverHead(head);
    const shared = await comparePortfolio({ root: ROOT, head, base: async () => ({ fileSystem, changes: CHANGES }) });
    const separate = diffPortfolios(await loadedSnapshot(memory(BASE_FILES)), await loadedSnapshot(memory(HEAD_FILES)), fileChangesOf(CHANGES));
    assert.deepEqual(shared, separate);
    assert.deepEqual([...new Set(reads)].sort(), ['evidence/edited.md', 'evidence/gone/old.md', 'evidence/moving.md']);
    assert.equal(reads.length, 3, 'each base file is read from git once');
  });

  it('Should show the base tree: files the head added hidden, deleted and renamed ones back, a deleted folder listed', async () => {
    const { fileSystem } = baseOverHead(memory(HEAD_FILES));
    assert.deepEqual((await fileSystem.readDirectory(`${ROOT}/evidence`)).map(([name, type]) => `${name} ${type}`).sort(), [
      'edited.md file',
      'gone directory',
      'moving.md file',
      'new directory',
      'same.md file',
    ]);
    assert.deepEqual(await fileSystem.readDirectory(`${ROOT}/evidence/new`), []);
    assert.deepEqual(await fileSystem.readDirectory(`${ROOT}/evidence/gone`), [['old.md', 'file']]);
    assert.equal((await fileSystem.stat(`${ROOT}/evidence/gone`))?.type, 'directory');
    assert.equal(await fileSystem.stat(`${ROOT}/evidence/moved.md`), undefined);
    await assert.rejects(fileSystem.readFile(`${ROOT}/evidence/new/fresh.md`), /no such file at the base/);
    assert.equal(new TextDecoder().decode(await fileSystem.readFile(`${ROOT}/evidence/edited.md`, 3)), '---');
    assert.equal((await fileSystem.stat(`${ROOT}/evidence/edited.md`))?.size, encoder.encode(BASE_FILES['evidence/edited.md']).length);
  });

  it('Should finish with the file reported unreadable when git cannot give a base file', async () => {
    const head = memory(HEAD_FILES);
    const { fileSystem } = baseOverHead(head, { ...BASE_FILES, 'evidence/edited.md': undefined as unknown as string });
    const diff = await comparePortfolio({ root: ROOT, head, base: async () => ({ fileSystem, changes: CHANGES }) });
    const fixed = diff.problems.fixed.filter((p) => p.file === 'evidence/edited.md');
    assert.equal(fixed.length, 1, `expected the base's edited.md to be unreadable, fixed: ${JSON.stringify(diff.problems.fixed)}`);
    assert.match(fixed[0].message, /does not exist in 'main'/);
  });

  it('Should ignore changes that name neither side, and pair a rename only when the path moved', () => {
    const changes = fileChangesOf([
      { basePath: undefined, headPath: undefined, contentChanged: true },
      { basePath: 'a.md', headPath: 'a.md', contentChanged: true },
      { basePath: 'b.md', headPath: 'c.md', contentChanged: false },
    ]);
    assert.deepEqual([...changes.renamed], [['b.md', 'c.md']]);
    assert.deepEqual([...changes.changed], ['a.md']);
    assert.deepEqual([...changes.touched].sort(), ['a.md', 'b.md', 'c.md']);
  });
});
