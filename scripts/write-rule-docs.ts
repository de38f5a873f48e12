// Writes what the rule registry generates: the rules setting in package.json and the diagnostics
// table of docs/rules.md. Run with `npm run generate`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// The manual's page for the rules keeps the table between RULE_TABLE_MARKERS, as the README once did.
import { RULES_PAGE, withRuleSettings, withRuleTable } from '../src/core/rules/ruleDocs';

for (const [name, generate] of [
  ['package.json', withRuleSettings],
  [RULES_PAGE, withRuleTable],
] as const) {
  const path = join(process.cwd(), name);
  const before = readFileSync(path, 'utf8');
  const after = generate(before);
  if (after !== before) writeFileSync(path, after);
  console.log(after === before ? `${name} is up to date` : `wrote ${name}`);
}
