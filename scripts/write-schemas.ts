// Writes the generated JSON Schemas into schemas/. Run with `npm run schemas`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSchema, jsonSchemas } from '../src/core/read/jsonSchemas';

const folder = join(process.cwd(), 'schemas');
mkdirSync(folder, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(join(folder, name), formatSchema(schema));
  console.log(`wrote schemas/${name}`);
}
