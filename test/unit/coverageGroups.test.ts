import assert from 'node:assert/strict';
import { coverageByDuty, coverageByKind, ksbLabel, portfolioDescription, shortenText, type Coverage } from '../../src/core';
import { configFor, loadPortfolio, POST_PRODUCTION_CONFIG, tinyStandard } from './inlinePortfolio';

async function coverageOf(files: Record<string, string>): Promise<Coverage> {
  const { index } = await loadPortfolio(files);
  const coverage = index.coverage();
  assert.ok(coverage, 'expected a usable portfolio');
  return coverage;
}

describe('Coverage groups', () => {
  it('Should split coverage into Knowledge, Skills and Behaviours with their counts', async () => {
    const coverage = await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': '---\nksbs: [K1, S21, B4]\n---\n' });
    assert.deepEqual(
      coverageByKind(coverage).map((g) => [g.kind, g.count.covered, g.count.total]),
      [
        ['knowledge', 1, 22],
        ['skill', 1, 20],
        ['behaviour', 1, 4],
      ],
    );
  });

  it('Should group by the duties of the option only, a KSB under each duty that lists it', async () => {
    const coverage = await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': '---\nksbs: [K1]\n---\n' });
    const groups = coverageByDuty(coverage);
    const numbers = groups.map((g) => g.duty?.number);
    // Duties 9 and 10 belong to the production coordinator option.
    assert.ok(!numbers.includes(9) && !numbers.includes(10), `unexpected duties in ${numbers.join(', ')}`);
    assert.ok(numbers.includes(11) && numbers.includes(12));
    const withK1 = groups.filter((g) => g.entries.some((e) => e.ksb.code === 'K1')).map((g) => g.duty?.number);
    assert.deepEqual(withK1, [1, 2, 7, 8]);
    const duty1 = groups.find((g) => g.duty?.number === 1);
    assert.deepEqual(duty1?.count, { covered: 1, total: 10 });
  });

  it('Should never list a KSB of the other option under a duty', async () => {
    const coverage = await coverageOf({ 'portfolio.yaml': configFor('production-coordinator') });
    const codes = coverageByDuty(coverage).flatMap((g) => g.entries.map((e) => e.ksb.code));
    assert.ok(!codes.includes('K24'));
  });

  it('Should put KSBs that no applicable duty lists in a last group without a duty', async () => {
    const coverage = await coverageOf({
      'portfolio.yaml': 'standard: ST9999\nversion: "1.0"\n',
      'standards/tiny.yaml': tinyStandard({ withDuty: true }), // K1 under duty 1; K2 and S1 under none
      'a.md': '---\nksbs: [K2]\n---\n',
    });
    assert.deepEqual(
      coverageByDuty(coverage).map((g) => [g.duty?.number, g.entries.map((e) => e.ksb.code).join(' '), `${g.count.covered}/${g.count.total}`]),
      [
        [1, 'K1', '0/1'],
        [undefined, 'K2 S1', '1/2'],
      ],
    );
  });

  it('Should have no group without a duty when every KSB of ST0792 v1.2 is under a duty', async () => {
    const coverage = await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG });
    const groups = coverageByDuty(coverage);
    assert.ok(groups.every((g) => g.duty !== undefined));
    assert.equal(new Set(groups.flatMap((g) => g.entries.map((e) => e.ksb.code))).size, coverage.entries.length, 'every KSB appears somewhere');
  });
});

describe('KSB labels', () => {
  it('Should shorten a long text at a word boundary with an ellipsis', () => {
    assert.equal(shortenText('How structure, vision and purpose affects production.', 30), 'How structure, vision and…');
  });

  it('Should leave a short text whole', () => {
    assert.equal(shortenText('Short.', 30), 'Short.');
  });

  it('Should label a KSB with its code and the start of its text', async () => {
    const coverage = await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG });
    const k1 = coverage.entries.find((e) => e.ksb.code === 'K1')!.ksb;
    assert.equal(ksbLabel(k1, 30), 'K1 How structure, vision and…');
    assert.ok(ksbLabel(k1, 30).length <= 30);
  });

  it('Should describe a portfolio by its standard, version and option', async () => {
    const coverage = await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG });
    assert.equal(portfolioDescription(coverage), 'ST0792 v1.2 · Post production coordinator');
  });

  it('Should describe a portfolio on a standard without options as covering all options', async () => {
    const coverage = await coverageOf({ 'portfolio.yaml': 'standard: ST9999\nversion: "1.0"\n', 'standards/tiny.yaml': tinyStandard() });
    assert.equal(portfolioDescription(coverage), 'ST9999 v1.0 · all options');
  });
});
