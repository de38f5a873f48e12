import assert from 'node:assert/strict';
import { diagnosticsOf } from '../../src/core/rules/readFindings';
import fc from 'fast-check';
import { isScalar, isMap, isSeq, parseDocument } from 'yaml';
import { analyzeText, DiagnosticCode } from '../../src/core';
import { DEFAULT_RULE_LEVELS } from '../../src/core/rules/registry';
import { LineIndex } from '../../src/core/base/text';
import { MAX_FRONT_MATTER_LENGTH, MAX_FRONT_MATTER_NESTING } from '../../src/core/base/fileLimits';
import { locateFrontMatter, parseFrontMatter, type FrontMatter } from '../../src/core/read/frontMatter';
import { diagnose, loadPortfolio, marked, ROOT, showRange, withCode } from './inlinePortfolio';

/** The front matter of `text` read the usual way (fast path first) and forced through the YAML parser. */
function bothReadings(text: string): { usual: FrontMatter | undefined; parser: FrontMatter | undefined; fast: FrontMatter | undefined } {
  const lines = new LineIndex(text);
  return {
    usual: parseFrontMatter(text, lines),
    parser: parseFrontMatter(text, lines, { fastPath: 'off' }),
    fast: parseFrontMatter(text, lines, { fastPath: 'only' }),
  };
}

/**
 * An independent reading of the claims with the `yaml` package's own API: the codes of the first
 * `ksbs:` field in order (scalar items of a list, scalar keys of a map), and whether the YAML is valid.
 */
function referenceReading(yaml: string): { valid: boolean; codes: string[] } {
  // yaml reads only LF and CRLF as line breaks; YAML 1.2 also allows a lone CR.
  const document = parseDocument(yaml.replace(/\r(?!\n)/g, '\n'), { uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0) return { valid: false, codes: [] };
  const root = document.contents;
  if (!isMap(root)) return { valid: true, codes: [] };
  const pair = root.items.find((item) => isScalar(item.key) && String(item.key.value) === 'ksbs');
  const value = pair?.value;
  const codes: string[] = [];
  if (isSeq(value)) {
    for (const item of value.items) if (isScalar(item) && item.value !== null && typeof item.value !== 'object') codes.push(String(item.value));
  } else if (isMap(value)) {
    for (const item of value.items) if (isScalar(item.key) && item.key.value !== null) codes.push(String(item.key.value));
  }
  return { valid: true, codes };
}

describe('Front matter: fast path and YAML parser agree', () => {
  it('Should report `time: 10:` as a YAML error with or without a comment line', () => {
    for (const text of ['---\ntime: 10:\nksbs: [K1]\n---\n', '---\n# a comment\ntime: 10:\nksbs: [K1]\n---\n']) {
      const { usual, parser } = bothReadings(text);
      assert.equal(parser?.valid, false, text);
      assert.equal(usual?.valid, false, text);
      assert.deepEqual(usual?.claims, [], text);
      assert.equal(diagnosticsOf(usual?.findings ?? [])[0]?.code, DiagnosticCode.YamlError, text);
    }
  });

  it('Should still read a time such as `10:30` on the fast path', () => {
    const { fast, parser } = bothReadings('---\ntime: 10:30\nksbs: [K1]\n---\n');
    assert.ok(fast, 'the fast path refused a plain time');
    assert.deepEqual(fast, parser);
  });

  // A grammar of plausible and hostile front-matter lines: keys, flow and block lists and maps of
  // codes, quotes, comments, colons, `#`, tabs, odd indentation, anchors and aliases, control characters.
  const code = fc.constantFrom(
    'K1',
    'S12',
    'B3',
    'k9',
    'K30',
    '12',
    'K1.5',
    'true',
    'null',
    '~',
    '"K2"',
    "'K3'",
    'K1 # c',
    '*a',
    '&a K4',
    '!t K5',
    'K 1',
    'É1',
  );
  const plainCode = fc.constantFrom('K1', 'S12', 'B3', 'k9', 'K30', 'Ab1234');
  const key = fc.constantFrom('title', 'date', 'ksbs', 'other', 'time', 'true', 'Yes', 'a-b', '_x', 'k', '"title"', 'title ', ' title', 'ti tle', '? title');
  // Values one character away from what the fast path reads: each is, or is not, valid YAML.
  const nearMiss = fc.constantFrom(
    '10:',
    '10:30:',
    '1:',
    '1.2:',
    '2026-03-14:',
    '10: 30',
    'Evidence:',
    'a:',
    'a #',
    '"a" #c',
    '"a"b',
    '"a"  ',
    'NULL',
    'Off',
    '~',
    'a\t',
    '-1',
    '.5',
    '0x1F',
    '1_000',
  );
  const anyScalar = fc.constantFrom(
    'Evidence',
    'A plan, with commas',
    'yes',
    'No',
    'null',
    '10:',
    '10:30',
    '10:30:',
    '1:-',
    '2026-03-14',
    '2026-02-30',
    '2026-3-14',
    '12',
    '1.2.3',
    '1e5',
    '"quoted"',
    '"a # b"',
    '"a\\"b"',
    '"a\tb"',
    "'single'",
    'a # c',
    'a #c',
    'a#c',
    'a: b',
    'a:b',
    'a:',
    '#x',
    '&a K1',
    '*a',
    '!t x',
    '|',
    '>-',
    '[K1]',
    '{a: b}',
    '',
    ' ',
    '\t',
    'x\ty',
    '-',
    '- x',
    '?',
    '? x',
    '%x',
    '@x',
    '`x`',
    ',',
    'é',
    'a\u0001b',
    'a\u0085b',
    'a\u2028b',
    'a\ufeffb',
    'a\ud800b',
    'a  ',
    'a "b" c',
    "it's",
    'a - b',
    'a ---',
    '"unclosed',
    "'unclosed",
  );
  const scalar = fc.oneof({ weight: 1, arbitrary: nearMiss }, { weight: 2, arbitrary: anyScalar });
  const space = fc.constantFrom('', ' ', '  ', '\t');
  const flowList = fc
    .tuple(fc.array(fc.oneof(plainCode, code), { maxLength: 5 }), space, space, fc.constantFrom(',', ', ', ' ,', ' , ', ',,', ' '), fc.boolean())
    .map(([codes, open, close, separator, trailingComma]) => `[${open}${codes.join(separator)}${trailingComma ? ',' : ''}${close}]`);
  const flowMap = fc.array(fc.tuple(fc.oneof(plainCode, code), scalar), { maxLength: 3 }).map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`);
  const ksbsValue = fc.oneof(flowList, flowMap, fc.constantFrom('', '&a [K1]', '[*a]', '*a', '12', '[K1, [K2]]', '[K1 K2]', '[K1] # c', '[K1]  ', '|\n  K1'));
  const indent = fc.constantFrom('', ' ', '  ', '   ', '    ', '\t', ' \t');
  const blockItem = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(indent, plainCode).map(([i, c]) => `${i}- ${c}`) },
    { weight: 4, arbitrary: fc.tuple(indent, plainCode, scalar).map(([i, c, v]) => `${i}${c}: ${v}`) },
    { weight: 2, arbitrary: fc.tuple(indent, code, fc.constantFrom('- ', '-  ', '-\t', '- - ', '-', '? ')).map(([i, c, dash]) => `${i}${dash}${c}`) },
    { weight: 1, arbitrary: fc.tuple(indent, code).map(([i, c]) => `${i}${c}:`) },
    { weight: 1, arbitrary: fc.constantFrom('  # comment', '', '  ', '  - K1 # c', '  - K1:', '  K1: a: b', '  - K1: x') },
  );
  const ksbsBlock = fc
    .tuple(fc.constantFrom('ksbs:', 'ksbs: ', 'ksbs: # c', 'ksbs: &a', 'ksbs: !!seq'), fc.array(blockItem, { maxLength: 5 }))
    .map(([head, items]) => [head, ...items].join('\n'));
  // Sign-offs as `ksb signoff` writes them, and one field or line away from that.
  const signoffField = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('by: Priya Shah', 'role: employer', 'date: 2026-03-13', 'digest: "c6984be4ecbe"') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'by: "O\'Brien: Head #1"',
        'by: true',
        'by:',
        'role: Employer',
        'role: boss',
        'date: 2026-02-30',
        'date: 2026-3-13',
        'digest: c6984be4ecbe',
        'digest: "123456789012"',
        'digest: 012345678901',
        'digest: "xyz"',
        'other: x',
        'by: Priya # c',
      ),
    },
  );
  const signoffItem = fc
    .tuple(fc.array(signoffField, { minLength: 1, maxLength: 5 }), fc.constantFrom('  - ', '- ', '   - ', '  -  '), fc.constantFrom('    ', '  ', '     '))
    .map(([fields, dash, continuation]) => fields.map((field, i) => (i === 0 ? dash : continuation) + field).join('\n'));
  const signoffBlock = fc
    .tuple(fc.constantFrom('signoff:', 'signoff: ', 'signoff: # c'), fc.array(signoffItem, { maxLength: 3 }))
    .map(([head, items]) => [head, ...items].join('\n'));
  const line = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(key, scalar).map(([k, v]) => `${k}: ${v}`) },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom('title', 'date', 'time', 'other'), nearMiss).map(([k, v]) => `${k}: ${v}`) },
    { weight: 4, arbitrary: ksbsValue.map((v) => `ksbs: ${v}`) },
    { weight: 4, arbitrary: ksbsBlock },
    { weight: 3, arbitrary: signoffBlock },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('type', 'otj', 'meets'), scalar).map(([k, v]) => `${k}: ${v}`) },
    { weight: 1, arbitrary: fc.tuple(indent, key, scalar).map(([i, k, v]) => `${i}${k}: ${v}`) },
    { weight: 1, arbitrary: fc.tuple(key, fc.constantFrom(':', ':\t', ': ', ' :', '::')).map(([k, sep]) => `${k}${sep}x`) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('# comment', '', '   ', '\t', 'key', ':', '- x', '? x', '%YAML 1.2', '&a', 'x: &a K1', 'title: |', '  folded text'),
    },
  );
  const eol = fc.constantFrom('\n', '\r\n', '\r');
  // Lines the fast path reads, so that one hostile line among them decides which path is taken.
  const plausibleLine = fc.oneof(
    fc.constantFrom(
      'title: Evidence',
      'title: "A plan: with # and colon"',
      'date: 2026-03-14',
      'time: 10:30',
      'version: 1.2.3',
      'other: 12',
      'draft: true',
      '',
    ),
    fc.array(plainCode, { maxLength: 4 }).map((codes) => `ksbs: [${codes.join(', ')}]`),
    fc
      .tuple(fc.constantFrom('', '  '), fc.array(plainCode, { minLength: 1, maxLength: 3 }))
      .map(([i, codes]) => ['ksbs:', ...codes.map((c) => `${i}- ${c}`)].join('\n')),
    fc.array(plainCode, { minLength: 1, maxLength: 3 }).map((codes) => ['ksbs:', ...codes.map((c) => `  ${c}: Did it, with a comma`)].join('\n')),
    signoffBlock,
    fc.constantFrom('type: progress-review', 'type: evidence', 'otj: 3.5', 'otj: 7', 'otj: 07.25', 'otj: 24'),
  );
  const frontMatter = fc
    .tuple(fc.array(fc.oneof({ weight: 3, arbitrary: plausibleLine }, { weight: 1, arbitrary: line }), { minLength: 0, maxLength: 7 }), eol, fc.boolean())
    .map(([rows, lineBreak, finalBreak]) => {
      const yaml = rows.join('\n').replace(/\n/g, lineBreak) + (finalBreak && rows.length > 0 ? lineBreak : '');
      return { yaml, text: `---${lineBreak}${yaml}${finalBreak || rows.length === 0 ? '' : lineBreak}---${lineBreak}Body.${lineBreak}` };
    });

  it('Should give the same reading on the fast path as through the YAML parser, and the same claims and validity as the yaml package', () => {
    let fastReadings = 0;
    let runs = 0;
    fc.assert(
      fc.property(frontMatter, ({ yaml, text }) => {
        runs++;
        const { usual, parser, fast } = bothReadings(text);
        assert.ok(usual && parser);
        assert.deepEqual(usual, parser, 'fast path and parser disagree');
        if (fast) {
          fastReadings++;
          assert.deepEqual(fast, parser, 'the fast path read it otherwise than the parser');
        }
        const reference = referenceReading(text.slice(usual.contentStart, usual.contentEnd));
        assert.equal(usual.valid, reference.valid, `validity differs from the yaml package for ${JSON.stringify(yaml)}`);
        assert.deepEqual(
          usual.claims.map((claim) => claim.code),
          reference.codes,
          `claims differ from the yaml package for ${JSON.stringify(yaml)}`,
        );
      }),
      // Seed 9 finds `time: 10:` on the old fast path. FM_SEED and FM_RUNS explore further by hand.
      { seed: Number(process.env.FM_SEED ?? 9), numRuns: Number(process.env.FM_RUNS ?? 500) },
    );
    // The grammar must reach the fast path often, or the property says little about it.
    assert.ok(fastReadings > runs / 10, `only ${fastReadings} of ${runs} documents took the fast path`);
  });
});

describe('Front matter fences', () => {
  it('Should not close front matter at a `---` that a line separator (U+2028) follows', () => {
    const located = locateFrontMatter('---\nksbs: [K1]\n---\u2028not a fence\n---\nBody\n');
    assert.equal(located?.contentEnd, '---\nksbs: [K1]\n---\u2028not a fence\n'.length);
  });
});

describe('Front matter with CR-only line endings', () => {
  it('Should read `---\\rksbs: [K1]\\r---\\r` as a claim of K1', () => {
    const analysis = analyzeText('---\rksbs: [K1]\r---\r');
    assert.deepEqual(analysis.findings, []);
    assert.deepEqual(
      analysis.frontMatter?.claims.map((c) => c.code),
      ['K1'],
    );
  });

  it('Should give the same claims, positions and removal ranges with CR as with LF line endings', () => {
    const lf = '---\ntitle: Old Mac\ndate: 2026-03-14\nksbs:\n  - K1\n  - S3\n# a comment forces the parser\nother: {K9: x}\n---\nBody.\n';
    for (const text of [lf, lf.replace('# a comment forces the parser\n', '')]) {
      const cr = text.replace(/\n/g, '\r');
      const expected = analyzeText(text).frontMatter;
      const found = analyzeText(cr).frontMatter;
      assert.equal(found?.valid, true, JSON.stringify(found?.findings));
      assert.equal(found?.title, 'Old Mac');
      assert.deepEqual(found?.claims, expected?.claims);
      assert.equal(found?.bodyStart, expected?.bodyStart);
    }
  });

  it('Should report an unknown code at its position in a CR-only file', async () => {
    const { text, ranges } = marked('---\rtitle: Positions\rksbs: [K1, ⟦K30⟧]\r---\r\rBody.\r');
    const unknown = withCode(await diagnose(text), DiagnosticCode.UnknownCode);
    assert.deepEqual(
      unknown.map((d) => showRange(d.range)),
      [showRange(ranges[0])],
    );
  });
});

describe('frontmatter.too-large', () => {
  it('Should not parse front matter over the limit, and say how large it was', () => {
    const claims = Array.from({ length: 70_000 }, () => 'K1').join(', ');
    const text = `---\n# not the fast path\nksbs: [${claims}]\n---\n`;
    assert.ok(text.length > MAX_FRONT_MATTER_LENGTH);
    const analysis = analyzeText(text);
    assert.deepEqual(
      diagnosticsOf(analysis.findings).map((d) => d.code),
      [DiagnosticCode.FrontMatterTooLarge],
    );
    assert.match(diagnosticsOf(analysis.findings)[0].message, /^Expected front matter under 256 KB, found 280 KB: its claims were not read$/);
    assert.equal(showRange(diagnosticsOf(analysis.findings)[0].range), '0:0-0:3');
    assert.equal(analysis.frontMatter?.valid, false);
    assert.deepEqual(analysis.frontMatter?.claims, []);
  });

  // How fast is the benchmark's to say (npm run bench): here, that it is refused unparsed.
  it('Should refuse 20 MB of front matter without parsing it', () => {
    const analysis = analyzeText(`---\nksbs:\n${'  - K1 # c\n'.repeat(2_000_000)}---\n`);
    const tooLarge = withCode(diagnosticsOf(analysis.findings), DiagnosticCode.FrontMatterTooLarge);
    assert.equal(tooLarge.length, 1);
    assert.match(tooLarge[0].message, /found 22\.0 MB/);
    assert.deepEqual(withCode(diagnosticsOf(analysis.findings), DiagnosticCode.YamlError), []);
  });

  it('Should read front matter just under the limit', () => {
    const text = `---\nksbs: [K1]\nother: "${'x'.repeat(MAX_FRONT_MATTER_LENGTH - 30)}"\n---\n`;
    const analysis = analyzeText(text);
    assert.deepEqual(analysis.findings, []);
    assert.deepEqual(
      analysis.frontMatter?.claims.map((c) => c.code),
      ['K1'],
    );
  });

  it('Should not hand deeply nested front matter to the parser, whose recursion can abort the process', () => {
    // Once warm, the parser overflowed its stack inside V8's regexp compiler: a fatal abort, not an exception.
    for (let warm = 0; warm < 5; warm++) analyzeText(`---\nksbs: ${'['.repeat(1000)}${']'.repeat(1000)}\n---\n`);
    for (const ksbs of ['['.repeat(10_000) + ']'.repeat(10_000), '{a: '.repeat(3000) + '}'.repeat(3000), `\n${'- '.repeat(5000)}K1`]) {
      const analysis = analyzeText(`---\nksbs: ${ksbs}\n---\n`);
      assert.deepEqual(
        diagnosticsOf(analysis.findings).map((d) => d.code),
        [DiagnosticCode.FrontMatterTooLarge],
        ksbs.slice(0, 20),
      );
      assert.match(
        diagnosticsOf(analysis.findings)[0].message,
        new RegExp(`^Expected front matter nested at most ${MAX_FRONT_MATTER_NESTING} levels deep, found \\d+: its claims were not read$`),
      );
    }
  });

  it('Should count a file whose front matter is not read as evidence when it has a ksbs field', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\n',
      'big.md': `---\nksbs: [K1]\nother: "${'x'.repeat(MAX_FRONT_MATTER_LENGTH)}"\n---\n`,
    });
    assert.equal(index.file(`${ROOT}/big.md`)?.isEvidence, true);
    assert.deepEqual(
      index.diagnosticsFor(`${ROOT}/big.md`).map((d) => d.code),
      [DiagnosticCode.FrontMatterTooLarge],
    );
  });

  it('Should still read ordinary nesting', () => {
    const analysis = analyzeText('---\nksbs: [K1]\nmeta:\n  a:\n    - [1, [2, {b: [3]}]]\n    - c: d\n---\n');
    assert.deepEqual(analysis.findings, []);
  });

  it('Should be an error by default, since the file claims nothing that is counted', () => {
    assert.equal(DEFAULT_RULE_LEVELS[DiagnosticCode.FrontMatterTooLarge], 'error');
  });

  it('Should report too-large front matter in a portfolio, not as a YAML error', async () => {
    const text = `---\nksbs: [K1]\nother: "${'x'.repeat(MAX_FRONT_MATTER_LENGTH)}"\n---\n`;
    assert.deepEqual(
      (await diagnose(text)).map((d) => d.code),
      [DiagnosticCode.FrontMatterTooLarge],
    );
  });
});

describe('Many claims in one file', () => {
  it('Should fold 84 999 duplicates of K1 into one ksb.duplicate-code that counts them', async () => {
    const count = 85_000;
    const text = `---\nksbs: [${Array.from({ length: count }, () => 'K1').join(',')}]\n---\n`;
    assert.ok(text.length < MAX_FRONT_MATTER_LENGTH);
    const diagnostics = await diagnose(text);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [DiagnosticCode.DuplicateCode],
    );
    const [duplicate] = diagnostics;
    assert.match(duplicate.message, /^Unexpected second claim of K1: expected each code once per file, found it claimed 84999 more times after the first/);
    // The diagnostic sits on the first extra claim, and its quick fix removes that claim only.
    assert.equal(showRange(duplicate.range), '1:10-1:12');
    assert.equal(showRange(duplicate.related![0].range), '1:7-1:9');
    assert.deepEqual(duplicate.fix?.kind === 'remove-claim' && showRange(duplicate.fix.removeRange), '1:10-1:13');
  });

  it('Should check every claim: an unknown code after 60 000 duplicates is still reported', async () => {
    const text = `---\nksbs: [${Array.from({ length: 60_000 }, () => 'K1').join(', ')}, K30, S1, S1]\n---\n`;
    const diagnostics = await diagnose(text);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [DiagnosticCode.DuplicateCode, DiagnosticCode.UnknownCode, DiagnosticCode.DuplicateCode],
    );
    assert.match(diagnostics[0].message, /59999 more times/);
    assert.equal(diagnostics[2].message, 'Unexpected second claim of S1: expected each code once per file');
  });

  it('Should report one duplicate per duplicated code, in the order of their first extra claim', async () => {
    const diagnostics = withCode(await diagnose('---\nksbs: [K1, S1, S1, K1, K1, S1, K2]\n---\n'), DiagnosticCode.DuplicateCode);
    assert.deepEqual(
      diagnostics.map((d) => [showRange(d.range), d.message.match(/found it claimed (\d+)/)?.[1]]),
      [
        ['1:15-1:17', '2'],
        ['1:19-1:21', '2'],
      ],
    );
  });
});
