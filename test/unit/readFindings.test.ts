import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadFindingKind } from '../../src/core/read/findings';
import { diagnosticOf, REPORTED_FINDING_KINDS } from '../../src/core/rules/readFindings';
import { RULES } from '../../src/core/rules/registry';
import { FILE_START } from '../../src/core/base/text';

/** Every kind of reader finding; the type makes adding a kind without listing it here a compile error. */
const EVERY_KIND: Record<ReadFindingKind, true> = {
  'file-undecodable': true,
  'file-read-error': true,
  'folder-read-error': true,
  'name-undecodable': true,
  'special-file': true,
  'symbolic-link': true,
  'too-large-for-links': true,
  'too-large-read-start': true,
  'yaml-syntax': true,
  'front-matter-unclosed': true,
  'front-matter-past-read-limit': true,
  'front-matter-too-long': true,
  'front-matter-too-deep': true,
  'front-matter-not-map': true,
  'field-twice': true,
  'field-shape': true,
  'ksbs-key-shape': true,
  'ksbs-item-shape': true,
  'ksbs-item-field': true,
  'ksbs-item-field-unknown': true,
  'signoff-not-list': true,
  'signoff-not-map': true,
  'signoff-field-missing': true,
  'signoff-field-not-text': true,
  'signoff-field-unknown': true,
  'signoff-role-unknown': true,
  'signoff-date-invalid': true,
  'signoff-digest-invalid': true,
  'otj-not-list': true,
  'otj-entry-not-map': true,
  'otj-field-unknown': true,
  'otj-hours-missing': true,
  'otj-hours-not-number': true,
  'otj-hours-negative': true,
  'otj-hours-over-a-day': true,
  'otj-date-invalid': true,
  'otj-period-over': true,
  'otj-period-reversed': true,
  'otj-period-half': true,
  'otj-date-and-period': true,
  'config-unread': true,
  'config-yaml-syntax': true,
  'config-not-map': true,
  'config-not-data': true,
  'config-field-unknown': true,
  'config-field-missing': true,
  'config-field-invalid': true,
  'config-end-before-start': true,
  'config-glob-invalid': true,
  'config-standard-unknown': true,
  'config-version-unknown': true,
  'config-option-unknown': true,
  'config-option-missing': true,
  'config-standards-source': true,
  'config-method-ksbs-missing': true,
  'config-method-missing': true,
  'config-method-unknown': true,
  'config-method-empty': true,
  'config-ksb-item-invalid': true,
  'config-ksb-item-unknown': true,
  'config-ksb-item-option': true,
  'standard-file-unread': true,
  'standard-file-invalid': true,
  'standard-gap': true,
  'standard-not-approved': true,
};

/** The TypeScript files below `folder`. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('reader findings and the rules that report them', () => {
  it('Should give every kind of finding exactly one rule', () => {
    const owners = new Map<string, string[]>();
    for (const rule of RULES) {
      for (const kind of Object.keys(('findings' in rule ? rule.findings : undefined) ?? {})) owners.set(kind, [...(owners.get(kind) ?? []), rule.code]);
    }
    for (const kind of Object.keys(EVERY_KIND)) assert.deepEqual(owners.get(kind)?.length, 1, `${kind}: ${owners.get(kind)?.join(', ') ?? 'no rule'}`);
    assert.deepEqual([...REPORTED_FINDING_KINDS].sort(), Object.keys(EVERY_KIND).sort());
  });

  it('Should report a finding in its rule code, at its place, with its subject', () => {
    const diagnostic = diagnosticOf({ kind: 'otj-field-unknown', entry: 1, field: 'minutes', range: FILE_START, subject: { field: 'otj', index: 1 } });
    assert.deepEqual(diagnostic, {
      code: 'otj.invalid',
      message: 'Unexpected field `minutes` in off-the-job entry 2: expected date, hours and activity, or from, to, hours and activity',
      range: FILE_START,
      subject: { field: 'otj', index: 1 },
    });
    assert.equal(
      diagnosticOf({ kind: 'otj-hours-negative', entry: undefined, hours: -2, range: FILE_START }).message,
      'Expected `otj` to be zero or more hours, found -2',
    );
  });

  it('Should make diagnostics only in the rules: no code is set outside src/core/rules', () => {
    const outside = sourceFiles('src/core')
      .filter((path) => !path.startsWith(join('src', 'core', 'rules')))
      .filter((path) => /\bcode: DiagnosticCode\./.test(readFileSync(path, 'utf8')));
    assert.deepEqual(outside, []);
  });
});
