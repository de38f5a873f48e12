import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Grammar {
  scopeName: string;
  injectionSelector: string;
  repository: { code: { patterns: Array<{ match: string; name: string }> } };
}

const grammar = JSON.parse(readFileSync(join(process.cwd(), 'syntaxes', 'ksb-codes.tmLanguage.json'), 'utf8')) as Grammar;
const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));

describe('KSB code grammar', () => {
  const patterns = grammar.repository.code.patterns.map((p) => ({ regex: new RegExp(p.match, 'g'), name: p.name }));
  const codesIn = (text: string) =>
    patterns
      .flatMap(({ regex }) => [...text.matchAll(regex)].map((m) => ({ at: m.index ?? 0, code: m[0] })))
      .sort((a, b) => a.at - b.at)
      .map((m) => m.code);

  it('matches whole KSB codes in front matter lists and prose', () => {
    assert.deepEqual(codesIn('ksbs: [K1, S12, B4]'), ['K1', 'S12', 'B4']);
    assert.deepEqual(codesIn('This shows K24 and S3.'), ['K24', 'S3']);
  });

  it('scopes each code, digits included, by its kind', () => {
    const scopeOf = (code: string) => patterns.find(({ regex }) => new RegExp(`^(?:${regex.source})$`).test(code))?.name;
    assert.equal(scopeOf('K24'), 'support.type.ksb-code.knowledge.ksb-portfolio');
    assert.equal(scopeOf('S3'), 'support.type.ksb-code.skill.ksb-portfolio');
    assert.equal(scopeOf('B4'), 'support.type.ksb-code.behaviour.ksb-portfolio');
  });

  it('leaves words that merely contain a code alone', () => {
    assert.deepEqual(codesIn('B2B sales, MK1 camera, file-K2, S3-bucket, K0, s3'), []);
  });

  it('is contributed as an injection into Markdown, outside code', () => {
    const contributed = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
    assert.ok(contributed, 'grammar is contributed');
    assert.deepEqual(contributed.injectTo, ['text.html.markdown']);
    assert.match(grammar.injectionSelector, /-markup\.fenced_code/);
    assert.match(grammar.injectionSelector, /-markup\.inline\.raw/);
  });
});
