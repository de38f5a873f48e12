import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSchema, jsonSchemas } from '../../src/core/read/jsonSchemas';

describe('JSON Schemas', () => {
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    it(`keeps schemas/${name} equal to what the zod schema generates (run \`npm run schemas\` after changing a schema)`, () => {
      const committed = readFileSync(join(process.cwd(), 'schemas', name), 'utf8');
      assert.equal(committed, formatSchema(schema));
    });
  }

  it('describes the portfolio config fields users write', () => {
    const schema = jsonSchemas()['portfolio.schema.json'] as { properties: Record<string, unknown>; required: string[] };
    assert.deepEqual(Object.keys(schema.properties).sort(), [
      'apprentice',
      'assessment',
      'employer',
      'end',
      'evidence',
      'gateway',
      'mentor',
      'option',
      'otj-target',
      'people',
      'placeholders',
      'provider',
      'site-root',
      'standard',
      'standards',
      'start',
      'verify-signoffs',
      'version',
      'weekly-hours',
    ]);
    assert.deepEqual(schema.required, ['standard']);
  });
});
