import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_DIAGNOSTIC_CODES, DiagnosticCode, RULES } from '../../src/core';
import { DEFAULT_RULE_LEVELS } from '../../src/core/rules/registry';
import { RULE_TABLE_MARKERS, ruleTable, withRuleSettings, withRuleTable } from '../../src/core/rules/ruleDocs';

const read = (name: string) => readFileSync(join(process.cwd(), name), 'utf8');

describe('Rule registry', () => {
  it('keeps the rules setting in package.json equal to what the registry generates (run `npm run generate` after changing a rule)', () => {
    const committed = read('package.json');
    assert.equal(committed, withRuleSettings(committed), 'package.json is stale: run `npm run generate`');
  });

  it('keeps the diagnostics table of docs/rules.md equal to what the registry generates (run `npm run generate` after changing a rule)', () => {
    const committed = read('docs/rules.md');
    assert.equal(committed, withRuleTable(committed), 'docs/rules.md is stale: run `npm run generate`');
  });

  it('Should keep the generated table in docs/rules.md only, not in the README', () => {
    assert.ok(!read('README.md').includes(RULE_TABLE_MARKERS.start), 'README.md still holds the rule markers: the table lives in docs/rules.md');
  });

  it('Should list every code once, in the order of the registry', () => {
    assert.deepEqual(
      ALL_DIAGNOSTIC_CODES,
      RULES.map((rule) => rule.code),
    );
    assert.equal(new Set(ALL_DIAGNOSTIC_CODES).size, ALL_DIAGNOSTIC_CODES.length);
    assert.equal(new Set(RULES.map((rule) => rule.name)).size, RULES.length);
  });

  it('Should give every code of the table exactly one rule, and derive the default levels from the registry', () => {
    assert.deepEqual([...ALL_DIAGNOSTIC_CODES].sort(), Object.values(DiagnosticCode).sort());
    for (const rule of RULES) {
      assert.equal((DiagnosticCode as Record<string, string>)[rule.name], rule.code);
      assert.equal(DEFAULT_RULE_LEVELS[rule.code], rule.defaultLevel);
    }
  });

  it('Should give every rule a stable `area.kebab-case` code, a summary ending in a full stop and a meaning', () => {
    for (const rule of RULES) {
      assert.match(rule.code, /^[a-z]+\.[a-z]+(-[a-z]+)*$/, rule.code);
      assert.match(rule.summary, /\.$/, rule.code);
      assert.ok(rule.meaning.length > 0 && !rule.meaning.includes('|'), `${rule.code}: a meaning without pipes, which would break the table`);
    }
  });

  it('Should generate one table row per rule, with a dash where no quick fix is offered', () => {
    const rows = ruleTable().split('\n').slice(2);
    assert.equal(rows.length, RULES.length);
    assert.ok(rows[0].startsWith('| <a id="ksbunknown-code"></a>`ksb.unknown-code` | error | '), rows[0]);
    assert.ok(rows.find((row) => row.includes('`evidence.missing-attachment` |'))?.endsWith(' | — |'));
  });
});
