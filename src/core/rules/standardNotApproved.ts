// `standard.not-approved`: the chosen standard version is not approved for delivery.
import { DiagnosticCode } from '../model/diagnosticCodes';
import { defineRule } from './rule';

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
