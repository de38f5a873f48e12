import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Grammar {
  scopeName: string;
  injectionSelector: string;
  repository: { code: { match: string } };
}

const grammar = JSON.parse(readFileSync(join(process.cwd(), 'syntaxes', 'ksb-codes.tmLanguage.json'), 'utf8')) as Grammar;
const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));

describe('KSB code grammar', () => {
  const code = new RegExp(grammar.repository.code.match, 'g');
  const codesIn = (text: string) => [...text.matchAll(code)].map((m) => m[0]);

  it('matches whole KSB codes in front matter lists and prose', () => {
    assert.deepEqual(codesIn('ksbs: [K1, S12, B4]'), ['K1', 'S12', 'B4']);
    assert.deepEqual(codesIn('This shows K24 and S3.'), ['K24', 'S3']);
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
