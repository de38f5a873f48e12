// Writes the shipped standard data (src/core/catalogue/data/ST0792-*.yaml) from the public API
// snapshot and the seeds beside the repository: `npm run import:standards`. Given API files
// (`npm run import:standards -- path/ST1234_1.0.json`), prints each as a data file instead, option
// ids made from the titles. The rules are in scripts/standardImport.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { API_SNAPSHOT_FOLDER, importStandard, plainImport, SHIPPED_IMPORTS } from './standardImport';
import { SEED_FOLDER, seedFileName, seedReader } from './seedDocuments';

const root = process.cwd();
const files = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));

if (files.length > 0) {
  for (const file of files) {
    const result = importStandard(plainImport(path.basename(file)), { apiText: readFileSync(file, 'utf8') });
    if (!result.ok) throw new Error(`${file}: ${result.message}`);
    process.stdout.write(result.text);
  }
} else {
  const seeds = path.resolve(root, SEED_FOLDER);
  const snapshot = path.resolve(root, API_SNAPSHOT_FOLDER);
  for (const plan of SHIPPED_IMPORTS) {
    const result = importStandard(plan, {
      apiText: readFileSync(path.join(snapshot, plan.apiFile), 'utf8'),
      readSeed: seedReader(seeds),
      seedFile: (id) => seedFileName(seeds, id),
    });
    if (!result.ok) throw new Error(`${plan.apiFile}: ${result.message}`);
    const target = path.join(root, 'src/core/catalogue/data', plan.dataFile);
    const before = readFileSync(target, { encoding: 'utf8', flag: 'a+' });
    if (before !== result.text) writeFileSync(target, result.text);
    console.log(before === result.text ? `${plan.dataFile} is up to date` : `wrote src/core/catalogue/data/${plan.dataFile}`);
  }
}
