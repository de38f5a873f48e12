import assert from 'node:assert/strict';
import { builtinCatalogue, Catalogue, defaultStandard, parseStandardFile } from '../../src/core';
import { tinyStandard } from './inlinePortfolio';

describe('The default standard', () => {
  it('Should be the latest shipped version of ST0792 in the shipped catalogue', () => {
    assert.equal(defaultStandard(builtinCatalogue())?.label, 'ST0792 v1.2');
  });

  it('Should stay the shipped standard when a workspace adds one to a copy of the catalogue', () => {
    const parsed = parseStandardFile(tinyStandard(), 'standards/ST9999-1.0.yaml');
    assert.ok(parsed.ok);
    const catalogue = builtinCatalogue().clone();
    catalogue.add(parsed.standard);
    assert.equal(defaultStandard(catalogue)?.label, 'ST0792 v1.2');
  });

  it('Should be the latest version the catalogue has of its first standard', () => {
    const [first] = builtinCatalogue().versions('ST0792');
    assert.equal(defaultStandard(new Catalogue([first]))?.label, 'ST0792 v1.0');
  });

  it('Should be undefined for an empty catalogue', () => {
    assert.equal(defaultStandard(new Catalogue()), undefined);
  });
});
