import assert from 'node:assert/strict';
import { codeAt, provideHover, type EvidenceReference, type HoverContext, type KsbHover, type PortfolioIndex } from '../../src/core';
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

describe('codeAt', () => {
  it('Should find the code whose word holds the character, its end included', () => {
    assert.deepEqual(codeAt('[K1, S21]', 5), { code: 'S21', start: 5, end: 8 });
    assert.deepEqual(codeAt('[K1, S21]', 8), { code: 'S21', start: 5, end: 8 });
    assert.deepEqual(codeAt('[K1, S21]', 3), { code: 'K1', start: 1, end: 3 });
    assert.equal(codeAt('[K1, S21]', 4), undefined);
  });
});
