import assert from 'node:assert/strict';
import { currentDigest, provideFieldHover } from '../../src/core';
import { LineIndex } from '../../src/core/base/text';
import { type FieldHoverContext } from '../../src/core/languageFeatures/fieldHover';
import { type KsbHover } from '../../src/core/languageFeatures/hover';

const CURSOR = '$$CURSOR$$';

/** The hover at the cursor marker of `source`, the digest now computed from the text as the editor does. */
function hoverAt(source: string, context: FieldHoverContext = {}): KsbHover | undefined {
  const offset = source.indexOf(CURSOR);
  assert.ok(offset >= 0, 'the test document needs a cursor marker');
  const text = source.replace(CURSOR, '');
  const lines = text.split('\n');
  const digestNow = (version: 1 | 2) => {
    const digest = currentDigest(text, version);
    return digest.ok ? digest.digest : undefined;
  };
  return provideFieldHover({ lineCount: lines.length, lineAt: (line) => ({ text: lines[line] }) }, new LineIndex(text).positionAt(offset), {
    digestNow,
    ...context,
  });
}

/** A signed evidence file: its digest is the one its claims and body have now. */
function signedEvidence(body: string, signedBody = body): string {
  const claims = '---\nksbs: [K1]\n---\n';
  const digest = currentDigest(`${claims}${signedBody}`);
  assert.ok(digest.ok);
  return `---\nksbs: [K1]\nsignoff:\n  - by: Jo Bloggs\n    role: employer\n    date: 2026-03-01\n    di${CURSOR}gest: "${digest.digest}"\n---\n${body}`;
}

describe("Hover on the apprenticeship's front-matter fields", () => {
  it('Should explain `signoff` on its key, naming the command that writes one', () => {
    const hover = hoverAt(`---\nksbs: [K1]\nsign${CURSOR}off:\n  - by: Jo\n---\n`);
    assert.ok(hover);
    assert.match(hover.markdown, /^\*\*signoff\*\* · Sign-offs/);
    assert.match(hover.markdown, /Sign Off Evidence/);
    assert.deepEqual(hover.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 7 } });
  });

  it('Should explain `type`, `otj` and `meets`, naming the requirements of gateway.requires on `meets`', () => {
    assert.match(hoverAt(`---\nty${CURSOR}pe: progress-review\n---\n`)?.markdown ?? '', /progress review.*12 weeks/);
    assert.match(hoverAt(`---\no${CURSOR}tj: 3\n---\n`)?.markdown ?? '', /at most 24 hours a day/);
    assert.match(hoverAt(`---\nme${CURSOR}ets: [x]\n---\n`, { requires: ['english-level-2'] })?.markdown ?? '', /lists `english-level-2`/);
    assert.match(hoverAt(`---\nme${CURSOR}ets: [x]\n---\n`)?.markdown ?? '', /lists none yet/);
  });

  it('Should explain `draft`, and the period keys and durations of an off-the-job entry', () => {
    assert.match(hoverAt(`---\ndr${CURSOR}aft: true\n---\n`)?.markdown ?? '', /^\*\*draft\*\* · true while the piece is unfinished.*claims cover nothing/s);
    assert.match(
      hoverAt(`---\notj:\n  - fr${CURSOR}om: 2026-01-05\n    to: 2026-03-27\n---\n`)?.markdown ?? '',
      /^\*\*otj: from\*\* · The first day of a period/,
    );
    assert.match(hoverAt(`---\notj:\n  - from: 2026-01-05\n    t${CURSOR}o: 2026-03-27\n---\n`)?.markdown ?? '', /at most 24 a day over its days/);
    assert.match(hoverAt(`---\no${CURSOR}tj: "2h 30m"\n---\n`)?.markdown ?? '', /\{from, to, hours, activity\}/);
  });

  it('Should explain the keys of a sign-off and of an off-the-job entry', () => {
    assert.match(hoverAt(`---\nsignoff:\n  - by: Jo\n    ro${CURSOR}le: employer\n---\n`)?.markdown ?? '', /^\*\*signoff: role\*\* · As what/);
    assert.match(hoverAt(`---\nsignoff:\n  - b${CURSOR}y: Jo\n---\n`)?.markdown ?? '', /Who signed off/);
    assert.match(hoverAt(`---\notj:\n  - date: 2026-03-01\n    ho${CURSOR}urs: 2\n---\n`)?.markdown ?? '', /at most 24 a day/);
  });

  it('Should say a digest matches the file now, naming who signed and when', () => {
    const hover = hoverAt(signedEvidence('The work.\n'));
    assert.ok(hover);
    assert.match(
      hover.markdown,
      /\*\*Matches the file now:\*\* the claims, text, date, hours, requirements, type and linked files are as Jo Bloggs \(employer\) on 2026-03-01 signed them/,
    );
  });

  it('Should say a version-1 digest covers the claims and text only, and how git proves the sign-off', () => {
    const claims = '---\nksbs: [K1]\n---\n';
    const v1 = currentDigest(`${claims}The work.\n`, 1);
    assert.ok(v1.ok);
    const source = `---\nksbs: [K1]\nsignoff:\n  - by: Jo Bloggs\n    role: employer\n    date: 2026-03-01\n    di${CURSOR}gest: "${v1.digest}"\n---\nThe work.\n`;
    const hover = hoverAt(source, { proofAt: (line) => (line >= 3 && line <= 6 ? 'commit 3f2a9c1 by jo@example.com, signature verified' : undefined) });
    assert.match(hover?.markdown ?? '', /the claims and text \(a digest made before version 2: renew it/);
    assert.match(hover?.markdown ?? '', /Proof by git: commit 3f2a9c1 by jo@example\.com, signature verified\./);
  });

  it('Should say a digest no longer matches after the text changed, giving the digest now', () => {
    const source = signedEvidence('The work, changed.\n', 'The work.\n');
    const hover = hoverAt(source);
    assert.ok(hover);
    const now = currentDigest(source.replace(CURSOR, ''));
    assert.ok(now.ok);
    assert.match(
      hover.markdown,
      new RegExp(
        `\\*\\*Does not match the file now\\*\\* \\(the digest now is \`${now.digest}\`\\): the claims, text, date, hours, requirements, type and linked files changed after Jo Bloggs \\(employer\\) on 2026-03-01`,
      ),
    );
  });

  it('Should cover the digest value too, and say nothing when the file cannot be digested', () => {
    const onValue = hoverAt(signedEvidence('x\n').split(`di${CURSOR}gest: "`).join(`digest: "${CURSOR}`));
    assert.ok(onValue && onValue.range.start.character === 4 && onValue.range.end.character > 20);
    const broken = hoverAt(`---\nsignoff:\n  - by: Jo\n    di${CURSOR}gest: "abc"\nbad: [\n---\n`);
    assert.match(broken?.markdown ?? '', /Cannot tell whether it matches/);
  });

  it('Should give nothing in the body, past the closing fence, on other fields or on a plain value', () => {
    assert.equal(hoverAt(`---\nksbs: [K1]\n---\nsign${CURSOR}off: in the body\n`), undefined);
    assert.equal(hoverAt(`---\nti${CURSOR}tle: A\n---\n`), undefined);
    assert.equal(hoverAt(`---\ntags:\n  - ro${CURSOR}le: x\n---\n`), undefined);
    assert.equal(hoverAt(`---\nsignoff:\n  - by: Jo Blo${CURSOR}ggs\n---\n`), undefined);
    assert.equal(hoverAt(`# No front matter\nsign${CURSOR}off: x\n`), undefined);
  });
});
