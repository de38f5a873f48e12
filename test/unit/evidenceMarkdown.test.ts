// The submission pack's Markdown renderer: GitHub-flavoured Markdown in, safe HTML out, with
// local links rewritten to the pack and raw HTML shown as text, never interpreted.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseEvidenceMarkdown, renderEvidenceMarkdown, type ResolvedUrl, type UrlResolver } from '../../src/core/pack/evidenceMarkdown';

/** Resolves `other.md` to a piece, `shot.png` to an embedded image, `big.png` and `notes.pdf` to the ZIP, `../x` to nothing. */
const resolve: UrlResolver = (url): ResolvedUrl | undefined => {
  if (/^[a-z]+:/i.test(url)) return undefined;
  if (url.startsWith('other.md')) return { kind: 'anchor', href: '#e2' };
  if (url === 'shot.png') return { kind: 'file', href: 'evidence/shot.png', dataUri: 'data:image/png;base64,AAAA' };
  if (url === 'big.png' || url === 'notes.pdf') return { kind: 'file', href: `evidence/${url}` };
  return { kind: 'absent', why: 'Not in the pack: outside the portfolio' };
};

function render(markdown: string, idPrefix = 'e1-'): string {
  return renderEvidenceMarkdown(markdown, { idPrefix, resolve });
}

describe('Evidence Markdown in the submission pack', () => {
  it('Should render GitHub tables, code, task lists and strikethrough, leaving the front matter out', () => {
    const html = render(
      [
        '---',
        'title: Secret title',
        'ksbs: [K1]',
        '---',
        '',
        '| A | B |',
        '|---|---|',
        '| 1 | 2 |',
        '',
        '```js',
        'if (a < b) run();',
        '```',
        '',
        '- [x] done',
        '',
        '~~old~~',
      ].join('\n'),
    );
    assert.doesNotMatch(html, /Secret title/);
    assert.match(html, /<table>\s*<thead>\s*<tr>\s*<th>A<\/th>/);
    assert.match(html, /<pre><code class="language-js">if \(a &#x3C; b\) run\(\);/);
    assert.match(html, /<span class="task" role="img" aria-label="done">☑<\/span> done/);
    assert.match(html, /<del>old<\/del>/);
  });

  it('Should put the evidence headings below the page headings of the pack', () => {
    assert.match(render('# Top\n\n## Next\n\n###### Deep'), /<h3>Top<\/h3>\s*<h4>Next<\/h4>\s*<h6>Deep<\/h6>/);
  });

  it('Should show raw HTML as its text, never as markup', () => {
    const html = render('<script>alert(1)</script>\n\nA <img src=x onerror=alert(1)> in a sentence and <iframe src="http://127.0.0.1:9/"></iframe>.');
    assert.doesNotMatch(html, /<script|<img|<iframe/);
    assert.match(html, /&#x3C;script>alert\(1\)&#x3C;\/script>/);
    assert.match(html, /A &#x3C;img src=x onerror=alert\(1\)> in a sentence/);
  });

  it('Should drop javascript: and data: link targets but keep their text', () => {
    const html = render('[run](javascript:alert(1)) [page](data:text/html,<b>x</b>) [mail](mailto:a@b.example)');
    assert.match(html, /<a>run<\/a>/);
    assert.match(html, /<a>page<\/a>/);
    assert.match(html, /href="mailto:a@b.example"/);
  });

  it('Should link other evidence inside the page and attachments inside the ZIP', () => {
    const html = render('[see](other.md#part) and [the PDF](notes.pdf) and [away](../../etc/passwd)');
    assert.match(html, /<a href="#e2">see<\/a>/);
    assert.match(html, /<a href="evidence\/notes.pdf">the PDF<\/a>/);
    assert.match(html, /<a class="absent" title="Not in the pack: outside the portfolio">away<\/a>/);
  });

  it('Should embed small images, link large ones, and never load an image from a server', () => {
    const html = render('![Shot](shot.png) ![Big one](big.png) ![Tracker](http://127.0.0.1:9/pixel.gif) ![Gone](../../x.png)');
    assert.match(html, /<img src="data:image\/png;base64,AAAA" alt="Shot">/);
    assert.match(html, /<a href="evidence\/big.png" class="attachment">\[image: Big one\]<\/a>/);
    assert.match(html, /<a href="http:\/\/127.0.0.1:9\/pixel.gif" class="attachment">\[image: Tracker\]<\/a>/);
    assert.match(html, /<span class="absent" title="Not in the pack: outside the portfolio">\[image: Gone\]<\/span>/);
    assert.equal((html.match(/<img /g) ?? []).length, 1);
  });

  it('Should give each piece its own footnote ids, so pieces on one page never share one', () => {
    const first = render('Said[^1].\n\n[^1]: Source.', 'e1-');
    const second = render('Said[^1].\n\n[^1]: Source.', 'e2-');
    const ids = (html: string) => [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids(first).length >= 3, first);
    for (const id of ids(first)) assert.ok(id.startsWith('e1-'), `expected ${id} to start with e1-`);
    assert.deepEqual(
      ids(first).filter((id) => ids(second).includes(id)),
      [],
    );
    assert.match(first, /href="#e1-fn-1"/);
  });

  it('Should never let markup, handlers or script URLs through, whatever the Markdown', () => {
    const pieces = [
      '<script>x()</script>',
      '<a href="javascript:x()">a</a>',
      '[a](javascript:x())',
      '![i](javascript:x())',
      '<img src=x onerror=x()>',
      '<svg onload=x()>',
      '<style>*{}</style>',
      '<link rel=stylesheet href=//h/a.css>',
      '[a]: javascript:x()\n\n[a]',
      '<iframe src=//h/>',
      '`code`',
      '| a |\n|---|\n| <b onclick=x()> |',
      '\n\n',
      '# h',
      '> q',
      '- l',
      '[l](<java\nscript:x()>)',
      '[l](JaVaScRiPt:x())',
      '<object data=x>',
    ];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 })), { maxLength: 12 }), (parts) => {
        const html = render(parts.join(' '));
        assert.doesNotMatch(html, /<(?:script|style|link|iframe|object|svg|embed|form)\b/i);
        // Text is escaped (`&#x3C;`), so every `<` left starts a real tag.
        assert.doesNotMatch(html, /<[^<>]+\son[a-z]+=/i);
        assert.doesNotMatch(html, /<[^<>]+\s(?:href|src)="\s*(?:javascript|data:text|vbscript)/i);
      }),
      { numRuns: 300 },
    );
  });

  describe('parsed with only the GitHub extensions a text can use', () => {
    /** remark-gfm whole, as the pack parsed every file before it chose extensions by text. */
    const reference = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).freeze();

    /** Markdown made of the characters and runs each GitHub extension starts on, and of everything around them. */
    const markdownPiece = fc.oneof(
      fc.constantFrom(
        ...['word', 'W', 'www', 'www.', 'WWW.x.org', 'http', 'https://', 'h://x', 'x.co', '@', 'a@b.co', 'mailto:a@b.co', 'xmpp:a@b.co/r'],
        ...['|', '| a | b |', '|---|', '-', '---', ':', ':-:', '~', '~~', '~~~', '[', ']', '^', '[^1]', '[^1]: note', '[ ]', '[x]', '[X]', '[\t]'],
        ...[
          '\n',
          '\n\n',
          ' ',
          '  ',
          '\t',
          '*',
          '_',
          '**',
          '>',
          '# ',
          '1. ',
          '- ',
          '`',
          '```',
          '(',
          ')',
          '<',
          '>',
          '!',
          '\\',
          '.',
          '&amp;',
          '---\ntitle: x\n---\n',
        ],
      ),
      fc.string({ maxLength: 6 }),
    );

    it('Should give the tree remark-gfm gives, positions and all, for any Markdown', () => {
      fc.assert(
        fc.property(fc.array(markdownPiece, { maxLength: 40 }), (parts) => {
          const text = parts.join('');
          assert.deepEqual(parseEvidenceMarkdown(text).tree, reference.parse(text));
        }),
        { numRuns: 1500 },
      );
    });

    it('Should give the tree remark-gfm gives for every Markdown file of the fixtures and the sample', () => {
      const files: string[] = [];
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir)) {
          const full = join(dir, name);
          if (name === 'node_modules') continue;
          const stat = statSync(full, { throwIfNoEntry: false });
          if (stat?.isDirectory()) walk(full);
          else if (stat?.isFile() && name.endsWith('.md')) files.push(full);
        }
      };
      walk('test/fixtures');
      walk('examples');
      assert.ok(files.length > 50, `found ${files.length} files`);
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        assert.deepEqual(parseEvidenceMarkdown(text).tree, reference.parse(text), file);
      }
    });
  });
});
