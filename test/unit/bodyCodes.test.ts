import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findCodeMentions, isClaimingTag } from '../../src/core/read/bodyCodes';

/** The mentions as `code:form`, with `!` for a denied one. */
function forms(text: string): string[] {
  return findCodeMentions(text).map((m) => `${m.code}:${m.form}${m.denied ? '!' : ''}`);
}

describe('findCodeMentions', () => {
  it('Should read codes tagged in brackets, emphasised link text and a KSBs line as tags', () => {
    const text = [
      '# Call sheet',
      '',
      'I drafted the Day 3 call sheet from the schedule. It went out on time [K2, S6].',
      '',
      'Checked the tide tables (K24) and [(*K9*)](notes/tides.md).',
      '',
      '**KSBs:** S20, K7',
    ].join('\n');
    assert.deepEqual(forms(text), ['K2:tag', 'S6:tag', 'K24:tag', 'K9:tag', 'S20:ksbs-line', 'K7:ksbs-line']);
  });

  it('Should take the justification from the first sentence of the tagged paragraph, without the tags', () => {
    const text = 'I drafted the Day 3 call sheet from the *schedule*. It went out on time [K2, S6].\n\n**KSBs:** S20\n';
    const [k2, , s20] = findCodeMentions(text);
    assert.equal(k2.justification, 'I drafted the Day 3 call sheet from the schedule.');
    // A KSBs line standing alone justifies with the paragraph before it.
    assert.equal(s20.justification, 'I drafted the Day 3 call sheet from the schedule.');
  });

  it('Should mark a code in a denying sentence as denied and never a claiming tag', () => {
    const mentions = findCodeMentions('This is S4 evidence, not S20.\n\n**KSBs:** S4 (this does not cover S20)\n');
    assert.deepEqual(
      mentions.map((m) => `${m.code}:${m.form}${m.denied ? '!' : ''}`),
      ['S4:prose', 'S20:prose!', 'S4:ksbs-line', 'S20:ksbs-line!'],
    );
    assert.deepEqual(
      mentions.filter(isClaimingTag).map((m) => m.code),
      ['S4'],
    );
    assert.equal(mentions[1].sentence, 'This is S4 evidence, not S20.');
  });

  it('Should tell a code alone in a sentence (AWS S3) from a list of codes and inline code', () => {
    assert.deepEqual(forms('Uploaded the rushes to S3 overnight. This covers K7, S3 and B2. See `K1`, not `K1 notes`.'), [
      'S3:prose',
      'K7:list',
      'S3:list',
      'B2:list',
      'K1:inline-code',
    ]);
  });

  it('Should skip front matter, fenced code, HTML comments and link destinations', () => {
    const text = ['---', 'ksbs: [K1]', '---', '```', '[K2]', '```', '<!-- [K3] -->', '[notes](K4.md) [S1]'].join('\n');
    assert.deepEqual(forms(text), ['S1:tag']);
  });

  it('Should not read a sentence with "not" elsewhere in it as denying its tag', () => {
    assert.deepEqual(forms('I did not just plan the shoot, I ran it [K7].'), ['K7:tag']);
  });

  it('Should find mentions after a byte order mark and with CRLF line endings', () => {
    const text = '\ufeff---\r\ntitle: x\r\n---\r\nWrote it up [K1].\r\n\r\n**KSBs:** S2\r\n';
    const mentions = findCodeMentions(text);
    assert.deepEqual(
      mentions.map((m) => `${m.code}:${m.form}:${text.slice(m.start, m.end)}`),
      ['K1:tag:K1', 'S2:ksbs-line:S2'],
    );
    assert.equal(mentions[0].justification, 'Wrote it up.');
  });

  it('Should never throw, and give mentions inside the text with their code at their offsets, on any text', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('K', 'S', '1', '7', ' ', ',', '[', ']', '(', ')', '*', '`', '\n', 'not ', '**KSBs:**', '.', '#', '-', '<!--', '```'),
        }),
        (text) => {
          for (const mention of findCodeMentions(text)) assert.equal(text.slice(mention.start, mention.end), mention.code);
        },
      ),
    );
  });
});
