import assert from 'node:assert/strict';
import { analyzeText, DiagnosticCode, PortfolioIndex } from '../../src/core';
import { parseFrontMatter } from '../../src/core/read/frontMatter';
import { LineIndex } from '../../src/core/base/text';
import { DOC, marked, POST_PRODUCTION_CONFIG, ROOT, showRange, withCode } from './inlinePortfolio';
import { MemoryFileSystem } from './memoryFileSystem';

const TODAY = '2026-03-14';

/** The diagnostics of one evidence document in a portfolio that knows today's date, if given. */
async function diagnoseOn(document: string, today: string | undefined) {
  const fs = new MemoryFileSystem({ [`${ROOT}/portfolio.yaml`]: POST_PRODUCTION_CONFIG, [DOC]: document });
  const index = new PortfolioIndex(fs, ROOT, today === undefined ? {} : { today: () => today });
  await index.load();
  return index.diagnosticsFor(DOC);
}

describe('evidence.future-date', () => {
  it('Should report a date after today at the date, saying what today is', async () => {
    const { text, ranges } = marked('---\ntitle: Later\ndate: ⟦2062-03-14⟧\nksbs: [K1]\n---\n');
    const [diagnostic, ...rest] = withCode(await diagnoseOn(text, TODAY), DiagnosticCode.FutureDate);
    assert.deepEqual(rest, []);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.equal(diagnostic.message, 'Expected a `date` no later than today (2026-03-14), found 2062-03-14: evidence is of work already done');
  });

  it('Should accept today and earlier dates', async () => {
    for (const date of [TODAY, `${TODAY}T23:30`, '2026-03-13', '2025-12-31']) {
      assert.deepEqual(withCode(await diagnoseOn(`---\ndate: ${date}\nksbs: [K1]\n---\n`, TODAY), DiagnosticCode.FutureDate), [], date);
    }
  });

  it('Should point at a quoted date too, quotes included', async () => {
    const { text, ranges } = marked('---\ndate: ⟦"2026-03-15"⟧\nksbs: [K1]\n---\n');
    const found = withCode(await diagnoseOn(text, TODAY), DiagnosticCode.FutureDate);
    assert.deepEqual(
      found.map((d) => showRange(d.range)),
      [showRange(ranges[0])],
    );
  });

  it('Should not run when the host gives no date: the core has no clock', async () => {
    assert.deepEqual(withCode(await diagnoseOn('---\ndate: 2999-01-01\nksbs: [K1]\n---\n', undefined), DiagnosticCode.FutureDate), []);
  });

  it('Should find the same date range on the fast path as the YAML parser does', () => {
    const text = '---\ntitle: A\ndate: 2026-03-15\nksbs: [K1]\n---\n';
    const fast = parseFrontMatter(text, new LineIndex(text), { fastPath: 'only' });
    const parsed = parseFrontMatter(text, new LineIndex(text), { fastPath: 'off' });
    assert.ok(fast?.dateRange);
    assert.deepEqual(fast.dateRange, parsed?.dateRange);
    assert.deepEqual(analyzeText(text).frontMatter?.dateRange, parsed?.dateRange);
  });
});
