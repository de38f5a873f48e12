// The injection grammar, run by the TextMate engine VS Code uses (vscode-textmate + oniguruma)
// inside a stand-in for the Markdown grammar's front-matter rule, so what is checked here is
// what the editor colours. The real-editor UI checks inspect the real Markdown grammar too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IRawGrammar } from 'vscode-textmate';

const root = process.cwd();
const grammarFile = join(root, 'syntaxes', 'ksb-codes.tmLanguage.json');
const grammarJson = JSON.parse(readFileSync(grammarFile, 'utf8')) as { scopeName: string; injectionSelector: string };
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Markdown's front-matter rule as VS Code's markdown-basics grammar has it, and prose after it. */
const MARKDOWN_STAND_IN = {
  scopeName: 'text.html.markdown',
  patterns: [{ include: '#frontMatter' }, { include: '#fencedCode' }, { match: '\\S.*$', name: 'meta.paragraph.markdown' }],
  repository: {
    frontMatter: {
      begin: '\\A(?=(-{3,}))',
      end: '^ {,3}\\1-*[ \\t]*$|^[ \\t]*\\.{3}$',
      applyEndPatternLast: 1,
      patterns: [
        {
          begin: '\\A(-{3,})(.*)$',
          while: '^(?! {,3}\\1-*[ \\t]*$|[ \\t]*\\.{3}$)',
          contentName: 'meta.embedded.block.frontmatter',
          patterns: [{ include: 'source.yaml' }],
        },
      ],
    },
    fencedCode: { begin: '^```.*$', end: '^```\\s*$', name: 'markup.fenced_code.block.markdown' },
  },
};

/** Enough of YAML to give keys, plain values and comments their scopes. */
const YAML_STAND_IN = {
  scopeName: 'source.yaml',
  patterns: [
    { match: '#.*$', name: 'comment.line.number-sign.yaml' },
    { match: '^(\\w+)(:)', captures: { 1: { name: 'entity.name.tag.yaml' }, 2: { name: 'punctuation.separator.key-value.mapping.yaml' } } },
    { match: '(?<=:\\s).+$', name: 'string.unquoted.plain.out.yaml' },
  ],
};

async function loadMarkdownWithInjection(): Promise<IGrammar> {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const raw = (scopeName: string, json: object): IRawGrammar => parseRawGrammar(JSON.stringify(json), `${scopeName}.json`);
  const grammars: Record<string, IRawGrammar> = {
    'text.html.markdown': raw('text.html.markdown', MARKDOWN_STAND_IN),
    'source.yaml': raw('source.yaml', YAML_STAND_IN),
    [grammarJson.scopeName]: parseRawGrammar(readFileSync(grammarFile, 'utf8'), grammarFile),
  };
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => grammars[scopeName] ?? null,
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? [grammarJson.scopeName] : []),
  });
  const grammar = await registry.loadGrammar('text.html.markdown');
  assert.ok(grammar, 'the Markdown stand-in loads');
  return grammar;
}

interface Token {
  readonly line: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

describe('KSB code grammar', () => {
  let markdown: IGrammar;
  before(async () => {
    markdown = await loadMarkdownWithInjection();
  });

  function tokenize(document: string): Token[] {
    const tokens: Token[] = [];
    let state = INITIAL;
    document.split('\n').forEach((lineText, line) => {
      const result = markdown.tokenizeLine(lineText, state);
      for (const token of result.tokens) tokens.push({ line, text: lineText.slice(token.startIndex, token.endIndex), scopes: token.scopes });
      state = result.ruleStack;
    });
    return tokens;
  }

  /** The codes the grammar colours, as `line:code:kind`. */
  function coloured(document: string): string[] {
    return tokenize(document).flatMap(({ line, text, scopes }) => {
      const scope = scopes.find((s) => s.startsWith('support.type.ksb-code.'));
      return scope ? [`${line}:${text}:${scope.split('.')[3]}`] : [];
    });
  }

  const scopeOf = (document: string, text: string) => tokenize(document).find((token) => token.text === text)?.scopes;

  it('colours the codes of a flow list in front matter, each by its kind', () => {
    assert.deepEqual(coloured('---\ntitle: Wrap day\nksbs: [K1, S12, B4]\n---\nBody\n'), ['2:K1:knowledge', '2:S12:skill', '2:B4:behaviour']);
  });

  it('colours block lists, indented or at the margin, up to the next key', () => {
    const document = '---\nksbs:\n  - K1\n- S2\ndate: 2026-01-01\nsummary: K3 was not claimed here\n---\n';
    assert.deepEqual(coloured(document), ['2:K1:knowledge', '3:S2:skill']);
    assert.ok(scopeOf(document, '-')?.includes('punctuation.definition.block.sequence.item.yaml'));
  });

  it('colours map keys and keeps their notes as YAML values', () => {
    const document = '---\nksbs: {K1: planned the shoot, S2: "called the crew"}\n---\n';
    assert.deepEqual(coloured(document), ['1:K1:knowledge', '1:S2:skill']);
    assert.ok(scopeOf(document, 'planned the shoot')?.includes('string.unquoted.plain.out.yaml'));
    assert.ok(scopeOf(document, '"called the crew"')?.includes('string.quoted.double.yaml'));
  });

  it('scopes the ksbs key as a YAML key', () => {
    const scopes = scopeOf('---\nksbs: [K1]\n---\n', 'ksbs');
    assert.ok(scopes?.includes('entity.name.tag.yaml') && scopes.includes('keyword.other.ksbs.ksb-portfolio'), String(scopes));
  });

  it('leaves other Markdown alone: prose, other front-matter fields, code blocks', () => {
    assert.deepEqual(coloured('# Notes\n\nThis shows K24 and S3.\n'), []);
    assert.deepEqual(coloured('---\ntitle: Moving the S3 bucket\ntags: [K1]\n---\nK2 in the body\n'), []);
    assert.deepEqual(coloured('Text\n\n```yaml\nksbs: [K1]\n```\n'), []);
  });

  it('leaves comments and words that merely contain a code alone', () => {
    assert.deepEqual(coloured('---\nksbs: [B2B, MK1, file-K2, S3-bucket, K0, s3] # K5 later\n---\n'), []);
    assert.ok(scopeOf('---\nksbs: [K1] # K5 later\n---\n', ' K5 later')?.some((s) => s.startsWith('comment.line')));
  });

  it('stops at the closing fence', () => {
    assert.deepEqual(coloured('---\nksbs:\n  - K1\n---\n- K2\n'), ['2:K1:knowledge']);
  });

  it('is contributed as an injection into Markdown front matter', () => {
    const contributed = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammarJson.scopeName);
    assert.ok(contributed, 'grammar is contributed');
    assert.deepEqual(contributed.injectTo, ['text.html.markdown']);
    assert.match(grammarJson.injectionSelector, /^L:meta\.embedded\.block\.frontmatter\b/);
  });
});
