// `standard.invalid-data`: a standard data file of the workspace that was not read or does not validate.
import { DiagnosticCode } from '../model/diagnosticCodes';
import { refusalWords } from './refusalWords';
import { defineRule } from './rule';

/** `standard.invalid-data`: raised where the index loads standard data files from the workspace. */
export const invalidStandardRule = defineRule({
  code: DiagnosticCode.InvalidStandard,
  defaultLevel: 'error',
  summary: 'A problem in a standard data file loaded from the workspace.',
  meaning: 'a standard data file in the workspace that does not validate, naming the field and what was expected',
  findings: {
    'standard-file-unread': ({ name, refusal }) => `Expected \`${name}\` to be a readable text file, found ${refusalWords(refusal)}`,
    'standard-file-invalid': ({ detail }) => detail,
  },
});
