import assert from 'node:assert/strict';
import fc from 'fast-check';
import { builtinCatalogue, claimCodesEdit, applyTextEdit } from '../../src/core';
import { planImport } from '../../src/core/edits/importPlan';
import { readDate, readHoursTracker, type TrackerCell } from '../../src/core/read/hoursTracker';
import { diagnose, loadPortfolio, ROOT, withCode } from './inlinePortfolio';

const CONFIG = 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\n';

describe('evidence.tagged-not-claimed', () => {
  it('Should tell a file that tags codes but claims none, at the first tag, with the codes as fix data', async () => {
    const diagnostics = await diagnose('# Notes\n\nWrote the call sheet [K7, S3]. Not K99 [K99].\n', { config: CONFIG });
    const [tagged] = withCode(diagnostics, 'evidence.tagged-not-claimed');
    assert.ok(tagged, JSON.stringify(diagnostics));
    assert.match(tagged.message, /^Tags K7, S3 in the text but claims none: expected them in `ksbs:` in the front matter, found no `ksbs:`/);
    assert.deepEqual(tagged.range.start, { line: 2, character: 22 });
    assert.deepEqual(tagged.fix, { kind: 'claim-tagged', codes: ['K7', 'S3'] });
  });

  it('Should say nothing for a file that claims, a code in a sentence, a progress review, or a file the globs leave out', async () => {
    assert.deepEqual(withCode(await diagnose('---\nksbs: [K1]\n---\nAlso [K7].\n', { config: CONFIG }), 'evidence.tagged-not-claimed'), []);
    assert.deepEqual(withCode(await diagnose('Kept the rushes in S3.\n', { config: CONFIG }), 'evidence.tagged-not-claimed'), []);
    assert.deepEqual(
      withCode(await diagnose('---\ntype: progress-review\ndate: 2026-01-01\n---\nTalked about [K7].\n', { config: CONFIG }), 'evidence.tagged-not-claimed'),
      [],
    );
    const globbed = await diagnose('Tagged [K7].\n', { config: `${CONFIG}evidence: ["work/**/*.md"]\n` });
    assert.deepEqual(withCode(globbed, 'evidence.tagged-not-claimed'), []);
  });
});

describe('portfolio.no-evidence', () => {
  it('Should count the Markdown files and those mentioning codes when none has ksbs:', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': CONFIG,
      'a.md': 'Tagged [K7].\n',
      'b.md': 'A list: K1, S3 and B2.\n',
      'c.md': 'An S3 bucket.\n',
      'reviews/r.md': '---\ntype: progress-review\ndate: 2026-01-01\n---\n',
    });
    const [finding] = withCode(index.diagnosticsFor(`${ROOT}/portfolio.yaml`), 'portfolio.no-evidence');
    assert.equal(
      finding?.message,
      'Expected evidence files claiming KSBs, found none: 3 Markdown files, none with `ksbs:`; 2 mention KSB codes: try `ksb import`',
    );
  });

  it('Should be quiet for a portfolio with evidence, and one with no Markdown yet', async () => {
    const portfolios: Record<string, string>[] = [{ 'a.md': '---\nksbs: [K1]\n---\n', 'b.md': 'Tagged [K7].\n' }, {}];
    for (const files of portfolios) {
      const { index } = await loadPortfolio({ 'portfolio.yaml': CONFIG, ...files });
      assert.deepEqual(withCode(index.diagnosticsFor(`${ROOT}/portfolio.yaml`), 'portfolio.no-evidence'), []);
    }
  });
});

describe('claimCodesEdit', () => {
  const claim = (text: string, codes: { code: string; justification?: string }[]) => {
    const result = claimCodesEdit(text, codes);
    assert.ok(result.ok, result.ok ? '' : result.reason);
    return result.edit ? applyTextEdit(text, result.edit) : text;
  };

  it('Should add front matter to a file without, a field to front matter without ksbs, and merge into a block list', () => {
    assert.equal(claim('Body.\n', [{ code: 'K7' }]), '---\nksbs: [K7]\n---\n\nBody.\n');
    assert.equal(claim('---\ntitle: T\n---\nBody\n', [{ code: 'K7', justification: 'Did "it"' }]), '---\ntitle: T\nksbs:\n  K7: "Did \\"it\\""\n---\nBody\n');
    assert.equal(
      claim('---\nksbs:\n  - K1\n  - k2\ndate: 2026-01-01\n---\n', [{ code: 'K2' }, { code: 'S3' }]),
      '---\nksbs: [K1, k2, S3]\ndate: 2026-01-01\n---\n',
    );
  });

  it('Should keep existing justifications and change nothing when every code is claimed', () => {
    const text = '---\nksbs:\n  K1: "Mine"\n---\n';
    assert.equal(claim(text, [{ code: 'S3', justification: 'New' }]), '---\nksbs:\n  K1: "Mine"\n  S3: "New"\n---\n');
    const result = claimCodesEdit(text, [{ code: 'K1', justification: 'Other' }]);
    assert.deepEqual(result, { ok: true, edit: undefined, added: [] });
  });

  it('Should refuse front matter with YAML errors rather than guess', () => {
    const result = claimCodesEdit('---\nksbs: [K1\n---\n', [{ code: 'S3' }]);
    assert.equal(result.ok, false);
  });

  it('Should give front matter that reads back every claim, for any justification text', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom('', '---\ntitle: x\n---\n', '---\nksbs: [K1]\n---\n', '---\r\nksbs:\r\n  K1: a\r\n---\r\n'),
        (justification, start) => {
          const result = claimCodesEdit(`${start}Body`, [{ code: 'S3', justification }]);
          assert.ok(result.ok, result.ok ? '' : result.reason);
        },
      ),
    );
  });
});

describe('readHoursTracker', () => {
  it('Should find the header below a title and read UK, ISO, word and serial dates', () => {
    const rows: TrackerCell[][] = [
      ['My log'],
      ['Date', 'Hours', 'What'],
      ['12/01/2026', 3.5, 'A'],
      ['2026-01-13', '3:30', 'B'],
      ['14 Jan 2026', '3h 30m', 'C'],
      [46037, '90m', 'D'],
      ['', '', ''],
      ['Total', 12, ''],
    ];
    const reading = readHoursTracker(rows);
    assert.ok(reading.ok);
    assert.equal(reading.headerRow, 2);
    assert.deepEqual(
      reading.entries.map((e) => `${e.date} ${e.hours} ${e.activity}`),
      ['2026-01-12 3.5 A', '2026-01-13 3.5 B', '2026-01-14 3.5 C', '2026-01-15 1.5 D'],
    );
    assert.deepEqual(reading.totals, [{ row: 8, hours: 12, entriesSum: 12 }]);
    assert.deepEqual(reading.unreadable, []);
  });

  it('Should never throw on any rows, and list every non-blank row after the header as an entry, a total or unreadable', () => {
    const cell = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(null), fc.constantFrom('12/01/2026', '3:30', 'Total', '2026-02-30'));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 12 }), (body) => {
        const reading = readHoursTracker([['Date', 'Hours', 'Activity'], ...body]);
        assert.ok(reading.ok);
        const nonBlank = body.filter((row) => row.some((c) => c !== null && String(c).trim() !== '')).length;
        assert.equal(reading.entries.length + reading.totals.length + reading.unreadable.length, nonBlank);
      }),
    );
  });

  it('Should read only real calendar days', () => {
    assert.equal(readDate('31/02/2026'), undefined);
    assert.equal(readDate('29/02/2028'), '2028-02-29');
    assert.equal(readDate('w/c 05/01/2026'), '2026-01-05');
    assert.equal(readDate('soon'), undefined);
  });
});

describe('planImport', () => {
  it('Should list the tags of a file with broken front matter as not claimed, rather than fail at --write', () => {
    const standard = builtinCatalogue().get('ST0792', '1.2')!;
    const plan = planImport([{ path: 'a.md', text: '---\nksbs: [K1\n---\nDid it [K7].\n', evidence: true }], standard);
    assert.deepEqual(plan.files[0].claims, []);
    assert.match(plan.files[0].notMapped[0].reason, /^K7 not claimed: Expected valid front matter/);
  });
});
