// `ksb hours [dir]`: off-the-job hours logged against the target, pro rata and by month.
import { hoursReport } from '../../core';
import { assertFormat } from '../formats';
import { formatJson, hoursJson, JSON_FORMAT } from '../formats/json';
import { formatHoursText, TEXT_FORMAT } from '../formats/text';
import { loadUsablePortfolio } from '../portfolioFolder';
import type { Command } from './command';

const FORMATS = [TEXT_FORMAT.name, JSON_FORMAT.name];

/** `ksb hours`. */
export const hoursCommand: Command = {
  name: 'hours',
  usage: [{ term: 'hours [dir]', help: ['Off-the-job hours logged against the target, pro rata and by month'] }],
  flags: ['format', 'output'],
  formats: FORMATS,
  async run({ args, format, report, loadPortfolio, today }) {
    assertFormat(format, FORMATS);
    // A portfolio.yaml with errors (a bad `start`, say) would give wrong hours: refuse, as coverage does.
    const { index } = await loadUsablePortfolio('hours', args, loadPortfolio);
    const hours = hoursReport(index, today);
    const asText = () => formatHoursText(hours, today);
    await report(format === 'json' ? formatJson(hoursJson(hours, today)) : asText(), asText);
    return 0;
  },
};
