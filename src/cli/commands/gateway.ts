// `ksb gateway [dir]`: the gateway readiness checklist; exits 0 ready, 1 not ready.
import { gatewayReport } from '../../core';
import { assertFormat } from '../formats';
import { formatJson, gatewayJson, JSON_FORMAT } from '../formats/json';
import { formatGatewayText, TEXT_FORMAT } from '../formats/text';
import { loadUsablePortfolio } from '../portfolioFolder';
import type { Command } from './command';

const FORMATS = [TEXT_FORMAT.name, JSON_FORMAT.name];

/** `ksb gateway`. */
export const gatewayCommand: Command = {
  name: 'gateway',
  usage: [
    {
      term: 'gateway [dir]',
      help: ['The gateway readiness checklist: coverage, sign-off, hours, duration,', 'reviews, requirements, errors (exit 0 ready, 1 not ready)'],
    },
  ],
  flags: ['format', 'output'],
  formats: FORMATS,
  async run({ args, format, report, loadPortfolio, today }) {
    assertFormat(format, FORMATS);
    // A portfolio.yaml with errors (a bad `start`, say) would give wrong checks: refuse, as coverage does.
    const { index } = await loadUsablePortfolio('gateway', args, loadPortfolio);
    const gateway = gatewayReport(index, today);
    const asText = () => formatGatewayText(gateway, index, today);
    await report(format === 'json' ? formatJson(gatewayJson(gateway)) : asText(), asText);
    return gateway.ready ? 0 : 1;
  },
};
