import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { locateFrontMatter } from '../../src/core/read/frontMatter';
import { findLocalLinks, localTarget } from '../../src/core/read/links';
import { LineIndex } from '../../src/core/base/text';

// The core scans links with a purpose-built scanner for speed; remark is the reference it must
// agree with on every document here.

interface Found {
  target: string;
  line: number;
  character: number;
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

interface MdNode {
  type: string;
  url?: string;
  children?: MdNode[];
  position?: { start: { line: number; column: number } };
}

function remarkLinks(text: string): Found[] {
  const found: Found[] = [];
  const visit = (node: MdNode) => {
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.position) {
      const target = localTarget(node.url ?? '');
      if (target !== undefined) found.push({ target, line: node.position.start.line - 1, character: node.position.start.column - 1 });
    }
    node.children?.forEach(visit);
  };
  visit(parser.parse(text));
  return sortFound(found);
}

function scannerLinks(text: string): Found[] {
  const lines = new LineIndex(text);
  return sortFound(
    findLocalLinks(text, lines, locateFrontMatter(text)?.bodyStart ?? 0)
      // remark reports HTML as raw nodes, not links: compare Markdown links only.
      .filter((link) => !/^(src|href)\s*=/.test(text.slice(lines.offsetAt(link.range.start), lines.offsetAt(link.range.end))))
      .map((link) => ({ target: link.target, line: link.range.start.line, character: link.range.start.character })),
  );
}

function sortFound(found: Found[]): Found[] {
  return found.sort((a, b) => a.line - b.line || a.character - b.character);
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

const SNIPPETS = [
  'See [notes](a/notes.txt) and ![still](img/still.png "Still").',
  'A [link with [nested] text](docs/nested.md) here.',
  'Code `[not a link](x.md)` and ``double `tick` [no](y.md)`` done.',
  '```\n[in fence](fence.md)\n```',
  '~~~md\n![in tilde fence](t.png)\n~~~',
  '    [indented code](indented.md)',
  '- item with [list link](list.md)\n\n  continued [para](cont.md)',
  '[ref]: refs/file.txt "Title"',
  '[angle](<with space.md>) and [paren](file(1).md)',
  'Escaped \\[not](esc.md) text.',
  '[remote](https://example.com/x) [anchor](#top) [mail](mailto:a@b.c)',
  '<!-- [commented](c.md) -->',
  '1. [numbered](n.md)\n2. ![img](n.png)',
  '> quote with [q](quote.md)',
  'Trailing [frag](f.md#sec) and [query](q.md?x=1) and [pct](a%20b.md).',
  '| table | [cell](cell.md) |\n|---|---|\n| a | b |',
];

describe('Link scanner', () => {
  const corpus = [join(process.cwd(), 'test', 'fixtures'), join(process.cwd(), 'examples')].flatMap(markdownFiles);

  it('finds the fixture and sample files to compare on', () => {
    assert.ok(corpus.length >= 20, `expected at least 20 Markdown files, found ${corpus.length}`);
  });

  for (const file of corpus) {
    it(`Should agree with remark on ${file.slice(process.cwd().length + 1)}`, () => {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      if (text.includes('\0')) return assert.deepEqual(scannerLinks(text), []);
      assert.deepEqual(scannerLinks(text), remarkLinks(text));
    });
  }

  SNIPPETS.forEach((snippet, i) => {
    it(`Should agree with remark on snippet ${i + 1}: ${JSON.stringify(snippet.slice(0, 40))}`, () => {
      assert.deepEqual(scannerLinks(snippet), remarkLinks(snippet));
    });
  });

  it('Should agree with remark on documents mixing every snippet', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 40; n++) {
      const parts = Array.from({ length: 6 }, () => SNIPPETS[Math.floor(random() * SNIPPETS.length)]);
      const text = `---\nksbs: [K1]\n---\n${parts.join('\n\n')}\n`;
      assert.deepEqual(scannerLinks(text), remarkLinks(text), text);
    }
  });
});
