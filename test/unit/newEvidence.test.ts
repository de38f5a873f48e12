import assert from 'node:assert/strict';
import { diagnosticOf } from '../../src/core/rules/readFindings';
import { analyzeText, configTemplate, evidenceFileName, evidenceFolder, parseConfig } from '../../src/core';
import { slugify } from '../../src/core/base/paths';
import { parseStandardFile } from '../../src/core/catalogue/catalogue';
import { tinyStandard } from './inlinePortfolio';

describe('New evidence files', () => {
  it('Should put new evidence in the fixed folders of the first glob', () => {
    assert.equal(evidenceFolder({ evidence: ['evidence/**/*.md', 'other/*.md'] }), 'evidence');
    assert.equal(evidenceFolder({ evidence: ['./work/evidence/*.md'] }), 'work/evidence');
    assert.equal(evidenceFolder({ evidence: ['portfolio/202?/**/*.md'] }), 'portfolio');
  });

  it('Should put new evidence at the root without globs or when the first glob starts with a pattern', () => {
    assert.equal(evidenceFolder({}), '');
    assert.equal(evidenceFolder({ evidence: ['**/*.md'] }), '');
    assert.equal(evidenceFolder({ evidence: ['{a,b}/*.md'] }), '');
    assert.equal(evidenceFolder({ evidence: ['*.md'] }), '');
  });

  it('Should name the file from the date and a slug of the title', () => {
    assert.equal(evidenceFileName('2026-04-10', 'Weekly post schedule: update #2'), '2026-04-10-weekly-post-schedule-update-2.md');
    assert.equal(evidenceFileName('2026-04-10', 'Café réunion'), '2026-04-10-cafe-reunion.md');
    assert.equal(evidenceFileName('2026-04-10', '!!!'), '2026-04-10-evidence.md');
  });

  it('Should cut a long slug at a word boundary', () => {
    const slug = slugify('Coordinated the delivery of the festival DCP and the subtitle files to three festivals in one week');
    assert.ok(slug.length <= 60, slug);
    assert.ok(!slug.endsWith('-'));
    assert.equal(slug, 'coordinated-the-delivery-of-the-festival-dcp-and-the');
  });

  it('Should judge a front-matter date by the one calendar-day check of base/dates, years before 100 included', () => {
    const dateProblem = (date: string) =>
      analyzeText(`---\ndate: ${date}\nksbs: [K1]\n---\n`)
        .findings.map((finding) => diagnosticOf(finding).message)
        .join('\n');
    assert.equal(dateProblem('2026-02-28'), '');
    assert.equal(dateProblem('2026-04-10T10:00'), '');
    for (const date of ['2026-02-30', '2026-13-01', '0050-02-29', '0052-02-29', '2101-01-01']) {
      assert.match(dateProblem(date), new RegExp(`Expected \`date\` to be a date such as 2026-03-14, between 1950 and 2100, found \`${date}\``), date);
    }
  });
});

describe('portfolio.yaml template', () => {
  it("keeps a standard's title with line breaks in its comment, so it cannot add a field", () => {
    const yaml = tinyStandardWithTitle('"Evil\\nevidence: [\\"none/*.md\\"]\\napprentice: Mallory"');
    const parsed = parseStandardFile(yaml, 'ST9999-1.0.yaml');
    assert.ok(parsed.ok);
    assert.match(parsed.standard.title, /\n/);
    const text = configTemplate(parsed.standard);
    const config = parseConfig(text).config;
    assert.equal(config?.evidence, undefined);
    assert.equal(config?.apprentice, undefined);
    assert.match(
      text.split('\n')[0],
      /^# portfolio\.yaml: this folder is an apprenticeship portfolio for Evil evidence: \["none\/\*\.md"\] apprentice: Mallory \(ST9999 v1\.0\)\.$/,
    );
  });
});

/** The tiny test standard with another title (YAML text). */
function tinyStandardWithTitle(title: string): string {
  return tinyStandard().replace('title: Tiny test standard', `title: ${title}`);
}
