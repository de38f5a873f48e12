import assert from 'node:assert/strict';
import { RULES, summaryMarkdown } from '../../src/core';
import { type SummaryProblem } from '../../src/core/render/summaryMarkdown';
import { tinyStandard } from './inlinePortfolio';
import { loadPortfolio } from './inlinePortfolio';

const CONFIG = 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\napprentice: "@octocat #12 <b>|x|</b>"\n';

describe('ksb summary Markdown', () => {
  it('shows coverage per kind with a bar and a number, and the KSBs without evidence with their texts', async () => {
    const { index } = await loadPortfolio({ 'portfolio.yaml': CONFIG, 'evidence/a.md': '---\nksbs: [K1, S1, B1]\n---\n' });
    const markdown = summaryMarkdown({ coverage: index.coverage(), problems: [], evidenceFiles: 1 });
    assert.match(markdown, /^## KSB portfolio: Junior production coordinator \(ST0792 v1\.2\)$/m);
    assert.match(markdown, /^\*\*3 of 47 KSBs covered \(6%\)\*\*, 44 without evidence\. No problems in 1 evidence file\.$/m);
    assert.match(markdown, /^\| Knowledge \| 1\/23 \| `█░{19}` 4% \|$/m);
    assert.match(markdown, /^\| Behaviours \| 1\/4 \| `█{5}░{15}` 25% \|$/m);
    assert.match(markdown, /^### Without evidence \(44\)$/m);
    assert.match(markdown, /^- \*\*K2\*\* The requirements of each department and how they work with each other\.$/m);
    assert.doesNotMatch(markdown, /^- \*\*K1\*\*/m);
  });

  it("keeps the user's text from mentioning people, linking issues or URLs, or breaking out into HTML", async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': CONFIG.replace(
        'apprentice: "@octocat #12 <b>|x|</b>"',
        'apprentice: "@octocat #12 <b>|x|</b> &#64;me https://evil.test www.evil.test GH-1 gh-2"',
      ),
    });
    const markdown = summaryMarkdown({ coverage: index.coverage(), problems: [], evidenceFiles: 0 });
    const apprentice = /\*\*Apprentice:\*\* (.*)$/m.exec(markdown)?.[1] ?? '';
    assert.equal(
      apprentice,
      '\\@\u200boctocat \\#\u200b12 \\<b\\>\\|x\\|\\</b\\> \\&\\#\u200b64;me https:\u200b//evil.test www\u200b.evil.test GH-\u200b1 gh-\u200b2',
    );
  });

  it('counts problems by code, errors first, and lists the first five of each', () => {
    const problems: SummaryProblem[] = [
      ...Array.from({ length: 7 }, (_, i) => ({
        path: `evidence/${i}.md`,
        line: i + 1,
        code: 'evidence.no-ksbs',
        level: 'warning' as const,
        message: 'Expected a claim',
      })),
      { path: 'evidence/x.md', line: 3, code: 'ksb.unknown-code', level: 'error', message: 'Unexpected code `K99`' },
    ];
    const markdown = summaryMarkdown({ coverage: undefined, problems, evidenceFiles: 8 });
    assert.match(markdown, /Coverage could not be counted/);
    assert.match(markdown, /\*\*1 error, 7 warnings\*\* in 8 evidence files\./);
    const rows = markdown.split('\n').filter((line) => line.startsWith('| `'));
    assert.deepEqual(rows, ['| ` ksb.unknown-code ` | error | 1 |', '| ` evidence.no-ksbs ` | warning | 7 |']);
    assert.equal(markdown.split('\n').filter((line) => line.startsWith('- ` evidence/')).length, 6);
    assert.match(markdown, /^- …and 2 more$/m);
  });

  it("stays under GitHub's 1 MB summary limit however many problems and however long their texts", () => {
    const problems: SummaryProblem[] = Array.from({ length: 200_000 }, (_, i) => ({
      path: `evidence/${'deep/'.repeat(50)}${i}.md`,
      line: i,
      code: ['ksb.unknown-code', 'evidence.no-ksbs', 'frontmatter.yaml-error'][i % 3],
      level: 'error' as const,
      message: 'x'.repeat(10_000),
    }));
    const markdown = summaryMarkdown({ coverage: undefined, problems, evidenceFiles: 200_000 });
    assert.ok(new TextEncoder().encode(markdown).length < 20_000, `${markdown.length} characters`);
    assert.match(markdown, /\*\*200000 errors, 0 warnings\*\*/);
  });

  it('fits a pull request comment at worst: 150 long KSB texts without evidence and every rule with long problems', async () => {
    const longText = '<&@#'.repeat(200);
    const ksbs = Array.from({ length: 150 }, (_, i) => `  - code: K${i + 1}\n    text: "${longText}"\n    source: "t"`).join('\n');
    const standard = tinyStandard().replace(/ksbs:\n[\s\S]*?duties: \[\]/, `ksbs:\n${ksbs}\nduties: []`);
    const { index } = await loadPortfolio({ 'portfolio.yaml': 'standard: ST9999\n', 'standards/ST9999-1.0.yaml': standard });
    const coverage = index.coverage();
    assert.equal(coverage?.entries.length, 150);
    const problems: SummaryProblem[] = RULES.flatMap((rule) =>
      Array.from({ length: 9 }, (_, i) => ({
        path: `${'ü/'.repeat(100)}${i}.md`,
        line: i,
        code: rule.code,
        level: 'error' as const,
        message: '`|*'.repeat(300),
      })),
    );
    const markdown = summaryMarkdown({ coverage, problems, evidenceFiles: 0 });
    assert.ok(markdown.length < 65_536, `${markdown.length} characters`);
    assert.match(markdown, /^- …and \d+ more$/m, 'the lists were cut with a count of the rest');
    for (const rule of RULES) assert.ok(markdown.includes(`| \` ${rule.code} \` | error | 9 |`), `${rule.code} is counted`);
  });
});
