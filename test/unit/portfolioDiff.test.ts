import assert from 'node:assert/strict';
import { PortfolioIndex, portfolioDiffMarkdown, withoutLineNumbers, type DiffProblem } from '../../src/core';
import { diffPortfolios, type PortfolioSnapshot } from '../../src/core/compare/portfolioDiff';
import { MARKDOWN_DIFF_LIMIT, markdownCode, markdownText } from '../../src/core/render/portfolioDiffMarkdown';
import { configFor, ROOT } from './inlinePortfolio';
import { MemoryFileSystem } from './memoryFileSystem';

const NO_CHANGES = { renamed: new Map<string, string>(), changed: new Set<string>() };

function problem(file: string, line: number, message: string, code = 'ksb.unknown-code', severity: DiffProblem['severity'] = 'error'): DiffProblem {
  return { file, line, column: 3, code, severity, message };
}

function snapshot(problems: DiffProblem[], files: PortfolioSnapshot['files'] = []): PortfolioSnapshot {
  return { coverage: undefined, files, problems };
}

const LABELS = { base: 'main', head: undefined, folder: '' };

describe('portfolio diff', () => {
  describe('problems', () => {
    it('Should pair a problem that moved to another line, and one whose message quotes a moved line', () => {
      const base = snapshot([
        problem('a.md', 4, 'Unexpected code `K30`: ST0792 v1.2 has K1-K29'),
        problem('a.md', 9, 'Unexpected second `title:` field: expected each field once (the first is on line 2)', 'frontmatter.invalid-field'),
      ]);
      const head = snapshot([
        problem('a.md', 7, 'Unexpected code `K30`: ST0792 v1.2 has K1-K29'),
        problem('a.md', 12, 'Unexpected second `title:` field: expected each field once (the first is on line 5)', 'frontmatter.invalid-field'),
      ]);
      assert.deepEqual(diffPortfolios(base, head, NO_CHANGES).problems, { introduced: [], fixed: [] });
    });

    it('Should count occurrences: a second identical problem in the file is introduced, not matched', () => {
      const message = 'Expected a file at `x.pdf`, found none';
      const base = snapshot([problem('a.md', 4, message, 'evidence.missing-attachment')]);
      const head = snapshot([problem('a.md', 4, message, 'evidence.missing-attachment'), problem('a.md', 9, message, 'evidence.missing-attachment')]);
      const { introduced, fixed } = diffPortfolios(base, head, NO_CHANGES).problems;
      assert.deepEqual(
        introduced.map((p) => p.line),
        [9],
      );
      assert.deepEqual(fixed, []);
    });

    it('Should name the one of two identical problems whose line went as fixed, and the new one as introduced', () => {
      const message = 'Expected a file at `x.pdf`, found none';
      const at = (line: number) => problem('a.md', line, message, 'evidence.missing-attachment');
      // The first of two went; the second moved up two lines with the text above it.
      const first = diffPortfolios(snapshot([at(5), at(40)]), snapshot([at(38)]), NO_CHANGES).problems;
      assert.deepEqual([first.fixed.map((p) => p.line), first.introduced], [[5], []]);
      // A new one above two that stayed (shifted down by one line each).
      const added = diffPortfolios(snapshot([at(10), at(20)]), snapshot([at(3), at(11), at(21)]), NO_CHANGES).problems;
      assert.deepEqual([added.introduced.map((p) => p.line), added.fixed], [[3], []]);
    });

    it('Should follow a rename: the renamed file keeps its problem, reported under neither list', () => {
      const base = snapshot([problem('old.md', 4, 'Unexpected code `K30`')]);
      const head = snapshot([problem('new.md', 4, 'Unexpected code `K30`')]);
      const renamed = { renamed: new Map([['old.md', 'new.md']]), changed: new Set<string>() };
      assert.deepEqual(diffPortfolios(base, head, renamed).problems, { introduced: [], fixed: [] });
      // Without the rename they are a fix in one file and a new problem in another.
      const unpaired = diffPortfolios(base, head, NO_CHANGES).problems;
      assert.deepEqual([unpaired.introduced.length, unpaired.fixed.length], [1, 1]);
    });

    it('Should keep codes apart when it takes line numbers out of a message', () => {
      assert.equal(withoutLineNumbers('the first is on line 12'), 'the first is on line #');
      assert.equal(withoutLineNumbers('at a.md:3:14'), 'at a.md:#');
      assert.equal(withoutLineNumbers('Unexpected code `K30`'), 'Unexpected code `K30`');
      const base = snapshot([problem('a.md', 4, 'Unexpected code `K30`')]);
      const head = snapshot([problem('a.md', 4, 'Unexpected code `K31`')]);
      const { introduced, fixed } = diffPortfolios(base, head, NO_CHANGES).problems;
      assert.deepEqual([introduced.length, fixed.length], [1, 1]);
    });
  });

  describe('evidence', () => {
    it('Should list a file whose claims did not change only when git says its content or name changed', () => {
      const file = { relativePath: 'a.md', title: 'A', isEvidence: true, claims: ['K1'] };
      const base = snapshot([], [file]);
      const head = snapshot([], [file]);
      assert.deepEqual(diffPortfolios(base, head, NO_CHANGES).evidence.changed, []);
      const edited = diffPortfolios(base, head, { renamed: new Map(), changed: new Set(['a.md']) }).evidence.changed;
      assert.deepEqual(edited, [{ file: 'a.md', previousFile: null, title: 'A', claimsAdded: [], claimsDropped: [] }]);
    });

    it('Should count a file that stopped being evidence as removed evidence', () => {
      const base = snapshot([], [{ relativePath: 'a.md', title: undefined, isEvidence: true, claims: ['K1', 'K1'] }]);
      const head = snapshot([], [{ relativePath: 'a.md', title: undefined, isEvidence: false, claims: [] }]);
      assert.deepEqual(diffPortfolios(base, head, NO_CHANGES).evidence.removed, [{ file: 'a.md', title: null, claims: ['K1'] }]);
    });
  });

  describe('markdown', () => {
    it('Should make user text inert: no HTML, emphasis, link, mention, issue reference or table break', () => {
      const escaped = markdownText('<img src=x onerror=alert(1)> *a* _b_ [c](d) @octocat #12 a|b `e` $x$ ~~f~~ &amp;\nnext');
      assert.equal(
        escaped,
        '\\<img src=x onerror=alert\\(1\\)\\> \\*a\\* \\_b\\_ \\[c\\]\\(d\\) \\@\u200boctocat \\#\u200b12 a\\|b \\`e\\` \\$x\\$ \\~\\~f\\~\\~ \\&amp;\\\\u000anext',
      );
    });

    it('Should keep GitHub from reading GH-12 in any case as an issue reference, as it does #12 and owner/repo#12', () => {
      assert.equal(markdownText('Fixes GH-12, gh-3 and Gh-45'), 'Fixes GH-\u200b12, gh-\u200b3 and Gh-\u200b45');
      assert.equal(markdownText('octo/portfolio#12'), 'octo/portfolio\\#\u200b12');
      assert.equal(markdownText('GH-pages and ugh-1'), 'GH-pages and ugh-\u200b1');
    });

    it('Should fence a code span longer than the backticks inside it, with pipes escaped and line breaks shown', () => {
      assert.equal(markdownCode('a.md'), '` a.md `');
      assert.equal(markdownCode('a `b` ``c``.md'), '``` a `b` ``c``.md ```');
      assert.equal(markdownCode('x|y\n.md'), '` x\\|y\\u000a.md `');
    });

    it('Should stay under the size limit with thousands of problems, saying how many it left out', () => {
      const longMessage = `Unexpected code: ${'x'.repeat(2_000)}`;
      const head = snapshot(Array.from({ length: 5_000 }, (_, i) => problem(`evidence/file-${i}.md`, 4, longMessage)));
      const markdown = portfolioDiffMarkdown(diffPortfolios(snapshot([]), head, NO_CHANGES), LABELS);
      assert.ok(new TextEncoder().encode(markdown).length <= MARKDOWN_DIFF_LIMIT, `${markdown.length} characters`);
      const more = /\| and (\d+) more \(see `ksb diff --format json`\)/.exec(markdown);
      assert.ok(more, markdown.slice(-500));
      const shown = markdown.split('\n').filter((line) => line.startsWith('| ` evidence/file-')).length;
      assert.equal(shown + Number(more[1]), 5_000);
      assert.ok(markdown.trimEnd().endsWith('**This change introduces errors.**'));
    });

    it('Should say when nothing changed', () => {
      const markdown = portfolioDiffMarkdown(diffPortfolios(snapshot([]), snapshot([]), NO_CHANGES), LABELS);
      assert.match(markdown, /No change to the evidence, the sign-offs, the coverage or the problems\.\n$/);
      assert.match(markdown, /^<!-- ksb-diff -->\n### KSB portfolio: ` main ` → the working tree\n/);
    });
  });

  describe('links out of the root', () => {
    it('Should never look at a link target out of the portfolio, so a comparison has nothing there to go stale', async () => {
      const fs = new MemoryFileSystem({ [`${ROOT}/portfolio.yaml`]: configFor('production-coordinator'), '/shared/handbook.pdf': '' });
      const index = new PortfolioIndex(fs, ROOT);
      await index.load();
      fs.write(`${ROOT}/evidence/b.md`, '---\ntitle: B\nksbs: [K2]\n---\n[handbook](../../shared/handbook.pdf)\n');
      await index.refresh(`${ROOT}/evidence/b.md`);
      assert.deepEqual(
        index.diagnosticsFor(`${ROOT}/evidence/b.md`).map((d) => d.code),
        ['evidence.link-outside'],
      );
      assert.deepEqual(
        [...fs.stats.keys()].filter((path) => path.startsWith('/shared')),
        [],
      );
    });
  });
});
