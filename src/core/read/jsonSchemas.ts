import * as z from 'zod/mini';
import { standardFileSchema } from '../catalogue/schema';
import { portfolioConfigSchema } from './config';
import { evidenceFrontMatterSchema } from './frontMatterSchema';

/**
 * The JSON Schemas published in `schemas/`, generated from the zod schemas so the two cannot
 * drift: a unit test compares these with the committed files. Only scripts and tests call this,
 * so the JSON Schema generator stays out of the shipped bundles.
 */
export function jsonSchemas(): Record<string, object> {
  const generate = (schema: z.ZodMiniType, id: string, title: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    $id: `ksb-portfolio:${id}`,
    title,
  });
  return {
    'portfolio.schema.json': generate(portfolioConfigSchema, 'portfolio', 'KSB portfolio config (portfolio.yaml)'),
    'standard.schema.json': generate(standardFileSchema, 'standard', 'Apprenticeship standard data file'),
    'evidence-front-matter.schema.json': generate(evidenceFrontMatterSchema, 'evidence-front-matter', 'Front matter of an evidence file'),
  };
}

/** A schema file's text as committed: two-space JSON with a final newline. */
export function formatSchema(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
