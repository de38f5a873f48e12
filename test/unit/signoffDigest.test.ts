// Digest version 2: a sign-off covers what the gateway counts (date, hours, requirements, type and
// the bytes of linked files), while digests made before it keep the meaning they were made with.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyTextEdit, currentDigest, DiagnosticCode, fileSignoffs, signoffAgainEdit, signoffEdit } from '../../src/core';
import { evidenceDigest } from '../../src/core/base/digest';
import { configFor, DOC, loadPortfolio, ROOT, withCode } from './inlinePortfolio';

const EVIDENCE = [
  '---',
  'title: Call sheet',
  'date: 2026-01-21',
  'type: evidence',
  'ksbs: [K1]',
  'otj: 3',
  'meets: [english-level-2]',
  '---',
  '',
  'I wrote the call sheet. ![The sheet](sheet.png) and [the PDF](files/sheet.pdf).',
  '',
].join('\n');

const CONFIG = configFor('post-production-coordinator', 'gateway:\n  requires: [english-level-2]\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const PDF = new TextEncoder().encode('%PDF-1.7 the sheet');

/** A portfolio holding `text` as evidence/doc.md with its two attachments, signed through the index's digest as the commands sign. */
async function signedPortfolio(text = EVIDENCE) {
  const files = { 'portfolio.yaml': CONFIG, 'evidence/doc.md': text, 'evidence/sheet.png': PNG, 'evidence/files/sheet.pdf': PDF };
  const { index, fs } = await loadPortfolio(files);
  const digest = await index.signoffDigestOf(DOC, text);
  const result = signoffEdit(text, { by: 'Priya Shah', role: 'employer', date: '2026-03-20', ...(digest ? { digest } : {}) });
  assert.ok(result.ok, result.ok ? '' : result.reason);
  const signed = applyTextEdit(text, result.edit);
  fs.write(DOC, signed);
  await index.refresh(DOC);
  return { index, fs, signed };
}

const stale = (diagnostics: readonly { code: string }[]) => withCode(diagnostics as never, DiagnosticCode.SignoffStale).length;

describe('Sign-off digest version 2', () => {
  it('Should write a v2: digest that holds while nothing it covers changes', async () => {
    const { index, signed } = await signedPortfolio();
    assert.match(signed, /digest: "v2:[0-9a-f]{12}"/);
    assert.deepEqual(index.diagnosticsFor(DOC), []);
    assert.equal(fileSignoffs(index.file(DOC)!, index).state, 'signed');
  });

  it('Should go stale when the date, the hours, the requirements or the type change', async () => {
    const { index, fs, signed } = await signedPortfolio();
    for (const [what, changed] of [
      ['date', signed.replace('date: 2026-01-21', 'date: 2026-01-22')],
      ['hours', signed.replace('otj: 3', 'otj: 30')],
      ['requirements', signed.replace('meets: [english-level-2]', 'meets: []')],
      ['type', signed.replace('type: evidence', 'type: record')],
    ]) {
      fs.write(DOC, changed);
      await index.refresh(DOC);
      assert.equal(stale(index.diagnosticsFor(DOC)), 1, what);
    }
    fs.write(DOC, signed.replace('title: Call sheet', 'title: The call sheet'));
    await index.refresh(DOC);
    assert.equal(stale(index.diagnosticsFor(DOC)), 0, 'the title is not counted');
  });

  it('Should go stale when a linked file is swapped, and current again when it is put back', async () => {
    const { index, fs } = await signedPortfolio();
    const png = `${ROOT}/evidence/sheet.png`;
    fs.write(png, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 9, 9]));
    await index.refresh(png);
    assert.equal(stale(index.diagnosticsFor(DOC)), 1, 'swapped');
    assert.equal(fileSignoffs(index.file(DOC)!, index).state, 'stale');
    fs.write(png, PNG);
    await index.refresh(png);
    assert.equal(stale(index.diagnosticsFor(DOC)), 0, 'put back');
    fs.delete(`${ROOT}/evidence/files/sheet.pdf`);
    await index.remove(`${ROOT}/evidence/files/sheet.pdf`);
    assert.equal(stale(index.diagnosticsFor(DOC)), 1, 'deleted');
  });

  it('Should renew with "Sign off again" to the digest the index gives', async () => {
    const { index, fs, signed } = await signedPortfolio();
    const changed = signed.replace('otj: 3', 'otj: 4');
    const digest = await index.signoffDigestOf(DOC, changed);
    const renewed = signoffAgainEdit(changed, 0, '2026-04-01', digest);
    assert.ok(renewed.ok);
    fs.write(DOC, applyTextEdit(changed, renewed.edit));
    await index.refresh(DOC);
    assert.deepEqual(index.diagnosticsFor(DOC), []);
  });

  it('Should keep a version-1 digest current for what it covered, and offer to renew it with an information diagnostic', async () => {
    const body = '\nI wrote the call sheet. ![The sheet](sheet.png) and [the PDF](files/sheet.pdf).\n';
    const v1 = evidenceDigest([{ code: 'K1' }], body);
    const text = EVIDENCE.replace('---\n\n', `signoff:\n  - by: Priya Shah\n    role: employer\n    date: 2026-03-20\n    digest: "${v1}"\n---\n\n`);
    const { index, fs } = await loadPortfolio({
      'portfolio.yaml': CONFIG,
      'evidence/doc.md': text.replace('otj: 3', 'otj: 30'),
      'evidence/sheet.png': PNG,
      'evidence/files/sheet.pdf': PDF,
    });
    const diagnostics = index.diagnosticsFor(DOC);
    assert.equal(stale(diagnostics), 0, 'hours were not covered by version 1');
    const [old, ...rest] = withCode(diagnostics, DiagnosticCode.SignoffOldDigest) as { message: string; fix: unknown }[];
    assert.deepEqual(rest, []);
    assert.match(old.message, /^Expected a sign-off digest of version 2 \(`v2:`\).*found version 1 in the sign-off of Priya Shah \(employer\) on 2026-03-20/);
    assert.deepEqual(old.fix, { kind: 'signoff-again', index: 0 });
    assert.equal(fileSignoffs(index.file(DOC)!, index).byEmployer, true, 'an old digest still counts');
    fs.write(DOC, text.replace('I wrote', 'I drafted'));
    await index.refresh(DOC);
    assert.equal(stale(index.diagnosticsFor(DOC)), 1, 'a change of the body is still seen');
    assert.deepEqual(withCode(index.diagnosticsFor(DOC) as never, DiagnosticCode.SignoffOldDigest), [], 'stale says it already');
  });

  it('Should give the same v2 digest whatever the line endings, claim order and trailing spaces', () => {
    fc.assert(
      fc.property(fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean(), (eol, reorder, trailing) => {
        const base = '---\ndate: 2026-01-02\nksbs: [K1, S3]\notj: 2\n---\nBody\n';
        let variant = base.replace(/\n/g, eol);
        if (reorder) variant = variant.replace('[K1, S3]', '[S3, K1]');
        if (trailing) variant = variant.replace('Body', 'Body  ');
        const a = currentDigest(base);
        const b = currentDigest(variant);
        assert.ok(a.ok && b.ok);
        assert.equal(b.digest, a.digest);
      }),
    );
  });
});
