import assert from 'node:assert/strict';
import { coverageMarkdown, type Coverage } from '../../src/core';
import { configFor, loadPortfolio, POST_PRODUCTION_CONFIG } from './inlinePortfolio';

/** An evidence document with a title and claims (YAML after `ksbs: `). */
const evidence = (title: string, ksbs: string) => `---\ntitle: ${title}\nksbs: ${ksbs}\n---\n\nBody.\n`;

/** The coverage of a portfolio made of `files`. */
async function coverageOf(files: Record<string, string>): Promise<Coverage> {
  const { index } = await loadPortfolio(files);
  const coverage = index.coverage();
  assert.ok(coverage, 'expected a usable portfolio');
  return coverage;
}

/** The table row of one code. */
function rowOf(markdown: string, code: string): string {
  const row = markdown.split('\n').find((line) => line.startsWith(`| ${code} |`) || line.startsWith(`| **${code}** |`));
  assert.ok(row, `expected a row for ${code}`);
  return row;
}

describe('Coverage as Markdown', () => {
  it('Should title the report with the standard, version, option and apprentice', async () => {
    const markdown = coverageMarkdown(await coverageOf({ 'portfolio.yaml': configFor('post-production-coordinator', 'apprentice: Alex Test\n') }));
    const lines = markdown.split('\n');
    assert.equal(lines[0], '# KSB coverage: Junior production coordinator (ST0792 v1.2)');
    assert.match(markdown, /\*\*Standard:\*\* ST0792 version 1\.2, level 4/);
    assert.match(markdown, /\*\*Option:\*\* Post production coordinator/);
    assert.match(markdown, /\*\*Apprentice:\*\* Alex Test/);
  });

  it('Should leave out the apprentice line when the config names none', async () => {
    const markdown = coverageMarkdown(await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG }));
    assert.doesNotMatch(markdown, /Apprentice/);
  });

  it('Should say when no option is set', async () => {
    const markdown = coverageMarkdown(await coverageOf({ 'portfolio.yaml': 'standard: ST0792\nversion: "1.2"\n' }));
    assert.match(markdown, /\*\*Option:\*\* none set \(KSBs of every option count\)/);
  });

  it('Should have one table per kind headed with its covered and total counts', async () => {
    const markdown = coverageMarkdown(
      await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence('Booking the online', '[K1, K24, S1, B1]') }),
    );
    // v1.2 post production: K1-K16 + K24-K29 (22), S1-S17 + S21-S23 (20), B1-B4 (4).
    assert.match(markdown, /^## Knowledge \(2\/22 \(9%\)\)$/m);
    assert.match(markdown, /^## Skills \(1\/20 \(5%\)\)$/m);
    assert.match(markdown, /^## Behaviours \(1\/4 \(25%\)\)$/m);
    assert.equal(markdown.match(/^\| Code \| KSB \| Evidence \|$/gm)?.length, 3);
  });

  it('Should list only the codes of the configured option', async () => {
    const markdown = coverageMarkdown(await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG }));
    assert.ok(markdown.includes('| **K24** |'));
    assert.ok(!markdown.includes('K17'), 'K17 belongs to the production coordinator option');
  });

  it('Should link each covered KSB to its evidence by title, relative to the portfolio root', async () => {
    const markdown = coverageMarkdown(
      await coverageOf({
        'portfolio.yaml': POST_PRODUCTION_CONFIG,
        'evidence/b.md': evidence('Weekly schedule', '[K1]'),
        'evidence/a.md': evidence('Booking the online', '[K1, S1]'),
      }),
    );
    assert.equal(
      rowOf(markdown, 'K1'),
      '| K1 | How structure, vision and purpose affects production. | [Booking the online](evidence/a.md)<br>[Weekly schedule](evidence/b.md) |',
    );
  });

  it('Should mark an uncovered KSB in bold with no evidence', async () => {
    const markdown = coverageMarkdown(await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG }));
    assert.match(rowOf(markdown, 'K2'), /^\| \*\*K2\*\* \| The requirements of each department .* \| \*none\* \|$/);
  });

  it('Should fall back to the path for evidence without a title and encode spaces in links', async () => {
    const markdown = coverageMarkdown(await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/week 1 (draft).md': '---\nksbs: [B2]\n---\n' }));
    assert.match(rowOf(markdown, 'B2'), /\[evidence\/week 1 \(draft\)\.md\]\(evidence\/week%201%20%28draft%29\.md\) \|$/);
  });

  it('Should keep a title with pipes and brackets inside its table cell', async () => {
    const markdown = coverageMarkdown(await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence('"Edit | grade [v2]"', '[B3]') }));
    assert.match(rowOf(markdown, 'B3'), /\[Edit \\\| grade \\\[v2\\\]\]\(evidence\/a\.md\) \|$/);
    assert.equal(rowOf(markdown, 'B3').split(/(?<!\\)\|/).length, 5, 'four cell separators, none from the title');
  });

  it('Should put the link prefix in front of every evidence path', async () => {
    const markdown = coverageMarkdown(await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence('A', '[K1]') }), {
      linkPrefix: '../',
    });
    assert.match(rowOf(markdown, 'K1'), /\(\.\.\/evidence\/a\.md\)/);
  });

  it('Should end with a summary table per kind and in all', async () => {
    const markdown = coverageMarkdown(await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence('A', '[K1, K24, S1, B1, B2]') }), {
      generatedOn: '2026-04-10',
    });
    const summary = markdown.slice(markdown.indexOf('## Summary'));
    assert.deepEqual(summary.trimEnd().split('\n'), [
      '## Summary',
      '',
      '| Kind | Covered | Total | % |',
      '| --- | ---: | ---: | ---: |',
      '| Knowledge | 2 | 22 | 9% |',
      '| Skills | 1 | 20 | 5% |',
      '| Behaviours | 2 | 4 | 50% |',
      '| **All** | **5** | **46** | **10%** |',
    ]);
    assert.match(markdown, /\*\*5\/46 \(10%\) KSBs covered\*\*; 41 without evidence\./);
    assert.match(markdown, /\*\*Generated on:\*\* 2026-04-10/);
  });

  it('Should count only valid claims, not wrong-option or unknown codes', async () => {
    const markdown = coverageMarkdown(await coverageOf({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence('A', '[K17, K30, K1]') }));
    assert.match(markdown, /^## Knowledge \(1\/22 \(4%\)\)$/m);
  });
});
