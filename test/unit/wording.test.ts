import assert from 'node:assert/strict';
import { escapeMarkdown, plural, today } from '../../src/core';

describe('Shared wording', () => {
  it('Should say `1 file` and `0 files`, `2 files`', () => {
    assert.deepEqual(
      [0, 1, 2].map((n) => plural(n, 'file')),
      ['0 files', '1 file', '2 files'],
    );
  });

  it('Should escape the characters Markdown reads as markup', () => {
    assert.equal(escapeMarkdown('a_b *c* [d](e) <f> `g` \\'), 'a\\_b \\*c\\* \\[d\\](e) \\<f\\> \\`g\\` \\\\');
  });

  it('Should write a local day as YYYY-MM-DD with zero padding', () => {
    assert.equal(today(new Date(2026, 2, 4, 23, 59)), '2026-03-04');
    assert.match(today(), /^\d{4}-\d{2}-\d{2}$/);
  });
});
