import assert from 'node:assert/strict';
import { parse } from 'yaml';
import * as z from 'zod/mini';
import { analyzeText, claimsNoCode, DiagnosticCode, type PortfolioDiagnostic } from '../../src/core';
import { evidenceFrontMatterSchema } from '../../src/core/read/frontMatterSchema';
import { configFor, diagnose, DOC, loadPortfolio, marked, POST_PRODUCTION_CONFIG, removeRange, ROOT, showRange, withCode } from './inlinePortfolio';

const PRODUCTION_CONFIG = configFor('production-coordinator');
const CONFIG_PATH = `${ROOT}/portfolio.yaml`;

/** A front-matter document claiming `ksbs` written as given (the YAML after `ksbs: `). */
function claiming(ksbs: string, body = 'Body text.\n'): string {
  return `---\ntitle: Evidence\ndate: 2026-03-14\nksbs: ${ksbs}\n---\n\n${body}`;
}

/** The only diagnostic of `code`, failing with the full list when there is not exactly one. */
function only(diagnostics: readonly PortfolioDiagnostic[], code: DiagnosticCode): PortfolioDiagnostic {
  const found = withCode(diagnostics, code);
  assert.equal(found.length, 1, `Expected one ${code}, found: ${JSON.stringify(diagnostics, null, 2)}`);
  return found[0];
}

/** The diagnostics of `portfolio.yaml` for a config text, with one valid evidence file beside it. */
async function configDiagnostics(config: string): Promise<readonly PortfolioDiagnostic[]> {
  const { index } = await loadPortfolio({ 'portfolio.yaml': config, 'evidence/doc.md': claiming('[K1]') });
  return index.diagnosticsFor(CONFIG_PATH);
}

describe('ksb.unknown-code', () => {
  it('Should report K30 at its exact range, naming the K1-K29 range of v1.2', async () => {
    const { text, ranges } = marked(claiming('[K1, ⟦K30⟧]'));
    const diagnostic = only(await diagnose(text), DiagnosticCode.UnknownCode);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.match(diagnostic.message, /`K30`/);
    assert.match(diagnostic.message, /K1-K29/);
    assert.equal(diagnostic.fix, undefined);
  });

  it('Should say that K35 exists in v1.0 and v1.1 but not in v1.2', async () => {
    const { text, ranges } = marked(claiming('\n  - K1\n  - ⟦K35⟧'));
    const diagnostic = only(await diagnose(text), DiagnosticCode.UnknownCode);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.match(diagnostic.message, /K35 exists in v1\.0 and v1\.1 but not in v1\.2/);
  });

  for (const [code, versions] of [
    ['S40', 'v1.0'],
    ['K43', 'v1.1'],
  ] as const) {
    it(`Should say that ${code} exists only in ${versions}, not in v1.2`, async () => {
      const diagnostic = only(await diagnose(claiming(`[K1, ${code}]`)), DiagnosticCode.UnknownCode);
      assert.match(diagnostic.message, new RegExp(`${code} exists in ${versions.replace('.', '\\.')} but not in v1\\.2`));
    });
  }

  for (const written of ['k9', 'K09', 'K 9']) {
    it(`Should suggest K9 for the near miss \`${written}\` with a replace-code fix`, async () => {
      const { text, ranges } = marked(claiming(`[K1, ⟦${written}⟧, S3]`));
      const diagnostic = only(await diagnose(text), DiagnosticCode.UnknownCode);
      assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
      assert.match(diagnostic.message, /did you mean K9\?/);
      assert.deepEqual(diagnostic.fix, { kind: 'replace-code', replacement: 'K9' });
    });
  }

  it('Should not report codes that v1.2 has', async () => {
    const diagnostics = await diagnose(claiming('[K1, K9, K16, S1, S17, B4]'));
    assert.deepEqual(diagnostics, []);
  });
});

describe('ksb.wrong-option', () => {
  it('Should report K24 as wrong option for a production coordinator', async () => {
    const { text, ranges } = marked(claiming('[K1, ⟦K24⟧]'));
    const diagnostic = only(await diagnose(text, { config: PRODUCTION_CONFIG }), DiagnosticCode.WrongOption);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.match(diagnostic.message, /Unexpected code K24 for the Production coordinator option/);
    assert.match(diagnostic.message, /belongs to Post production coordinator/);
    assert.equal(diagnostic.fix?.kind, 'remove-claim');
  });

  it('Should report K17 as wrong option for a post production coordinator', async () => {
    const { text, ranges } = marked(claiming('\n  K1: "Core"\n  ⟦K17⟧: "Production only"'));
    const diagnostic = only(await diagnose(text), DiagnosticCode.WrongOption);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.match(diagnostic.message, /for the Post production coordinator option/);
    assert.match(diagnostic.message, /belongs to Production coordinator/);
  });

  it("Should accept each option's own codes and the core codes", async () => {
    assert.deepEqual(await diagnose(claiming('[K1, K17, S18]'), { config: PRODUCTION_CONFIG }), []);
    assert.deepEqual(await diagnose(claiming('[K1, K24, S21]')), []);
  });

  it('Should accept the option title instead of its id', async () => {
    const config = configFor('Post production coordinator');
    const { index } = await loadPortfolio({ 'portfolio.yaml': config, 'evidence/doc.md': claiming('[K24, K17]') });
    assert.deepEqual(index.diagnosticsFor(CONFIG_PATH), []);
    assert.equal(index.portfolio?.option?.id, 'post-production-coordinator');
    const diagnostics = index.diagnosticsFor(DOC);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [DiagnosticCode.WrongOption],
    );
    assert.match(diagnostics[0].message, /K17/);
  });
});

describe('ksb.duplicate-code', () => {
  it('Should report the second claim and point related information at the first', async () => {
    const { text, ranges } = marked(claiming('\n  - ⟦K3⟧\n  - K26\n  - ⟦K3⟧\n  - S22'));
    const diagnostic = only(await diagnose(text), DiagnosticCode.DuplicateCode);
    assert.equal(showRange(diagnostic.range), showRange(ranges[1]));
    assert.match(diagnostic.message, /second claim of K3/);
    assert.equal(diagnostic.related?.length, 1);
    assert.equal(diagnostic.related[0].path, DOC);
    assert.equal(showRange(diagnostic.related[0].range), showRange(ranges[0]));
    assert.equal(diagnostic.fix?.kind, 'remove-claim');
  });

  it('Should not report different codes claimed once each', async () => {
    assert.deepEqual(withCode(await diagnose(claiming('[K3, K26, S22]')), DiagnosticCode.DuplicateCode), []);
  });
});

describe('evidence.no-ksbs', () => {
  it('Should count a file as claiming no code exactly when evidence.no-ksbs reports it, `ksbs: 12` included', async () => {
    const cases: Array<[string, boolean]> = [
      ['---\nksbs: []\n---\n', true],
      ['---\nksbs:\n---\n', true],
      ['---\ntitle: No ksbs key\n---\n', true],
      ['No front matter at all.\n', true],
      ['---\nksbs: [K1]\n---\n', false],
      ['---\nksbs: [K99]\n---\n', false],
      ['---\nksbs: 12\n---\n', false],
      ['---\nksbs: {K1: planned it}\n---\n', false],
    ];
    for (const [text, expected] of cases) {
      const reported = withCode(await diagnose(text), DiagnosticCode.NoKsbs).length > 0;
      assert.equal(reported, expected, `evidence.no-ksbs on ${JSON.stringify(text)}`);
      assert.equal(claimsNoCode(analyzeText(text).frontMatter), expected, `claimsNoCode on ${JSON.stringify(text)}`);
    }
  });

  it('Should report an empty `ksbs: []` at the ksbs key', async () => {
    const { text, ranges } = marked('---\ntitle: Nothing yet\n⟦ksbs⟧: []\n---\n');
    const diagnostic = only(await diagnose(text), DiagnosticCode.NoKsbs);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.match(diagnostic.message, /found an empty list/);
  });

  it('Should report an evidence file matched by the globs that has no ksbs key, on line 1 with an add-ksbs fix', async () => {
    const diagnostic = only(await diagnose('---\ntitle: Notes\n---\n\nNo claims.\n'), DiagnosticCode.NoKsbs);
    assert.equal(showRange(diagnostic.range), '0:0-0:0');
    assert.match(diagnostic.message, /Expected a `ksbs:` field/);
    assert.deepEqual(diagnostic.fix, { kind: 'add-ksbs' });
  });

  it('Should not report a README without front matter when the config has no globs', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': 'standard: ST0792\nversion: "1.2"\noption: production-coordinator\n',
      'README.md': '# My portfolio\n\nHow this folder is organised.\n',
    });
    assert.deepEqual(index.diagnosticsFor(`${ROOT}/README.md`), []);
    assert.equal(index.file(`${ROOT}/README.md`)?.isEvidence, false);
  });

  it('Should not report a file that claims a code', async () => {
    assert.deepEqual(withCode(await diagnose(claiming('[K1]')), DiagnosticCode.NoKsbs), []);
  });
});

describe('frontmatter.yaml-error', () => {
  const broken = '---\ntitle: Bad indentation\ndate: 2026-03-16\nksbs:\n  K1: "first"\n    K24: "too far in"\n---\n\nBody.\n';

  it('Should report a YAML error at its line in the file, not in the front matter', async () => {
    const diagnostic = only(await diagnose(broken), DiagnosticCode.YamlError);
    // Line 6 of the file (zero-based 5): the front matter starts one line down, after `---`.
    assert.equal(diagnostic.range.start.line, 5);
    assert.match(diagnostic.message, /^Expected valid YAML front matter, found: /);
  });

  it('Should report the YAML error at the same position with CRLF line endings', async () => {
    const lf = only(await diagnose(broken), DiagnosticCode.YamlError);
    const crlf = only(await diagnose(broken.replace(/\n/g, '\r\n')), DiagnosticCode.YamlError);
    assert.equal(showRange(crlf.range), showRange(lf.range));
  });

  it('Should give a file with a YAML error no other diagnostic', async () => {
    const diagnostics = await diagnose('---\nksbs: [K30, K30\n---\n');
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      diagnostics.map(() => DiagnosticCode.YamlError),
    );
    assert.ok(diagnostics.length > 0);
  });

  it('Should not report valid front matter', async () => {
    assert.deepEqual(withCode(await diagnose(claiming('{K1: "a", K2: "b"}')), DiagnosticCode.YamlError), []);
  });
});

describe('frontmatter.invalid-field', () => {
  const cases: Array<[name: string, document: string, expected: RegExp]> = [
    ['`ksbs: 12`', '---\ntitle: A\nksbs: ⟦12⟧\n---\n', /Expected `ksbs` to be a list of codes.*found the number 12/],
    ['`date: soon`', '---\ntitle: A\ndate: ⟦soon⟧\nksbs: [K1]\n---\n', /Expected `date` to be a date such as 2026-03-14, between 1950 and 2100, found `soon`/],
    ['`date: 2026-02-30`', '---\ntitle: A\ndate: ⟦2026-02-30⟧\nksbs: [K1]\n---\n', /Expected `date` to be a date.*found `2026-02-30`/],
    ['`title: [a, b]`', '---\ntitle: ⟦[a, b]⟧\nksbs: [K1]\n---\n', /Expected `title` to be a line of text, found a list/],
    ['`title: 12`', '---\ntitle: ⟦12⟧\nksbs: [K1]\n---\n', /Expected `title` to be a line of text, found the number 12/],
    ['`title: ""`', '---\ntitle: ⟦""⟧\nksbs: [K1]\n---\n', /Expected `title` to be a line of text, found an empty text/],
    ['`title: true`', '---\ntitle: ⟦true⟧\nksbs: [K1]\n---\n', /Expected `title` to be a line of text, found `true`/],
    ['`draft: maybe`', '---\ntitle: A\ndraft: ⟦maybe⟧\nksbs: [K1]\n---\n', /Expected `draft` to be true or false, found `maybe`/],
    ['`draft: [x]`', '---\ntitle: A\ndraft: ⟦[x]⟧\nksbs: [K1]\n---\n', /Expected `draft` to be true or false, found a list/],
  ];
  for (const [name, source, expected] of cases) {
    it(`Should report ${name} at the value with what was expected and found`, async () => {
      const { text, ranges } = marked(source);
      const diagnostic = only(await diagnose(text), DiagnosticCode.InvalidField);
      assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
      assert.match(diagnostic.message, expected);
    });
  }

  it('Should report a title or date exactly when the published front-matter schema rejects it', async () => {
    const values = ['Evidence', '12', '""', "''", 'true', 'null', '', '[a]', '{a: 1}', '"A: b"', '2026-03-14', 'soon', '2026-02-30'];
    for (const field of ['title', 'date']) {
      for (const value of values) {
        const yaml = `${field}: ${value}\nksbs: [K1]\n`;
        const reported = withCode(await diagnose(`---\n${yaml}---\n`), DiagnosticCode.InvalidField).length > 0;
        const rejected = !evidenceFrontMatterSchema.safeParse(parse(yaml)).success;
        assert.equal(reported, rejected, `${field}: ${value}: reported ${reported}, schema rejects ${rejected}`);
      }
    }
  });

  it('Should read `draft` as true or false, also written yes or no, and report nothing for those', async () => {
    for (const value of ['true', 'false', 'yes', 'No', '"true"']) {
      assert.deepEqual(withCode(await diagnose(`---\ntitle: A\ndraft: ${value}\nksbs: [K1]\n---\n`), DiagnosticCode.InvalidField), [], value);
    }
  });

  it('Should report `ksbs: 12` only as an invalid field, not also as an empty list', async () => {
    const diagnostics = await diagnose('---\ntitle: A\nksbs: 12\n---\n');
    assert.deepEqual(
      diagnostics.map((d) => `${d.code}: ${d.message}`),
      [`${DiagnosticCode.InvalidField}: Expected \`ksbs\` to be a list of codes such as [K1, S3], or a map from code to justification, found the number 12`],
    );
  });

  it('Should not silently drop the claims of a repeated `ksbs:` key', async () => {
    const { index } = await loadPortfolio({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/doc.md': '---\nksbs: [K1]\nksbs: [K2]\n---\n' });
    const diagnostics = index.diagnosticsFor(DOC);
    const onSecondKey = diagnostics.filter((d) => d.range.start.line === 2 && (d.code === DiagnosticCode.YamlError || d.code === DiagnosticCode.InvalidField));
    assert.equal(
      onSecondKey.length,
      1,
      `Expected a diagnostic on the second \`ksbs:\` key, found: ${JSON.stringify(diagnostics)} (evidence of K1: ${index.evidenceFor('K1').length})`,
    );
  });

  it('Should accept a real date, a text title and a list of codes', async () => {
    assert.deepEqual(await diagnose('---\ntitle: A title\ndate: 2024-02-29\nksbs: [K1]\n---\n'), []);
  });
});

describe('evidence.missing-attachment', () => {
  const attachments = {
    'evidence/attachments/notes.txt': 'notes',
    'evidence/attachments/still.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    'evidence/attachments/call sheet.txt': 'call sheet',
  };

  const cases: Array<[name: string, line: string, target: string]> = [
    ['a relative link', 'See ⟦[the report](attachments/report.pdf)⟧ here.', 'attachments/report.pdf'],
    ['an image', 'Still: ⟦![grade](attachments/grade.png)⟧', 'attachments/grade.png'],
    ['a reference definition', 'See [the schedule][s].\n\n⟦[s]: attachments/schedule.csv⟧', 'attachments/schedule.csv'],
    ['an inline `<img src>`', 'Photo: <img ⟦src="attachments/photo.jpg"⟧> of the set.', 'attachments/photo.jpg'],
    ['a link with a #fragment and %20', 'See ⟦[sheet](attachments/day%203%20sheet.txt#top)⟧.', 'attachments/day 3 sheet.txt'],
  ];
  for (const [name, line, target] of cases) {
    it(`Should report ${name} to a file that does not exist`, async () => {
      const { text, ranges } = marked(claiming('[K1]', `${line}\n`));
      const diagnostic = only(await diagnose(text, { others: attachments }), DiagnosticCode.MissingAttachment);
      assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
      assert.equal(diagnostic.message, `Expected a file at \`${target}\`, found none`);
    });
  }

  it('Should report an `<img src>` in an HTML block to a missing file on its line', async () => {
    const document = claiming('[K1]', '<img src="attachments/photo.jpg" alt="photo">\n');
    const diagnostic = only(await diagnose(document, { others: attachments }), DiagnosticCode.MissingAttachment);
    assert.equal(diagnostic.range.start.line, 6);
  });

  it('Should start the range of an indented reference definition at its bracket', async () => {
    const { text, ranges } = marked(claiming('[K1]', 'See [the schedule][s].\n\n  ⟦[s]: attachments/schedule.csv⟧\n'));
    const diagnostic = only(await diagnose(text), DiagnosticCode.MissingAttachment);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
  });

  it('Should not report a link in an indented code block inside a list item', async () => {
    const body = '* Step one\n\n      [example](attachments/missing.pdf)\n\n* Step two\n';
    assert.deepEqual(await diagnose(claiming('[K1]', body)), []);
  });

  it('Should accept links, images, definitions and `<img src>` to files that exist, with fragments and %20', async () => {
    const body = [
      'See [notes](attachments/notes.txt) and ![still](attachments/still.png).',
      'The [call sheet](attachments/call%20sheet.txt#day-3) and [ref][n].',
      '<img src="attachments/still.png">',
      '',
      '[n]: ./attachments/notes.txt',
      '',
    ].join('\n');
    assert.deepEqual(await diagnose(claiming('[K1]', body), { others: attachments }), []);
  });

  it('Should not report http URLs, mail links, anchors or links inside inline code and fenced code', async () => {
    const body = [
      'See [the spec](https://example.com/spec.pdf), [mail](mailto:a@example.com) and [above](#top).',
      'Write links as `[x](attachments/missing.pdf)` in Markdown.',
      '',
      '```markdown',
      '![missing](attachments/missing.png)',
      '[also missing](attachments/missing.txt)',
      '```',
      '',
    ].join('\n');
    assert.deepEqual(await diagnose(claiming('[K1]', body)), []);
  });
});

describe('portfolio.invalid-config', () => {
  it('Should report bad YAML in portfolio.yaml at its line', async () => {
    const diagnostics = await configDiagnostics('standard: ST0792\noption: [production-coordinator\n');
    assert.ok(diagnostics.length > 0, 'Expected a diagnostic');
    for (const d of diagnostics) {
      assert.equal(d.code, DiagnosticCode.InvalidConfig);
      assert.match(d.message, /Expected valid YAML in portfolio\.yaml/);
    }
    assert.ok(
      diagnostics.some((d) => d.range.start.line >= 1),
      `Expected a position past line 1: ${JSON.stringify(diagnostics)}`,
    );
  });

  it('Should report an unknown standard and name ST0792', async () => {
    const { text, ranges } = marked('standard: ⟦ST0000⟧\noption: production-coordinator\n');
    const diagnostic = only(await configDiagnostics(text), DiagnosticCode.InvalidConfig);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.match(diagnostic.message, /Unexpected standard `ST0000`/);
    assert.match(diagnostic.message, /ST0792/);
  });

  it('Should report an unknown version and name 1.0, 1.1 and 1.2', async () => {
    const { text, ranges } = marked('standard: ST0792\nversion: ⟦"9.9"⟧\noption: production-coordinator\n');
    const diagnostic = only(await configDiagnostics(text), DiagnosticCode.InvalidConfig);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.match(diagnostic.message, /"9\.9"/);
    for (const version of ['"1.0"', '"1.1"', '"1.2"']) assert.ok(diagnostic.message.includes(version), `${version} in ${diagnostic.message}`);
  });

  it('Should report an unknown option and name both option ids', async () => {
    const { text, ranges } = marked('standard: ST0792\nversion: "1.2"\noption: ⟦editor⟧\n');
    const diagnostic = only(await configDiagnostics(text), DiagnosticCode.InvalidConfig);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.match(diagnostic.message, /Unexpected option `editor`/);
    assert.match(diagnostic.message, /`production-coordinator`/);
    assert.match(diagnostic.message, /`post-production-coordinator`/);
  });

  it('Should report both an unknown version and an unknown option in the same config', async () => {
    const diagnostics = await configDiagnostics('standard: ST0792\nversion: "9.9"\noption: editor\n');
    assert.deepEqual(
      diagnostics.map((d) => `${d.range.start.line}:${d.code}`),
      [`1:${DiagnosticCode.InvalidConfig}`, `2:${DiagnosticCode.InvalidConfig}`],
      `Expected one diagnostic on the version line and one on the option line, found: ${diagnostics.map((d) => d.message).join(' | ')}`,
    );
  });

  it('Should read an unquoted `version: 1.0` as version 1.0, not "1"', async () => {
    const { index } = await loadPortfolio({ 'portfolio.yaml': 'standard: ST0792\nversion: 1.0\noption: production-coordinator\n' });
    // 1.0 is retired and its data has a gap; nothing says the version or the option is wrong.
    assert.deepEqual(
      index.diagnosticsFor(CONFIG_PATH).map((d) => d.code),
      [DiagnosticCode.StandardDataGap, DiagnosticCode.StandardNotApproved],
    );
    assert.equal(index.portfolio?.standard.version, '1.0');
  });

  it('Should report fields of the wrong type at their values', async () => {
    const { text, ranges } = marked('standard: ST0792\noption: production-coordinator\nevidence: ⟦12⟧\napprentice: ⟦[a, b]⟧\n');
    const diagnostics = withCode(await configDiagnostics(text), DiagnosticCode.InvalidConfig);
    assert.deepEqual(diagnostics.map((d) => showRange(d.range)).sort(), ranges.map(showRange).sort());
    assert.ok(
      diagnostics.some((d) => /`evidence`/.test(d.message)),
      diagnostics.map((d) => d.message).join(' | '),
    );
    assert.ok(
      diagnostics.some((d) => /`apprentice`/.test(d.message)),
      diagnostics.map((d) => d.message).join(' | '),
    );
  });

  it('Should report an unknown field at its key and list the known fields', async () => {
    const { text, ranges } = marked('standard: ST0792\noption: production-coordinator\n⟦tutor⟧: Sam\n');
    const diagnostic = only(await configDiagnostics(text), DiagnosticCode.InvalidConfig);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.match(diagnostic.message, /Unexpected field `tutor`/);
    assert.match(diagnostic.message, /standard, version, option/);
  });

  it("Should quote zod's English message for a value of the wrong shape", async () => {
    const { text, ranges } = marked('standard: ST0792\noption: ⟦""⟧\n');
    const diagnostic = only(await configDiagnostics(text), DiagnosticCode.InvalidConfig);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.equal(diagnostic.message, 'Expected `option` to be valid: Too small: expected string to have >=1 characters');
  });

  it('Should keep English messages when another copy of zod sets another language', async () => {
    // zod keeps its global config on globalThis, shared with other extensions in the same host.
    const previous = z.config().localeError;
    z.config({ localeError: () => 'Entrée invalide' });
    try {
      const diagnostic = only(await configDiagnostics('standard: ST0792\noption: ""\n'), DiagnosticCode.InvalidConfig);
      assert.match(diagnostic.message, /Too small: expected string to have >=1 characters$/);
    } finally {
      z.config({ localeError: previous });
    }
  });

  it('Should say what a field of the wrong type holds, not that it is missing', async () => {
    const diagnostics = withCode(await configDiagnostics('standard: 12\napprentice: [a, b]\n'), DiagnosticCode.InvalidConfig);
    assert.deepEqual(diagnostics.map((d) => d.message).sort(), [
      'Expected `apprentice` to be valid: Invalid input: expected string, received array',
      'Expected `standard` to be valid: Invalid input: expected string, received number',
    ]);
  });

  it('Should report a missing standard field', async () => {
    const diagnostic = only(await configDiagnostics('option: production-coordinator\n'), DiagnosticCode.InvalidConfig);
    assert.match(diagnostic.message, /`standard`/);
  });

  it('Should not report a complete, valid config', async () => {
    assert.deepEqual(await configDiagnostics(POST_PRODUCTION_CONFIG), []);
  });

  it('Should report each invalid `evidence` glob at its own item, say what is wrong, and keep the other globs working', async () => {
    const { text, ranges } = marked(
      'standard: ST0792\nversion: "1.2"\noption: post-production-coordinator\nevidence:\n  - "evidence/**/*.md"\n  - ⟦"{a,b"⟧\n  - ⟦"[z-a].md"⟧\n',
    );
    const { index } = await loadPortfolio({ 'portfolio.yaml': text, 'evidence/doc.md': claiming('[K1]') });
    const diagnostics = index.diagnosticsFor(CONFIG_PATH);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, showRange(d.range), d.message]),
      [
        [DiagnosticCode.InvalidConfig, showRange(ranges[0]), 'Expected a valid glob in `evidence`, found `{a,b`: unclosed `{`'],
        [DiagnosticCode.InvalidConfig, showRange(ranges[1]), 'Expected a valid glob in `evidence`, found `[z-a].md`: `z-a` is a reversed range'],
      ],
    );
    assert.deepEqual(
      index.evidenceFor('K1').map((e) => e.relativePath),
      ['evidence/doc.md'],
    );
  });

  it('Should report an invalid glob written as the one `evidence` value at that value', async () => {
    const { text, ranges } = marked('standard: ST0792\nversion: "1.2"\noption: post-production-coordinator\nevidence: ⟦"notes/**/{a,b"⟧\n');
    const diagnostic = only(await configDiagnostics(text), DiagnosticCode.InvalidConfig);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.equal(diagnostic.message, 'Expected a valid glob in `evidence`, found `notes/**/{a,b`: unclosed `{`');
  });

  it('Should report too many aliases in portfolio.yaml at the first alias instead of failing', async () => {
    const aliases = Array.from({ length: 101 }, () => '  - *glob\n').join('');
    const { text, ranges } = marked(
      `standard: ST0792\nversion: "1.2"\noption: post-production-coordinator\nevidence:\n  - &glob "evidence/**/*.md"\n  - ⟦*glob⟧\n${aliases}`,
    );
    const diagnostic = only(await configDiagnostics(text), DiagnosticCode.InvalidConfig);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.match(diagnostic.message, /^Expected at most 100 alias expansions \(`\*name`\), found more/);
  });

  it('Should report an alias used before its anchor at the alias', async () => {
    const { text, ranges } = marked('standard: ST0792\noption: ⟦*coordinator⟧\napprentice: &coordinator Sam\n');
    const diagnostic = only(await configDiagnostics(text), DiagnosticCode.InvalidConfig);
    assert.equal(showRange(diagnostic.range), showRange(ranges[0]));
    assert.equal(diagnostic.message, 'Expected an anchor `&coordinator` before the alias `*coordinator`, found none');
  });
});

describe('Codes in the Markdown body', () => {
  it('Should never treat a code in a fenced block or inline code as a claim', async () => {
    const body = 'Write `ksbs: [K99]` to claim.\n\n```yaml\nksbs:\n  - K99\n  - K24\n```\n\nK30 in prose is not a claim either.\n';
    const { index } = await loadPortfolio({ 'portfolio.yaml': POST_PRODUCTION_CONFIG, 'evidence/doc.md': claiming('[K1]', body) });
    assert.deepEqual(index.diagnosticsFor(DOC), []);
    assert.deepEqual(
      index.file(DOC)?.validClaims.map((c) => c.code),
      ['K1'],
    );
    assert.deepEqual(index.evidenceFor('K24'), []);
  });
});

describe('Claim removal ranges', () => {
  /** Removes the claim of `code` from `text` and returns the new text. */
  function removeClaim(text: string, code: string): string {
    const claim = analyzeText(text).frontMatter?.claims.find((c) => c.code === code);
    assert.ok(claim, `Expected a claim of ${code}`);
    return removeRange(text, claim.removeRange);
  }

  /** Asserts the text is clean front matter whose claims are exactly `codes`. */
  function assertClean(text: string, codes: string[], expectedText?: string): void {
    const analysis = analyzeText(text);
    assert.deepEqual(analysis.findings, [], `Expected clean front matter, found diagnostics in:\n${text}`);
    assert.equal(analysis.frontMatter?.valid, true);
    assert.deepEqual(
      analysis.frontMatter?.claims.map((c) => c.code),
      codes,
    );
    const yaml = text.slice(analysis.frontMatter.contentStart, analysis.frontMatter.contentEnd);
    const ksbs = parse(yaml).ksbs;
    const parsedCodes = Array.isArray(ksbs) ? ksbs : ksbs === null ? [] : Object.keys(ksbs);
    assert.deepEqual(parsedCodes, codes);
    if (expectedText !== undefined) assert.equal(text, expectedText);
  }

  const fm = (ksbs: string) => `---\ntitle: T\nksbs: ${ksbs}\ndate: 2026-01-01\n---\nBody\n`;

  it('Should remove the middle item of a flow list with its separator', () => {
    assertClean(removeClaim(fm('[K1, K2, K3]'), 'K2'), ['K1', 'K3'], fm('[K1, K3]'));
  });

  it('Should remove the last item of a flow list with the separator before it', () => {
    assertClean(removeClaim(fm('[K1, K2, K3]'), 'K3'), ['K1', 'K2'], fm('[K1, K2]'));
  });

  it('Should remove the first item of a flow list with the separator after it', () => {
    assertClean(removeClaim(fm('[K1, K2, K3]'), 'K1'), ['K2', 'K3'], fm('[K2, K3]'));
  });

  it('Should remove the only item of a flow list, leaving an empty list', () => {
    assertClean(removeClaim(fm('[K1]'), 'K1'), [], fm('[]'));
  });

  it('Should remove a block list item as a whole line', () => {
    assertClean(removeClaim(fm('\n  - K1\n  - K2\n  - K3'), 'K2'), ['K1', 'K3'], fm('\n  - K1\n  - K3'));
  });

  it('Should remove the last block list item as a whole line before the closing fence', () => {
    const text = '---\nksbs:\n  - K1\n  - K2\n---\nBody\n';
    assertClean(removeClaim(text, 'K2'), ['K1'], '---\nksbs:\n  - K1\n---\nBody\n');
  });

  it('Should remove a block list item as a whole line with CRLF line endings', () => {
    const text = fm('\n  - K1\n  - K2\n  - K3').replace(/\n/g, '\r\n');
    assertClean(removeClaim(text, 'K2'), ['K1', 'K3'], fm('\n  - K1\n  - K3').replace(/\n/g, '\r\n'));
  });

  it('Should remove a block map entry with its justification as a whole line', () => {
    const text = fm('\n  K1: "first"\n  K2: "second"\n  K3: "third"');
    assertClean(removeClaim(text, 'K2'), ['K1', 'K3'], fm('\n  K1: "first"\n  K3: "third"'));
  });

  it('Should remove a block map entry whose justification is a folded block', () => {
    const text = fm('\n  K1: >-\n    a long\n    justification\n  K2: "second"');
    assertClean(removeClaim(text, 'K1'), ['K2'], fm('\n  K2: "second"'));
  });

  it('Should remove a flow map entry with its justification and separator', () => {
    assertClean(removeClaim(fm('{K1: a, K2: b, K3: c}'), 'K2'), ['K1', 'K3'], fm('{K1: a, K3: c}'));
    assertClean(removeClaim(fm('{K1: a, K2: b, K3: c}'), 'K3'), ['K1', 'K2'], fm('{K1: a, K2: b}'));
  });

  it('Should carry the removal range in the fix of a wrong-option claim', async () => {
    const text = claiming('[K1, K17, S21]');
    const diagnostic = only(await diagnose(text), DiagnosticCode.WrongOption);
    assert.equal(diagnostic.fix?.kind, 'remove-claim');
    const fixed = removeRange(text, (diagnostic.fix as { removeRange: Parameters<typeof removeRange>[1] }).removeRange);
    assertClean(fixed, ['K1', 'S21']);
  });
});
