import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { NodeFileSystem } from '../../src/cli/nodeFileSystem';
import { PortfolioIndex } from '../../src/core';
import { expectMarkers } from '../expectMarkers.mjs';

const REPO = process.cwd();
const FIXTURES = path.join(REPO, 'test', 'fixtures');
const SAMPLE = path.join(REPO, 'examples', 'sample-portfolio');

/** One expected or actual diagnostic, as the fixtures can state it. */
interface Expectation {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

const key = (e: Expectation) => `${e.file}:${e.line} ${e.code}`;
const toPosix = (p: string) => p.split(path.sep).join('/');

/** Every file below `dir`, relative and `/`-separated. */
function filesBelow(dir: string, relative = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...filesBelow(dir, child));
    else if (entry.isFile()) found.push(child);
  }
  return found;
}

/**
 * The expectations a fixture states: `expect:` markers in its text files (a marker alone on
 * line 2 after an opening `---` stands for line 1) and the entries of its `expected.json`.
 */
function expectationsOf(root: string): Expectation[] {
  const expected: Expectation[] = [];
  for (const file of filesBelow(root)) {
    if (file === 'expected.json') continue;
    const bytes = readFileSync(path.join(root, file));
    if (bytes.includes(0)) continue; // Binary files carry their expectations in expected.json.
    for (const { line, code } of expectMarkers(bytes.toString('utf8'))) expected.push({ file, line, code });
  }
  const json = path.join(root, 'expected.json');
  if (existsSync(json)) {
    const listed = JSON.parse(readFileSync(json, 'utf8')) as { diagnostics: Expectation[] };
    expected.push(...listed.diagnostics.map(({ file, line, code }) => ({ file, line, code })));
  }
  return expected;
}

/** Loads a portfolio from disk and lists its diagnostics by file (relative), 1-based line and code. */
async function actualDiagnostics(root: string, today?: string): Promise<Array<Expectation & { message: string }>> {
  const posixRoot = toPosix(root);
  const index = new PortfolioIndex(new NodeFileSystem(), posixRoot, today === undefined ? {} : { today: () => today });
  await index.load();
  const actual: Array<Expectation & { message: string }> = [];
  for (const [file, diagnostics] of index.allDiagnostics()) {
    for (const d of diagnostics) {
      actual.push({ file: file.slice(posixRoot.length + 1), line: d.range.start.line + 1, code: d.code, message: d.message });
    }
  }
  return actual;
}

/** Removes one occurrence of each of `remove` from `from` (multiset difference on file, line and code). */
function minus<T extends Expectation>(from: readonly T[], remove: readonly Expectation[]): T[] {
  const counts = new Map<string, number>();
  for (const item of remove) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return from.filter((item) => {
    const left = counts.get(key(item)) ?? 0;
    if (left === 0) return true;
    counts.set(key(item), left - 1);
    return false;
  });
}

/** Fails with a readable diff unless the portfolio at `root` gives exactly `expected`. */
async function assertDiagnostics(root: string, expected: readonly Expectation[], today?: string): Promise<void> {
  const actual = await actualDiagnostics(root, today);
  const missing = minus(expected, actual).map(key).sort();
  const unexpected = minus(actual, expected)
    .map((d) => `${key(d)}  (${d.message})`)
    .sort();
  const report = [
    `Diagnostics of ${path.relative(REPO, root)} differ from its expectations.`,
    ...(missing.length ? ['Missing (expected, not reported):', ...missing.map((m) => `  - ${m}`)] : []),
    ...(unexpected.length ? ['Unexpected (reported, not expected):', ...unexpected.map((u) => `  + ${u}`)] : []),
  ].join('\n');
  assert.deepEqual({ missing, unexpected }, { missing: [], unexpected: [] }, report);
}

describe('Fixture portfolios', () => {
  // A fixture is a folder with a portfolio.yaml, or a folder of such folders (multi-root/).
  const isPortfolio = (name: string) => existsSync(path.join(FIXTURES, name, 'portfolio.yaml'));
  const fixtures = readdirSync(FIXTURES)
    .filter((name) => statSync(path.join(FIXTURES, name)).isDirectory())
    .flatMap((name) =>
      isPortfolio(name)
        ? [name]
        : readdirSync(path.join(FIXTURES, name))
            .map((child) => `${name}/${child}`)
            .filter(isPortfolio),
    )
    .sort();

  it('Should find the fixture portfolios that have a portfolio.yaml', () => {
    for (const name of ['bad-config', 'basic', 'edge', 'multi-root/post-production', 'multi-root/production'])
      assert.ok(fixtures.includes(name), `Expected test/fixtures/${name}/portfolio.yaml`);
  });

  for (const name of fixtures) {
    it(`Should report exactly the diagnostics marked in the ${name} fixture`, async () => {
      const root = path.join(FIXTURES, name);
      const expected = expectationsOf(root);
      await assertDiagnostics(root, expected);
    });
  }

  it('Should read markers from front matter, body, line 2 of a file and expected.json', () => {
    const basic = expectationsOf(path.join(FIXTURES, 'basic')).map(key);
    assert.ok(basic.includes('evidence/invalid-field.md:3 frontmatter.invalid-field'), basic.join('\n'));
    assert.ok(basic.includes('evidence/attachments.md:14 evidence.missing-attachment'), basic.join('\n'));
    assert.ok(basic.includes('evidence/no-ksbs.md:1 evidence.no-ksbs'), basic.join('\n'));
    const edge = expectationsOf(path.join(FIXTURES, 'edge')).map(key);
    assert.ok(edge.includes('never-closed.md:1 frontmatter.yaml-error'), edge.join('\n'));
    assert.ok(edge.includes('binary.md:1 file.unreadable'), edge.join('\n'));
  });

  it('Should read one diagnostic per code of a marker, in YAML and HTML comments, with any line ending and a BOM', () => {
    const text =
      '\uFEFF---\r\n# expect: evidence.no-ksbs\r\nksbs: [K99, K99] # expect: ksb.unknown-code ksb.duplicate-code\r---\n[a](b.md) <!-- expect: evidence.missing-attachment --> after\n';
    assert.deepEqual(expectMarkers(text), [
      { line: 1, code: 'evidence.no-ksbs' },
      { line: 3, code: 'ksb.unknown-code' },
      { line: 3, code: 'ksb.duplicate-code' },
      { line: 5, code: 'evidence.missing-attachment' },
    ]);
  });

  it('Should keep a marker alone on line 2 on line 2 unless line 1 is the opening `---`', () => {
    assert.deepEqual(expectMarkers('# Notes\n# expect: evidence.no-ksbs\n'), [{ line: 2, code: 'evidence.no-ksbs' }]);
  });
});

describe('The sample portfolio', () => {
  it('Should report exactly its three deliberate mistakes, its stale sign-off and, on 2026-12-01, its overdue review', async () => {
    await assertDiagnostics(
      SAMPLE,
      [
        { file: 'evidence/saturday-splash/02-studio-schedule-changes.md', line: 6, code: 'ksb.wrong-option' },
        { file: 'evidence/saturday-splash/03-kit-check-in-and-loss-report.md', line: 4, code: 'ksb.unknown-code' },
        { file: 'evidence/tidelines/01-carnet-and-travel-norway.md', line: 45, code: 'evidence.missing-attachment' },
        { file: 'evidence/tidelines/02-archive-and-music-clearances.md', line: 14, code: 'signoff.stale' },
        { file: 'reviews/2026-02-progress-review.md', line: 4, code: 'review.overdue' },
      ],
      '2026-12-01',
    );
  });
});
