import assert from 'node:assert/strict';
import { LineIndex } from '../../src/core/base/text';
import { decodeText } from '../../src/core/base/text';

describe('LineIndex', () => {
  it('Should count LF lines and map offsets both ways', () => {
    const lines = new LineIndex('ab\ncd\n\nef');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 1 });
    assert.deepEqual(lines.positionAt(7), { line: 3, character: 0 });
    assert.equal(lines.offsetAt({ line: 3, character: 1 }), 8);
  });

  it('Should treat CRLF as one line break', () => {
    const text = 'ab\r\ncd\r\nef';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 3);
    assert.deepEqual(lines.positionAt(text.indexOf('cd')), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(text.indexOf('f')), { line: 2, character: 1 });
    assert.equal(lines.offsetAt({ line: 2, character: 0 }), text.indexOf('ef'));
  });

  it('Should treat a lone CR as a line break', () => {
    const text = 'ab\rcd\ref';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 3);
    assert.deepEqual(lines.positionAt(text.indexOf('d')), { line: 1, character: 1 });
    assert.equal(lines.offsetAt({ line: 2, character: 0 }), text.indexOf('ef'));
  });

  it('Should handle mixed line endings in one text', () => {
    const text = 'a\nb\r\nc\rd';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((s) => lines.positionAt(text.indexOf(s))),
      [0, 1, 2, 3].map((line) => ({ line, character: 0 })),
    );
  });

  it('Should clamp offsets and positions outside the text', () => {
    const lines = new LineIndex('ab\ncd');
    assert.deepEqual(lines.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(99), { line: 1, character: 2 });
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), 3);
    assert.equal(lines.offsetAt({ line: 1, character: 99 }), 5);
  });

  it('Should count characters in UTF-16 code units, as editors do', () => {
    const text = '😀 K1';
    assert.deepEqual(new LineIndex(text).positionAt(text.indexOf('K')), { line: 0, character: 3 });
  });

  it('Should give one empty line for an empty text', () => {
    const lines = new LineIndex('');
    assert.equal(lines.lineCount, 1);
    assert.deepEqual(lines.rangeAt(0, 0), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });
});

describe('decodeText', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);

  it('Should drop a UTF-8 byte order mark', () => {
    assert.deepEqual(decodeText(bytes(0xef, 0xbb, 0xbf, 0x4b, 0x31)), { ok: true, text: 'K1' });
  });

  it('Should decode UTF-16 LE and BE with a byte order mark', () => {
    assert.deepEqual(decodeText(bytes(0xff, 0xfe, 0x4b, 0x00, 0x31, 0x00)), { ok: true, text: 'K1' });
    assert.deepEqual(decodeText(bytes(0xfe, 0xff, 0x00, 0x4b, 0x00, 0x31)), { ok: true, text: 'K1' });
  });

  it('Should refuse NUL bytes and invalid UTF-8 with a reason', () => {
    const binary = decodeText(bytes(0x4b, 0x00, 0x31));
    assert.equal(binary.ok, false);
    assert.match((binary as { reason: string }).reason, /binary/);
    const invalid = decodeText(bytes(0x43, 0x61, 0x66, 0xc3, 0x28));
    assert.equal(invalid.ok, false);
    assert.match((invalid as { reason: string }).reason, /not valid UTF-8/);
  });
});
