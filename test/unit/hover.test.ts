import assert from 'node:assert/strict';
import { provideHover, type EvidenceReference, type PortfolioIndex } from '../../src/core';
import { codeAt, type HoverContext, type KsbHover } from '../../src/core/languageFeatures/hover';
import { configFor, loadPortfolio, POST_PRODUCTION_CONFIG } from './inlinePortfolio';

const CURSOR = '$$CURSOR$$';

/** Links as the test host makes them: `uri-of:<path>#L<line>`. */
function linkTo(reference: EvidenceReference): string {
  return `test:/portfolio/${reference.relativePath}#L${reference.range.start.line + 1}`;
}

function contextOf(index: PortfolioIndex): HoverContext {
  assert.ok(index.portfolio, 'the test portfolio should resolve');
  return { portfolio: index.portfolio, standards: index.standards, evidenceFor: (code) => index.evidenceFor(code), linkTo };
}

/** A portfolio (post production coordinator unless `config` says otherwise) with a few evidence files. */
async function portfolioIndex(config = POST_PRODUCTION_CONFIG): Promise<PortfolioIndex> {
  const { index } = await loadPortfolio({
    'portfolio.yaml': config,
    'evidence/conform.md': '---\ntitle: Conform for *episode 1*\nksbs: [K1, K24]\n---\nBody.\n',
    'evidence/schedule.md': '---\ntitle: Weekly schedule\nksbs:\n  - K2\n  - K24\n---\nBody.\n',
    'evidence/wrong.md': '---\ntitle: Archive\nksbs: [K17]\n---\nBody.\n',
    'notes/README.md': '# Notes\n\nSee K24.\n',
  });
  return index;
}

/** The hover at the cursor marker of a one-line text. */
function hoverAt(line: string, context: HoverContext, lineNumber = 3): KsbHover | undefined {
  const character = line.indexOf(CURSOR);
  assert.ok(character >= 0, 'the test line needs a cursor marker');
  return provideHover(line.replace(CURSOR, ''), { line: lineNumber, character }, context);
}

function markdownAt(line: string, context: HoverContext): string {
  const hover = hoverAt(line, context);
  assert.ok(hover, `expected a hover on ${line}`);
  return hover.markdown;
}

describe('Hover on a KSB code', () => {
  let context: HoverContext;
  before(async () => {
    context = contextOf(await portfolioIndex());
  });

  it('Should show code, kind, option, full text and duties of K24', () => {
    const markdown = markdownAt(`ksbs: [K1, K2${CURSOR}4]`, context);
    assert.match(markdown, /^\*\*K24\*\* · Knowledge · Post production coordinator\n\n/);
    assert.ok(markdown.includes('How to interpret post-production process, workflows and functions to meet deliverables.'));
    assert.match(markdown, /\*\*Duties\*\*\n- Duty 11: /);
    assert.match(markdown, /- Duty 12: /);
  });

  it('Should count the evidence files that claim K24 and link to each claim line', () => {
    const markdown = markdownAt(`ksbs: [K${CURSOR}24]`, context);
    assert.match(markdown, /\*\*Evidence:\*\* 2 evidence files claim K24/);
    assert.ok(markdown.includes('- [evidence/conform.md](test:/portfolio/evidence/conform.md#L3) Conform for \\*episode 1\\*'), markdown);
    assert.ok(markdown.includes('- [evidence/schedule.md](test:/portfolio/evidence/schedule.md#L5) Weekly schedule'), markdown);
  });

  it('Should say the evidence is still being counted while the portfolio loads, not give a count', () => {
    const markdown = markdownAt(`ksbs: [K${CURSOR}24]`, { ...context, evidencePending: true });
    assert.match(markdown, /^\*\*K24\*\* · Knowledge/);
    assert.match(markdown, /\*\*Evidence:\*\* still being counted: the portfolio is loading\./);
    assert.doesNotMatch(markdown, /evidence files? claims?|no evidence file/);
  });

  it('Should say Core for a core KSB and that nothing claims it yet', () => {
    const markdown = markdownAt(`Worked on B${CURSOR}2 today.`, context);
    assert.match(markdown, /^\*\*B2\*\* · Behaviour · Core/);
    assert.match(markdown, /no evidence file claims B2 yet/);
  });

  it('Should cover exactly the code, on the hovered line', () => {
    const hover = hoverAt(`  - S2${CURSOR}1 # intermediary`, context);
    assert.deepEqual(hover?.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 7 } });
  });

  it('Should say that a code of the other option does not count for this portfolio', () => {
    const markdown = markdownAt(`  - K1${CURSOR}7`, context);
    assert.match(markdown, /^\*\*K17\*\* · Knowledge · Production coordinator/);
    assert.match(markdown, /Not part of the Post production coordinator option of this portfolio: claims of K17 do not count\./);
    assert.doesNotMatch(markdown, /Evidence/);
  });

  it('Should say that ST0792 v1.2 has no K30 and suggest the nearest codes of the option', () => {
    const markdown = markdownAt(`ksbs: [K3${CURSOR}0]`, context);
    assert.match(markdown, /ST0792 v1\.2 has no K30 \(it has K1-K29\)\./);
    assert.match(markdown, /Nearest codes:\n- \*\*K29\*\* The editorial process/);
    assert.match(markdown, /- \*\*K28\*\* /);
  });

  it('Should suggest only codes of the option as nearest codes', async () => {
    const production = contextOf(await portfolioIndex(configFor('production-coordinator')));
    const markdown = markdownAt(`ksbs: [K3${CURSOR}0]`, production);
    assert.match(markdown, /Nearest codes:\n- \*\*K23\*\* /);
    assert.doesNotMatch(markdown, /\*\*K2[4-9]\*\*/);
  });

  it('Should ask "did you mean K9?" on the near miss k9', () => {
    const markdown = markdownAt(`  - k${CURSOR}9`, context);
    assert.match(markdown, /ST0792 v1\.2 has no k9: did you mean K9\?/);
    assert.match(markdown, /\*\*K9\*\* /);
  });

  it('Should treat K09 as a near miss of K9', () => {
    assert.match(markdownAt(`  - K0${CURSOR}9`, context), /did you mean K9\?/);
  });

  it('Should name the versions that have K35', () => {
    const markdown = markdownAt(`  - K3${CURSOR}5`, context);
    assert.match(markdown, /ST0792 v1\.2 has no K35 \(it has K1-K29\)\./);
    assert.match(markdown, /K35 exists in v1\.0 and v1\.1 of ST0792\./);
  });

  it('Should hover on codes in the body, inline code included', () => {
    assert.match(markdownAt(`Claims are written \`ksbs: [S2${CURSOR}2]\` in front matter.`, context), /^\*\*S22\*\*/);
  });

  it('Should hover on a code in portfolio.yaml', () => {
    const config = 'option: post-production-coordinator # K24 to K29 are ours';
    const character = config.indexOf('K24') + 1;
    const hover = provideHover(config, { line: 2, character }, context);
    assert.match(hover?.markdown ?? '', /^\*\*K24\*\* · Knowledge · Post production coordinator/);
  });

  it('Should not hover on code-like parts of longer words', () => {
    assert.equal(hoverAt(`A K24${CURSOR}a model`, context), undefined);
    assert.equal(hoverAt(`The xK2${CURSOR}4 file`, context), undefined);
    assert.equal(hoverAt(`K${CURSOR}`, context), undefined);
    assert.equal(hoverAt(`Spaces ${CURSOR} K24`, context), undefined);
  });
});

describe('Hover on a KSB the standard’s data cannot place, or of a version not approved for delivery', () => {
  /** The hover on `code` in a portfolio with `config` and `files` (standards/ and evidence). */
  async function hoverOn(code: string, config: string, files: Record<string, string> = {}): Promise<string> {
    const { index } = await loadPortfolio({ 'portfolio.yaml': config, ...files });
    return markdownAt(`ksbs: [${code.slice(0, 1)}${CURSOR}${code.slice(1)}]`, contextOf(index));
  }

  it('Should say that no duty lists v1.0’s K27, so its option is not known, and that v1.0 is retired', async () => {
    const markdown = await hoverOn('K27', 'standard: ST0792\nversion: "1.0"\noption: post-production-coordinator\n');
    assert.match(markdown, /^\*\*K27\*\* · Knowledge · Option not known\n\n/);
    assert.match(markdown, /\*\*Not in the data:\*\* No duty lists K27, so which option it belongs to is not known: it counts for every option\./);
    assert.match(markdown, /\*\*Status:\*\* ST0792 v1\.0 is Retired \(latest start 2023-06-07\)\./);
    assert.match(markdown, /no evidence file claims K27 yet/, 'it counts for the option, so its evidence is shown');
  });

  it('Should call a v1.0 KSB a duty lists Core, with the status but no data gap', async () => {
    const markdown = await hoverOn('K1', 'standard: ST0792\nversion: "1.0"\noption: post-production-coordinator\n');
    assert.match(markdown, /^\*\*K1\*\* · Knowledge · Core\n\n/);
    assert.match(markdown, /\*\*Duties\*\*\n- Duty 1: /);
    assert.doesNotMatch(markdown, /Not in the data/);
    assert.match(markdown, /\*\*Status:\*\* ST0792 v1\.0 is Retired/);
  });

  it('Should show the status of the retired v1.1 and its own option title', async () => {
    const markdown = await hoverOn('K30', 'standard: ST0792\nversion: "1.1"\noption: post-production-coordinator\n');
    assert.match(markdown, /^\*\*K30\*\* · Knowledge · Post Production, VFX and Animation Production\n\n/);
    assert.match(markdown, /\*\*Status:\*\* ST0792 v1\.1 is Retired \(latest start 2024-08-14\)\./);
    assert.doesNotMatch(markdown, /Not in the data/);
  });

  it('Should show no status line and no data gap for v1.2, which is approved for delivery', async () => {
    const markdown = await hoverOn('K24', POST_PRODUCTION_CONFIG);
    assert.doesNotMatch(markdown, /Status|Not in the data|not known/);
  });

  /** An API-shaped file (ST9001 v1.0) with two options, for the standards/ folder; `overrides` shape its options. */
  function apiStandard(overrides: Record<string, unknown>): string {
    return JSON.stringify({
      referenceNumber: 'ST9001',
      title: 'Test technician',
      version: '1.0',
      level: 3,
      status: 'In development',
      earliestStartDate: null,
      latestStartDate: null,
      knowledges: [
        { knowledgeId: 'k-1', detail: 'Core knowledge.' },
        { knowledgeId: 'k-2', detail: 'Alpha knowledge.' },
        { knowledgeId: 'k-3', detail: 'Knowledge nobody placed.' },
      ],
      skills: [],
      behaviours: [],
      options: [],
      optionsUnstructuredTemplate: ['Alpha', 'Beta'],
      optionsUnstructuredKsbMapping: [],
      duties: [],
      ...overrides,
    });
  }
  const ST9001_CONFIG = 'standard: ST9001\noption: alpha\n';

  it('Should show the note of a standard that maps no KSB to its options on every KSB', async () => {
    const files = { 'standards/ST9001_1.0.json': apiStandard({}) };
    for (const code of ['K1', 'K3']) {
      const markdown = await hoverOn(code, ST9001_CONFIG, files);
      assert.match(markdown, new RegExp(`^\\*\\*${code}\\*\\* · Knowledge · Option not known`));
      assert.match(markdown, /\*\*Not in the data:\*\* The API file names 2 options \(Alpha; Beta\) but maps no KSB to any of them/);
      assert.match(markdown, /\*\*Status:\*\* ST9001 v1\.0 is In development\./, 'no latest start date to name');
    }
  });

  it('Should say that the source maps a KSB a core duty lists neither to the core nor to an option', async () => {
    const files = {
      'standards/ST9001_1.0.json': apiStandard({
        optionsUnstructuredKsbMapping: [
          { coreOrOptionTitle: 'Core', mappedKnowledge: ['k-1'], mappedSkills: [], mappedBehaviour: [] },
          { coreOrOptionTitle: 'Alpha', mappedKnowledge: ['k-2'], mappedSkills: [], mappedBehaviour: [] },
        ],
        duties: [
          { dutyID: 'd-1', dutyDetail: 'Does it all', isThisACoreDuty: 1, mappedKnowledge: ['k-3'], mappedSkills: [], mappedBehaviour: [], mappedOptions: [] },
        ],
      }),
    };
    const placed = await hoverOn('K2', ST9001_CONFIG, files);
    assert.match(placed, /^\*\*K2\*\* · Knowledge · Alpha\n\n/);
    assert.doesNotMatch(placed, /Not in the data/);
    const unplaced = await hoverOn('K3', ST9001_CONFIG, files);
    assert.match(unplaced, /^\*\*K3\*\* · Knowledge · Option not known/);
    assert.match(unplaced, /The source maps K3 neither to the core nor to an option, so which option it belongs to is not known: it counts for every option\./);
  });

  it('Should place the note of a data file written before notes named their codes at the KSBs no duty lists', async () => {
    const yaml = [
      'reference: ST9002',
      'version: "1.0"',
      'title: Older data file',
      'notes:',
      '  - kind: ksbs-in-no-duty',
      '    text: "K2 is listed by no duty."',
      'sources: [{ id: "t", file: t.txt, description: Made up }]',
      'options: [{ id: alpha, title: Alpha, source: "t" }, { id: beta, title: Beta, source: "t" }]',
      'epaMethods: []',
      'ksbs:',
      '  - { code: K1, text: Alpha knowledge., options: [alpha], source: "t" }',
      '  - { code: K2, text: Unplaced knowledge., source: "t" }',
      'duties:',
      '  - { number: 1, text: Alpha work, options: [alpha], ksbs: [K1], source: "t" }',
      '',
    ].join('\n');
    const files = { 'standards/ST9002-1.0.yaml': yaml };
    const config = 'standard: ST9002\noption: alpha\n';
    assert.match(await hoverOn('K2', config, files), /No duty lists K2, so which option it belongs to is not known/);
    assert.doesNotMatch(await hoverOn('K1', config, files), /Not in the data/);
  });
});

describe('codeAt', () => {
  it('Should find the code whose word holds the character, its end included', () => {
    assert.deepEqual(codeAt('[K1, S21]', 5), { code: 'S21', start: 5, end: 8 });
    assert.deepEqual(codeAt('[K1, S21]', 8), { code: 'S21', start: 5, end: 8 });
    assert.deepEqual(codeAt('[K1, S21]', 3), { code: 'K1', start: 1, end: 3 });
    assert.equal(codeAt('[K1, S21]', 4), undefined);
  });
});
