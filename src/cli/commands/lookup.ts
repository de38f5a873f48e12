// `ksb lookup CODE`: a KSB's text, option and duties, from the portfolio's standard or a shipped one.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  builtinCatalogue,
  canonicalCode,
  CONFIG_FILE_NAME,
  defaultStandard,
  kindTitle,
  ksbDataGaps,
  nearestCodes,
  PortfolioIndex,
  type Catalogue,
  type StandardVersion,
} from '../../core';
import { NodeFileSystem, toPosix } from '../nodeFileSystem';
import { oneLine } from '../printable';
import { UsageError } from '../usageError';
import type { Command } from './command';

/** `ksb lookup`. */
export const lookupCommand: Command = {
  name: 'lookup',
  usage: [{ term: 'lookup CODE', help: ["Show a KSB's text, option and duties"] }],
  flags: ['version', 'standard'],
  formats: [],
  async run({ args, flags, write }) {
    if (args.length !== 1) throw new UsageError('lookup needs one code, e.g. `ksb lookup K24`');
    write(lookup(args[0], await lookupStandard(flags.standard, flags.version)));
    return 0;
  },
};

/** The standard version lookup reads: flags first, then ./portfolio.yaml, then the latest shipped. */
async function lookupStandard(reference: string | undefined, version: string | undefined): Promise<StandardVersion> {
  let catalogue: Catalogue = builtinCatalogue();
  let configured: { standard: string; version?: string } | undefined;
  if (existsSync(CONFIG_FILE_NAME)) {
    // The config and its standards only: a lookup needs no evidence file.
    const index = new PortfolioIndex(new NodeFileSystem(), toPosix(resolve('.')));
    await index.loadConfiguration();
    catalogue = index.standards;
    if (index.portfolio) configured = { standard: index.portfolio.standard.reference, version: index.portfolio.standard.version };
  }
  const ref = reference ?? configured?.standard ?? defaultStandard(catalogue)?.reference ?? '';
  const wantedVersion = version ?? (reference === undefined ? configured?.version : undefined);
  const standard = catalogue.get(ref, wantedVersion);
  if (!standard) {
    const versions = catalogue.versions(ref);
    if (versions.length === 0) {
      throw new UsageError(
        `unknown standard ${oneLine(ref)}: expected one of ${catalogue.references().join(', ')} (add others with \`ksb standard add REF\` in a portfolio)`,
      );
    }
    throw new UsageError(`unknown version ${wantedVersion} of ${ref}: expected one of ${versions.map((v) => v.version).join(', ')}`);
  }
  return standard;
}

/** A KSB's text, option, duties and notes, one thing a line. */
function lookup(written: string, standard: StandardVersion): string {
  const code = canonicalCode(written) ?? written;
  const ksb = standard.ksb(code);
  if (!ksb) {
    const nearest = nearestCodes(standard, written).map((k) => k.code);
    const hint = nearest.length > 0 ? `; nearest: ${nearest.join(', ')}` : '';
    throw new UsageError(`${standard.label} has no ${code} (it has ${standard.codeRanges()})${hint}`);
  }
  const lines = [
    `${ksb.code} (${kindTitle(ksb.kind)}, ${standard.label}: ${standard.title})`,
    '',
    ksb.text,
    '',
    `Option: ${standard.optionKnown(ksb) ? standard.optionLabel(ksb) : 'not known (it counts for every option)'}`,
  ];
  if (ksb.duties.length > 0) {
    lines.push('Duties:');
    for (const duty of ksb.duties) lines.push(`  ${duty.number}. ${duty.text}`);
  } else {
    lines.push('Duties: none listed in the standard');
  }
  if (standard.notApprovedForDelivery) lines.push(`Status: ${standard.status}${standard.endDate ? ` (latest start ${standard.endDate})` : ''}`);
  // The same words as hover, from the same notes.
  for (const gap of ksbDataGaps(standard, ksb)) lines.push(`Note: ${gap}`);
  if (standard.standardPageUrl) lines.push(`Standard page: ${standard.standardPageUrl}`);
  // A workspace standard's texts come from a file: keep each on its line.
  return `${lines.map(oneLine).join('\n')}\n`;
}
