import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule } from './rule';

/** `standard.invalid-data`: raised where the index loads standard data files from the workspace. */
export const invalidStandardRule = defineRule({
  code: DiagnosticCode.InvalidStandard,
  defaultLevel: 'error',
  summary: 'A problem in a standard data file loaded from the workspace.',
  meaning: 'a standard data file in the workspace that does not validate, naming the field and what was expected',
});

/** `standard.data-gap`: raised where the config is resolved, once per note of the chosen standard version. */
export const standardDataGapRule = defineRule({
  code: DiagnosticCode.StandardDataGap,
  defaultLevel: 'warning',
  summary: "The chosen standard's data cannot say something coverage depends on.",
  meaning:
    'the standard version `portfolio.yaml` chooses has a gap its source cannot fill: no KSBs at all, options named but no KSB mapped to any, KSBs in no duty of an optioned standard (counted for every option), or a version taken from the file name. Shown on `standard:`, and in hover and `ksb lookup`',
});

/** `standard.not-approved`: raised where the config is resolved, when the chosen version's status is not "Approved for delivery". */
export const standardNotApprovedRule = defineRule({
  code: DiagnosticCode.StandardNotApproved,
  defaultLevel: 'information',
  summary: 'The chosen standard version is retired, withdrawn or not yet approved for delivery.',
  meaning:
    'the standard version `portfolio.yaml` chooses has a status other than "Approved for delivery" in the public API (Retired, Withdrawn, In development...). Apprentices who started on a retired version stay on it, so this is information, not a warning',
});
