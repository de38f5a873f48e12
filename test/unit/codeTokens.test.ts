import assert from 'node:assert/strict';
import { bodyCodeShown, bodyCodeTokens, builtinCatalogue } from '../../src/core';
import { MAX_CODE_TOKEN_TEXT_LENGTH } from '../../src/core/languageFeatures/codeTokens';

const standard = builtinCatalogue().get('ST0792', '1.2')!;

/** The coloured codes as `line:character:code:kind`, to compare whole documents at a glance. */
function tokens(text: string): string[] {
  return bodyCodeTokens(text, standard).map((t) => {
    const line = text.split('\n')[t.line];
    return `${t.line}:${t.character}:${line.slice(t.character, t.character + t.length)}:${t.kind}`;
  });
}

describe('bodyCodeTokens', () => {
  it('finds the codes of the standard in prose, by kind, at their positions', () => {
    assert.deepEqual(tokens('Planned the call sheet (K1), then S12.\nB4 all day.'), ['0:24:K1:knowledge', '0:34:S12:skill', '1:0:B4:behaviour']);
  });

  it('leaves front matter to the grammar', () => {
    assert.deepEqual(tokens('---\nksbs: [K1]\ntitle: K2\n---\nK3 here\n'), ['4:0:K3:knowledge']);
  });

  it('skips codes the standard does not have and words that merely contain a code', () => {
    assert.deepEqual(tokens('K99, K0, S3-bucket, B2B, MK1, k1, file-K2, K1a'), []);
  });

  it('skips code blocks, inline code, HTML comments and link destinations, keeping link text', () => {
    const text = ['```', 'K1', '```', '', '    K2 indented code', '', 'Inline `K3` and <!-- K4 -->', '[K5](notes/K6.md) [S1](K7.md)'].join('\n');
    assert.deepEqual(tokens(text), ['7:1:K5:knowledge', '7:19:S1:skill']);
  });

  it('counts positions past CRLF line ends and a BOM as the editor does', () => {
    assert.deepEqual(tokens('\uFEFF---\r\nksbs: [K1]\r\n---\r\nSee K2.\r\n'), ['3:4:K2:knowledge']);
  });

  it('gives nothing for text with no code, and for text over the size limit', () => {
    assert.deepEqual(tokens('Just notes about the shoot.'), []);
    assert.deepEqual(bodyCodeTokens(`K1 ${'x'.repeat(MAX_CODE_TOKEN_TEXT_LENGTH)}`, standard), []);
  });
});

describe('bodyCodeTokens by the bodyCodes setting', () => {
  const text = 'Uploaded the rushes to S3 overnight.\nPlanned the shoot [K1, S3].\n**KSBs:** K2\nThis covers K4 and B2, and `S12`.\n';
  const coloured = (mode: 'references' | 'all' | 'off') =>
    bodyCodeTokens(text, standard, mode).map((t) => `${t.line}:${text.split('\n')[t.line].slice(t.character, t.character + t.length)}`);

  it('Should colour only codes that read as KSB references by default, leaving AWS S3 in a sentence plain', () => {
    assert.deepEqual(coloured('references'), ['1:K1', '1:S3', '2:K2', '3:K4', '3:B2', '3:S12']);
  });

  it('Should colour every code in prose with all, and none with off', () => {
    assert.deepEqual(coloured('all'), ['0:S3', '1:K1', '1:S3', '2:K2', '3:K4', '3:B2']);
    assert.deepEqual(coloured('off'), []);
  });

  it('Should hover a body code as it colours it, and always in front matter', () => {
    const withFront = `---\nksbs: [S3]\n---\n${text}`;
    const sentenceS3 = withFront.indexOf('S3 overnight');
    const taggedS3 = withFront.lastIndexOf('S3]');
    assert.equal(bodyCodeShown(withFront, withFront.indexOf('S3'), 'off'), true);
    assert.equal(bodyCodeShown(withFront, sentenceS3, 'references'), false);
    assert.equal(bodyCodeShown(withFront, taggedS3, 'references'), true);
    assert.equal(bodyCodeShown(withFront, sentenceS3, 'all'), true);
    assert.equal(bodyCodeShown(withFront, taggedS3, 'off'), false);
  });
});
