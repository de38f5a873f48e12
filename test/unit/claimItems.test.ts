import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../src/core/base/text';
import { diagnosticsOf } from '../../src/core/rules/readFindings';
import { parseFrontMatter } from '../../src/core/read/frontMatter';

/** The front matter of a file whose front matter is `yaml`. */
function read(yaml: string) {
  const text = `---\n${yaml}\n---\n\nBody.\n`;
  const frontMatter = parseFrontMatter(text, new LineIndex(text));
  assert.ok(frontMatter);
  const slice = (range: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
    const lines = new LineIndex(text);
    return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
  };
  return { frontMatter, slice, text };
}

describe('ksbs items written as maps (issue 23)', () => {
  it('Should read {code: K1, why: ...} items as claims with their justifications', () => {
    const { frontMatter, slice } = read(
      'ksbs:\n  - code: K1\n    why: Planned the release\n  - {ksb: S1, justification: Ran the retro}\n  - id: K2\n  - K7: Wrote the runbook\n  - S3',
    );
    assert.deepEqual(
      frontMatter.claims.map((claim) => [claim.code, claim.justification, slice(claim.range)]),
      [
        ['K1', 'Planned the release', 'K1'],
        ['S1', 'Ran the retro', 'S1'],
        ['K2', undefined, 'K2'],
        ['K7', 'Wrote the runbook', 'K7'],
        ['S3', undefined, 'S3'],
      ],
    );
    assert.deepEqual(diagnosticsOf(frontMatter.findings), []);
    // Removing a claim removes its whole item, every line of it.
    assert.equal(slice(frontMatter.claims[0].removeRange), '  - code: K1\n    why: Planned the release\n');
  });

  it('Should show the accepted forms for an item it cannot read, and never also say the list is empty', () => {
    const { frontMatter } = read('ksbs:\n  - {name: K1, note: x}\n  - [K2]');
    assert.deepEqual(
      diagnosticsOf(frontMatter.findings).map((d) => d.message),
      [
        'Expected item 1 of `ksbs` to be a code such as K1, `{code: K1, why: ...}` or `K1: why ...`, found a map with keys `name`, `note`',
        'Expected item 2 of `ksbs` to be a code such as K1, `{code: K1, why: ...}` or `K1: why ...`, found a list',
      ],
    );
    assert.equal(frontMatter.ksbsStyle, 'other');
  });

  it('Should name an unexpected field of a claim item, and still read its code', () => {
    const { frontMatter } = read('ksbs:\n  - {code: K1, why: Because, evidence: link}\n  - {code: [K2]}');
    assert.deepEqual(
      frontMatter.claims.map((claim) => claim.code),
      ['K1'],
    );
    assert.deepEqual(
      diagnosticsOf(frontMatter.findings).map((d) => d.message),
      [
        'Unexpected field `evidence` in item 1 of `ksbs`: expected `code` and `why`, as in `{code: K1, why: ...}`',
        'Expected the `code` of item 2 of `ksbs` to be a code such as K1, found a list',
      ],
    );
  });

  it('Should read any list of plain and map items as the same codes, in order, whatever the form', () => {
    const code = fc.tuple(fc.constantFrom('K', 'S', 'B'), fc.integer({ min: 1, max: 40 })).map(([letter, n]) => `${letter}${n}`);
    const why = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}[a-z]$/);
    const item = fc.tuple(code, why, fc.constantFrom('plain', 'code', 'ksb', 'id', 'flow', 'pair')).map(([c, w, form]) => {
      const text =
        form === 'plain'
          ? `  - ${c}`
          : form === 'pair'
            ? `  - ${c}: ${w}`
            : form === 'flow'
              ? `  - {code: ${c}, why: ${w}}`
              : `  - ${form}: ${c}\n    ${form === 'id' ? 'justification' : 'why'}: ${w}`;
      return { code: c, why: form === 'plain' ? undefined : w, text };
    });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), (items) => {
        const { frontMatter, slice } = read(`title: T\nksbs:\n${items.map((i) => i.text).join('\n')}`);
        assert.deepEqual(diagnosticsOf(frontMatter.findings), []);
        assert.deepEqual(
          frontMatter.claims.map((claim) => [claim.code, claim.justification]),
          items.map((i) => [i.code, i.why]),
        );
        for (const claim of frontMatter.claims) assert.equal(slice(claim.range), claim.code);
      }),
    );
  });

  it('Should never throw on any map item, and either read a claim or report it', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null), fc.boolean());
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 5 }), scalar, { maxKeys: 2 }));
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.constantFrom('code', 'ksb', 'id', 'why', 'justification', 'K1', 'x'), value, { maxKeys: 3 }), { maxLength: 4 }),
        (items) => {
          const { frontMatter } = read(`ksbs: ${JSON.stringify(items)}`);
          const reported = diagnosticsOf(frontMatter.findings).length;
          assert.ok(frontMatter.claims.length + reported >= items.length || items.length === 0, JSON.stringify(items));
        },
      ),
    );
  });
});
