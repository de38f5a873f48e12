import assert from 'node:assert/strict';
import { builtinCatalogue, canonicalCode, KIND_TITLES, kindTitle, KSB_KINDS } from '../../src/core';
import { CODE_WORD, KIND_NAMES, kindOfCode } from '../../src/core/model/codes';

describe('KSB code grammar and kind names', () => {
  it('Should give each kind one letter, and read that letter back as the kind', () => {
    for (const kind of KSB_KINDS) assert.equal(kindOfCode(`${KIND_NAMES[kind].letter}1`), kind);
    assert.deepEqual(
      KSB_KINDS.map((kind) => KIND_NAMES[kind].letter),
      ['K', 'S', 'B'],
    );
    assert.equal(kindOfCode('X1'), undefined);
  });

  it('Should name one KSB by the singular and a group by the plural', () => {
    assert.deepEqual(KSB_KINDS.map(kindTitle), ['Knowledge', 'Skill', 'Behaviour']);
    assert.deepEqual(
      KSB_KINDS.map((kind) => KIND_TITLES[kind]),
      ['Knowledge', 'Skills', 'Behaviours'],
    );
  });

  it('Should find every shipped code as a code word and keep it canonical', () => {
    for (const standard of builtinCatalogue().all()) {
      for (const { code } of standard.ksbs) {
        assert.equal(CODE_WORD.exec(`see ${code}.`)?.[0], code);
        assert.equal(canonicalCode(code), code);
      }
    }
  });
});
