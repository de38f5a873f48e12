import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule } from './rule';
import { refusalWords } from './portfolioRules';
import type { StandardNote } from '../catalogue/catalogue';

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

/** `standard.data-gap`: raised where the config is resolved, once per note of the chosen standard version. */
export const standardDataGapRule = defineRule({
  code: DiagnosticCode.StandardDataGap,
  defaultLevel: 'warning',
  summary: "The chosen standard's data cannot say something coverage depends on.",
  meaning:
    'the standard version `portfolio.yaml` chooses has a gap its source cannot fill: no KSBs at all, options named but no KSB mapped to any, KSBs in no duty of an optioned standard (counted for every option), or a version taken from the file name. Shown on `standard:`, and in hover and `ksb lookup`',
  findings: {
    'standard-gap': ({ standard, note }) => `${EXPECTED_FOR_NOTE[note.kind]} the data of ${standard}, found a gap: ${note.text}`,
  },
});

/** What a note's gap should have been, for the expected-vs-found message. */
const EXPECTED_FOR_NOTE: Readonly<Record<StandardNote['kind'], string>> = {
  'no-ksbs': 'Expected knowledge, skills and behaviours in',
  'options-unmapped': 'Expected KSBs mapped to the options in',
  'ksbs-in-no-duty': 'Expected every KSB to belong to the core or an option in',
  'duty-without-option': 'Expected every non-core duty to name its option in',
  'version-from-file-name': 'Expected a version in',
  'dangling-reference': 'Expected every mapping to name a KSB listed in',
  'codes-differ': 'Expected KSB texts to begin with their own code, or none, in',
};

/** `standard.not-approved`: raised where the config is resolved, when the chosen version's status is not "Approved for delivery". */
export const standardNotApprovedRule = defineRule({
  code: DiagnosticCode.StandardNotApproved,
  defaultLevel: 'information',
  summary: 'The chosen standard version is retired, withdrawn or not yet approved for delivery.',
  meaning:
    'the standard version `portfolio.yaml` chooses has a status other than "Approved for delivery" in the public API (Retired, Withdrawn, In development...). Apprentices who started on a retired version stay on it, so this is information, not a warning',
  findings: {
    'standard-not-approved': ({ standard, status, endDate }) => {
      const dates = endDate ? ` (latest start ${endDate})` : '';
      return /^retired$/i.test(status ?? '')
        ? `Expected ${standard} to be approved for delivery, found "${status}"${dates}: apprentices who started on it stay on it; new starts take a later version`
        : `Expected ${standard} to be approved for delivery, found "${status}"${dates}: check that this is the version of your apprenticeship`;
    },
  },
});
