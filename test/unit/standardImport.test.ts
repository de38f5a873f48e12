import assert from 'node:assert/strict';
import { readStandardData } from '../../src/core/catalogue/catalogue';
import { importStandard, plainImport, wordingDifference, type ImportPlan } from '../../scripts/standardImport';

/** A small API-shaped file: one option with one duty, texts chosen by the test. */
function apiText(texts: { knowledge?: string; duty?: string; title?: string } = {}): string {
  return JSON.stringify({
    referenceNumber: 'ST9001',
    title: texts.title ?? 'Test technician',
    version: '1.0',
    level: 3,
    status: 'Approved for delivery',
    earliestStartDate: '2024-01-15T00:00:00',
    knowledges: [
      { knowledgeId: 'k-1', detail: texts.knowledge ?? 'Core knowledge.' },
      { knowledgeId: 'k-2', detail: 'Option knowledge.' },
    ],
    skills: [],
    behaviours: [],
    options: [{ optionId: 'o-1', title: 'First Option' }],
    duties: [
      { dutyID: 'd-1', dutyDetail: texts.duty ?? 'Core work', isThisACoreDuty: 1, mappedKnowledge: ['k-1'], mappedOptions: [] },
      { dutyID: 'd-2', dutyDetail: 'Option work', isThisACoreDuty: 0, mappedKnowledge: ['k-2'], mappedOptions: ['o-1'] },
    ],
  });
}

/** The import of `text` without seeds; fails the test with the import's message. */
function imported(text: string, plan: ImportPlan = plainImport('ST9001_1.0.json')) {
  const result = importStandard(plan, { apiText: text });
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result;
}

describe('Standard import (scripts/standardImport.ts)', () => {
  it('Should write a data file that reads back as the core reader’s reading of the API file', () => {
    const result = imported(apiText());
    const direct = readStandardData(apiText(), 'ST9001_1.0.json');
    assert.ok(direct.ok);
    // Through YAML, a field that is undefined is left out, as JSON leaves it out.
    assert.deepEqual(result.data, JSON.parse(JSON.stringify(direct.data)));
    assert.match(result.text, /^# ST9001 Test technician, version 1\.0 \(Approved for delivery\)\.\n/);
    assert.match(result.text, /^ {4}options: \[first-option\]$/m);
  });

  for (const [name, hostile] of [
    ['quotes, backslashes and a YAML comment sign', 'He said "no" \\ then # left: now'],
    ['a leading YAML indicator', '- [not, a, list] & *alias !tag | > %'],
    ['DEL, C1 controls, a BOM and line separators', 'a\u007fb\u0085c\u009fd\ufeffe\u2028f\u2029g'],
    ['a lone surrogate and an emoji', 'x\ud800y 🎬'],
    ['a control character', 'bell\u0007here'],
  ] as const) {
    it(`Should keep a text with ${name} exactly, in valid YAML`, () => {
      const result = imported(apiText({ knowledge: hostile, duty: hostile, title: hostile }));
      const direct = readStandardData(apiText({ knowledge: hostile, duty: hostile, title: hostile }), 'ST9001_1.0.json');
      assert.ok(direct.ok);
      assert.equal(result.data.ksbs[0].text, direct.data.ksbs[0].text);
      assert.equal(result.data.duties[0].text, direct.data.duties[0].text);
      assert.equal(result.data.title, direct.data.title);
      assert.doesNotMatch(result.text, /[\u007f-\u009f\u2028\u2029\ufeff]/, 'non-printable characters are escaped');
    });
  }

  it('Should keep our option ids for the API’s titles', () => {
    const result = imported(apiText(), { ...plainImport('ST9001_1.0.json'), optionIds: { 'first option': 'our-option' } });
    assert.deepEqual(
      result.data.options.map((o) => o.id),
      ['our-option'],
    );
    assert.match(result.text, /Option ids are ours/);
  });

  it('Should keep a seed as the source of a text it prints as the API does, and quote one that words it differently', () => {
    const plan: ImportPlan = {
      ...plainImport('ST9001_1.0.json'),
      seedKsbs: [
        {
          source: 's1',
          texts: () =>
            new Map([
              ['K1', 'Core knowledge.'],
              ['K2', 'Option knowledge, older.'],
            ]),
        },
      ],
    };
    const result = importStandard(plan, { apiText: apiText(), readSeed: () => '', seedFile: (id) => `${id}_seed.txt` });
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.deepEqual(
      result.data.ksbs.map((k) => k.source),
      ['s1', 'api'],
    );
    assert.deepEqual(
      result.data.sources.map((s) => s.id),
      ['api', 's1'],
    );
    assert.match(result.text, /^ {2}# K2: seed s1 words it "Option knowledge, older\." where the API has "Option knowledge\."\.\n {2}- code: K2$/m);
  });

  it('Should refuse an API file the reader refuses, with the reader’s message', () => {
    const result = importStandard(plainImport('ST9001_1.0.json'), { apiText: JSON.stringify({ referenceNumber: 'nonsense', knowledges: [] }) });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /Expected `referenceNumber` to be a standard reference/);
  });

  it('Should name the part two wordings differ in, in whole words', () => {
    assert.equal(
      wordingDifference('Adding Value – Provides information that', 'Adding Value - Provides information that'),
      '"Adding Value – Provides information…" where the API has "Adding Value - Provides information…"',
    );
    assert.equal(wordingDifference('Takes the lead', 'Take the lead'), '"Takes the lead" where the API has "Take the lead"');
  });
});
