import assert from 'node:assert/strict';
import { builtinCatalogue, canonicalCode, KIND_TITLES, kindTitle, KSB_KINDS } from '../../src/core';
import { CODE_WORD, KIND_NAMES, kindOfCode, lookalikeCode } from '../../src/core/model/codes';

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

describe('lookalikeCode', () => {
  it('Should read letters typed for digits as the digits they look like', () => {
    assert.equal(lookalikeCode('S1O'), 'S10');
    assert.equal(lookalikeCode('Kl2'), 'K12');
    assert.equal(lookalikeCode('kI2'), 'K12');
    assert.equal(lookalikeCode('BO1'), 'B1');
    assert.equal(lookalikeCode('S1o'), 'S10');
  });

  it('Should give nothing for a code with no such letter, or one that is not a code even then', () => {
    assert.equal(lookalikeCode('K12'), undefined);
    assert.equal(lookalikeCode('Kx2'), undefined);
    assert.equal(lookalikeCode(''), undefined);
    assert.equal(lookalikeCode('O'), undefined);
  });
});
