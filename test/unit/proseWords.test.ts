import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Nodes, Parent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { proseWordCount } from '../../src/core/read/proseWords';

// The core counts words with a scanner (remark is too slow for a 10 000-file portfolio); remark's
// tree is the reference it must agree with on the Markdown both understand.
const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/** Nodes whose text is not prose. */
const NOT_PROSE = new Set(['code', 'inlineCode', 'html', 'yaml', 'image', 'imageReference', 'definition']);
/** Nodes whose children run together as one line of text (words may straddle their children). */
const INLINE_CONTAINERS = new Set(['paragraph', 'heading', 'tableCell']);

/** The words remark's tree holds outside code, HTML, images and definitions. */
function remarkWordCount(markdown: string): number {
  const blocks: string[] = [];
  const inlineText = (node: Nodes): string => {
    if (NOT_PROSE.has(node.type)) return ' ';
    if (node.type === 'text') return node.value;
    if (node.type === 'break') return ' ';
    return 'children' in node ? (node as Parent).children.map((child) => inlineText(child as Nodes)).join('') : '';
  };
  const visit = (node: Nodes) => {
    if (NOT_PROSE.has(node.type)) return;
    if (INLINE_CONTAINERS.has(node.type)) blocks.push(inlineText(node));
    else if ('children' in node) for (const child of (node as Parent).children) visit(child);
  };
  visit(parser.parse(markdown));
  return blocks
    .join(' ')
    .split(/\s+/u)
    .filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

describe('proseWordCount', () => {
  it('Should count the words of plain paragraphs', () => {
    assert.equal(proseWordCount('I built the pipeline.\n\nIt deploys twice a day.\n'), 9);
  });

  it('Should not count the front matter', () => {
    assert.equal(proseWordCount('---\ntitle: A long title of many words\nksbs: [K1, S2]\n---\nThree words here.\n'), 3);
  });

  it('Should not count fenced, indented or inline code', () => {
    const text = [
      'Before the code.',
      '',
      '```ts',
      'const words = "not prose at all";',
      '```',
      '',
      '    indented code is not prose',
      '',
      'Run `npm ci --no-audit` first.',
    ].join('\n');
    assert.equal(proseWordCount(text), 5);
  });

  it('Should count a link by its text, not its destination or title', () => {
    assert.equal(proseWordCount('See [the deployment log](logs/deploy%20log.md "A title of words") for details.'), 6);
    assert.equal(proseWordCount('See [the log][log].\n\n[log]: https://example.com/a/b "Title words"\n'), 3);
  });

  it('Should not count autolinks, bare web addresses or image descriptions', () => {
    assert.equal(proseWordCount('Docs at <https://example.com/docs> and https://example.org/x or www.example.net today.'), 5);
    assert.equal(proseWordCount('A diagram ![the architecture of the service](img/arch.png) follows.'), 3);
    assert.equal(proseWordCount('[![build status badge](badge.svg)](https://ci.example.com)'), 0);
  });

  it('Should not count HTML comments or tags, but count the text between tags', () => {
    assert.equal(proseWordCount('Visible <!-- hidden notes to myself --> words.\n\n<details><summary>Open me</summary>\n\nInside text.\n</details>\n'), 6);
  });

  it('Should not count list markers, quote markers, table borders or headings marks', () => {
    const text = [
      '# Title',
      '',
      '1. First item',
      '2. Second item',
      '- [x] Done task',
      '> Quoted line',
      '',
      '| Tool | Use |',
      '| --- | --- |',
      '| git | versions |',
    ].join('\n');
    assert.equal(proseWordCount(text), 13);
  });

  it('Should count numbers and hyphenated words as one word each, and punctuation alone as none', () => {
    assert.equal(proseWordCount('We cut end-to-end latency by 40 % — from 2.5 s to 1.5 s.'), 12);
  });

  it('Should read CRLF, a BOM-free text with no body, and an empty text', () => {
    assert.equal(proseWordCount('---\r\ntitle: x\r\n---\r\nOne two\r\nthree\r\n'), 3);
    assert.equal(proseWordCount('---\ntitle: unclosed front matter'), 0);
    assert.equal(proseWordCount(''), 0);
  });

  it('Should treat entities as characters, and a non-breaking space entity as a space', () => {
    assert.equal(proseWordCount('Tom &amp; Jerry&nbsp;again caf&eacute;'), 4);
  });

  it('Should not count footnote labels', () => {
    assert.equal(proseWordCount('A claim.[^1]\n\n[^1]: The source of it.\n'), 6);
  });

  it('Should finish quickly on hostile inputs', () => {
    for (const text of [
      '['.repeat(100_000),
      '](('.repeat(50_000),
      '<a '.repeat(50_000),
      '`'.repeat(100_000),
      '![' + 'x'.repeat(100_000),
      '&'.repeat(100_000),
    ]) {
      const started = performance.now();
      proseWordCount(text);
      assert.ok(performance.now() - started < 2000, `Took too long on ${text.slice(0, 10)}...`);
    }
  });

  describe('agrees with remark', () => {
    const word = fc.stringMatching(/^[A-Za-z][a-z0-9']{0,7}$/);
    const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((list) => list.join(' '));
    const url = fc.constantFrom('a.md', 'evidence/b.md', 'img/c.png', '#part', 'd%20e.md', 'f.md "A title"');
    const inline = fc.oneof(
      words,
      words.map((text) => `*${text}*`),
      words.map((text) => `**${text}**`),
      words.map((text) => `\`${text}\``),
      fc.tuple(words, url).map(([text, target]) => `[${text}](${target})`),
      fc.tuple(words, url).map(([text, target]) => `![${text}](${target})`),
      words.map((text) => `<!-- ${text} -->`),
    );
    // A line starts with words: a line starting with `<!--` is an HTML block, whose rest is raw HTML to remark.
    const line = fc.tuple(words, fc.array(inline, { maxLength: 5 })).map(([first, parts]) => [first, ...parts].join(' '));
    const block = fc.oneof(
      line,
      line.map((text) => `# ${text}`),
      line.map((text) => `- ${text}`),
      line.map((text) => `1. ${text}`),
      line.map((text) => `> ${text}`),
      line.map((text) => `    ${text}`),
      line.map((text) => '```\n' + text + '\n```'),
      fc.tuple(word, fc.constantFrom('https://example.com/x', 'b.md')).map(([label, target]) => `[${label}]: ${target}`),
    );
    const document = fc
      .tuple(fc.option(words, { nil: undefined }), fc.array(block, { maxLength: 8 }))
      .map(([title, blocks]) => (title === undefined ? '' : `---\ntitle: ${title}\n---\n`) + blocks.join('\n\n') + '\n');

    it('Should count the words remark finds outside code, HTML, images and definitions', () => {
      fc.assert(
        fc.property(document, (text) => {
          assert.equal(proseWordCount(text), remarkWordCount(text), text);
        }),
        { numRuns: 500 },
      );
    });

    it('Should never count more words than there are runs of letters and digits', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 400 }), (text) => {
          const count = proseWordCount(text);
          assert.ok(Number.isInteger(count) && count >= 0);
          assert.ok(count <= (text.match(/[\p{L}\p{N}]+/gu) ?? []).length, text);
        }),
        { numRuns: 500 },
      );
    });
  });
});
