// How the core judges what a host says git found (base/gitHistory.ts): the commit that last wrote a
// sign-off among its lines, a signature the host could not check (the editor), and when the index
// asks. The host here is a fake that answers from a table, so only the judging is under test.
import assert from 'node:assert/strict';
import {
  fileSignoffs,
  PortfolioIndex,
  SIGNATURE_UNCHECKED,
  type CommitSignature,
  type LineCommit,
  type SignoffHistory,
  type SignoffHistoryRequest,
  type SignoffHistorySource,
} from '../../src/core';
import { configFor, ROOT, withCode } from './inlinePortfolio';
import { MemoryFileSystem } from './memoryFileSystem';

const PRIYA = 'priya@northlight.example';
const SAM = 'sam@apprentice.example';
const PATH = `${ROOT}/evidence/a.md`;

/** A signed file: its sign-off entry's four lines are 5-8 (0-based). */
const SIGNED =
  '---\ntitle: A\ndate: 2026-01-05\nksbs: [K1]\nsignoff:\n  - by: Priya Shah\n    role: employer\n    date: 2026-01-10\n    digest: "v2:0123456789ab"\n---\n\nThe work.\n';

/** A host that gives every asked line the commit `lineCommit(line)` and every commit `signature`. */
class TableHistory implements SignoffHistorySource {
  prepared = 0;
  asked: SignoffHistoryRequest[][] = [];
  constructor(
    private readonly lineCommit: (line: number) => LineCommit,
    private readonly signature?: CommitSignature,
  ) {}
  prepare(): void {
    this.prepared++;
  }
  history(requests: readonly SignoffHistoryRequest[], withSignatures: boolean): Promise<SignoffHistory> {
    this.asked.push([...requests]);
    const files = new Map(
      requests.map((request) => [request.path, { kind: 'blamed' as const, lines: new Map(request.lines.map((line) => [line, this.lineCommit(line)])) }]),
    );
    const signatures = new Map<string, CommitSignature>();
    if (withSignatures && this.signature)
      for (const file of files.values()) for (const line of file.lines.values()) if (line.commit) signatures.set(line.commit, this.signature);
    return Promise.resolve({ files, signatures });
  }
}

function commit(id: string, authorEmail: string, time: number, order?: number): LineCommit {
  return { commit: id.padEnd(40, '0'), authorName: '', authorEmail, time, ...(order === undefined ? {} : { order }) };
}

async function load(mode: string, history: SignoffHistorySource): Promise<PortfolioIndex> {
  const people = `people:\n  - {name: Priya Shah, roles: [employer], email: ${PRIYA}}\n  - {name: Sam Patel, roles: [apprentice], email: ${SAM}}\nverify-signoffs: ${mode}\n`;
  const fs = new MemoryFileSystem({ [`${ROOT}/portfolio.yaml`]: configFor('post-production-coordinator', people), [PATH]: SIGNED });
  const index = new PortfolioIndex(fs, ROOT, { signoffHistory: history });
  await index.load();
  return index;
}

describe('Judging what git found of a sign-off', () => {
  it('Should take the commit that wrote the entry last by its place in the walk when the clock says they were at once', async () => {
    // The employer's commit wrote the entry; the apprentice's, at the same second but later in history, rewrote its date line.
    const history = new TableHistory((line) => (line === 7 ? commit('bbb', SAM, 100, 0) : commit('aaa', PRIYA, 100, 1)));
    const index = await load('commits', history);
    const [unverified, ...more] = withCode(index.diagnosticsFor(PATH), 'signoff.unverified');
    assert.deepEqual(more, []);
    assert.match(unverified?.message ?? '', /found commit bbb0000 by sam@apprentice\.example, not by Priya Shah/);
  });

  it('Should fall back on committer time when the host gives no places in a walk', async () => {
    const history = new TableHistory((line) => (line === 7 ? commit('bbb', SAM, 50) : commit('aaa', PRIYA, 100)));
    const index = await load('commits', history);
    assert.deepEqual(withCode(index.diagnosticsFor(PATH), 'signoff.unverified'), []);
    assert.equal(fileSignoffs(index.file(PATH)!, index).signoffs[0].proof.state, 'verified');
  });

  it('Should say a signature the host could not check is not checked, never verified, and still refuse the wrong author', async () => {
    const own = await load('signatures', new TableHistory(() => commit('aaa', PRIYA, 100, 0), { status: SIGNATURE_UNCHECKED, signer: '' }));
    assert.deepEqual(withCode(own.diagnosticsFor(PATH), 'signoff.unverified'), []);
    const proof = fileSignoffs(own.file(PATH)!, own).signoffs[0].proof;
    assert.equal(proof.state, 'not-checked');
    assert.match(
      proof.state === 'not-checked' ? proof.reason : '',
      /commit aaa0000 by priya@northlight\.example, its signature not checked in the editor: run `ksb check`/,
    );

    const forged = await load('signatures', new TableHistory(() => commit('bbb', SAM, 100, 0), { status: SIGNATURE_UNCHECKED, signer: '' }));
    assert.match(withCode(forged.diagnosticsFor(PATH), 'signoff.unverified')[0]?.message ?? '', /by sam@apprentice\.example, not by Priya Shah/);
  });

  it('Should tell the host before reading the files under verify-signoffs, and neither tell nor ask it when off', async () => {
    const on = new TableHistory(() => commit('aaa', PRIYA, 100, 0));
    await load('commits', on);
    assert.equal(on.prepared, 1);
    assert.deepEqual(
      on.asked.flat().map((request) => [request.path, request.lines]),
      [[PATH, [5, 6, 7, 8]]],
    );
    const off = new TableHistory(() => commit('aaa', PRIYA, 100, 0));
    await load('off', off);
    assert.equal(off.prepared, 0);
    assert.deepEqual(off.asked, []);
  });
});
