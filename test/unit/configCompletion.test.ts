import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  builtinCatalogue,
  parseStandardFile,
  provideConfigCompletions,
  provideConfigHover,
  type ConfigCompletionContext,
  type KsbCompletionItem,
  type Position,
  type StandardVersion,
} from '../../src/core';
import { fieldDescription } from '../../src/core/languageFeatures/configCompletion';
import { portfolioConfigSchema } from '../../src/core/read/config';

const CURSOR = '$$CURSOR$$';
const REPO = path.resolve(__dirname, '../../..');

/** The hand-made API file of the fixtures, as a workspace's `standards/` would hold it. */
function workspaceApiStandard(origin = 'standards/ST9001_1.0.json', edit: (json: Record<string, unknown>) => void = () => {}): StandardVersion {
  const json = JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/api-standards/ST9001_1.0.json'), 'utf8')) as Record<string, unknown>;
  edit(json);
  const result = parseStandardFile(JSON.stringify(json), origin);
  assert.ok(result.ok, result.ok ? '' : result.problems.map((p) => p.message).join('\n'));
  return result.standard;
}

/** The shipped catalogue plus ST9001 from the workspace, as a portfolio with a `standards/` folder has it. */
function contextWith(...extra: StandardVersion[]): ConfigCompletionContext {
  const shipped = builtinCatalogue();
  const catalogue = shipped.clone();
  for (const standard of extra) catalogue.add(standard);
  const shippedVersions = new Set(shipped.all());
  return { catalogue, isShipped: (standard) => shippedVersions.has(standard) };
}

const CONTEXT = contextWith(workspaceApiStandard());

/** A config's lines and the cursor of a text with `$$CURSOR$$` in it. */
function withCursor(source: string): { document: { lineCount: number; lineAt(line: number): { text: string } }; position: Position } {
  const offset = source.indexOf(CURSOR);
  assert.ok(offset >= 0, 'the test text needs a cursor marker');
  const before = source.slice(0, offset).split('\n');
  const lines = source.replace(CURSOR, '').split('\n');
  return {
    document: { lineCount: lines.length, lineAt: (line) => ({ text: lines[line] }) },
    position: { line: before.length - 1, character: before[before.length - 1].length },
  };
}

function completions(source: string, context = CONTEXT): readonly KsbCompletionItem[] {
  const { document, position } = withCursor(source);
  return provideConfigCompletions(document, position, context)?.items ?? [];
}

function labels(items: readonly KsbCompletionItem[]): string[] {
  return [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((item) => item.label);
}

function hover(source: string, context = CONTEXT): string | undefined {
  const { document, position } = withCursor(source);
  return provideConfigHover(document, position, context)?.markdown;
}

describe('Completion in portfolio.yaml', () => {
  it('Should offer every standard the portfolio knows after standard:, shipped and from the workspace', () => {
    const items = completions(`standard: ${CURSOR}\n`);
    assert.deepEqual(labels(items), ['ST0792', 'ST9001']);
    const shipped = items.find((item) => item.label === 'ST0792')!;
    assert.equal(shipped.detail, 'Junior production coordinator · 1.0, 1.1, 1.2 · shipped');
    const workspace = items.find((item) => item.label === 'ST9001')!;
    assert.equal(workspace.detail, 'Test rig technician · 1.0 · in this portfolio');
    assert.match(workspace.documentation ?? '', /\*\*Source:\*\* workspace file `standards\/ST9001_1\.0\.json`/);
    assert.equal(workspace.insertText, 'ST9001');
  });

  it('Should replace the whole value typed so far, and add the space a value needs right after the colon', () => {
    const typed = completions(`standard: ST07${CURSOR}92 # ours\n`).find((item) => item.label === 'ST0792')!;
    assert.deepEqual(typed.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 16 } });
    assert.deepEqual(typed.replaceRange, typed.range);
    const tight = completions(`standard:${CURSOR}\n`).find((item) => item.label === 'ST0792')!;
    assert.equal(tight.insertText, ' ST0792');
    assert.deepEqual(tight.range, { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } });
  });

  it('Should offer the versions of the chosen standard latest first, quoted, with status and dates', () => {
    const items = completions(`standard: ST0792\nversion: ${CURSOR}\n`);
    assert.deepEqual(labels(items), ['1.2', '1.1', '1.0']);
    const latest = items.find((item) => item.label === '1.2')!;
    assert.equal(latest.insertText, '"1.2"');
    assert.match(latest.detail ?? '', /^latest · .*from 2024-08-15/);
    assert.match(latest.documentation ?? '', /\*\*ST0792 v1\.2\*\* · Junior production coordinator · level 4/);
  });

  it('Should match the versions against a typed quote and replace it with the closing one', () => {
    const items = completions(`standard: ST0792\nversion: "1.${CURSOR}"\n`);
    const item = items.find((i) => i.label === '1.1')!;
    assert.equal(item.filterText, '"1.1');
    assert.equal(item.insertText, '"1.1"');
    assert.deepEqual(item.range, { start: { line: 1, character: 9 }, end: { line: 1, character: 13 } });
  });

  it('Should offer the versions of a workspace standard, wherever standard: stands in the file', () => {
    assert.deepEqual(labels(completions(`version: ${CURSOR}\napprentice: Sam\nstandard: "st9001"\n`)), ['1.0']);
  });

  it('Should offer no version for a standard the portfolio does not know', () => {
    assert.deepEqual(completions(`standard: ST0116\nversion: ${CURSOR}\n`), []);
  });

  it("Should offer the chosen version's option ids, with titles and KSB counts", () => {
    const items = completions(`standard: ST9001\nversion: "1.0"\noption: ${CURSOR}\n`);
    assert.deepEqual(labels(items), ['hydraulic-rigs', 'electrical-rigs']);
    const hydraulic = items.find((item) => item.label === 'hydraulic-rigs')!;
    assert.equal(hydraulic.detail, 'Hydraulic rigs · 3 knowledge, 2 skills, 1 behaviour');
    assert.equal(hydraulic.filterText, 'hydraulic-rigs Hydraulic rigs');
    assert.match(hydraulic.documentation ?? '', /\*\*Own KSBs:\*\* 1 knowledge, 1 skill/);
  });

  it('Should offer the options of the latest version when version: names none the portfolio knows', () => {
    const items = completions(`standard: ST0792\nversion: "9.9"\noption: ${CURSOR}\n`);
    assert.deepEqual(labels(items), ['production-coordinator', 'post-production-coordinator']);
  });

  it('Should offer no option for a standard without options', () => {
    const plain = workspaceApiStandard('standards/ST9001_1.0.json', (json) => {
      json.referenceNumber = 'ST9002';
      json.options = [];
      json.duties = [];
    });
    assert.deepEqual(completions(`standard: ST9002\noption: ${CURSOR}\n`, contextWith(plain)), []);
  });

  it('Should offer the fields not yet written at the start of a line, each described by the schema', () => {
    const items = completions(`standard: ST0792\n${CURSOR}\n`);
    assert.deepEqual(labels(items), [
      'version',
      'option',
      'apprentice',
      'evidence',
      'standards',
      'start',
      'end',
      'weekly-hours',
      'employer',
      'provider',
      'mentor',
      'otj-target',
      'placeholders',
      'site-root',
      'gateway',
      'assessment',
      'people',
      'verify-signoffs',
    ]);
    const version = items.find((item) => item.label === 'version')!;
    assert.equal(version.kind, 'field');
    assert.equal(version.detail, 'The standard version, e.g. "1.2"; defaults to the latest shipped');
    assert.equal(version.retrigger, true);
    assert.equal(items.find((item) => item.label === 'evidence')?.insertText, 'evidence: ["${1:evidence/**/*.md}"]');
  });

  it('Should describe every field of the schema', () => {
    for (const field of Object.keys(portfolioConfigSchema.shape) as (keyof typeof portfolioConfigSchema.shape)[]) assert.ok(fieldDescription(field), field);
  });

  it('Should offer nothing in a comment, in a key, in an indented line or in another value', () => {
    assert.deepEqual(completions(`standard: ST0792 # ${CURSOR}\n`), []);
    assert.deepEqual(completions(`stan${CURSOR}dard: ST0792\n`), []);
    assert.deepEqual(completions(`evidence:\n  - ${CURSOR}\n`), []);
    assert.deepEqual(completions(`apprentice: ${CURSOR}\n`), []);
    assert.deepEqual(completions(`# ${CURSOR}\n`), []);
  });

  it('Should stay bounded on a hostile config: a huge line and a very long file', () => {
    const longLine = `standard: ${'S'.repeat(1_000_000)}${CURSOR}\n`;
    assert.deepEqual(completions(longLine).length, 2);
    const manyLines = `${'# filler\n'.repeat(100_000)}version: ${CURSOR}\nstandard: ST0792\n`;
    // standard: stands past the lines read, so there is no chosen standard to offer versions of.
    assert.deepEqual(completions(manyLines), []);
  });
});

describe('Hover in portfolio.yaml', () => {
  it('Should describe the standard: its title, level, status, dates, duration, options, KSB counts, source and versions', () => {
    const markdown = hover(`standard: ST${CURSOR}9001\noption: hydraulic-rigs\n`)!;
    assert.match(markdown, /^\*\*ST9001 v1\.0\*\* · Test rig technician · level 3/);
    assert.match(markdown, /\*\*Status:\*\* Approved for delivery, from 2025-02-01/);
    assert.match(markdown, /\*\*Typical duration:\*\* 18 months/);
    assert.match(markdown, /\*\*KSBs:\*\* 4 knowledge, 3 skills, 1 behaviour \(K1-K4, S1-S3, B1-B1\)/);
    assert.match(markdown, /- Hydraulic rigs \(`hydraulic-rigs`\)/);
    assert.match(markdown, /\*\*Source:\*\* workspace file `standards\/ST9001_1\.0\.json`/);
    assert.match(markdown, /\[Standard page\]\(https:\/\/example\.test\/apprenticeship-standards\/test-rig-technician-v1-0\)/);
    assert.match(markdown, /\*\*Versions:\*\*\n- 1\.0 \(latest, this portfolio\): Approved for delivery · from 2025-02-01/);
  });

  it('Should say a shipped standard is shipped, and describe the version the config chose', () => {
    const markdown = hover(`standard: ST0792${CURSOR}\nversion: "1.1"\n`)!;
    assert.match(markdown, /^\*\*ST0792 v1\.1\*\*/);
    assert.match(markdown, /\*\*Source:\*\* shipped with KSB Portfolio \(`ST0792-1\.1\.yaml`\)/);
    assert.match(markdown, /- 1\.2 \(latest\)/);
    assert.match(markdown, /- 1\.1 \(this portfolio\)/);
  });

  it('Should describe the version under version:, and say so of a version the portfolio does not know', () => {
    assert.match(hover(`standard: ST0792\nversion: "1.${CURSOR}0"\n`)!, /^\*\*ST0792 v1\.0\*\*/);
    assert.equal(
      hover(`standard: ST0792\nversion: "7${CURSOR}.0"\n`),
      '**7.0** · not a version of ST0792 this portfolio knows (it knows "1.0", "1.1", "1.2").',
    );
  });

  it("Should describe the option by id or by its title in any case, with the option's own KSB count", () => {
    const byId = hover(`standard: ST0792\noption: post-prod${CURSOR}uction-coordinator\n`)!;
    assert.match(byId, /^\*\*Post production coordinator\*\* \(`post-production-coordinator`\) · option of ST0792 v1\.2/);
    assert.match(byId, /\*\*Own KSBs:\*\* 6 knowledge, 3 skills/);
    const byTitle = hover(`standard: ST9001\noption: "ELECTRICAL ${CURSOR}RIGS"\n`)!;
    assert.match(byTitle, /^\*\*Electrical rigs\*\* \(`electrical-rigs`\)/);
    assert.match(byTitle, /\*\*With the core:\*\* 3 knowledge, 2 skills, 1 behaviour/);
  });

  it('Should name the known standards on one the portfolio does not know', () => {
    assert.match(hover(`standard: ST01${CURSOR}16\n`)!, /^\*\*ST0116\*\* · not a standard this portfolio knows \(it knows ST0792, ST9001\)/);
  });

  it('Should show the data gaps and the download of an API file, and never link to what is not an http(s) URL', () => {
    const gaps = workspaceApiStandard('standards/ST9003_1.0.json', (json) => {
      json.referenceNumber = 'ST9003';
      json.knowledges = [];
      json.skills = [];
      json.behaviours = [];
      json.duties = [];
      json.standardPageUrl = 'javascript:alert(1)';
      json.$source = { url: 'https://example.test/api/ST9003 (copy)', retrieved: '2026-03-01' };
    });
    const markdown = hover(`standard: ST9003${CURSOR}\n`, contextWith(gaps))!;
    assert.match(markdown, /\*\*Data gaps:\*\*\n- The API file lists no knowledge/);
    assert.match(markdown, /\*\*KSBs:\*\* none/);
    assert.match(markdown, /downloaded on 2026-03-01/);
    assert.doesNotMatch(markdown, /javascript:/);
    assert.doesNotMatch(markdown, /Standard page/);
  });

  it('Should escape Markdown in titles from a workspace file', () => {
    const hostile = workspaceApiStandard('standards/ST9004_1.0.json', (json) => {
      json.referenceNumber = 'ST9004';
      json.title = 'Rig [click](https://evil.test) *tech*';
    });
    const markdown = hover(`standard: ST9004${CURSOR}\n`, contextWith(hostile))!;
    assert.ok(markdown.includes('Rig \\[click\\](https://evil.test) \\*tech\\*'), markdown);
  });

  it('Should say what a field is for on its key, from the schema, the fields of the apprenticeship and of `gateway:` too', () => {
    assert.equal(hover(`stan${CURSOR}dard: ST0792\n`), '**standard** · The standard reference, e.g. ST0792');
    assert.match(hover(`weekly-${CURSOR}hours: 30\n`) ?? '', /^\*\*weekly-hours\*\* · Contracted hours a week \(30 or more/);
    assert.match(hover(`otj-tar${CURSOR}get: 278\n`) ?? '', /^\*\*otj-target\*\* · Off-the-job training hours to reach/);
    assert.match(
      hover(`start: 2025-09-01\ngateway:\n  # the funding rules\n  review-${CURSOR}interval: 12 weeks\n`) ?? '',
      /^\*\*gateway\.review-interval\*\* · The longest gap between progress reviews/,
    );
    assert.match(hover(`gateway:\n  requ${CURSOR}ires: [english-level-2]\n`) ?? '', /`meets:`/);
    assert.match(hover(`people:\n  - name: Tom Reed\n    ema${CURSOR}il: t@academy.example\n`) ?? '', /^\*\*people\[\]\.email\*\* · The e-mail address/);
    assert.match(hover(`people:\n  - na${CURSOR}me: Tom Reed\n`) ?? '', /^\*\*people\[\]\.name\*\* · The name as sign-offs write it/);
    assert.match(hover(`verify-${CURSOR}signoffs: commits\n`) ?? '', /^\*\*verify-signoffs\*\* · How sign-offs are proved by git/);
  });

  it('Should offer the modes of verify-signoffs, each saying what it proves', () => {
    const items = completions(`verify-signoffs: ${CURSOR}\n`);
    assert.deepEqual(
      items.map((item) => item.label),
      ['off', 'commits', 'signatures'],
    );
    assert.match(items[2].detail ?? '', /signature/);
  });

  it('Should show nothing off the keys and values: a comment, a key of no field, an indented key outside gateway, past the value', () => {
    assert.equal(hover(`stan: ST0792\nsurprise${CURSOR}: 1\n`), undefined);
    assert.equal(hover(`evidence:\n  ${CURSOR}- x\n`), undefined);
    assert.equal(hover(`other:\n  min-${CURSOR}months: 1\n`), undefined);
    assert.equal(hover(`standard: ST0792 # o${CURSOR}urs\n`), undefined);
    assert.equal(hover(`apprentice: S${CURSOR}am\n`), undefined);
    assert.equal(hover(`standard: ${CURSOR}\n`), undefined);
  });
});
