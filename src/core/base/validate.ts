import * as z from 'zod/mini';
// The English locale alone: `z.locales.en` would bundle every language zod has (about 255 KB).
import en from 'zod/v4/locales/en.js';

/**
 * zod's English messages (`Too small: expected string to have >=1 characters`), which diagnostics
 * quote. zod/mini brings no messages of its own (every issue reads `Invalid input`), and zod's
 * global config lives on `globalThis`, shared with any other copy of zod in the process (another
 * extension in the same extension host could set another language), so they go with each parse.
 */
const englishMessages = en().localeError;

/**
 * Checks data against a schema; issues carry zod's English messages, whatever zod's global config
 * says, and the value they are about (`input`), so a missing field can be told from a wrong one.
 */
export function validate<Output>(schema: z.ZodMiniType<Output>, data: unknown): z.core.util.SafeParseResult<Output> {
  return schema.safeParse(data, { error: englishMessages, reportInput: true });
}
