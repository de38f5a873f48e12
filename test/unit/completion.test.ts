import assert from 'node:assert/strict';
import {
  builtinCatalogue,
  parseConfig,
  provideCompletions,
  type DocumentLines,
  type KsbCompletionItem,
  type KsbCompletionList,
  type Portfolio,
  type Position,
} from '../../src/core';
import { LineIndex } from '../../src/core/base/text';
import { resolveConfig } from '../../src/core/read/config';
import { configFor, POST_PRODUCTION_CONFIG } from './inlinePortfolio';

const CURSOR = '$$CURSOR$$';
const TODAY = '2026-03-14';

/** The portfolio a config text resolves to. */
function portfolioOf(config: string): Portfolio {
  const { portfolio } = resolveConfig(parseConfig(config), builtinCatalogue());
  assert.ok(portfolio, 'the test config should resolve');
  return portfolio;
}

const POST_PRODUCTION = portfolioOf(POST_PRODUCTION_CONFIG);
const PRODUCTION = portfolioOf(configFor('production-coordinator'));

/** A document read line by line, counting the lines read. */
class LinesDocument implements DocumentLines {
  readonly lines: string[];
  readonly read = new Set<number>();

  constructor(text: string) {
    this.lines = text.split(/\r\n|\r|\n/);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  lineAt(line: number): { text: string } {
    this.read.add(line);
    return { text: this.lines[line] };
  }
}

/** The document and cursor position of a text with `$$CURSOR$$` in it. */
function withCursor(source: string): { document: LinesDocument; position: Position } {
  const offset = source.indexOf(CURSOR);
  assert.ok(offset >= 0, 'the test document needs a cursor marker');
  const text = source.replace(CURSOR, '');
  return { document: new LinesDocument(text), position: new LineIndex(text).positionAt(offset) };
}

/** Completion at the cursor marker of `source`. */
function complete(source: string, { portfolio = POST_PRODUCTION, relativePath = 'evidence/doc.md' } = {}): KsbCompletionList | undefined {
  const { document, position } = withCursor(source);
  return provideCompletions(document, position, { portfolio, relativePath, today: TODAY });
}

/** The items at the cursor, failing when there are none. */
function itemsAt(source: string, options?: Parameters<typeof complete>[1]): readonly KsbCompletionItem[] {
  const list = complete(source, options);
  assert.ok(list, 'expected completion items, found none');
  return list.items;
}

/** Labels in the order the editor shows them when nothing is typed (by sortText). */
function sortedLabels(items: readonly KsbCompletionItem[]): string[] {
  return [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((item) => item.label);
}

function item(items: readonly KsbCompletionItem[], label: string): KsbCompletionItem {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `expected an item ${label}, found ${items.map((i) => i.label).join(', ')}`);
  return found;
}

function labels(items: readonly KsbCompletionItem[]): string[] {
  return items.map((i) => i.label);
}

/** Evidence front matter with `ksbs` written as given, and a body. */
function evidence(ksbs: string, body = 'Body text.\n'): string {
  return `---\ntitle: Evidence\ndate: 2026-03-14\n${ksbs}\n---\n\n${body}`;
}

describe('Completion of KSB codes', () => {
  it('Should offer the post production codes and core codes right after `[`, and no production codes', () => {
    const items = itemsAt(evidence(`ksbs: [${CURSOR}]`));
    for (const code of ['K1', 'K16', 'K24', 'K29', 'S1', 'S21', 'S23', 'B1', 'B4']) item(items, code);
    for (const code of ['K17', 'K23', 'S18', 'S20']) assert.ok(!labels(items).includes(code), `${code} belongs to the production option`);
    assert.equal(items.length, 16 + 6 + 17 + 3 + 4);
  });

  it('Should offer the production codes and not the post production ones to a production coordinator', () => {
    const items = itemsAt(evidence(`ksbs: [${CURSOR}]`), { portfolio: PRODUCTION });
    for (const code of ['K17', 'K23', 'S18', 'S20']) item(items, code);
    for (const code of ['K24', 'K29', 'S21', 'S23']) assert.ok(!labels(items).includes(code), `${code} belongs to the post production option`);
  });

  it('Should describe a code by kind and option, with its full text and duties as documentation', () => {
    const items = itemsAt(evidence(`ksbs: [${CURSOR}]`));
    assert.equal(item(items, 'K1').detail, 'Knowledge · Core');
    assert.equal(item(items, 'S21').detail, 'Skill · Post production coordinator');
    assert.equal(item(items, 'B2').detail, 'Behaviour · Core');
    const k24 = item(items, 'K24');
    assert.match(k24.documentation!, /How to interpret post-production process, workflows and functions to meet deliverables\./);
    assert.match(k24.documentation!, /\*\*Duties\*\*\n- Duty 11: /);
    assert.equal(k24.insertText, 'K24');
    assert.ok(k24.filterText!.startsWith('K24 How to interpret'));
  });

  it('Should replace nothing right after `[` and insert at the cursor', () => {
    const { position } = withCursor(evidence(`ksbs: [${CURSOR}]`));
    const k1 = item(itemsAt(evidence(`ksbs: [${CURSOR}]`)), 'K1');
    assert.deepEqual(k1.range, { start: position, end: position });
  });

  it('Should offer codes after `, ` and sort the codes already claimed last', () => {
    const items = itemsAt(evidence(`ksbs: [K1, S21, ${CURSOR}]`));
    const sorted = sortedLabels(items);
    assert.deepEqual(sorted.slice(-2), ['K1', 'S21']);
    assert.equal(sorted[0], 'K2');
  });

  it('Should treat quoted claims as claimed', () => {
    const sorted = sortedLabels(itemsAt(evidence(`ksbs: ["K1", 'K2', ${CURSOR}]`)));
    assert.deepEqual(sorted.slice(-2), ['K1', 'K2']);
  });

  it('Should count the claim the cursor stands before as claimed, and not the one being typed', () => {
    assert.deepEqual(sortedLabels(itemsAt(evidence(`ksbs: [${CURSOR}K1, K2]`))).slice(-2), ['K1', 'K2']);
    assert.deepEqual(sortedLabels(itemsAt(evidence(`ksbs:\n  - ${CURSOR}K24\n  - K1`))).slice(-2), ['K1', 'K24']);
    assert.deepEqual(sortedLabels(itemsAt(evidence(`ksbs: [K24, K2${CURSOR}]`))), ['K2', 'K25', 'K26', 'K27', 'K28', 'K29', 'K24']);
  });

  it('Should narrow `S2` to S2, S21-S23 for a post production coordinator, replacing the typed `S2`', () => {
    const source = evidence(`ksbs: [K1, S2${CURSOR}]`);
    const items = itemsAt(source);
    assert.deepEqual(labels(items), ['S2', 'S21', 'S22', 'S23']);
    const { position } = withCursor(source);
    assert.deepEqual(items[0].range, { start: { line: position.line, character: position.character - 2 }, end: position });
    for (const i of items) assert.ok(i.filterText!.startsWith(i.label));
  });

  it('Should narrow `S2` to S2 and S20 for a production coordinator', () => {
    assert.deepEqual(labels(itemsAt(evidence(`ksbs: [S2${CURSOR}]`), { portfolio: PRODUCTION })), ['S2', 'S20']);
  });

  it('Should narrow a lower-case `k2` to K2 and K20-K29 of the option', () => {
    assert.deepEqual(labels(itemsAt(evidence(`ksbs: [k2${CURSOR}]`))), ['K2', 'K24', 'K25', 'K26', 'K27', 'K28', 'K29']);
  });

  it('Should find a KSB by words of its text', () => {
    assert.deepEqual(labels(itemsAt(evidence(`ksbs: [K1, review sess${CURSOR}]`))), ['K26']);
    assert.deepEqual(labels(itemsAt(evidence(`ksbs: [copyright${CURSOR}]`), { portfolio: PRODUCTION })), ['K15', 'K19', 'K20', 'S18', 'S19']);
    assert.deepEqual(labels(itemsAt(evidence(`ksbs: [copyright${CURSOR}]`))), ['K15']);
    assert.deepEqual(labels(itemsAt(evidence(`ksbs: [copyright own${CURSOR}]`), { portfolio: PRODUCTION })), ['S19']);
  });

  it('Should ask again as the user types, since the list is narrowed by the typed text', () => {
    assert.equal(complete(evidence(`ksbs: [${CURSOR}]`))!.isIncomplete, true);
  });

  it('Should replace the rest of a code after the cursor in replace mode', () => {
    const source = evidence(`ksbs: [K2${CURSOR}4]`);
    const { position } = withCursor(source);
    const k24 = item(itemsAt(source), 'K24');
    assert.deepEqual(k24.replaceRange.end, { line: position.line, character: position.character + 1 });
  });

  it('Should offer codes in a flow list written over several lines', () => {
    const items = itemsAt(evidence(`ksbs: [K1, K2,\n  K3, ${CURSOR}\n]`));
    assert.deepEqual(sortedLabels(items).slice(-3), ['K1', 'K2', 'K3']);
  });

  it('Should offer codes in a flow map key, as just the code, and nothing in its justification', () => {
    const items = itemsAt(evidence(`ksbs: {K1: "Planned the edit", ${CURSOR}}`));
    assert.equal(item(items, 'K24').insertText, 'K24');
    assert.equal(sortedLabels(items).at(-1), 'K1');
    assert.equal(complete(evidence(`ksbs: {K1: Planned the ${CURSOR}}`)), undefined);
  });

  it('Should offer nothing after the closing bracket or inside a comment', () => {
    assert.equal(complete(evidence(`ksbs: [K1] ${CURSOR}`)), undefined);
    assert.equal(complete(evidence(`ksbs: [K1, # later ${CURSOR}\n]`)), undefined);
  });

  it('Should insert the code after `- ` on a new block list line, sorting claimed codes last', () => {
    const items = itemsAt(evidence(`ksbs:\n  - K1\n  - K24\n  - ${CURSOR}`));
    assert.equal(item(items, 'S21').insertText, 'S21');
    assert.deepEqual(sortedLabels(items).slice(-2), ['K1', 'K24']);
  });

  it('Should insert `- K1` on an indented empty line of a block list', () => {
    const items = itemsAt(evidence(`ksbs:\n  - K24\n  ${CURSOR}`));
    assert.equal(item(items, 'K1').insertText, '- K1');
  });

  it('Should insert `- ` and the code when a typed prefix stands on a block list line without a dash', () => {
    const source = evidence(`ksbs:\n  - K24\n  S2${CURSOR}`);
    const items = itemsAt(source);
    assert.deepEqual(labels(items), ['S2', 'S21', 'S22', 'S23']);
    assert.equal(items[0].insertText, '- S2');
  });

  it('Should insert `K1: ` on a new block map line, so the justification can follow', () => {
    const items = itemsAt(evidence(`ksbs:\n  K24: "Read the post workflow"\n  ${CURSOR}`));
    assert.equal(item(items, 'K1').insertText, 'K1: ');
    assert.equal(sortedLabels(items).at(-1), 'K24');
  });

  it('Should insert just the code in a block map key when text follows the cursor', () => {
    const items = itemsAt(evidence(`ksbs:\n  K24: "Read the post workflow"\n  K${CURSOR}: why`));
    assert.equal(item(items, 'K1').insertText, 'K1');
  });

  it('Should offer nothing in a block map justification or a block list comment', () => {
    assert.equal(complete(evidence(`ksbs:\n  K24: Read the ${CURSOR}`)), undefined);
    assert.equal(complete(evidence(`ksbs:\n  - K24 # see ${CURSOR}`)), undefined);
  });

  it('Should format codes like the items above on an empty line at the margin, and offer the missing fields too', () => {
    const list = itemsAt(`---\nksbs:\n  - K24\n${CURSOR}\n---\n`);
    assert.equal(item(list, 'K1').insertText, '  - K1');
    item(list, 'title');
    const map = itemsAt(`---\nksbs:\n    K24: why\n${CURSOR}\n---\n`);
    assert.equal(item(map, 'K1').insertText, '    K1: ');
    const empty = itemsAt(`---\nksbs:\n${CURSOR}\n---\n`);
    assert.equal(item(empty, 'K1').insertText, '  - K1');
  });

  it('Should start a flow list after `ksbs: ` with no value yet', () => {
    assert.equal(item(itemsAt(evidence(`ksbs: ${CURSOR}`)), 'K1').insertText, '[K1]');
    assert.equal(item(itemsAt(evidence(`ksbs:${CURSOR}`)), 'K1').insertText, ' [K1]');
  });

  it('Should offer codes in a front matter that is not closed yet', () => {
    item(itemsAt(`---\ntitle: New\nksbs: [${CURSOR}`), 'K24');
  });

  it('Should accept `...` as the closing fence', () => {
    item(itemsAt(`---\nksbs: [${CURSOR}]\n...\nBody`), 'K24');
    assert.equal(complete(`---\nksbs: [K1]\n...\nksbs: [${CURSOR}]`), undefined);
  });
});

describe('Completion of front matter fields', () => {
  it('Should offer the missing field names at the start of a top-level line', () => {
    const items = itemsAt(`---\ntitle: Evidence\n${CURSOR}\n---\n`);
    assert.deepEqual(sortedLabels(items), [
      'date',
      'ksbs',
      'ksbs (with justifications)',
      'type',
      'signoff (Sign Off Evidence…)',
      'otj',
      'otj (dated entries)',
      'draft',
    ]);
    assert.equal(item(items, 'date').insertText, `date: \${1:${TODAY}}`);
    assert.equal(item(items, 'date').snippet, true);
  });

  it('Should offer a `ksbs: [$1]` snippet that reopens the suggestions when the front matter has no ksbs', () => {
    const ksbs = item(itemsAt(`---\ntitle: Evidence\nks${CURSOR}\n---\n`), 'ksbs');
    assert.equal(ksbs.insertText, 'ksbs: [$1]');
    assert.equal(ksbs.retrigger, true);
    assert.deepEqual(ksbs.range.start, { line: 2, character: 0 });
  });

  it('Should not offer fields the front matter already has', () => {
    const all = '---\ntitle: Evidence\ndate: 2026-01-01\nsignoff: []\notj: 2\ndraft: false\n';
    assert.equal(complete(`${all}${CURSOR}\nksbs: [K1]\n---\n`), undefined);
    assert.deepEqual(labels(itemsAt(`---\ntitle: Evidence\n${CURSOR}\nsignoff: []\notj: 2\ndraft: true\nksbs: [K1]\n---\n`)), ['date']);
  });

  it("Should offer today's date after `date: `", () => {
    const items = itemsAt(`---\ndate: 20${CURSOR}\n---\n`);
    assert.deepEqual(labels(items), [TODAY]);
    assert.equal(items[0].range.start.character, 'date: '.length);
  });

  it('Should offer nothing in an indented line of another field or in a title', () => {
    assert.equal(complete(`---\ntags:\n  ${CURSOR}\n---\n`), undefined);
    assert.equal(complete(`---\ntitle: Booking the ${CURSOR}\n---\n`), undefined);
  });
});

describe("Completion of the apprenticeship's fields", () => {
  const REQUIRES = portfolioOf(`${POST_PRODUCTION_CONFIG}gateway:\n  requires: [english-level-2, maths-level-2, first-aid]\n`);

  it('Should offer `type` only where nothing is claimed, and `meets` only when gateway.requires lists something', () => {
    assert.ok(labels(itemsAt(`---\ntitle: Review\n${CURSOR}\n---\n`)).includes('type'));
    const evidenceFields = labels(itemsAt(`---\nksbs: [K1]\n${CURSOR}\n---\n`));
    assert.ok(!evidenceFields.includes('type') && !evidenceFields.includes('meets'), evidenceFields.join(', '));
    assert.ok(labels(itemsAt(`---\nksbs: [K1]\n${CURSOR}\n---\n`, { portfolio: REQUIRES })).includes('meets'));
  });

  it('Should offer `draft: true` in evidence, and not once the file has a `draft:` line', () => {
    const draft = item(itemsAt(`---\nksbs: [K1]\ndr${CURSOR}\n---\n`), 'draft');
    assert.equal(draft.insertText, 'draft: true');
    assert.match(draft.detail ?? '', /counted for nothing until/);
    assert.ok(!labels(itemsAt(`---\nksbs: [K1]\ndraft: false\n${CURSOR}\n---\n`)).includes('draft'));
  });

  it('Should offer `signoff` as running the Sign Off Evidence command, inserting nothing itself', () => {
    const signoff = item(itemsAt(`---\nksbs: [K1]\nsig${CURSOR}\n---\n`), 'signoff (Sign Off Evidence…)');
    assert.equal(signoff.action, 'sign-off');
    assert.equal(signoff.insertText, '');
    assert.equal(signoff.filterText, 'signoff');
    assert.deepEqual(signoff.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } });
  });

  it("Should offer `otj` as hours dated by the file's date or as a list dated today", () => {
    const items = itemsAt(`---\nksbs: [K1]\not${CURSOR}\n---\n`);
    assert.equal(item(items, 'otj').insertText, 'otj: ${1:1}');
    assert.equal(item(items, 'otj (dated entries)').insertText, `otj:\n  - date: \${1:${TODAY}}\n    hours: \${2:1}\n    activity: $0`);
  });

  it('Should offer progress-review after `type: `', () => {
    const items = itemsAt(`---\ntype: pro${CURSOR}\n---\n`);
    assert.deepEqual(labels(items), ['progress-review']);
    assert.deepEqual(items[0].range, { start: { line: 1, character: 6 }, end: { line: 1, character: 9 } });
  });

  it("Should offer the four roles after a sign-off's `role:`, in a list item's first line or a later one", () => {
    const later = itemsAt(`---\nksbs: [K1]\nsignoff:\n  - by: Jo Bloggs\n    role: em${CURSOR}\n---\n`);
    assert.deepEqual(labels(later), ['apprentice', 'employer', 'mentor', 'tutor']);
    assert.equal(item(later, 'employer').range.start.character, '    role: '.length);
    assert.deepEqual(labels(itemsAt(`---\nsignoff:\n  - role: ${CURSOR}\n---\n`)), ['apprentice', 'employer', 'mentor', 'tutor']);
  });

  it("Should offer today's date after `date:` in a sign-off or an off-the-job entry", () => {
    assert.deepEqual(labels(itemsAt(`---\nsignoff:\n  - by: Jo\n    date: ${CURSOR}\n---\n`)), [TODAY]);
    assert.deepEqual(labels(itemsAt(`---\notj:\n  - date: 2026${CURSOR}\n---\n`)), [TODAY]);
  });

  it('Should not offer roles under another field or in the middle of a value', () => {
    assert.equal(complete(`---\ntags:\n  - role: ${CURSOR}\n---\n`), undefined);
    assert.equal(complete(`---\nsignoff:\n  - role: em${CURSOR}ployer\n---\n`), undefined);
  });

  it('Should offer the requirements of gateway.requires in `meets:`, flow or block, leaving out those listed', () => {
    const options = { portfolio: REQUIRES };
    assert.deepEqual(labels(itemsAt(`---\nksbs: [K1]\nmeets: [${CURSOR}]\n---\n`, options)), ['english-level-2', 'maths-level-2', 'first-aid']);
    assert.deepEqual(labels(itemsAt(`---\nksbs: [K1]\nmeets: [english-level-2, ${CURSOR}]\n---\n`, options)), ['maths-level-2', 'first-aid']);
    assert.deepEqual(labels(itemsAt(`---\nksbs: [K1]\nmeets:\n  - first-aid\n  - ${CURSOR}\n---\n`, options)), ['english-level-2', 'maths-level-2']);
    const inline = itemsAt(`---\nksbs: [K1]\nmeets:${CURSOR}\n---\n`, options);
    assert.equal(item(inline, 'first-aid').insertText, ' [first-aid]');
  });

  it('Should offer no requirements when gateway.requires lists none', () => {
    assert.equal(complete(`---\nksbs: [K1]\nmeets: [${CURSOR}]\n---\n`), undefined);
  });

  it('Should offer the fields and values of an hours log or a review outside the evidence globs, but no codes, ksbs or meets', () => {
    const options = { portfolio: REQUIRES, relativePath: 'otj/2026-03.md' };
    const fields = labels(itemsAt(`---\ntitle: March\n${CURSOR}\n---\n`, options));
    assert.deepEqual(fields, ['date', 'type', 'signoff (Sign Off Evidence…)', 'otj', 'otj (dated entries)']);
    assert.deepEqual(labels(itemsAt(`---\notj:\n  - date: ${CURSOR}\n---\n`, options)), [TODAY]);
    assert.equal(complete(`---\nmeets: [${CURSOR}]\n---\n`, options), undefined);
  });
});

describe('Where completion is offered', () => {
  it('Should offer nothing in the body', () => {
    assert.equal(complete(evidence('ksbs: [K1]', `Some K${CURSOR} text\n`)), undefined);
    assert.equal(complete(evidence('ksbs: [K1]', `ksbs: [${CURSOR}]\n`)), undefined);
  });

  it('Should offer nothing on the fences or in a file without front matter', () => {
    assert.equal(complete(`---${CURSOR}\nksbs: [K1]\n---\n`), undefined);
    assert.equal(complete(`---\nksbs: [K1]\n---${CURSOR}\n`), undefined);
    assert.equal(complete(`# Notes\n\n${CURSOR}\n`), undefined);
  });

  it('Should offer nothing in a Markdown file outside the evidence globs', () => {
    assert.equal(complete(evidence(`ksbs: [${CURSOR}]`), { relativePath: 'notes/README.md' }), undefined);
  });

  it('Should read only the front matter lines of a long file', () => {
    const body = Array.from({ length: 50_000 }, (_, i) => `Line ${i} of the body mentions K${i % 29}.`).join('\n');
    const { document, position } = withCursor(evidence(`ksbs: [K1, ${CURSOR}]`, body));
    const list = provideCompletions(document, position, { portfolio: POST_PRODUCTION, relativePath: 'evidence/doc.md', today: TODAY });
    assert.ok(list && list.items.length > 0);
    assert.ok(Math.max(...document.read) <= 5, `read lines up to ${Math.max(...document.read)}`);
  });
});
