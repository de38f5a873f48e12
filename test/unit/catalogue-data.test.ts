import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticCode } from '../../src/core';
import { cleanApiText } from '../../src/core/catalogue/apiStandard';
import { builtinCatalogue } from '../../src/core/catalogue/builtin';
import { parseStandardFile, readStandardData } from '../../src/core/catalogue/catalogue';
import type { StandardFile } from '../../src/core/catalogue/schema';
import {
  assessmentSummaryLines,
  courseKsbs,
  legacyKsbs,
  mapDuties,
  revisionDuties,
  SEED_FOLDER,
  seedFileName,
  seedReader,
  versionTable,
} from '../../scripts/seedDocuments';
import { API_SNAPSHOT_FOLDER, importStandard, SHIPPED_IMPORTS } from '../../scripts/standardImport';
import { loadPortfolio, withCode } from './inlinePortfolio';

const PRODUCTION = 'production-coordinator';
const POST_PRODUCTION = 'post-production-coordinator';

/**
 * The seed documents and the public API snapshot the data is built from, read straight from disk so
 * data and sources cannot drift. They live beside the repository, not in it: a clone elsewhere skips
 * the tests that read them, and CI (where they are present) fails if they are missing rather than
 * skip them silently.
 */
const seedDir = path.resolve(process.cwd(), SEED_FOLDER);
const apiDir = path.resolve(process.cwd(), API_SNAPSHOT_FOLDER);
const readSeed = seedReader(seedDir);

/** Skips the suite (`this` of a mocha `before`) when `relative` (from the repository root) is absent, except under CI, where that fails. */
function requireFolder(context: Mocha.Context, relative: string, name: string): void {
  const folder = path.resolve(process.cwd(), relative);
  if (existsSync(folder)) return;
  if (process.env.CI && process.env.CI !== 'false') throw new Error(`Expected ${name} at ${folder} (CI is set), found no such folder`);
  console.log(`      skipped: ${relative} not found; these tests run in CI`);
  context.skip();
}

/**
 * The shipped standard data, read from disk as YAML: the bundles hold what the build made of these
 * files (scripts/standardDataPlugin.mjs), so the tests check the source and compare the two.
 */
const dataDir = path.resolve(process.cwd(), 'src/core/catalogue/data');
const readData = (name: string): string => readFileSync(path.join(dataDir, name), 'utf8');
const v10Text = readData('ST0792-1.0.yaml');
const v11Text = readData('ST0792-1.1.yaml');
const v12Text = readData('ST0792-1.2.yaml');

/** `K1`..`K<k>`, `S1`..`S<s>`, `B1`..`B<b>` in order. */
function codeRange(k: number, s: number, b: number): string[] {
  const range = (kind: string, n: number) => Array.from({ length: n }, (_, i) => `${kind}${i + 1}`);
  return [...range('K', k), ...range('S', s), ...range('B', b)];
}

/** A data file's validated content; a problem fails the test with its field and position. */
function load(text: string): StandardFile {
  const result = readStandardData(text, 'data file');
  if (!result.ok) assert.fail(result.problems.map((p) => `line ${p.range.start.line + 1}: ${p.message}`).join('\n'));
  return result.data;
}
const codesOf = (file: StandardFile) => file.ksbs.map((ksb) => ksb.code);

const VERSIONS: [string, string][] = [
  ['1.0', v10Text],
  ['1.1', v11Text],
  ['1.2', v12Text],
];

/** `K1-K3: core; K4: production-coordinator`: a file's option split, to compare two in one message. */
function optionSplit(file: StandardFile): string[] {
  return file.ksbs.map((ksb) => `${ksb.code}: ${ksb.options?.join('+') ?? 'core'}`);
}

describe('ST0792 standard data files', () => {
  for (const [version, text] of VERSIONS) {
    it(`validates the v${version} file against the standard file schema`, () => {
      const file = load(text);
      assert.equal(file.reference, 'ST0792');
      assert.equal(file.version, version);
      assert.equal(file.level, 4);
    });
  }

  it('ships every data file in the data folder, as the build made it from the YAML', () => {
    const names = readdirSync(dataDir)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort();
    const shipped = builtinCatalogue().all();
    assert.deepEqual(shipped.map((standard) => standard.origin).sort(), names);
    for (const standard of shipped) {
      const parsed = parseStandardFile(readData(standard.origin), standard.origin);
      assert.ok(parsed.ok, `Expected ${standard.origin} to validate`);
      assert.deepEqual(standard, parsed.standard, `Expected the bundled ${standard.origin} to equal the YAML file`);
    }
  });

  it('keeps the option ids of every version, whatever the options are called there', () => {
    for (const [version, text] of VERSIONS) {
      assert.deepEqual(
        load(text).options.map((o) => o.id),
        [PRODUCTION, POST_PRODUCTION],
        `Unexpected option ids in v${version}`,
      );
    }
    assert.deepEqual(
      load(v11Text).options.map((o) => o.title),
      ['Film, TV, Commercial, Short Form, Radio and Audio Production', 'Post Production, VFX and Animation Production'],
    );
    assert.deepEqual(
      load(v12Text).options.map((o) => o.title),
      ['Production coordinator', 'Post production coordinator'],
    );
  });

  it('splits the v1.2 KSBs into core, production coordinator and post production coordinator', () => {
    const inRange = (code: string, kind: string, from: number, to: number) => code[0] === kind && Number(code.slice(1)) >= from && Number(code.slice(1)) <= to;
    for (const ksb of load(v12Text).ksbs) {
      const expected =
        inRange(ksb.code, 'K', 17, 23) || inRange(ksb.code, 'S', 18, 20)
          ? [PRODUCTION]
          : inRange(ksb.code, 'K', 24, 29) || inRange(ksb.code, 'S', 21, 23)
            ? [POST_PRODUCTION]
            : undefined;
      assert.deepEqual(ksb.options, expected, `Unexpected options on ${ksb.code}`);
    }
  });

  it('ships v1.1 as the revised Media production co-ordinator standard: K1-K43, S1-S38, B1-B6, two options, twelve duties, retired', () => {
    const file = load(v11Text);
    assert.equal(file.title, 'Media production co-ordinator');
    assert.deepEqual(codesOf(file), codeRange(43, 38, 6));
    assert.equal(file.status, 'Retired');
    assert.equal(file.startDate, '2023-06-08');
    assert.equal(file.endDate, '2024-08-14');
    assert.equal(file.typicalDurationMonths, 18);
    assert.equal(file.standardPageUrl, 'https://instituteforapprenticeships.org/apprenticeships/st0792-v1-1');
    assert.deepEqual(
      file.duties.map((d) => d.number),
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    assert.deepEqual(
      file.duties.map((d) => d.options?.join() ?? 'core'),
      [...Array<string>(8).fill('core'), PRODUCTION, POST_PRODUCTION, POST_PRODUCTION, PRODUCTION],
    );
    // A sample of the split the duties give, so a change in the reader shows here too.
    const options = new Map(file.ksbs.map((ksb) => [ksb.code, ksb.options]));
    assert.deepEqual(options.get('K15'), [PRODUCTION]);
    assert.deepEqual(options.get('K30'), [POST_PRODUCTION]);
    assert.deepEqual(options.get('K34'), [PRODUCTION, POST_PRODUCTION]);
    assert.equal(options.get('K43'), undefined);
    assert.deepEqual(file.notes ?? [], [], 'every v1.1 KSB is in a duty');
    for (const ksb of file.ksbs) assert.equal(ksb.source, 'api', `Expected ${ksb.code} from the API`);
  });

  it('gives v1.0 K1-K42, S1-S40 and B1-B6 with the two options and twelve duties, and says K27 is in no duty', () => {
    const file = load(v10Text);
    assert.equal(file.title, 'Media production co-ordinator');
    assert.deepEqual(codesOf(file), codeRange(42, 40, 6));
    assert.equal(file.duties.length, 12);
    assert.ok(
      file.ksbs.some((ksb) => ksb.options !== undefined),
      'v1.0 has option KSBs',
    );
    assert.deepEqual(
      file.notes?.map((note) => [note.kind, note.codes]),
      [['ksbs-in-no-duty', ['K27']]],
    );
    assert.equal(file.ksbs.find((ksb) => ksb.code === 'K27')?.options, undefined, 'K27 counts for every option');
    assert.equal(file.status, 'Retired');
  });

  it('only gives post production duties KSBs of the core or the post production option', () => {
    for (const [version, text] of VERSIONS) {
      const file = load(text);
      const optionOf = new Map(file.ksbs.map((ksb) => [ksb.code, ksb.options]));
      for (const duty of file.duties.filter((d) => d.options?.includes(POST_PRODUCTION))) {
        for (const code of duty.ksbs) {
          const options = optionOf.get(code);
          assert.ok(options === undefined || options.includes(POST_PRODUCTION), `v${version} duty ${duty.number} lists ${code}`);
        }
      }
    }
  });

  it('refuses a data file whose note names a code it does not list', () => {
    const file = load(v12Text);
    const result = readStandardData(
      JSON.stringify({ ...file, notes: [{ kind: 'ksbs-in-no-duty', text: 'K99 is listed by no duty.', codes: ['K1', 'K99'] }] }),
      'broken.json',
    );
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.problems.some((p) => p.field === 'notes[0].codes[1]' && /Expected a code listed in `ksbs`, found K99/.test(p.message)));
  });

  it('Should report an option a v1.1 portfolio names by its 1.2 title, naming the choices of 1.1', async () => {
    const { index } = await loadPortfolio({ 'portfolio.yaml': 'standard: ST0792\nversion: "1.1"\noption: Post production coordinator\n' });
    const [diagnostic] = withCode(index.diagnosticsFor('/portfolio/portfolio.yaml'), DiagnosticCode.InvalidConfig);
    assert.ok(diagnostic, 'Expected a portfolio.invalid-config diagnostic');
    assert.equal(diagnostic.range.start.line, 2, 'on the option line');
    assert.equal(
      diagnostic.message,
      'Unexpected option `Post production coordinator` for ST0792 v1.1: expected one of `production-coordinator` (Film, TV, Commercial, Short Form, Radio and Audio Production), `post-production-coordinator` (Post Production, VFX and Animation Production)',
    );
  });

  it('Should keep a v1.1 portfolio that names its option by id, and say that 1.1 is retired', async () => {
    const { index } = await loadPortfolio({ 'portfolio.yaml': `standard: ST0792\nversion: "1.1"\noption: ${POST_PRODUCTION}\n` });
    assert.equal(index.portfolio?.option?.id, POST_PRODUCTION);
    assert.deepEqual(
      index.diagnosticsFor('/portfolio/portfolio.yaml').map((d) => d.code),
      [DiagnosticCode.StandardNotApproved],
    );
  });
});

/** The API snapshot's ST0792 file of `version`, parsed. */
function apiJson(version: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(apiDir, `ST0792_${version}.json`), 'utf8'));
}

describe(`ST0792 standard data files against the public API snapshot (${API_SNAPSHOT_FOLDER})`, function () {
  before(function () {
    requireFolder(this, API_SNAPSHOT_FOLDER, 'the public API snapshot');
  });

  for (const [version, text] of VERSIONS) {
    it(`gives every v${version} KSB the API's cleaned text for its position`, () => {
      const json = apiJson(version);
      const expected = new Map<string, string>();
      for (const [array, letter] of [
        ['knowledges', 'K'],
        ['skills', 'S'],
        ['behaviours', 'B'],
      ] as const) {
        (json[array] as { detail: string }[]).forEach((item, i) => expected.set(`${letter}${i + 1}`, cleanApiText(item.detail)));
      }
      const file = load(text);
      assert.deepEqual(codesOf(file), [...expected.keys()]);
      for (const ksb of file.ksbs) assert.equal(ksb.text, expected.get(ksb.code), `Expected v${version} ${ksb.code} to be the API's text`);
    });

    it(`gives v${version} the core reader's options, option split, duties, dates, status and links of the API file`, () => {
      const plan = SHIPPED_IMPORTS.find((p) => p.dataFile === `ST0792-${version}.yaml`);
      assert.ok(plan, `Expected an import plan for v${version}`);
      const api = load(JSON.stringify(apiJson(version)));
      const read = readStandardData(readFileSync(path.join(apiDir, plan.apiFile), 'utf8'), plan.apiFile, plan.optionIds);
      assert.ok(read.ok);
      const file = load(text);
      assert.deepEqual(optionSplit(file), optionSplit(read.data));
      assert.deepEqual(
        file.options.map(({ id, title }) => ({ id, title })),
        read.data.options.map(({ id, title }) => ({ id, title })),
      );
      assert.deepEqual(
        file.duties.map(({ number, text, options, ksbs }) => ({ number, text, options, ksbs })),
        read.data.duties.map(({ number, text, options, ksbs }) => ({ number, text, options, ksbs })),
      );
      assert.deepEqual(file.notes ?? [], read.data.notes ?? []);
      for (const key of [
        'title',
        'status',
        'startDate',
        'endDate',
        'latestEndDate',
        'typicalDurationMonths',
        'standardPageUrl',
        'assessmentPlanUrl',
      ] as const) {
        assert.equal(file[key], api[key], `Unexpected ${key} in v${version}`);
      }
    });
  }

  it('has v1.1 start no later than the day before v1.2 starts, as the API says', () => {
    assert.equal(load(v11Text).endDate, '2024-08-14');
    assert.equal(load(v12Text).startDate, '2024-08-15');
    assert.equal(load(v12Text).endDate, undefined);
  });
});

describe(`ST0792 standard data files against the source documents (${SEED_FOLDER})`, function () {
  before(function () {
    requireFolder(this, SEED_FOLDER, 'the seed documents');
  });

  it('gives every v1.2 KSB the exact text of the course page seed', () => {
    const expected = courseKsbs(readSeed);
    const file = load(v12Text);
    assert.deepEqual(codesOf(file), codeRange(29, 23, 4));
    assert.equal(expected.size, 56);
    let compared = 0;
    for (const ksb of file.ksbs) {
      assert.equal(ksb.text, expected.get(ksb.code), `Expected ${ksb.code} to match seed 001`);
      assert.equal(ksb.source, '001');
      compared++;
    }
    assert.equal(compared, 56);
  });

  it('gives every v1.0 KSB the text of the Media production co-ordinator seed, but for the dash B1-B5 print after their names', () => {
    const expected = legacyKsbs(readSeed);
    const file = load(v10Text);
    assert.deepEqual([...expected.keys()], codesOf(file));
    const differing: string[] = [];
    for (const ksb of file.ksbs) {
      const seed = expected.get(ksb.code)!;
      assert.ok(!ksb.text.includes('Back to Duty'));
      if (ksb.text === seed) {
        assert.equal(ksb.source, '004', `Expected ${ksb.code}, which seed 004 prints as the API does, to keep 004 as its source`);
        continue;
      }
      differing.push(ksb.code);
      assert.equal(ksb.source, 'api', `Expected ${ksb.code}, which seed 004 words differently, to name the API`);
      assert.equal(seed.replace(' – ', ' - '), ksb.text, `Expected ${ksb.code} to differ from seed 004 only in its dash`);
      assert.ok(v10Text.includes(`# ${ksb.code}: seed 004 words it "`), `Expected a comment at ${ksb.code} quoting seed 004`);
    }
    assert.deepEqual(differing, ['B1', 'B2', 'B3', 'B4', 'B5']);
  });

  it('lists 12 v1.2 duties with the revision document’s KSB mapping and option', () => {
    const file = load(v12Text);
    const printed = revisionDuties(readSeed);
    assert.equal(printed.length, 12);
    assert.deepEqual(
      file.duties.map((duty) => duty.number),
      printed.map((duty) => duty.number),
    );
    for (const duty of file.duties) {
      assert.deepEqual(duty.ksbs, printed[duty.number - 1].ksbs, `Unexpected KSBs on duty ${duty.number}`);
      const expected = duty.number <= 8 ? undefined : duty.number <= 10 ? [PRODUCTION] : [POST_PRODUCTION];
      assert.deepEqual(duty.options, expected, `Unexpected options on duty ${duty.number}`);
    }
  });

  it('words v1.2 duties 1-10 as the current occupational map and duties 11-12 as the revision document', () => {
    const current = mapDuties(readSeed);
    const printed = revisionDuties(readSeed);
    assert.equal(current.size, 10);
    for (const duty of load(v12Text).duties) {
      if (duty.number <= 10) {
        assert.equal(duty.text, current.get(duty.number));
        assert.equal(duty.source, '000');
      } else {
        assert.equal(duty.text, printed[duty.number - 1].text);
        assert.equal(duty.source, '002');
      }
    }
  });

  it('agrees with the version table of the assessment summary but for the v1.1 latest start, where the API wins and the header names the seed’s date', () => {
    const table = versionTable(readSeed);
    assert.deepEqual([...table.keys()].sort(), ['1.0', '1.1', '1.2']);
    for (const [version, text] of VERSIONS) {
      const file = load(text);
      assert.equal(file.startDate, table.get(version)!.startDate, `Unexpected startDate for v${version}`);
      if (version !== '1.1') assert.equal(file.endDate, table.get(version)!.endDate, `Unexpected endDate for v${version}`);
    }
    assert.equal(table.get('1.1')!.endDate, '2024-09-01');
    assert.equal(load(v11Text).endDate, '2024-08-14');
    assert.match(v11Text, /^# - Dates: latest start 2024-08-14 \(API\), where seed 003’s table says 01\/09\/2024\./m);
  });

  it('names the assessment methods of the current assessment summary for v1.2', () => {
    const summary = assessmentSummaryLines(readSeed);
    const methods = load(v12Text).epaMethods;
    assert.deepEqual(methods, ['Presentation with questions', 'Professional discussion underpinned by a portfolio of evidence']);
    for (const method of methods) assert.ok(summary.includes(method), `Expected 003 to have a line "${method}"`);
  });
});

describe('ST0792 standard data files as the import makes them (npm run import:standards)', function () {
  before(function () {
    requireFolder(this, API_SNAPSHOT_FOLDER, 'the public API snapshot');
    requireFolder(this, SEED_FOLDER, 'the seed documents');
  });

  for (const plan of SHIPPED_IMPORTS) {
    it(`is byte for byte what the import makes of ${plan.apiFile} and the seeds`, () => {
      const result = importStandard(plan, {
        apiText: readFileSync(path.join(apiDir, plan.apiFile), 'utf8'),
        readSeed,
        seedFile: (id) => seedFileName(seedDir, id),
      });
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.equal(readData(plan.dataFile), result.text, `Expected ${plan.dataFile} as the import writes it: run npm run import:standards`);
    });
  }
});
