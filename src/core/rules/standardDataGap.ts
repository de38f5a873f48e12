// `standard.data-gap`: the chosen standard's data cannot say something coverage depends on.
import type { StandardNote } from '../catalogue/catalogue';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule } from './rule';

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
