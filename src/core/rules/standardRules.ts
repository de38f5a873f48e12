import { defineRule } from './rule';

/** `standard.invalid-data`: raised where the index loads standard data files from the workspace. */
export const invalidStandardRule = defineRule({
  name: 'InvalidStandard',
  code: 'standard.invalid-data',
  defaultLevel: 'error',
  summary: 'A problem in a standard data file loaded from the workspace.',
  meaning: 'a standard data file in the workspace that does not validate, naming the field and what was expected',
});
