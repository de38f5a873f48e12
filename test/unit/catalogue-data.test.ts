import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { builtinCatalogue } from '../../src/core/catalogue/builtin';
import { parseStandardFile, readStandardData } from '../../src/core/catalogue/catalogue';
import type { StandardFile } from '../../src/core/catalogue/schema';

const PRODUCTION = 'production-coordinator';
const POST_PRODUCTION = 'post-production-coordinator';

/**
 * The seed documents the data is built from, read straight from disk so data and seeds cannot
 * drift. They live beside the repository, not in it: a clone elsewhere skips the tests that read
 * them, and CI (where they are present) fails if they are missing rather than skip them silently.
 */
const SEED_FOLDER = '../shared/seeds';
const seedDir = path.resolve(process.cwd(), SEED_FOLDER);

/**
 * The shipped standard data, read from disk as YAML: the bundles hold what the build made of these
 * files (scripts/standardDataPlugin.mjs), so the tests check the source and compare the two.
 */
const dataDir = path.resolve(process.cwd(), 'src/core/catalogue/data');
const readData = (name: string): string => readFileSync(path.join(dataDir, name), 'utf8');
const v10Text = readData('ST0792-1.0.yaml');
const v11Text = readData('ST0792-1.1.yaml');
const v12Text = readData('ST0792-1.2.yaml');

/** The text of the seed whose file name starts with `id_` (e.g. `"001"`). */
function readSeed(id: string): string {
  const name = readdirSync(seedDir).find((file) => file.startsWith(`${id}_`));
  assert.ok(name, `Expected a seed file starting with ${id}_ in ${seedDir}`);
  return readFileSync(path.join(seedDir, name), 'utf8');
}

/** The only normalisation the data may apply to a seed's text. */
const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** `K1`..`K<k>`, `S1`..`S<s>`, `B1`..`B<b>` in order. */
function codeRange(k: number, s: number, b: number): string[] {
  const range = (kind: string, n: number) => Array.from({ length: n }, (_, i) => `${kind}${i + 1}`);
  return [...range('K', k), ...range('S', s), ...range('B', b)];
}

/**
 * The v1.2 KSB texts from the course page (seed 001), coded by position. Each list is printed twice:
 * core + Production coordinator option, then core + Post production coordinator option.
 */
function courseKsbs(): Map<string, string> {
  const bullets = new Map<string, string[]>();
  let section: string | undefined;
  for (const line of readSeed('001').split('\n')) {
    const heading = line.trim();
    if (heading === 'Knowledge' || heading === 'Skills' || heading === 'Behaviours') {
      section = heading;
      bullets.set(section, []);
    } else if (heading.startsWith('Apprenticeship category')) {
      section = undefined;
    } else if (section && line.startsWith('  • ')) {
      bullets.get(section)!.push(normalise(line.slice(line.indexOf('•') + 1)));
    }
  }
  const codes = new Map<string, string>();
  const split = (section: string, kind: string, core: number, first: number, second: number) => {
    const list = bullets.get(section) ?? [];
    assert.equal(list.length, 2 * core + first + second, `Expected ${2 * core + first + second} ${section} bullets in 001`);
    assert.deepEqual(list.slice(core + first, 2 * core + first), list.slice(0, core), `Expected 001 to repeat the core ${section}`);
    const firstList = list.slice(0, core + first);
    const secondOption = list.slice(2 * core + first);
    [...firstList, ...secondOption].forEach((text, i) => codes.set(`${kind}${i + 1}`, text));
  };
  split('Knowledge', 'K', 16, 7, 6);
  split('Skills', 'S', 17, 3, 3);
  split('Behaviours', 'B', 4, 0, 0);
  return codes;
}

/** Coded statements (`K1: text`) from a seed that prints codes, each ending where the next code starts. */
function codedKsbs(text: string, trailer = ''): Map<string, string> {
  const codes = new Map<string, string>();
  const flat = normalise(text);
  const pattern = /(?:^| )([KSB][1-9][0-9]*): (.*?)(?= [KSB][1-9][0-9]*: | Skills | Behaviours |$)/g;
  for (const match of flat.matchAll(pattern)) {
    const statement = trailer && match[2].endsWith(trailer) ? match[2].slice(0, -trailer.length) : match[2];
    codes.set(match[1], normalise(statement));
  }
  return codes;
}

/** Seed 002's KSB section (between the "KSBs" heading and "Qualifications"). */
function revisionKsbs(): Map<string, string> {
  const text = readSeed('002');
  return codedKsbs(text.slice(text.indexOf('\nKSBs'), text.indexOf('\nQualifications')));
}

/** Seed 004's statements, each followed by a "Back to Duty" link. */
function legacyKsbs(): Map<string, string> {
  const text = readSeed('004');
  return codedKsbs(text.slice(0, text.indexOf('Related Articles')).replace(/\n/g, ' '), ' Back to Duty');
}

/** The 10 duty texts of the occupational map (seed 000): the lines after the second employer list. */
function mapDuties(): string[] {
  const lines = readSeed('000').split('\n');
  const employerLines = lines.flatMap((line, i) => (line.startsWith('BBC, Bauer Media') ? [i] : []));
  const end = lines.findIndex((line) => line.startsWith('This occupational progression map'));
  return lines.slice(employerLines[1] + 1, end).map(normalise);
}

/** Seed 002's duties as printed: number, text and the KSB codes listed against it. */
function revisionDuties(): { number: number; text: string; ksbs: string[] }[] {
  const text = readSeed('002');
  const section = text.slice(text.indexOf('Core occupation duties'), text.indexOf('\nKSBs'));
  const pattern = /Duty (\d+) ([\s\S]*?)\n\n((?:[KSB]\d+ ?)+(?:\n(?:[KSB]\d+ ?)+)*)/g;
  return [...section.matchAll(pattern)].map((m) => ({ number: Number(m[1]), text: normalise(m[2]), ksbs: normalise(m[3]).split(' ') }));
}

/** 003's version table: version -> earliest and latest start date as ISO dates (latest undefined when "Not set"). */
function versionTable(): Map<string, { start: string; end?: string }> {
  const iso = (date: string) => date.split('/').reverse().join('-');
  const rows = new Map<string, { start: string; end?: string }>();
  for (const line of readSeed('003').split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (/^\d+\.\d+$/.test(cells[0]) && cells.length >= 4) {
      rows.set(cells[0], { start: iso(cells[2]), end: cells[3] === 'Not set' ? undefined : iso(cells[3]) });
    }
  }
  return rows;
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

  for (const [version, text] of VERSIONS.filter(([v]) => v !== '1.0')) {
    it(`splits the v${version} KSBs into core, production coordinator and post production coordinator`, () => {
      const inRange = (code: string, kind: string, from: number, to: number) =>
        code[0] === kind && Number(code.slice(1)) >= from && Number(code.slice(1)) <= to;
      for (const ksb of load(text).ksbs) {
        const expected =
          inRange(ksb.code, 'K', 17, 23) || inRange(ksb.code, 'S', 18, 20)
            ? [PRODUCTION]
            : inRange(ksb.code, 'K', 24, 29) || inRange(ksb.code, 'S', 21, 23)
              ? [POST_PRODUCTION]
              : undefined;
        assert.deepEqual(ksb.options, expected, `Unexpected options on ${ksb.code}`);
      }
    });
  }

  it('has exactly K1-K42, S1-S40 and B1-B6 in v1.0, all core', () => {
    const file = load(v10Text);
    assert.equal(file.title, 'Media production co-ordinator');
    assert.deepEqual(codesOf(file), codeRange(42, 40, 6));
    for (const ksb of file.ksbs) assert.equal(ksb.options, undefined, `Expected ${ksb.code} to be core`);
  });

  it('has no v1.0 duties, because the v1.0 seed prints none', () => {
    assert.deepEqual(load(v10Text).duties, []);
  });

  it('only gives post production duties KSBs of the core or the post production option', () => {
    for (const text of [v11Text, v12Text]) {
      const file = load(text);
      const optionOf = new Map(file.ksbs.map((ksb) => [ksb.code, ksb.options]));
      for (const duty of file.duties.filter((d) => d.options?.includes(POST_PRODUCTION))) {
        for (const code of duty.ksbs) {
          const options = optionOf.get(code);
          assert.ok(options === undefined || options.includes(POST_PRODUCTION), `Duty ${duty.number} lists ${code}`);
        }
      }
    }
  });
});

describe(`ST0792 standard data files against the source documents (${SEED_FOLDER})`, function () {
  before(function () {
    if (existsSync(seedDir)) return;
    // CI has the seeds beside the clone: there, their absence is a broken checkout, not a skip.
    if (process.env.CI && process.env.CI !== 'false') {
      throw new Error(`Expected the seed documents at ${seedDir} (CI is set), found no such folder`);
    }
    console.log(`      skipped: ${SEED_FOLDER} not found; these tests run in CI`);
    this.skip();
  });

  it('gives every v1.2 KSB the exact text of the course page seed', () => {
    const expected = courseKsbs();
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

  it('gives every v1.1 KSB the exact text the revision document prints for its code', () => {
    const expected = revisionKsbs();
    const file = load(v11Text);
    assert.deepEqual(codesOf(file), codeRange(29, 23, 4));
    assert.deepEqual([...expected.keys()], codesOf(file));
    for (const ksb of file.ksbs) assert.equal(ksb.text, expected.get(ksb.code), `Expected ${ksb.code} to match seed 002`);
  });

  it('gives every v1.0 KSB the exact text of the Media production co-ordinator seed without its "Back to Duty" link', () => {
    const expected = legacyKsbs();
    const file = load(v10Text);
    assert.deepEqual([...expected.keys()], codesOf(file));
    for (const ksb of file.ksbs) {
      assert.equal(ksb.text, expected.get(ksb.code), `Expected ${ksb.code} to match seed 004`);
      assert.ok(!ksb.text.includes('Back to Duty'));
    }
  });

  for (const [version, text] of VERSIONS.filter(([v]) => v !== '1.0')) {
    it(`lists 12 v${version} duties with the revision document's KSB mapping and option`, () => {
      const file = load(text);
      const printed = revisionDuties();
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
  }

  it('words v1.2 duties 1-10 as the current occupational map and duties 11-12 as the revision document', () => {
    const current = mapDuties();
    const printed = revisionDuties();
    assert.equal(current.length, 10);
    for (const duty of load(v12Text).duties) {
      if (duty.number <= 10) {
        assert.equal(duty.text, current[duty.number - 1]);
        assert.equal(duty.source, '000');
      } else {
        assert.equal(duty.text, printed[duty.number - 1].text);
        assert.equal(duty.source, '002');
      }
    }
  });

  it('words every v1.1 duty as the revision document', () => {
    const printed = revisionDuties();
    for (const duty of load(v11Text).duties) assert.equal(duty.text, printed[duty.number - 1].text);
  });

  it('takes start and end dates from the version table of the assessment summary', () => {
    const table = versionTable();
    assert.deepEqual([...table.keys()].sort(), ['1.0', '1.1', '1.2']);
    for (const [version, text] of VERSIONS) {
      const file = load(text);
      assert.equal(file.startDate, table.get(version)!.start, `Unexpected startDate for v${version}`);
      assert.equal(file.endDate, table.get(version)!.end, `Unexpected endDate for v${version}`);
    }
    assert.equal(load(v10Text).startDate, '2020-08-24');
    assert.equal(load(v11Text).startDate, '2023-06-08');
    assert.equal(load(v12Text).startDate, '2024-08-15');
  });

  it('names the assessment methods of the current assessment summary for v1.2', () => {
    const summary = readSeed('003').split('\n').map(normalise);
    const methods = load(v12Text).epaMethods;
    assert.deepEqual(methods, ['Presentation with questions', 'Professional discussion underpinned by a portfolio of evidence']);
    for (const method of methods) assert.ok(summary.includes(method), `Expected 003 to have a line "${method}"`);
  });
});
