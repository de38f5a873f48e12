import assert from 'node:assert/strict';
import { analyzeText, builtinCatalogue, checkUngovernedFile, DiagnosticCode, parseConfig, type Portfolio } from '../../src/core';
import { checkFile } from '../../src/core/rules/checkFile';
import { resolveConfig } from '../../src/core/read/config';
import { DOC, marked, POST_PRODUCTION_CONFIG, showRange } from './inlinePortfolio';

const catalogue = builtinCatalogue();
const portfolio = resolveConfig(parseConfig(POST_PRODUCTION_CONFIG), catalogue).portfolio as Portfolio;

/** Checks a text as an evidence file of the post production portfolio, with no link target existing. */
function check(text: string, { isEvidence = true, withPortfolio = true } = {}) {
  return checkFile(
    { path: DOC, analysis: analyzeText(text), isEvidence },
    { portfolio: withPortfolio ? portfolio : undefined, catalogue, linkTarget: () => ({ kind: 'missing' }) },
  );
}

describe('checkFile', () => {
  it('Should turn the facts of one file into its diagnostics without a file system or an index', () => {
    const result = check('---\nksbs: [K1, K1, K999]\n---\n\n![shot](missing.png)\n');
    assert.deepEqual(
      result.diagnostics.map((d) => d.code),
      [DiagnosticCode.DuplicateCode, DiagnosticCode.UnknownCode, DiagnosticCode.MissingAttachment],
    );
    assert.deepEqual(
      result.validClaims.map((claim) => claim.code),
      ['K1'],
    );
    assert.equal(result.evidenceChecked, true);
  });

  it('Should run no evidence rule without a portfolio whose config resolves, and keep parsing problems', () => {
    const result = check('---\nksbs: [K1\n---\n', { withPortfolio: false });
    assert.deepEqual(
      result.diagnostics.map((d) => d.code),
      [DiagnosticCode.YamlError],
    );
    assert.equal(result.evidenceChecked, false);
  });

  it('Should say nothing about a file that is not evidence and parses', () => {
    assert.deepEqual(check('# Notes\n\n[gone](gone.md)\n', { isEvidence: false }).diagnostics, []);
  });
});

describe('portfolio.missing-config', () => {
  it('Should be raised by the core at the `ksbs` key of a file no portfolio.yaml governs, with the create-config fix', () => {
    const { text, ranges } = marked('---\n⟦ksbs⟧: [K1]\n---\n');
    const [diagnostic, ...rest] = checkUngovernedFile({ path: DOC, analysis: analyzeText(text), isEvidence: false });
    assert.deepEqual(rest, []);
    assert.equal(diagnostic.code, DiagnosticCode.MissingConfig);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.deepEqual(diagnostic.fix, { kind: 'create-config' });
    assert.match(diagnostic.message, /^Expected a portfolio\.yaml in this folder or above for a file that claims KSBs, found none/);
  });

  it('Should not be raised for a file that claims nothing', () => {
    assert.deepEqual(checkUngovernedFile({ path: DOC, analysis: analyzeText('# Notes\n'), isEvidence: false }), []);
  });
});
