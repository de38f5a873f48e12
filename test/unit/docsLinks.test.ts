// The README is the landing page and docs/ the manual, so readers travel between them by relative
// links: every one must lead to a file that exists, and every #anchor to a heading GitHub names so,
// or to an explicit <a id>. Pages are parsed with remark, so links inside code are not links.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const REPO = process.cwd();
const README_MAX_LINES = 250;

interface MdNode {
  type: string;
  url?: string;
  value?: string;
  children?: MdNode[];
  position?: { start: { line: number } };
}

/** What the link check may ask of a tree of files, the repository's or one built in a test. */
interface Files {
  exists(relativePath: string): boolean;
  read(relativePath: string): string;
}

const parser = unified().use(remarkParse);

const repositoryFiles: Files = {
  exists: (relativePath) => existsSync(path.join(REPO, relativePath)),
  read: (relativePath) => readFileSync(path.join(REPO, relativePath), 'utf8'),
};

/** The pages whose links are checked: the README, CONTRIBUTING.md and every page of the manual. */
function checkedPages(): string[] {
  const manual = readdirSync(path.join(REPO, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', 'CONTRIBUTING.md', ...manual];
}

function walk(node: MdNode, visit: (node: MdNode) => void): void {
  visit(node);
  node.children?.forEach((child) => walk(child, visit));
}

/** A heading's text as GitHub slugs it: inline code and emphasis keep their text, HTML is dropped. */
function plainText(node: MdNode): string {
  if (node.type === 'html') return '';
  if (node.value !== undefined) return node.value;
  return (node.children ?? []).map(plainText).join('');
}

/** GitHub's anchor for a heading (github-slugger): lower case, punctuation dropped, spaces to hyphens. */
function githubSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a page offers: its headings' slugs (a repeated one gets `-1`, `-2`) and `<a id>`/`name`. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  walk(parser.parse(text), (node) => {
    if (node.type === 'heading') {
      const slug = githubSlug(plainText(node));
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    } else if (node.type === 'html') {
      for (const match of (node.value ?? '').matchAll(/<a\s[^>]*?\b(?:id|name)\s*=\s*"([^"]+)"/gi)) anchors.add(match[1]);
    }
  });
  return anchors;
}

/** The link targets of a page with their lines: Markdown links, images, definitions, and HTML href/src. */
function linksOf(text: string): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = [];
  walk(parser.parse(text), (node) => {
    const line = node.position?.start.line ?? 0;
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.url !== undefined) links.push({ target: node.url, line });
    if (node.type === 'html') for (const match of (node.value ?? '').matchAll(/\b(?:href|src)\s*=\s*"([^"]*)"/gi)) links.push({ target: match[1], line });
  });
  return links;
}

/** Every relative link of `pages` that leads nowhere, as `page:line target: why`. */
function brokenLinks(pages: readonly string[], files: Files): string[] {
  const anchorCache = new Map<string, Set<string>>();
  const anchorsIn = (page: string) => {
    if (!anchorCache.has(page)) anchorCache.set(page, anchorsOf(files.read(page)));
    return anchorCache.get(page)!;
  };
  const broken: string[] = [];
  for (const page of pages) {
    for (const { target, line } of linksOf(files.read(page))) {
      // Other sites (https:, mailto:, //host) are not ours to check offline.
      if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(target)) continue;
      const say = (why: string) => broken.push(`${page}:${line} ${target}: ${why}`);
      const hash = target.indexOf('#');
      const filePart = decodeURIComponent(hash === -1 ? target : target.slice(0, hash));
      const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
      const resolved =
        filePart === '' ? page : path.posix.normalize(filePart.startsWith('/') ? filePart.slice(1) : path.posix.join(path.posix.dirname(page), filePart));
      if (resolved.startsWith('../') || resolved === '..') {
        say('leads out of the repository');
        continue;
      }
      const file = resolved.replace(/\/$/, '') || '.';
      if (!files.exists(file)) {
        say(`expected the file ${file}, found none`);
        continue;
      }
      if (anchor === undefined) continue;
      if (!file.endsWith('.md')) say(`expected a Markdown page for the anchor #${anchor}, found ${file}`);
      else if (!anchorsIn(file).has(anchor)) say(`expected a heading or <a id> named ${anchor} in ${file}, found none`);
    }
  }
  return broken;
}

/** A tree of files held in memory, for pages written inline in a test. */
function inlineFiles(contents: Record<string, string>): Files {
  return {
    exists: (relativePath) => relativePath in contents || Object.keys(contents).some((name) => name.startsWith(`${relativePath}/`)),
    read: (relativePath) => {
      const text = contents[relativePath];
      if (text === undefined) throw new Error(`no inline file ${relativePath}`);
      return text;
    },
  };
}

describe('Links between the README and the manual', () => {
  it('Should find every relative link and anchor of README.md, CONTRIBUTING.md and docs/*.md leading somewhere', () => {
    assert.deepEqual(brokenLinks(checkedPages(), repositoryFiles), []);
  });

  it('Should report a missing file, a missing anchor, an anchor on a picture and a link out of the repository', () => {
    const files = inlineFiles({
      'README.md': [
        '# Landing',
        '',
        'See [the manual](docs/README.md), [its status](docs/README.md#status) and [a screenshot](images/shot.png).',
        '[Gone](docs/gone.md), [no such part](docs/README.md#no-such-part), [a part of a picture](images/shot.png#top)',
        'and [up and out](../elsewhere.md).',
        '',
        '```md',
        '[in a code block](docs/not-a-link.md)',
        '```',
        '',
        'And `[inline code](docs/not-a-link.md)`, [another site](https://example.test/x.md#y), [here](#landing).',
      ].join('\n'),
      'docs/README.md': '# Manual\n\n## Status\n\nBack to [the landing page](../README.md#landing) and <a href="../README.md#nowhere">nowhere</a>.\n',
      'images/shot.png': '',
    });
    assert.deepEqual(brokenLinks(['README.md', 'docs/README.md'], files), [
      'README.md:4 docs/gone.md: expected the file docs/gone.md, found none',
      'README.md:4 docs/README.md#no-such-part: expected a heading or <a id> named no-such-part in docs/README.md, found none',
      'README.md:4 images/shot.png#top: expected a Markdown page for the anchor #top, found images/shot.png',
      'README.md:5 ../elsewhere.md: leads out of the repository',
      'docs/README.md:5 ../README.md#nowhere: expected a heading or <a id> named nowhere in README.md, found none',
    ]);
  });

  it('Should name anchors as GitHub does: code kept, punctuation dropped, repeats numbered, and explicit ids', () => {
    const page = [
      '# `ksb diff`: what a change did to the portfolio',
      '## KSB Portfolio: Add Standard...',
      '## Editing portfolio.yaml',
      '## Notes',
      '## Notes',
      '| <a id="ksbunknown-code"></a>`ksb.unknown-code` | error |',
      '```html',
      '<a id="in-a-code-block"></a>',
      '```',
    ].join('\n\n');
    assert.deepEqual([...anchorsOf(page)].sort(), [
      'editing-portfolioyaml',
      'ksb-diff-what-a-change-did-to-the-portfolio',
      'ksb-portfolio-add-standard',
      'ksbunknown-code',
      'notes',
      'notes-1',
    ]);
  });

  it('Should list every page of the manual on its contents page, docs/README.md', () => {
    const contents = new Set(linksOf(readFileSync(path.join(REPO, 'docs', 'README.md'), 'utf8')).map((link) => link.target.split('#')[0]));
    const unlisted = checkedPages().filter((page) => page.startsWith('docs/') && page !== 'docs/README.md' && !contents.has(page.slice('docs/'.length)));
    assert.deepEqual(unlisted, [], 'docs/README.md should link to every page of docs/');
  });
});

describe('The README as a landing page', () => {
  const readme = () => readFileSync(path.join(REPO, 'README.md'), 'utf8');

  it(`Should be at most ${README_MAX_LINES} lines, the manual being in docs/`, () => {
    const lines = readme().split('\n').length;
    assert.ok(lines <= README_MAX_LINES, `README.md has ${lines} lines, expected at most ${README_MAX_LINES}: move the detail into docs/`);
  });

  it("Should keep the quick start's two commands, each a script of package.json", () => {
    const scripts = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const quickStart =
      readme()
        .split(/^## Quick start$/m)[1]
        ?.split(/^## /m)[0] ?? '';
    for (const command of ['start', 'test']) {
      assert.match(quickStart, new RegExp(`^npm ${command} +#`, 'm'), `the quick start runs npm ${command}`);
      assert.ok(scripts[command], `package.json has a ${command} script`);
    }
  });

  it('Should never tell anyone to run `npx ksb`, a package nobody here owns', () => {
    const offenders = checkedPages().filter((page) => /npx (--yes )?ksb(?![-\w])/.test(repositoryFiles.read(page)));
    assert.deepEqual(offenders, [], 'use `npx ksb-portfolio` or an installed `ksb`');
  });
});
