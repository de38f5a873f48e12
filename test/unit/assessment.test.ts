import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  buildReportModel,
  builtinCatalogue,
  gatewayReport,
  type KsbCompletionItem,
  type Position,
  provideConfigCompletions,
  provideConfigHover,
  renderReportHtml,
} from '../../src/core';
import { MAX_RANGE_LENGTH, readKsbListItem } from '../../src/core/model/ksbRanges';
import { loadPortfolio, POST_PRODUCTION_CONFIG, ROOT, tinyStandard, withCode } from './inlinePortfolio';

const TODAY = '2026-12-05';

/** A post production config whose `assessment:` block is `block` (indented by the caller). */
function assessed(block: string): string {
  return `${POST_PRODUCTION_CONFIG}assessment:\n${block}`;
}

const TWO_METHODS = [
  '  method: discussion',
  '  methods:',
  '    discussion:',
  '      title: Professional discussion underpinned by a portfolio of evidence',
  '      ksbs: [K1-K5, K9, K24-K26, S1, S3, S21, B1-B4]',
  '    presentation:',
  '      title: Presentation with questions',
  '      ksbs: [K6-K8, K10-K16, K27-K29, S2, S4-S17, S22, S23]',
  '',
].join('\n');

/** An evidence file claiming `codes`, with `body` after its front matter. */
function evidence(codes: string[], body = 'Did the work.\n'): string {
  return `---\ntitle: Piece\ndate: 2026-01-10\nksbs: [${codes.join(', ')}]\n---\n${body}`;
}

/** The config's diagnostics, as `line: message`, 1-based lines. */
async function configProblems(config: string, others: Record<string, string> = {}): Promise<string[]> {
  const { index } = await loadPortfolio({ 'portfolio.yaml': config, ...others });
  return withCode(index.diagnosticsFor(`${ROOT}/portfolio.yaml`), 'portfolio.invalid-config').map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

describe('Assessment methods', () => {
  describe('a KSB list item', () => {
    it('Should read a code as itself and a range as every code from its first to its last', () => {
      assert.deepEqual(readKsbListItem('K9'), { ok: true, letter: 'K', from: 9, to: 9, range: false, first: 'K9', last: 'K9' });
      assert.deepEqual(readKsbListItem('K1-K5'), { ok: true, letter: 'K', from: 1, to: 5, range: true, first: 'K1', last: 'K5' });
      assert.deepEqual(readKsbListItem(' B1 – B2 '), { ok: true, letter: 'B', from: 1, to: 2, range: true, first: 'B1', last: 'B2' });
    });

    it('Should refuse ranges across kinds, backwards, too long, and what is no code', () => {
      assert.match(reasonOf('K1-S5'), /one kind such as K1-K5, found `K1-S5`/);
      assert.match(reasonOf('K5-K1'), /write K1-K5/);
      assert.match(reasonOf('K1-K99999999'), new RegExp(`at most ${MAX_RANGE_LENGTH} codes`));
      assert.match(reasonOf('K01'), /expected a code such as K1 or a range such as K1-K5, found `K01`/);
      assert.match(reasonOf('everything'), /found `everything`/);
    });

    it('Should never throw and never name more codes than the limit, whatever is written', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 30 }), (written) => {
          const item = readKsbListItem(written);
          if (item.ok) assert.ok(item.to >= item.from && item.to - item.from < MAX_RANGE_LENGTH);
          else assert.ok(item.reason.length > 0);
        }),
      );
    });
  });

  describe('in portfolio.yaml', () => {
    it('Should accept a method with codes and ranges of the standard and option', async () => {
      assert.deepEqual(await configProblems(assessed(TWO_METHODS)), []);
    });

    it('Should report each item the standard lacks, and a code of the other option, at the item', async () => {
      const config = assessed(
        [
          '  method: discussion',
          '  methods:',
          '    discussion:',
          '      ksbs:',
          '        - K1-K5',
          '        - K28-K30',
          '        - S18',
          '        - K1-S2',
          '',
        ].join('\n'),
      );
      const problems = await configProblems(config);
      assert.deepEqual(problems, [
        '11: Unexpected code K30 in K28-K30: ST0792 v1.2 has K1-K29, S1-S23, B1-B4',
        '12: Unexpected S18 for option Post production coordinator: it belongs to Production coordinator',
        '13: Expected a KSB of ST0792 v1.2 in `assessment.methods.discussion.ksbs`: expected a range of one kind such as K1-K5, found `K1-S2`, which goes from K to S',
      ]);
    });

    it('Should name the methods when `method` is missing or unknown', async () => {
      assert.deepEqual(await configProblems(assessed(TWO_METHODS.replace('  method: discussion\n', ''))), [
        '6: Expected `method` in `assessment`: the method this portfolio underpins, one of `discussion`, `presentation`',
      ]);
      assert.deepEqual(await configProblems(assessed(TWO_METHODS.replace('method: discussion', 'method: viva'))), [
        '6: Unexpected method `viva`: expected one of `discussion`, `presentation`',
      ]);
    });

    it('Should read a config of many long ranges quickly', async () => {
      const items = Array.from({ length: 5_000 }, (_, i) => `K${(i % 9) + 1}-K${(i % 9) + 990}`).join(', ');
      const started = performance.now();
      const problems = await configProblems(assessed(`  method: discussion\n  methods:\n    discussion:\n      ksbs: [K1, ${items}]\n`));
      assert.ok(performance.now() - started < 5000, `took ${Math.round(performance.now() - started)} ms`);
      assert.equal(problems.length, 5_000, 'each range ends past K29');
    });

    it('Should name the fields a method takes for an unknown one', async () => {
      const problems = await configProblems(assessed(TWO_METHODS.replace('      title: Presentation', '      pages: 3\n      title: Presentation')));
      assert.equal(problems.length, 1);
      assert.match(problems[0], /^12: Unexpected field `pages` in `assessment\.methods\.presentation`: expected one of title, ksbs, evidence, words$/);
    });

    it('Should refuse evidence bounds whose min is over their max', async () => {
      const problems = await configProblems(assessed(TWO_METHODS.replace('      ksbs: [K1-K5', '      evidence: {min: 20, max: 10}\n      ksbs: [K1-K5')));
      assert.equal(problems.length, 1);
      assert.match(problems[0], /assessment\.methods\.discussion\.evidence\.max/);
    });

    it('Should take the methods and their KSBs from `epaMethods` of a standard file, the config choosing one', async () => {
      const standard = tinyStandard().replace(
        'epaMethods: []',
        'epaMethods:\n  - id: portfolio\n    title: Portfolio review\n    ksbs: [K1-K2]\n  - id: test\n    title: Practical test\n    ksbs: [S1]',
      );
      const { index } = await loadPortfolio({
        'portfolio.yaml': 'standard: ST9999\nassessment:\n  method: portfolio\n',
        'standards/tiny.yaml': standard,
        'k1.md': evidence(['K1', 'S1']),
      });
      assert.deepEqual([...index.allDiagnostics().values()].flat(), []);
      const coverage = index.coverage()!;
      assert.deepEqual(coverage.summary, { covered: 1, total: 2 });
      assert.deepEqual(
        coverage.otherMethods.map((entry) => [entry.ksb.code, entry.assessedBy.map((method) => method.title), entry.evidenceCount]),
        [['S1', ['Practical test'], 1]],
      );
    });

    it('Should refuse a standard file whose method names a code it does not list', async () => {
      const standard = tinyStandard().replace('epaMethods: []', 'epaMethods:\n  - id: portfolio\n    title: Portfolio review\n    ksbs: [K1-K7]');
      const { index } = await loadPortfolio({ 'portfolio.yaml': 'standard: ST9999\n', 'standards/tiny.yaml': standard });
      const problems = withCode(index.diagnosticsFor(`${ROOT}/standards/tiny.yaml`), 'standard.invalid-data');
      assert.equal(problems.length, 1, JSON.stringify(index.diagnosticsFor(`${ROOT}/standards/tiny.yaml`)));
      assert.match(problems[0].message, /Expected codes listed in `ksbs`, found K7 in K1-K7/);
    });
  });

  describe('coverage', () => {
    it('Should count the method’s KSBs only, and show the others as assessed by their method', async () => {
      const { index } = await loadPortfolio({
        'portfolio.yaml': assessed(TWO_METHODS),
        'evidence/a.md': evidence(['K1', 'K6']),
        'evidence/b.md': evidence(['S21', 'B1']),
      });
      assert.deepEqual([...index.allDiagnostics().values()].flat(), [], 'claiming K6 of the other method is allowed');
      const coverage = index.coverage()!;
      assert.deepEqual(coverage.summary, { covered: 3, total: 16 });
      assert.deepEqual(coverage.byKind.knowledge, { covered: 1, total: 9 });
      assert.equal(coverage.otherMethods.length, 30);
      const k6 = coverage.otherMethods.find((entry) => entry.ksb.code === 'K6')!;
      assert.deepEqual(
        k6.assessedBy.map((method) => method.title),
        ['Presentation with questions'],
      );
      assert.equal(k6.evidenceCount, 1);
    });

    it('Should change nothing without `assessment:`', async () => {
      const { index } = await loadPortfolio({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/a.md': evidence(['K1', 'K6']) });
      const coverage = index.coverage()!;
      assert.deepEqual(coverage.summary, { covered: 2, total: 46 });
      assert.deepEqual(coverage.otherMethods, []);
    });

    it('Should count everything when the method resolves to nothing, and say why', async () => {
      const config = assessed('  method: discussion\n  methods:\n    discussion:\n      ksbs: [K99]\n');
      const { index } = await loadPortfolio({ 'portfolio.yaml': config });
      assert.equal(index.coverage()!.summary.total, 46);
      const messages = withCode(index.diagnosticsFor(`${ROOT}/portfolio.yaml`), 'portfolio.invalid-config').map((d) => d.message);
      assert.deepEqual(messages, [
        'Unexpected code K99: ST0792 v1.2 has K1-K29, S1-S23, B1-B4',
        'Expected method `discussion` to assess at least one KSB of ST0792 v1.2 (Post production coordinator), found none',
      ]);
    });
  });

  describe('gateway', () => {
    it('Should check the pieces of evidence against the method’s bounds', async () => {
      const config = assessed(TWO_METHODS.replace('      ksbs: [K1-K5', '      evidence: {min: 3, max: 20}\n      ksbs: [K1-K5'));
      const { index } = await loadPortfolio({ 'portfolio.yaml': config, 'evidence/a.md': evidence(['K1']), 'evidence/b.md': evidence(['K2']) });
      const check = gatewayReport(index, TODAY).checks.find((c) => c.id === 'evidence')!;
      assert.equal(check.ok, false);
      assert.equal(check.detail, '2 pieces of evidence, 3 to 20 asked for Professional discussion underpinned by a portfolio of evidence: 1 to go');
    });

    it('Should check the prose words of all evidence against the method’s maximum, naming the longest pieces', async () => {
      const config = assessed(TWO_METHODS.replace('      ksbs: [K1-K5', '      words: {max: 10}\n      ksbs: [K1-K5'));
      const { index } = await loadPortfolio({
        'portfolio.yaml': config,
        'evidence/a.md': evidence(['K1'], 'One two three four five six.\n\n```\nnot counted at all here\n```\n'),
        'evidence/b.md': evidence(['K2'], 'Seven eight nine ten eleven.\n'),
      });
      const check = gatewayReport(index, TODAY).checks.find((c) => c.id === 'words')!;
      assert.equal(check.ok, false);
      assert.equal(
        check.detail,
        '11 words of evidence, at most 10 asked for Professional discussion underpinned by a portfolio of evidence; 1 over; the longest: evidence/a.md (6), evidence/b.md (5)',
      );
      assert.deepEqual(
        check.locations.map((l) => l.path),
        [`${ROOT}/evidence/a.md`, `${ROOT}/evidence/b.md`],
      );
    });

    it('Should count the gateway’s coverage against the method’s KSBs, and add no check without bounds', async () => {
      const { index } = await loadPortfolio({ 'portfolio.yaml': assessed(TWO_METHODS), 'evidence/a.md': evidence(['K1']) });
      const checks = gatewayReport(index, TODAY).checks;
      assert.match(checks.find((c) => c.id === 'coverage')!.detail, /^1 of 16 KSBs have a piece of evidence/);
      assert.equal(
        checks.some((c) => c.id === 'evidence' || c.id === 'words'),
        false,
      );
    });
  });

  describe('report', () => {
    it('Should name the method and list the KSBs of other methods as not counted', async () => {
      const { index } = await loadPortfolio({ 'portfolio.yaml': assessed(TWO_METHODS), 'evidence/a.md': evidence(['K1', 'K6']) });
      const model = buildReportModel(index, { generated: TODAY });
      assert.deepEqual(model.summary, { covered: 1, total: 16 });
      assert.equal(model.codes.length, 16);
      const html = renderReportHtml(model);
      assert.match(html, /<dt>Assessment method<\/dt><dd>Professional discussion underpinned by a portfolio of evidence<\/dd>/);
      assert.match(html, /<li>Presentation with questions: K6, K7, K8, K10/);
      assert.match(html, /<strong>1 of 16 KSBs<\/strong> have evidence \(6%\)/);
    });
  });

  describe('in the editor', () => {
    const CURSOR = '$$CURSOR$$';
    const catalogue = builtinCatalogue();
    const context = { catalogue, isShipped: () => true };
    const at = (source: string): { document: { lineCount: number; lineAt(line: number): { text: string } }; position: Position } => {
      const before = source.slice(0, source.indexOf(CURSOR)).split('\n');
      const lines = source.replace(CURSOR, '').split('\n');
      return {
        document: { lineCount: lines.length, lineAt: (line) => ({ text: lines[line] }) },
        position: { line: before.length - 1, character: before[before.length - 1].length },
      };
    };
    const labels = (items: readonly KsbCompletionItem[] | undefined) => (items ?? []).map((item) => item.label);

    it('Should offer the fields of `assessment:` and of a method not yet written', () => {
      const head = 'standard: ST0792\nversion: "1.2"\nassessment:\n';
      let { document, position } = at(`${head}  method: discussion\n  ${CURSOR}\n`);
      assert.deepEqual(labels(provideConfigCompletions(document, position, context)?.items), ['methods']);
      ({ document, position } = at(`${head}  methods:\n    discussion:\n      ksbs: [K1]\n      ${CURSOR}\n`));
      assert.deepEqual(labels(provideConfigCompletions(document, position, context)?.items), ['title', 'evidence', 'words']);
    });

    it('Should offer the methods written under `methods:` as values of `method:`', () => {
      const { document, position } = at(
        `standard: ST0792\nassessment:\n  method: ${CURSOR}\n  methods:\n    discussion:\n      title: Professional discussion\n    presentation:\n      ksbs: [K6]\n`,
      );
      const items = provideConfigCompletions(document, position, context)?.items ?? [];
      assert.deepEqual(
        items.map((item) => [item.label, item.detail]),
        [
          ['discussion', 'Professional discussion'],
          ['presentation', undefined],
        ],
      );
    });

    it('Should say what a nested key of `assessment:` is for on hover', () => {
      let { document, position } = at(`assessment:\n  methods:\n    discussion:\n      wo${CURSOR}rds: {max: 15000}\n`);
      assert.match(
        provideConfigHover(document, position, context)?.markdown ?? '',
        /^\*\*assessment\.methods\.discussion\.words\*\* · Words of evidence in all/,
      );
      ({ document, position } = at(`assessment:\n  met${CURSOR}hod: discussion\n`));
      assert.match(provideConfigHover(document, position, context)?.markdown ?? '', /^\*\*assessment\.method\*\* · The method this portfolio underpins/);
      ({ document, position } = at(`assessment:\n  methods:\n    disc${CURSOR}ussion:\n`));
      assert.match(
        provideConfigHover(document, position, context)?.markdown ?? '',
        /^\*\*assessment\.methods\.discussion\*\* · a method of end-point assessment/,
      );
    });
  });
});

function reasonOf(written: string): string {
  const item = readKsbListItem(written);
  assert.ok(!item.ok, `Expected ${written} to be refused`);
  return item.reason;
}
