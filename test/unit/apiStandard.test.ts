import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanApiText, decodeHtmlEntities, isApiStandard, readApiStandard } from '../../src/core/catalogue/apiStandard';
import { parseStandardFile, readStandardData, StandardVersion } from '../../src/core/catalogue/catalogue';
import type { StandardFile } from '../../src/core/catalogue/schema';
import { apiFile } from './apiFixture';

function read(json: Record<string, unknown>, origin = 'ST9001_1.1.json'): StandardFile {
  const result = readApiStandard(json, origin);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.data;
}

function standard(json: Record<string, unknown>, origin = 'ST9001_1.1.json'): StandardVersion {
  const result = parseStandardFile(JSON.stringify(json, null, 2), origin);
  assert.ok(result.ok, result.ok ? '' : result.problems.map((p) => p.message).join('\n'));
  return result.standard;
}

describe('Reading the public standards API', () => {
  it('tells API files from our data files by shape', () => {
    assert.equal(isApiStandard(apiFile()), true);
    assert.equal(isApiStandard({ reference: 'ST0792', version: '1.2', ksbs: [] }), false);
    assert.equal(isApiStandard({ referenceNumber: 'ST0792' }), false);
    assert.equal(isApiStandard([apiFile()]), false);
  });

  it('numbers KSBs by position and cleans their texts', () => {
    const data = read(apiFile());
    assert.deepEqual(
      data.ksbs.map((k) => [k.code, k.text]),
      [
        ['K1', 'Core knowledge bold'],
        ['K2', 'Knowledge for option one.'],
        ['K3', 'Knowledge for option two.'],
        ['S1', 'A core skill.'],
        ['B1', 'A core behaviour with a non-breaking space.'],
      ],
    );
    assert.equal(data.title, 'Test & trial technician');
  });

  it('splits options through the duties: core where any core duty lists a KSB, else the options of its duties', () => {
    const s = standard(apiFile());
    assert.deepEqual(
      s.options.map((o) => [o.id, o.title]),
      [
        ['first-option', 'First Option'],
        ['second-and-last', 'Second & Last'],
      ],
    );
    assert.deepEqual(
      s.applicableKsbs('first-option').map((k) => k.code),
      ['K1', 'K2', 'S1', 'B1'],
    );
    assert.deepEqual(
      s.applicableKsbs('second-and-last').map((k) => k.code),
      ['K1', 'K3', 'S1', 'B1'],
    );
    assert.equal(s.ksb('K1')?.options, undefined, 'K1 is in a core duty and an option duty: core');
    assert.deepEqual(
      s.duties.map((d) => [d.number, d.options, d.ksbs]),
      [
        [1, undefined, ['K1', 'S1', 'B1']],
        [2, ['first-option'], ['K2']],
        [3, ['second-and-last'], ['K3', 'K1']],
      ],
    );
    assert.deepEqual(s.notes, []);
  });

  it('keeps the dates, duration, status and links, cut to the day', () => {
    const s = standard(apiFile());
    assert.equal(s.startDate, '2024-01-15');
    assert.equal(s.endDate, undefined);
    assert.equal(s.level, 3);
    assert.equal(s.status, 'Approved for delivery');
    assert.equal(s.notApprovedForDelivery, false);
    assert.equal(s.typicalDurationMonths, 18);
    assert.equal(s.standardPageUrl, 'https://example.test/st9001-v1-1');
    assert.equal(s.assessmentPlanUrl, 'https://example.test/st9001-ap.pdf');
    assert.equal(s.sources[0].file, 'ST9001_1.1.json');
    assert.equal(standard(apiFile({ status: 'Retired', latestStartDate: '2025-03-01T00:00:00' })).endDate, '2025-03-01');
    assert.equal(standard(apiFile({ status: 'Retired' })).notApprovedForDelivery, true);
  });

  it('reads unstructured options from the template and its KSB mapping', () => {
    const s = standard(
      apiFile({
        options: [],
        optionsUnstructuredTemplate: ['Alpha', 'Beta'],
        optionsUnstructuredKsbMapping: [
          { coreOrOptionTitle: 'Core', mappedKnowledge: ['k-a'], mappedSkills: ['s-a'], mappedBehaviour: ['b-a'] },
          { coreOrOptionTitle: 'Alpha', mappedKnowledge: ['k-b'], mappedSkills: [], mappedBehaviour: [] },
          { coreOrOptionTitle: 'beta ', mappedKnowledge: ['k-c'], mappedSkills: [], mappedBehaviour: [] },
        ],
        duties: [],
      }),
    );
    assert.deepEqual(
      s.options.map((o) => o.id),
      ['alpha', 'beta'],
    );
    assert.deepEqual(
      s.applicableKsbs('alpha').map((k) => k.code),
      ['K1', 'K2', 'S1', 'B1'],
    );
    assert.deepEqual(
      s.applicableKsbs('beta').map((k) => k.code),
      ['K1', 'K3', 'S1', 'B1'],
    );
  });

  it('says so when options are named but no KSB is mapped to any', () => {
    const s = standard(
      apiFile({
        options: [],
        optionsUnstructuredTemplate: ['Alpha', 'Beta'],
        optionsUnstructuredKsbMapping: [],
        duties: [],
      }),
    );
    assert.deepEqual(
      s.notes.map((n) => n.kind),
      ['options-unmapped'],
    );
    assert.match(s.notes[0].text, /2 options \(Alpha; Beta\) but maps no KSB/);
    assert.equal(s.applicableKsbs('alpha').length, 5, 'every KSB counts for every option');
  });

  it('says so when a KSB of an optioned standard is in no duty', () => {
    const s = standard(apiFile({ knowledges: [...(apiFile().knowledges as object[]), { knowledgeId: 'k-d', detail: 'Orphan.' }] }));
    assert.deepEqual(
      s.notes.map((n) => n.kind),
      ['ksbs-in-no-duty'],
    );
    assert.match(s.notes[0].text, /^K4 is listed by no duty/);
    assert.deepEqual(s.notes[0].codes, ['K4'], 'the note names its KSBs for hover and lookup');
    assert.equal(s.ksb('K4')?.options, undefined);
  });

  it('names every KSB in no duty in the note, though its text names twelve', () => {
    const orphans = Array.from({ length: 14 }, (_, i) => ({ knowledgeId: `k-orphan-${i}`, detail: `Orphan ${i}.` }));
    const s = standard(apiFile({ knowledges: [...(apiFile().knowledges as object[]), ...orphans] }));
    const note = s.notes.find((n) => n.kind === 'ksbs-in-no-duty');
    assert.match(note?.text ?? '', / and 2 more are listed by no duty/);
    assert.deepEqual(
      note?.codes,
      Array.from({ length: 14 }, (_, i) => `K${i + 4}`),
    );
  });

  it('says so when there are no KSBs at all', () => {
    const s = standard(apiFile({ knowledges: [], skills: [], behaviours: [], duties: [], options: [], status: 'Proposal in development' }));
    assert.equal(s.ksbs.length, 0);
    assert.deepEqual(
      s.notes.map((n) => n.kind),
      ['no-ksbs'],
    );
    assert.match(s.notes[0].text, /status: Proposal in development/);
  });

  it('takes a missing version from the API file name and says so; refuses a file with neither', () => {
    const s = standard(apiFile({ version: '', versionNumber: '' }), 'ST9001_1.0.json');
    assert.equal(s.version, '1.0');
    assert.deepEqual(
      s.notes.map((n) => n.kind),
      ['version-from-file-name'],
    );
    assert.equal(standard(apiFile({ version: 'V0.0' })).version, '0.0');
    assert.equal(standard(apiFile({ version: '1' })).version, '1');
    const refused = readApiStandard(apiFile({ version: '', versionNumber: '' }), 'odd.json');
    assert.equal(refused.ok, false);
  });

  it('refuses a file without a standard reference, as a problem rather than a crash', () => {
    const result = readStandardData(JSON.stringify(apiFile({ referenceNumber: '' })), 'x.json');
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problems[0].message, /referenceNumber/);
  });

  it('leaves out mappings to GUIDs the file does not list, and says how many', () => {
    const json = apiFile();
    (json.duties as { mappedKnowledge: string[] }[])[0].mappedKnowledge.push('nowhere');
    const s = standard(json);
    assert.deepEqual(
      s.notes.map((n) => n.kind),
      ['dangling-reference'],
    );
    assert.deepEqual(s.duties[0].ksbs, ['K1', 'S1', 'B1']);
  });

  it("strips a leading code only where it is the item's own, and notes texts that begin with another", () => {
    const s = standard(
      apiFile({
        knowledges: [
          { knowledgeId: 'k-a', detail: 'K1: First.' },
          { knowledgeId: 'k-b', detail: 'K1: Second, numbered as a group.' },
          { knowledgeId: 'k-c', detail: 'Key knowledge.' },
        ],
        skills: [{ skillId: 's-a', detail: 'K9 - a skill that quotes a knowledge code' }],
      }),
    );
    assert.deepEqual(
      s.ksbs.slice(0, 4).map((k) => k.text),
      ['First.', 'K1: Second, numbered as a group.', 'Key knowledge.', 'K9 - a skill that quotes a knowledge code'],
    );
    assert.deepEqual(
      s.notes.map((n) => n.kind),
      ['codes-differ'],
    );
    assert.match(s.notes[0].text, /^The texts of K2 begin with a code other than their position/);
  });

  it('reads an option titled like an Object member (Constructor, __proto__) as any other', () => {
    const s = standard(
      apiFile({
        options: [
          { optionId: 'o-1', title: 'Constructor' },
          { optionId: 'o-2', title: '__proto__' },
        ],
      }),
    );
    assert.deepEqual(
      s.options.map((o) => o.id),
      ['constructor', 'proto'],
    );
  });

  it('splits 60 000 KSBs listed by one option duty in linear time: ten times the KSBs, not a hundred times the time', () => {
    const timed = (count: number) => {
      const knowledges = Array.from({ length: count }, (_, i) => ({ knowledgeId: `k${i}`, detail: 'K' }));
      const started = process.hrtime.bigint();
      const s = standard(
        apiFile({
          knowledges,
          skills: [],
          behaviours: [],
          duties: [{ dutyDetail: 'All', isThisACoreDuty: 0, mappedKnowledge: knowledges.map((k) => k.knowledgeId), mappedOptions: ['o-1'] }],
        }),
      );
      assert.equal(s.applicableKsbs('first-option').length, count);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    // A ratio, not a deadline, so a busy machine slows both sides alike. Quadratic took about 14 s
    // at 60 000 (a ratio near 100); linear gives about 10. The smaller size is timed thrice, keeping the least.
    const small = Math.max(Math.min(timed(6_000), timed(6_000), timed(6_000)), 5);
    const large = timed(60_000);
    assert.ok(large < 40 * small, `60 000 KSBs took ${large.toFixed(0)} ms, 6 000 took ${small.toFixed(0)} ms`);
  });

  it('survives values of the wrong type anywhere', () => {
    const odd = apiFile({
      knowledges: [null, 3, { detail: 42 }],
      skills: 'no',
      duties: [{ mappedKnowledge: 'k-a' }],
      options: [{}],
      level: 'four',
      typicalDuration: -1,
    });
    const s = standard(odd);
    assert.deepEqual(
      s.ksbs.map((k) => k.code),
      ['K1', 'K2', 'K3', 'B1'],
    );
    assert.equal(s.level, undefined);
    assert.equal(s.typicalDurationMonths, undefined);
  });

  it('decodes character references, once or twice escaped', () => {
    assert.equal(decodeHtmlEntities('a &amp; b &#39;c&#x27; &unknown;'), "a & b 'c' &unknown;");
    assert.equal(cleanApiText('&amp;lt;p&amp;gt;Hi&amp;lt;/p&amp;gt;'), 'Hi');
  });
});

const SNAPSHOT_FOLDER = '../shared/standards-api';
const snapshotDir = path.resolve(__dirname, '../../..', SNAPSHOT_FOLDER);

describe(`Every standard in the API snapshot (${SNAPSHOT_FOLDER})`, function () {
  let files: string[] = [];
  before(function () {
    if (!existsSync(snapshotDir)) {
      if (process.env.CI && process.env.CI !== 'false') throw new Error(`Expected the API snapshot at ${snapshotDir} (CI is set), found no such folder`);
      console.log(`      skipped: ${SNAPSHOT_FOLDER} not found; these tests run in CI`);
      this.skip();
    }
    files = readdirSync(snapshotDir).filter((name) => name.endsWith('.json'));
  });

  it('reads every file without a crash, with as many codes as the arrays have items, and each option = core + its own', () => {
    assert.ok(files.length > 1700, `${files.length} files`);
    let withOptions = 0;
    let checkedOptions = 0;
    const failures: string[] = [];
    const refused: string[] = [];
    for (const name of files) {
      const text = readFileSync(path.join(snapshotDir, name), 'utf8');
      const raw = JSON.parse(text) as Record<string, unknown>;
      const result = parseStandardFile(text, name);
      if (!result.ok) {
        refused.push(`${name}: ${result.problems[0].field}`);
        continue;
      }
      const s = result.standard;
      const counts = (['knowledges', 'skills', 'behaviours'] as const).map((key) => (Array.isArray(raw[key]) ? (raw[key] as unknown[]).length : 0));
      const found = (['knowledge', 'skill', 'behaviour'] as const).map((kind) => s.ksbs.filter((k) => k.kind === kind).length);
      if (counts.join() !== found.join()) failures.push(`${name}: expected ${counts.join('/')} KSBs, found ${found.join('/')}`);
      if (counts.every((n) => n === 0) && !s.notes.some((n) => n.kind === 'no-ksbs')) failures.push(`${name}: no KSBs and no note`);
      if (s.options.length === 0) continue;
      withOptions++;
      const core = s.ksbs.filter((k) => k.options === undefined).map((k) => k.code);
      for (const option of s.options) {
        const own = s.ksbs.filter((k) => k.options?.includes(option.id)).map((k) => k.code);
        const applicable = s.applicableKsbs(option.id).map((k) => k.code);
        const expected = s.ksbs.map((k) => k.code).filter((code) => core.includes(code) || own.includes(code));
        if (applicable.join() !== expected.join()) failures.push(`${name} ${option.id}: expected core + own`);
        checkedOptions++;
      }
      // The split agrees with the raw duties: an option's own KSBs are listed only by non-core duties.
      for (const ksb of s.ksbs) {
        if (ksb.options === undefined) continue;
        if (ksb.duties.some((duty) => duty.options === undefined) && s.duties.some((d) => d.options !== undefined)) {
          failures.push(`${name} ${ksb.code}: option-specific but in a core duty`);
        }
      }
    }
    assert.deepEqual(failures.slice(0, 20), []);
    // The one file that names no standard at all; every other reads.
    assert.deepEqual(refused, ['_1.0.json: referenceNumber']);
    assert.ok(withOptions > 300, `${withOptions} standards with options`);
    assert.ok(checkedOptions > withOptions);
  });

  it('reads ST0792 1.1 as the revised Media production co-ordinator standard: K1-K43, S1-S38, B1-B6, two options', () => {
    const result = parseStandardFile(readFileSync(path.join(snapshotDir, 'ST0792_1.1.json'), 'utf8'), 'ST0792_1.1.json');
    assert.ok(result.ok);
    const s = result.standard;
    assert.equal(s.codeRanges(), 'K1-K43, S1-S38, B1-B6');
    assert.equal(s.options.length, 2);
    assert.equal(s.endDate, '2024-08-14');
    assert.equal(s.status, 'Retired');
    for (const option of s.options) assert.ok(s.applicableKsbs(option.id).length < s.ksbs.length, `${option.title} has fewer KSBs than the whole`);
  });
});
