import assert from 'node:assert/strict';
import fc from 'fast-check';
import { percentOf } from '../../src/core';

describe('percentOf', () => {
  it('Should round 22 of 38 down to 57, as every output shows it', () => {
    assert.equal(percentOf(22, 38), 57);
  });

  it('Should never read as complete before every KSB is covered', () => {
    assert.equal(percentOf(999, 1000), 99);
    assert.equal(percentOf(1000, 1000), 100);
  });

  it('Should give whole shares exactly, without binary rounding', () => {
    assert.equal(percentOf(29, 100), 29);
    assert.equal(percentOf(57, 100), 57);
  });

  it('Should give 0 for an empty count', () => {
    assert.equal(percentOf(0, 0), 0);
  });

  it('Should agree with exact integer division for any count', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 100_000 }), (a, b) => {
        const part = Math.min(a, b);
        assert.equal(percentOf(part, b), Number((BigInt(part) * 100n) / BigInt(b)));
      }),
    );
  });
});
