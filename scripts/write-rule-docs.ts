// Writes what the rule registry generates: the rules setting in package.json and the README's
// diagnostics table. Run with `npm run generate`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withRuleSettings, withRuleTable } from '../src/core/rules/ruleDocs';

for (const [name, generate] of [
  ['package.json', withRuleSettings],
  ['README.md', withRuleTable],
] as const) {
  const path = join(process.cwd(), name);
  const before = readFileSync(path, 'utf8');
  const after = generate(before);
  if (after !== before) writeFileSync(path, after);
  console.log(after === before ? `${name} is up to date` : `wrote ${name}`);
}
